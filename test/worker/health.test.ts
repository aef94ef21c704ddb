import { call } from "./support/http";
import { describe, expect, it } from "vitest";

describe("GET /health", () => {
  it("answers ok with the version", async () => {
    const res = await call("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, version: expect.any(String) });
  });

  it("answers unknown routes with the JSON error shape", async () => {
    const res = await call("GET", "/nope");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: "not_found" } });
  });
});
