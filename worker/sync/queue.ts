// The Queue fan-out: each message is one connection's work (see runner.ts), so no invocation
// loops over every account. A message that throws is retried by the queue (then dead-lettered).
import { getDb } from "../db/client";
import type { Bindings } from "../env";
import { runConnectionWork, type SyncMessage } from "./runner";

const REASONS = new Set(["nightly", "drain", "connect", "manual"]);

function isSyncMessage(body: unknown): body is SyncMessage {
  if (!body || typeof body !== "object") return false;
  const m = body as Record<string, unknown>;
  return (
    typeof m.accountId === "string" &&
    typeof m.connectionId === "string" &&
    typeof m.reason === "string" &&
    REASONS.has(m.reason)
  );
}

/** Sends one message per connection (Queues take at most 100 per batch). */
export async function enqueueConnections(queue: Queue<SyncMessage>, messages: SyncMessage[]): Promise<number> {
  for (let i = 0; i < messages.length; i += 100) {
    await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body, contentType: "json" as const })));
  }
  return messages.length;
}

/** Consumes connection jobs fanned out by the crons (one message per connection). */
export async function consumeSyncBatch(
  batch: MessageBatch<unknown>,
  env: Bindings,
  _ctx: ExecutionContext,
): Promise<void> {
  const db = getDb(env.DB);
  // Each message is a different connection (its own token and budget): run them side by side.
  await Promise.all(
    batch.messages.map(async (message) => {
      if (!isSyncMessage(message.body)) {
        // Never valid, retrying cannot help.
        console.warn("dropping malformed sync message");
        message.ack();
        return;
      }
      try {
        await runConnectionWork(env, db, message.body);
        message.ack();
      } catch (err) {
        console.error(
          "sync message failed",
          message.body.connectionId,
          err instanceof Error ? err.message : String(err),
        );
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
}
