// One entry point for every cron trigger, dispatching on the expression to job functions that
// take (db, queue, now) and return a summary. The crons only decide what is due and fan it out
// through the queue, one message per connection.
import { inArray } from "drizzle-orm";
import { getDb } from "../db/client";
import { connections } from "../db/schema";
import type { Bindings, Db } from "../env";
import { connectionsWithDueJobs } from "./jobs";
import { enqueueConnections } from "./queue";
import type { SyncMessage } from "./runner";
import { nowMs } from "../clock";

export const NIGHTLY_CRON = "0 3 * * *";
export const FREQUENT_CRON = "*/15 * * * *";

export async function runScheduled(
  controller: ScheduledController,
  env: Bindings,
  _ctx: ExecutionContext,
): Promise<void> {
  const db = getDb(env.DB);
  const now = new Date(controller.scheduledTime || nowMs());
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
 * Nightly: one message per live connection; the consumer makes that connection's nightly jobs due
 * (see runner.ts), so this invocation does one query and the sends, however many accounts there are.
 */
export async function runNightly(db: Db, queue: Queue<SyncMessage>, _now: Date): Promise<{ enqueued: number }> {
  const live = await db
    .select({ accountId: connections.accountId, connectionId: connections.id })
    .from(connections)
    .where(inArray(connections.status, ["active", "paused", "error"]));
  return {
    enqueued: await enqueueConnections(
      queue,
      live.map((c) => ({ ...c, reason: "nightly" as const })),
    ),
  };
}

/** Frequent: connections with due work (backfill pages, resumptions after a reset, retries). */
export async function runFrequent(db: Db, queue: Queue<SyncMessage>, now: Date): Promise<{ enqueued: number }> {
  const due = await connectionsWithDueJobs(db, now);
  return {
    enqueued: await enqueueConnections(
      queue,
      due.map((c) => ({ ...c, reason: "drain" as const })),
    ),
  };
}
