// Sign-in attempts per client IP, counted by Cloudflare's Workers rate limiting binding
// (SIGN_IN_LIMITER, `[[ratelimits]]` in wrangler.toml). Each attempt may cost a Toggl /me request
// and tries a token, so a burst from one network is refused with 429 and Retry-After.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";

/** The binding's period (wrangler.toml); the binding does not say when a refused key may try again. */
const SIGN_IN_PERIOD_SECONDS = 60;

/**
 * The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64 (one
 * household or office gets a whole /64), "unknown" without one.
 */
export function clientKey(ip: string | undefined | null): string {
  const address = (ip ?? "").trim().toLowerCase();
  if (!address) return "unknown";
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export const limitSignIn = createMiddleware<AppEnv>(async (c, next) => {
  // Cloudflare sets CF-Connecting-IP; wrangler dev and the test harness set it too (127.0.0.1).
  const key = `sign-in:${clientKey(c.req.header("cf-connecting-ip"))}`;
  const { success } = await c.env.SIGN_IN_LIMITER.limit({ key });
  if (!success) {
    throw new ApiError(
      429,
      "rate_limited",
      "Too many sign-in attempts from your network; wait a minute and try again",
      undefined,
      SIGN_IN_PERIOD_SECONDS,
    );
  }
  await next();
});
