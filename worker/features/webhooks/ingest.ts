// One Toggl delivery, after the route has read the raw body: look up the connection, verify the
// signature, refuse replays, then apply. Nothing is acknowledged that was not stored: a storage
// error propagates (5xx) so that Toggl delivers again.
import { and, eq, ne, sql } from "drizzle-orm";
import { placeholders, statementTemplate, type RawStatement, type Statement } from "../../db/batch";
import { connections, timeEntryTombstones } from "../../db/schema";
import type { Db } from "../../env";
import { decryptSecretKept } from "../../lib/crypto";
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
  connectionScope,
  markTimeEntryDeleted,
  normalizeTogglTimeEntry,
  withEventTime,
  type ApplyResult,
  type NormalizedTimeEntry,
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

/**
 * Connections this isolate has read, by id: a time entry delivery for one of them is verified
 * with the secret read then and written in a single round trip to D1 (deliverToKnownConnection).
 * `touchedAt`: when this isolate last stored the connection's last-event time. Bounded: the map
 * starts over when full.
 */
const KEEP_CONNECTIONS = 256;
const knownConnections = new Map<string, { connection: Connection; touchedAt: number }>();

/**
 * The last-event time is written at most this often per connection and isolate. The admin page
 * shows it to the minute ("just now" under one), and each skipped write is one statement less in
 * the delivery's batch: the ingest bench measured 5–10% more deliveries per second without it.
 */
const TOUCH_EVERY_MS = 30_000;

function remember(connection: Connection) {
  if (knownConnections.size >= KEEP_CONNECTIONS) knownConnections.clear();
  const known = { connection, touchedAt: Number.NEGATIVE_INFINITY };
  knownConnections.set(connection.id, known);
  return known;
}

export async function handleDelivery(
  ctx: DeliveryContext,
  connectionId: string,
  rawBody: Uint8Array<ArrayBuffer>,
  signature: string | undefined,
): Promise<DeliveryOutcome> {
  const known = knownConnections.get(connectionId);
  if (known) {
    // Anything the fast path does not take (or a connection changed since) goes the normal way.
    const outcome = await deliverToKnownConnection(ctx, known, rawBody, signature).catch(() => null);
    if (outcome) return outcome;
    knownConnections.delete(connectionId);
  }

  const { db } = ctx;
  const connection = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
  // Toggl retries anything but 2xx, forever: deliveries we will never use are acknowledged.
  if (!connection) return { status: 200, body: { ok: true, result: "ignored_unknown_connection" } };
  // No secret yet means no subscription yet: nothing can prove the delivery is Toggl's, so it
  // writes nothing at all (not even the ignored count).
  if (!connection.webhookSecretCiphertext) return { status: 200, body: { ok: true, result: "ignored_no_secret" } };
  // Only genuine deliveries are acknowledged and counted.
  const secret = await decryptSecretKept(ctx.encryptionKey, connection.webhookSecretCiphertext);
  if (!(await verifySignature(secret, rawBody, signature))) {
    return { status: 401, reason: signature ? "Signature does not match" : "Missing X-Webhook-Signature-256" };
  }
  if (connection.status === "unlinked") {
    await countIgnored(db, connection.id);
    return { status: 200, body: { ok: true, result: "ignored_unlinked" } };
  }
  const remembered = remember(connection);

  const delivery = readDelivery(ctx, connection, rawBody);
  if (isPing(delivery)) {
    if (delivery.validation_code) {
      await db
        .update(connections)
        .set({ webhookStatus: "validated", webhookValidatedAt: new Date(ctx.now), updatedAt: new Date(ctx.now) })
        .where(and(eq(connections.id, connection.id), ne(connections.status, "unlinked")));
      return { status: 200, body: { validation_code: delivery.validation_code } };
    }
    return { status: 200, body: { ok: true, result: "pong" } };
  }

  const touch = touchOf(ctx, connection);
  const outcome = await applyEvent(ctx, connection, delivery, touch);
  if (outcome.result === "ignored") await countIgnored(db, connection.id);
  if (!outcome.touched) await touch;
  remembered.touchedAt = ctx.now;
  return { status: 200, body: { ok: true, result: outcome.result } };
}

/**
 * A time entry delivery for a connection read earlier: the writes go in one batch with a check
 * that the connection row is still the one read (stillAsRead), so an unlinked connection, a new
 * secret or a new history boundary fails the batch as a whole and the delivery takes the normal
 * path. null for anything else than a genuine time entry event of this connection's workspace.
 */
async function deliverToKnownConnection(
  ctx: DeliveryContext,
  known: { connection: Connection; touchedAt: number },
  rawBody: Uint8Array<ArrayBuffer>,
  signature: string | undefined,
): Promise<DeliveryOutcome | null> {
  const { connection } = known;
  if (!connection.webhookSecretCiphertext || connection.status === "unlinked") return null;
  const secret = await decryptSecretKept(ctx.encryptionKey, connection.webhookSecretCiphertext);
  if (!(await verifySignature(secret, rawBody, signature))) return null;
  const delivery = readDelivery(ctx, connection, rawBody);
  if (isPing(delivery)) return null;
  const entry = timeEntryOf(connection, delivery);
  if (!entry) return null;
  const touch = ctx.now - known.touchedAt >= TOUCH_EVERY_MS;
  const also: (Statement | RawStatement)[] = [stillAsRead(ctx.db, connection)];
  if (touch) also.push(touchOf(ctx, connection));
  const result = await applyTimeEntry(ctx.db, scopeOf(connection), entry, also);
  if (touch) known.touchedAt = ctx.now;
  return { status: 200, body: { ok: true, result } };
}

