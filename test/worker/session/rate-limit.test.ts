import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../../shared/contract";
import { clientKey } from "../../../worker/auth/sign-in-limit";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { call, randomAddress } from "../support/http";

const control = new StandInControl(env.TOGGL_API_URL);
const signInFrom = (address: string, togglApiToken: string) =>
  call<ApiErrorBody>(
    "POST",
    "/api/session",
    { "content-type": "application/json", "cf-connecting-ip": address },
    { togglApiToken },
  );

describe("sign-in rate limit (Workers rate limiting binding, per client address)", () => {
  it("refuses the eleventh attempt in a minute from one address with 429 and Retry-After, without asking Toggl", async () => {
    const address = randomAddress();
    const token = `${crypto.randomUUID().replace(/-/g, "")}`;
    for (let i = 0; i < 10; i++) expect((await signInFrom(address, token)).status).toBe(401);
    const sentBefore = (await control.requestLog({ token })).total;

    const refused = await signInFrom(address, token);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 60 });
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await control.requestLog({ token })).total).toBe(sentBefore);

    // Someone else is not held back.
    expect((await signInFrom(randomAddress(), token)).status).toBe(401);
  });

  it("counts an IPv6 network's /64 as one client", async () => {
    const network = randomAddress().replace(/::1$/, "");
    const token = `${crypto.randomUUID().replace(/-/g, "")}`;
    for (let i = 0; i < 10; i++)
      expect((await signInFrom(`${network}::${(i + 1).toString(16)}`, token)).status).toBe(401);
    expect((await signInFrom(`${network}:0:0:0:ff`, token)).status).toBe(429);
  });
});

describe("clientKey", () => {
  it("keeps an IPv4 address, folds IPv6 to its /64, and names a missing one", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey("2001:DB8:0001:0002:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2::ff")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey(undefined)).toBe("unknown");
    expect(clientKey("  ")).toBe("unknown");
  });
});
