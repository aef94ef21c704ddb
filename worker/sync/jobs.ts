// sync_jobs: paced, resumable background work, one row per connection and kind. A job is claimed
// atomically before it runs (so a nightly message and a drain message for the same connection
// never do the same work twice), keeps its cursor between runs, and waits (`notBefore`) after a
// quota pause or a failure.
import { and, asc, eq, inArray, isNull, like, lt, lte, ne, or, sql } from "drizzle-orm";
import { runBatch, type Statement } from "../db/batch";
import { returnedRow } from "../db/client";
import { connections, syncJobs, type jobKinds } from "../db/schema";
import type { Db } from "../env";

export type JobKind = (typeof jobKinds)[number];
export type JobRow = typeof syncJobs.$inferSelect;

/** Order within one connection run: webhook first (fast path), then structure, people, history. */
const JOB_ORDER: JobKind[] = ["webhook_repair", "structure", "members", "reconcile", "backfill"];

/** A job still "running" after this long belonged to an invocation that died: claimable again. */
const STALE_RUNNING_MS = 15 * 60_000;
/** Failures before a job stops retrying by itself (a manual re-sync starts it again). */
const MAX_ATTEMPTS = 5;

/** Backoff after a failure: 15 min, 30 min, 1 h, 2 h … */
export function failureBackoffMs(attempts: number): number {
  return 15 * 60_000 * 2 ** Math.max(0, attempts - 1);
}

/**
 * Makes the job due (creating its row if needed). A job that is already waiting keeps its cursor
 * (a cut-off reconcile resumes); `restart` drops the cursor's progress (not the structure `since`),
 * `full` drops the whole cursor (the structure is then reconciled in full).
 */