/** The values of stillAsReadTemplate. */
const Q = placeholders("id", "accountId", "workspaceId", "secret", "callbackUrl", "historyFrom");

/**
 * A statement that fails (NOT NULL) unless the connection row still holds what `known` says, which
 * makes the D1 batch it is part of write nothing. Reads one row, as the connection look-up it
 * replaces did. Built once (statementTemplate): it goes with every delivery.
 */
const stillAsReadTemplate = statementTemplate((db) => {
  const c = connections;
  return db.insert(timeEntryTombstones).select(
    sql`select null, null, null where not exists (select 1 from ${c} where ${c.id} = ${Q.id}
        and ${c.status} <> 'unlinked' and ${c.accountId} = ${Q.accountId} and ${c.workspaceId} = ${Q.workspaceId}
        and ${c.webhookSecretCiphertext} is ${Q.secret}
        and ${c.webhookCallbackUrl} is ${Q.callbackUrl}
        and ${c.historyFrom} is ${Q.historyFrom})`,
  );
});

const stillAsRead = (db: Db, known: Connection) =>
  stillAsReadTemplate(db, {
    id: known.id,
    accountId: known.accountId,
    workspaceId: known.workspaceId,
    secret: known.webhookSecretCiphertext,
    callbackUrl: known.webhookCallbackUrl,
    historyFrom: known.historyFrom?.getTime() ?? null,
  });

/**
 * The delivery's JSON, parsed only after the signature over the exact bytes checked out, and
 * refused (400) when stale or meant for another callback.
 */
function readDelivery(
  ctx: DeliveryContext,
  connection: Connection,
  rawBody: Uint8Array<ArrayBuffer>,
): WebhookPing | WebhookEvent {
  let json: unknown;
  try {
    // A byte-order mark is dropped by the decoder.
    json = parseTogglJson(new TextDecoder().decode(rawBody));
  } catch {
    throw new ApiError(400, "invalid_json", "Body is not valid JSON");
  }
  const ping = typeof json === "object" && json !== null && (json as { payload?: unknown }).payload === "ping";
  const delivery = ping ? webhookPingSchema.parse(json) : webhookEventSchema.parse(json);
  if (!isFreshTimestamp(delivery.timestamp, ctx.now)) {
    throw new ApiError(400, "stale_delivery", "Delivery timestamp is more than 5 minutes from now");
  }
  if (!isOwnCallback(delivery.url_callback, connection.id, ctx.origins, connection.webhookCallbackUrl)) {
    throw new ApiError(400, "wrong_callback", "url_callback is not this connection's callback URL");
  }
  return delivery;
}

const isPing = (delivery: WebhookPing | WebhookEvent): delivery is WebhookPing => delivery.payload === "ping";

/** The last-event time; goes in the same batch as a time entry's writes. */
const touchOf = (ctx: DeliveryContext, connection: Connection) =>
  ctx.db
    .update(connections)
    .set({ webhookLastEventAt: new Date(ctx.now) })
    .where(eq(connections.id, connection.id));

const scopeOf = (connection: Connection) => connectionScope(connection.accountId, connection);

/**
 * The entry of a time entry event of the connection's workspace, with its event time; null for
 * other events, other workspaces and payloads that are not a full entry.
 */
function timeEntryOf(connection: Connection, event: WebhookEvent): NormalizedTimeEntry | null {
  const workspaceId = event.metadata.workspace_id;
  if (event.metadata.model !== "time_entry") return null;
  if (workspaceId !== undefined && workspaceId !== connection.workspaceId) return null;
  const parsed = timeEntrySchema.safeParse(event.payload);
  if (!parsed.success || parsed.data.workspace_id !== connection.workspaceId) return null;
  const entry = normalizeTogglTimeEntry(parsed.data);
  entry.at = withEventTime(entry.at, event.created_at);
  if (event.metadata.action === "deleted") entry.deleted = true;
  return entry;
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
  const scope = scopeOf(connection);

  if (model === "time_entry") {
    const entry = timeEntryOf(connection, event);
    if (entry) return { result: await applyTimeEntry(ctx.db, scope, entry, [touch]), touched: true };
    const parsed = timeEntrySchema.safeParse(event.payload);
    if (!parsed.success) {
      // A deletion may carry only the id; anything else must be a full entry.
      const id = idText(event.payload.id ?? event.metadata.time_entry_id);
      if (action === "deleted" && isTogglId(id))
        return untouched(await markTimeEntryDeleted(ctx.db, connection.accountId, id));
      throw parsed.error;
    }
    // A full entry of another workspace.
    return untouched("ignored");
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
