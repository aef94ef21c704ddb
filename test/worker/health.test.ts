import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /health", () => {
  it("answers ok with the version", async () => {
    const res = await exports.default.fetch("http://hourline.test/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String) });
  });

  it("answers unknown routes with the JSON error shape", async () => {
    const res = await exports.default.fetch("http://hourline.test/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
