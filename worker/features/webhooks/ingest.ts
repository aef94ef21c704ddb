// One Toggl delivery, after the route has read the raw body: look up the connection, verify the
// signature, refuse replays, then apply. Nothing is acknowledged that was not stored: a storage
// error propagates (5xx) so that Toggl delivers again.
import { eq, sql } from "drizzle-orm";
import type { Statement } from "../../db/batch";
import { connections } from "../../db/schema";
import type { Db } from "../../env";
import { decryptSecret } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { idText, isTogglId, parseTogglJson } from "../../toggl/json";
import {
  timeEntrySchema,
  webhookEventSchema,
  webhookPingSchema,
  type WebhookEvent,
  type WebhookPing,
} from "../../toggl/types";
import {
  applyTimeEntry,
  markTimeEntryDeleted,
  normalizeTogglTimeEntry,
  withEventTime,
  type ApplyResult,
} from "../time-logs/apply";
import { applyStructureEvent, type StructureEventResult } from "../workspace-mirror/structure";
import { isFreshTimestamp, isOwnCallback, verifySignature } from "./verify";

export interface DeliveryContext {
  db: Db;
  encryptionKey: string;
  /** Origins a genuine url_callback may carry (PUBLIC_URL, and the origin the request reached). */
  origins: string[];
  now: number;
}

export type DeliveryOutcome =
  { status: 200; body: { validation_code: string } | { ok: true; result: string } } | { status: 401; reason: string };

type Connection = typeof connections.$inferSelect;
/** What became of an event: a time entry's outcome, a structure item's, or ignored. */
type EventResult = ApplyResult | StructureEventResult;

export async function handleDelivery(
  ctx: DeliveryContext,
  connectionId: string,
  rawBody: string,
  signature: string | undefined,
): Promise<DeliveryOutcome> {
  const { db } = ctx;
  const connection = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
  // Toggl retries anything but 2xx, forever: deliveries we will never use are acknowledged.
  if (!connection) return { status: 200, body: { ok: true, result: "ignored_unknown_connection" } };
  // No secret yet means no subscription yet: nothing can prove the delivery is Toggl's, so it
  // writes nothing at all (not even the ignored count).
  if (!connection.webhookSecretCiphertext) return { status: 200, body: { ok: true, result: "ignored_no_secret" } };
  // Only genuine deliveries are acknowledged and counted.
  const secret = await decryptSecret(ctx.encryptionKey, connection.webhookSecretCiphertext);
  if (!(await verifySignature(secret, rawBody, signature))) {
    return { status: 401, reason: signature ? "Signature does not match" : "Missing X-Webhook-Signature-256" };
  }
  if (connection.status === "unlinked") {
    await countIgnored(db, connection.id);
    return { status: 200, body: { ok: true, result: "ignored_unlinked" } };
  }

  let json: unknown;
  try {
    json = parseTogglJson(rawBody);
  } catch {
    throw new ApiError(400, "invalid_json", "Body is not valid JSON");
  }
  const isPing = typeof json === "object" && json !== null && (json as { payload?: unknown }).payload === "ping";
  const delivery = isPing ? webhookPingSchema.parse(json) : webhookEventSchema.parse(json);

  if (!isFreshTimestamp(delivery.timestamp, ctx.now)) {
    throw new ApiError(400, "stale_delivery", "Delivery timestamp is more than 5 minutes from now");
  }
  if (!isOwnCallback(delivery.url_callback, connection.id, ctx.origins, connection.webhookCallbackUrl)) {
    throw new ApiError(400, "wrong_callback", "url_callback is not this connection's callback URL");
  }

  if (isPing) {
    const ping = delivery as WebhookPing;
    if (ping.validation_code) {
      await db
        .update(connections)
        .set({ webhookStatus: "validated", webhookValidatedAt: new Date(ctx.now), updatedAt: new Date(ctx.now) })
        .where(eq(connections.id, connection.id));
      return { status: 200, body: { validation_code: ping.validation_code } };
    }
    return { status: 200, body: { ok: true, result: "pong" } };
  }

  const event = delivery as WebhookEvent;
  const touch = db
    .update(connections)
    .set({ webhookLastEventAt: new Date(ctx.now) })
    .where(eq(connections.id, connection.id));
  const outcome = await applyEvent(ctx, connection, event, touch);
  if (outcome.result === "ignored") await countIgnored(db, connection.id);
  if (!outcome.touched) await touch;
  return { status: 200, body: { ok: true, result: outcome.result } };
}

/** `touch` (the last-event time) goes in the same batch as a time entry's writes. */
async function applyEvent(
  ctx: DeliveryContext,
  connection: Connection,
  event: WebhookEvent,
  touch: Statement,
): Promise<{ result: EventResult; touched: boolean }> {
  const untouched = (result: EventResult) => ({ result, touched: false });
  const model = event.metadata.model;
  const action = event.metadata.action;
  const workspaceId = event.metadata.workspace_id;
  // An event for another workspace than the connection's (never expected): not ours to store.
  if (workspaceId !== undefined && workspaceId !== connection.workspaceId) return untouched("ignored");
  const scope = { accountId: connection.accountId, connectionId: connection.id, workspaceId: connection.workspaceId };

  if (model === "time_entry") {
    const parsed = timeEntrySchema.safeParse(event.payload);
    if (!parsed.success) {
      // A deletion may carry only the id; anything else must be a full entry.
      const id = idText(event.payload.id ?? event.metadata.time_entry_id);
      if (action === "deleted" && isTogglId(id))
        return untouched(await markTimeEntryDeleted(ctx.db, connection.accountId, id));
      throw parsed.error;
    }
    if (parsed.data.workspace_id !== connection.workspaceId) return untouched("ignored");
    const entry = normalizeTogglTimeEntry(parsed.data);
    entry.at = withEventTime(entry.at, event.created_at);
    if (action === "deleted") entry.deleted = true;
    return { result: await applyTimeEntry(ctx.db, scope, entry, [touch]), touched: true };
  }
  if (model && action)
    return untouched(
      await applyStructureEvent(ctx.db, scope.accountId, scope.workspaceId, model, action, event.payload),
    );
  return untouched("ignored");
}

async function countIgnored(db: Db, connectionId: string) {
  await db
    .update(connections)
    .set({ ignoredDeliveries: sql`${connections.ignoredDeliveries} + 1` })
    .where(eq(connections.id, connectionId));
}
