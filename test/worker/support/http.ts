// The one way worker tests call the worker: in-process through its fetch handler, at its public
// address (as the extension and Toggl's webhooks reach it), the answer read once and parsed.
import { env, exports } from "cloudflare:workers";

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  /** The raw body, for checks such as "no Toggl token in any answer". */
  text: string;
  /** The body parsed as JSON; null when empty. */
  body: T;
}

/**
 * `body`: a string is sent as it is (to test malformed input), anything else as JSON. Headers are
 * sent as given: a user's `headers` (from support/accounts) carry the session and the JSON type.
 * Each call comes from its own client address unless `cf-connecting-ip` is given, as Cloudflare
 * would set it: sign-ins are rate-limited per address, and the limiter is shared by every test file.
 */
export async function call<T = unknown>(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Answer<T>> {
  const res = await exports.default.fetch(`${env.PUBLIC_URL}${path}`, {
    method,
    headers: { "cf-connecting-ip": randomAddress(), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : null) as T };
}

/** A documentation-range IPv6 address (2001:db8::/32), a fresh /64 each time. */
export function randomAddress(): string {
  const group = () => Math.floor(Math.random() * 0x10000).toString(16);
  return `2001:db8:${group()}:${group()}::1`;
}
