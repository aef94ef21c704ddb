// Pure checks on a Toggl delivery: the HMAC signature over the raw body, the delivery timestamp
// and the callback URL (replay refusal).
import { constantTimeEqual, hmacSha256Hex } from "../../lib/crypto";

/** Deliveries whose `timestamp` is further than this from now are refused as replays. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * True when `header` is `sha256=<hex>` of HMAC-SHA256(secret, rawBody). Give the bytes as they
 * arrived: decoding first would drop a byte-order mark and replace invalid UTF-8, and the
 * signature would never match.
 */
export async function verifySignature(
  secret: string,
  rawBody: string | Uint8Array<ArrayBuffer>,
  header: string | null | undefined,
): Promise<boolean> {
  const hex = /^sha256=([0-9a-fA-F]{64})$/.exec((header ?? "").trim())?.[1];
  if (!hex) return false;
  const expected = await hmacSha256Hex(secret, rawBody);
  return constantTimeEqual(expected, hex.toLowerCase());
}

/** True when the delivery's own send time is within the allowed skew of `now`. */
export function isFreshTimestamp(timestamp: string, now: number): boolean {
  const sent = Date.parse(timestamp);
  return Number.isFinite(sent) && Math.abs(now - sent) <= MAX_CLOCK_SKEW_MS;
}

/** The URL Toggl calls for a connection. */
export function webhookCallbackUrl(publicUrl: string, connectionId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/webhooks/toggl/${encodeURIComponent(connectionId)}`;
}

/**
 * True when `urlCallback` is this connection's callback: the URL it subscribed with when known,
 * else the connection's path on our public origin or on the origin the request actually reached.
 */
export function isOwnCallback(
  urlCallback: string,
  connectionId: string,
  origins: readonly string[],
  subscribedUrl?: string | null,
): boolean {
  if (subscribedUrl) return urlCallback.replace(/\/+$/, "") === subscribedUrl.replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(urlCallback);
  } catch {
    return false;
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== `/webhooks/toggl/${encodeURIComponent(connectionId)}` && path !== `/webhooks/toggl/${connectionId}`)
    return false;
  return origins.some((o) => {
    try {
      return new URL(o).origin === url.origin;
    } catch {
      return false;
    }
  });
}
