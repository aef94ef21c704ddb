// Signed Toggl webhook deliveries of finished time entries, as the stand-in would send them, for
// the benches that post straight to the worker's callback URL.
import { createHmac } from "node:crypto";

interface Subscription {
  subscription_id: number;
  url_callback: string;
  secret: string;
}

export interface EntryEvent {
  eventId: number;
  action: "created" | "updated";
  workspaceId: number;
  /** The entry's owner, also the one who made the change. */
  userId: number;
  entryId: number;
  description: string;
  /** Epoch ms; the entry lasts 30 minutes. */
  start: number;
  /** Toggl's last-modified time, epoch ms (defaults to now). */
  at?: number;
}

const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");

/** The raw body of one time_entry event for `sub`. */
export function entryDelivery(sub: Subscription, e: EntryEvent): string {
  const now = new Date();
  return JSON.stringify({
    event_id: e.eventId,
    created_at: now.toISOString(),
    creator_id: e.userId,
    metadata: {
      action: e.action,
      event_user_id: String(e.userId),
      model: "time_entry",
      model_owner_id: String(e.userId),
      path: `/api/v9/workspaces/${e.workspaceId}/time_entries/${e.entryId}`,
      request_type: e.action === "created" ? "POST" : "PUT",
      time_entry_id: String(e.entryId),
      workspace_id: String(e.workspaceId),
    },
    payload: {
      id: e.entryId,
      workspace_id: e.workspaceId,
      wid: e.workspaceId,
      user_id: e.userId,
      uid: e.userId,
      project_id: null,
      task_id: null,
      billable: false,
      description: e.description,
      start: seconds(e.start),
      stop: seconds(e.start + 1_800_000),
      duration: 1800,
      duronly: true,
      tags: [],
      tag_ids: null,
      server_deleted_at: null,
      at: seconds(e.at ?? now.getTime()).replace("Z", "+00:00"),
    },
    subscription_id: sub.subscription_id,
    timestamp: now.toISOString(),
    url_callback: sub.url_callback,
  });
}

/** Posts a raw delivery to the subscription's callback, signed with its secret. */
export function postDelivery(sub: Subscription, raw: string): Promise<Response> {
  return fetch(sub.url_callback, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-webhook-signature-256": `sha256=${createHmac("sha256", sub.secret).update(raw).digest("hex")}`,
    },
    body: raw,
  });
}
