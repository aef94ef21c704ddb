// One entry point for every cron trigger, dispatching on the expression to job functions that
// take (db, queue, now) and return a summary. The crons only decide what is due and fan it out
// through the queue, one message per connection.
import { inArray } from "drizzle-orm";
import { getDb } from "../db/client";
import { connections } from "../db/schema";
import type { Bindings, Db } from "../env";
import { connectionsWithDueJobs, ensureJob, type JobKind } from "../sync/jobs";
import { enqueueConnections } from "../sync/queue";
import type { SyncMessage } from "../sync/runner";

export const NIGHTLY_CRON = "0 3 * * *";
export const FREQUENT_CRON = "*/15 * * * *";

/** What the nightly run does for every active connection. */
export const NIGHTLY_JOBS: JobKind[] = ["webhook_repair", "structure", "members", "reconcile"];

export async function runScheduled(controller: ScheduledController, env: Bindings, _ctx: ExecutionContext): Promise<void> {
  const db = getDb(env.DB);
  const now = new Date(controller.scheduledTime || Date.now());
  switch (controller.cron) {
    case NIGHTLY_CRON:
      await runNightly(db, env.SYNC_QUEUE, now);
      return;
    case FREQUENT_CRON:
      await runFrequent(db, env.SYNC_QUEUE, now);
      return;
    default:
      console.warn("unknown cron", controller.cron);
  }
}

/**
 * Nightly: every active connection gets its jobs made due (a connection paused by the quota keeps
 * them waiting until its reset) and one message on the queue.
 */
export async function runNightly(db: Db, queue: Queue<SyncMessage>, now: Date): Promise<{ enqueued: number }> {
  const active = await db
    .select({ accountId: connections.accountId, connectionId: connections.id, pausedUntil: connections.pausedUntil })
    .from(connections)
    .where(inArray(connections.status, ["active", "paused", "error"]));
  const messages: SyncMessage[] = [];
  for (const c of active) {
    const notBefore = c.pausedUntil && c.pausedUntil > now ? c.pausedUntil : null;
    for (const kind of NIGHTLY_JOBS) await ensureJob(db, c, kind, now, { notBefore });
    if (!notBefore) messages.push({ accountId: c.accountId, connectionId: c.connectionId, reason: "nightly" });
  }
  return { enqueued: await enqueueConnections(queue, messages) };
}

/** Frequent: connections with due work (backfill pages, resumptions after a reset, retries). */
export async function runFrequent(db: Db, queue: Queue<SyncMessage>, now: Date): Promise<{ enqueued: number }> {
  const due = await connectionsWithDueJobs(db, now);
  return { enqueued: await enqueueConnections(queue, due.map((c) => ({ ...c, reason: "drain" as const }))) };
}
