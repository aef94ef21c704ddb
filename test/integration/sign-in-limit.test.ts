// The sign-in rate limit under wrangler's test harness (a real listener, as wrangler dev serves):
// the harness sets CF-Connecting-IP to the caller's loopback address and simulates the Workers rate
// limiting binding, so the eleventh attempt in a minute is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../shared/contract.ts";
import { startStack, type Stack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe("sign-in over a real listener", () => {
  it("counts attempts per client address and answers the eleventh with 429 and Retry-After", async () => {
    const attempt = () =>
      fetch(`${stack.workerUrl}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ togglApiToken: "0123456789abcdef0123456789abcdef" }),
      });
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    const body = (await refused.json()) as ApiErrorBody;
    expect(body.error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 60 });
  });
});
