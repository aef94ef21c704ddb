// sync_runs: the per-connection sync log (what ran, what changed, what it cost in Toggl requests).
import { and, eq } from "drizzle-orm";
import { syncRuns, type syncKinds } from "../db/schema";
import type { Db } from "../env";

export type RunKind = (typeof syncKinds)[number];
export type RunStep = { step: string; ok: boolean; itemsChanged: number; requests: number; error?: string };
type RunRow = typeof syncRuns.$inferSelect;

export async function startRun(
  db: Db,
  connection: { id: string; accountId: string },
  kind: RunKind,
  now: Date,
): Promise<RunRow> {
  const [row] = await db
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
  return row!;
}

export async function finishRun(
  db: Db,
  run: RunRow,
  outcome: {
    steps: RunStep[];
    status: "ok" | "partial" | "paused" | "failed";
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