export async function ensureJob(
  db: Db,
  ref: { accountId: string; connectionId: string },
  kind: JobKind,
  now: Date,
  opts: { notBefore?: Date | null; restart?: boolean; full?: boolean } = {},
): Promise<JobRow> {
  const existing = await db
    .select()
    .from(syncJobs)
    .where(
      and(eq(syncJobs.accountId, ref.accountId), eq(syncJobs.connectionId, ref.connectionId), eq(syncJobs.kind, kind)),
    )
    .orderBy(asc(syncJobs.createdAt))
    .get();
  if (!existing) {
    const rows = await db
      .insert(syncJobs)
      .values({
        id: crypto.randomUUID(),
        accountId: ref.accountId,
        connectionId: ref.connectionId,
        kind,
        state: "pending",
        notBefore: opts.notBefore ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return returnedRow(rows, "a sync job");
  }
  const waiting = existing.state === "pending" || existing.state === "paused" || existing.state === "running";
  if (waiting && !opts.restart) return existing;
  const cursor = opts.full
    ? null
    : kind === "structure"
      ? existing.cursor
      : opts.restart || existing.state === "done"
        ? null
        : existing.cursor;
  const rows = await db
    .update(syncJobs)
    .set({
      state: "pending",
      cursor,
      attempts: 0,
      lastError: null,
      notBefore: opts.notBefore ?? existing.notBefore ?? null,
      updatedAt: now,
    })
    .where(and(eq(syncJobs.accountId, ref.accountId), eq(syncJobs.id, existing.id)))
    .returning();
  return returnedRow(rows, "a sync job");
}

/** Claims one job if it is due; null when someone else has it or it is not due. */
export async function claimJob(db: Db, job: Pick<JobRow, "id" | "accountId">, now: Date): Promise<JobRow | null> {
  const [row] = await db
    .update(syncJobs)
    .set({ state: "running", updatedAt: now })
    .where(
      and(
        eq(syncJobs.accountId, job.accountId),
        eq(syncJobs.id, job.id),
        or(
          and(
            inArray(syncJobs.state, ["pending", "paused"]),
            or(isNull(syncJobs.notBefore), lte(syncJobs.notBefore, now)),
          ),
          and(eq(syncJobs.state, "running"), lt(syncJobs.updatedAt, new Date(now.getTime() - STALE_RUNNING_MS))),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

/** The connection's jobs that may run now, in run order. */
export async function dueJobs(
  db: Db,
  ref: { accountId: string; connectionId: string },
  now: Date,
  kinds?: JobKind[],
): Promise<JobRow[]> {
  const rows = await db
    .select()
    .from(syncJobs)
    .where(
      and(
        eq(syncJobs.accountId, ref.accountId),
        eq(syncJobs.connectionId, ref.connectionId),
        or(
          and(
            inArray(syncJobs.state, ["pending", "paused"]),
            or(isNull(syncJobs.notBefore), lte(syncJobs.notBefore, now)),
          ),
          and(eq(syncJobs.state, "running"), lt(syncJobs.updatedAt, new Date(now.getTime() - STALE_RUNNING_MS))),
        ),
      ),
    );
  return rows
    .filter((r) => !kinds || kinds.includes(r.kind))
    .sort((a, b) => JOB_ORDER.indexOf(a.kind) - JOB_ORDER.indexOf(b.kind));
}

/**
 * A claimed job's own row while it is still running: an unlink meanwhile ended it ("done"), and
 * nothing the run does afterwards may make it due again.
 */
const stillClaimed = (job: Pick<JobRow, "id" | "accountId">) =>
  and(eq(syncJobs.accountId, job.accountId), eq(syncJobs.id, job.id), eq(syncJobs.state, "running"));

/** Progress within a running job (the cursor is saved after every page). */
/** Saves the cursor; `also` is written in the same batch (e.g. the progress it stands for). */
export async function saveProgress(
  db: Db,
  job: JobRow,
  cursor: Record<string, unknown> | null,
  requests: number,
  now: Date,
  also: Statement[] = [],
) {
  await runBatch(db, [
    db
      .update(syncJobs)
      .set({ cursor, requestsSpent: sql`${syncJobs.requestsSpent} + ${requests}`, updatedAt: now })
      .where(stillClaimed(job)),
    ...also,
  ]);
}

export async function finishJob(db: Db, job: JobRow, cursor: Record<string, unknown> | null, now: Date) {
  await db
    .update(syncJobs)
    .set({ state: "done", cursor, attempts: 0, lastError: null, notBefore: null, updatedAt: now })
    .where(stillClaimed(job));
}

/** Not finished in this run (page budget used up): due again on the next drain. */
export async function yieldJob(db: Db, job: JobRow, now: Date) {
  await db.update(syncJobs).set({ state: "pending", notBefore: null, updatedAt: now }).where(stillClaimed(job));
}

/** Quota exhausted: waits until the reset, cursor kept. */
export async function pauseJob(db: Db, job: Pick<JobRow, "id" | "accountId">, until: Date, reason: string, now: Date) {
  await db
    .update(syncJobs)
    .set({ state: "paused", notBefore: until, lastError: reason, updatedAt: now })
    .where(stillClaimed(job));
}

/** Jobs this run did not get to wait with it; one another invocation is running is left alone. */
export async function deferJobs(
  db: Db,
  jobs: Pick<JobRow, "id" | "accountId">[],
  until: Date,
  now: Date,
  reason = "waiting for the Toggl quota to reset",
) {
  for (const job of jobs) {
    await db
      .update(syncJobs)
      .set({ state: "paused", notBefore: until, lastError: reason, updatedAt: now })
      .where(
        and(
          eq(syncJobs.accountId, job.accountId),
          eq(syncJobs.id, job.id),
          inArray(syncJobs.state, ["pending", "paused"]),
        ),
      );
  }
}

/** What a job waiting for its connection's integration owner says (see runner.ts). */
export const OWNER_WAIT = "waiting for the integration owner";

/** Someone can run the connection again (a new owner, or the owner asked): its waiting jobs are due now. */
export async function resumeOwnerWaits(db: Db, ref: { accountId: string; connectionId: string }, now: Date) {
  await db
    .update(syncJobs)
    .set({ notBefore: now, updatedAt: now })
    .where(
      and(
        eq(syncJobs.accountId, ref.accountId),
        eq(syncJobs.connectionId, ref.connectionId),
        eq(syncJobs.state, "paused"),
        like(syncJobs.lastError, `${OWNER_WAIT}%`),
      ),
    );
}

/** The statement that ends a connection's unfinished jobs (it was unlinked, say). */
export function dropPendingJobs(db: Db, ref: { accountId: string; connectionId: string }, reason: string, now: Date) {
  return db
    .update(syncJobs)
    .set({ state: "done", notBefore: null, lastError: reason, updatedAt: now })
    .where(
      and(
        eq(syncJobs.accountId, ref.accountId),
        eq(syncJobs.connectionId, ref.connectionId),
        ne(syncJobs.state, "done"),
      ),
    );
}

export async function failJob(db: Db, job: JobRow, error: string, now: Date) {
  const attempts = job.attempts + 1;
  const final = attempts >= MAX_ATTEMPTS;
  await db
    .update(syncJobs)
    .set({
      state: final ? "failed" : "pending",
      attempts,
      lastError: error,
      notBefore: final ? null : new Date(now.getTime() + failureBackoffMs(attempts)),
      updatedAt: now,
    })
    .where(stillClaimed(job));
}

/** Connections (of any account) with a job due now: what the frequent cron fans out. */
export async function connectionsWithDueJobs(
  db: Db,
  now: Date,
): Promise<{ accountId: string; connectionId: string }[]> {
  return db
    .selectDistinct({ accountId: syncJobs.accountId, connectionId: syncJobs.connectionId })
    .from(syncJobs)
    .innerJoin(
      connections,
      and(eq(connections.id, syncJobs.connectionId), eq(connections.accountId, syncJobs.accountId)),
    )
    .where(
      and(
        inArray(connections.status, ["active", "paused", "error"]),
        or(
          and(
            inArray(syncJobs.state, ["pending", "paused"]),
            or(isNull(syncJobs.notBefore), lte(syncJobs.notBefore, now)),
          ),
          and(eq(syncJobs.state, "running"), lt(syncJobs.updatedAt, new Date(now.getTime() - STALE_RUNNING_MS))),
        ),
      ),
    );
}
