// Signed Toggl deliveries posted to the worker, built like Toggl builds them.
import { env } from "cloudflare:workers";
import { hmacSha256Hex } from "../../../worker/lib/crypto";
import { call } from "../support/http";

const PUBLIC_URL = env.PUBLIC_URL;
let eventId = 8_256_404_788_549_451;

export function callbackUrl(connectionId: string) {
  return `${PUBLIC_URL}/webhooks/toggl/${connectionId}`;
}

export function timeEntryEvent(
  connectionId: string,
  action: "created" | "updated" | "deleted",
  entry: { id: number; workspace_id: number; user_id: number },
  overrides: Record<string, unknown> = {},
) {
  return {
    event_id: eventId++,
    created_at: new Date().toISOString(),
    creator_id: 9547721,
    metadata: {
      action,
      event_user_id: String(entry.user_id),
      model: "time_entry",
      model_owner_id: String(entry.user_id),
      path: `/api/v9/workspaces/${entry.workspace_id}/time_entries/${entry.id}`,
      request_type: action === "created" ? "POST" : action === "updated" ? "PUT" : "DELETE",
      time_entry_id: String(entry.id),
      workspace_id: String(entry.workspace_id),
    },
    payload: entry,
    subscription_id: 10713,
    timestamp: new Date().toISOString(),
    url_callback: callbackUrl(connectionId),
    ...overrides,
  };
}

export function pingEvent(connectionId: string, validationCode?: string) {
  return {
    event_id: 0,
    created_at: new Date().toISOString(),
    creator_id: 9547721,
    metadata: { request_type: "POST", event_user_id: 9547721 },
    payload: "ping",
    subscription_id: 10710,
    timestamp: new Date().toISOString(),
    url_callback: callbackUrl(connectionId),
    ...(validationCode
      ? {
          validation_code: validationCode,
          validation_code_url: `https://track.toggl.com/webhooks/api/v1/validate/1/10710/${validationCode}`,
        }
      : {}),
  };
}

/** POSTs a body (object → JSON) signed with `secret`; `signature: null` sends no header. */
export async function deliver(
  connectionId: string,
  body: unknown,
  opts: { secret: string; signature?: string | null },
) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.signature !== null)
    headers["x-webhook-signature-256"] = opts.signature ?? `sha256=${await hmacSha256Hex(opts.secret, raw)}`;
  return call("POST", `/webhooks/toggl/${connectionId}`, headers, raw);
}
