// sync_runs: the per-connection sync log (what ran, what changed, what it cost in Toggl requests).
import { and, eq } from "drizzle-orm";
import type { SyncRunKind, SyncRunStatus, SyncRunStep } from "../../shared/contract";
import { returnedRow } from "../db/client";
import { syncRuns } from "../db/schema";
import type { Db } from "../env";

/** How a finished run ended. */
export type FinishedRunStatus = Exclude<SyncRunStatus, "running">;
type RunRow = typeof syncRuns.$inferSelect;

export async function startRun(
  db: Db,
  connection: { id: string; accountId: string },
  kind: SyncRunKind,
  now: Date,
): Promise<RunRow> {
  const rows = await db
    .insert(syncRuns)
    .values({
      id: crypto.randomUUID(),
      accountId: connection.accountId,
      connectionId: connection.id,
      kind,
      status: "running",
      startedAt: now,
    })
    .returning();
  return returnedRow(rows, "a sync run");
}

export async function finishRun(
  db: Db,
  run: RunRow,
  outcome: {
    steps: SyncRunStep[];
    status: FinishedRunStatus;
    requestsSpent: number;
    pausedUntil: Date | null;
  },
  now: Date,
) {
  const itemsChanged = outcome.steps.reduce((n, s) => n + s.itemsChanged, 0);
  const errors = outcome.steps.filter((s) => s.error).map((s) => `${s.step}: ${s.error}`);
  await db
    .update(syncRuns)
    .set({
      status: outcome.status,
      finishedAt: now,
      steps: outcome.steps,
      itemsChanged,
      requestsSpent: outcome.requestsSpent,
      error: errors.length ? errors.join("; ").slice(0, 1000) : null,
    })
    .where(and(eq(syncRuns.accountId, run.accountId), eq(syncRuns.id, run.id)));
  return {
    runId: run.id,
    status: outcome.status,
    steps: outcome.steps,
    requestsSpent: outcome.requestsSpent,
    itemsChanged,
    pausedUntil: outcome.pausedUntil,
  };
}
