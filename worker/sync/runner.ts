// One connection's due background work in one invocation (a queue message, or inline at connect /
// re-sync): claims its due jobs in order, runs each from its cursor with one Toggl client, and
// writes a sync_runs row with every step, the items changed and the Toggl requests spent.
// A quota error pauses the connection's remaining jobs until the reset; the frequent cron
// resumes them. Other failures back off and retry a few times. When the integration owner can no
// longer run the connection (Toggl denies them this workspace, rejects their token, or they left
// the account), only this connection is flagged and waits; nothing else stops.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { OwnerProblem, SyncRunKind, SyncRunStep } from "../../shared/contract";
import { connections, syncJobs } from "../db/schema";
import type { Bindings, Db } from "../env";
import { flagOwnerProblem, ownerStillHere } from "../features/connections/owner-problems";
import { repairWebhook } from "../features/connections/webhook-health";
import type { StructureKind } from "../features/workspace-mirror/entities";
import { syncStructure } from "../features/workspace-mirror/structure";
import { importMembers } from "../features/members/import";
import {
  readTagNames,
  RECONCILE_DAYS_AFTER_OUTAGE,
  syncTimeEntriesPage,
  type SyncMode,
} from "../features/time-logs/sync";
import { ApiError } from "../lib/errors";
import type { Priority, TogglClient } from "../toggl/client";
import { markCredentialInvalid, togglClientFor } from "../toggl/credentials";
import { TogglError } from "../toggl/errors";
import {
  claimJob,
  deferJobs,
  dueJobs,
  ensureJob,
  failJob,
  finishJob,
  OWNER_WAIT,
  pauseJob,
  saveProgress,
  yieldJob,
  type JobKind,
  type JobRow,
} from "./jobs";
import { finishRun, startRun, type FinishedRunStatus } from "./runs";
import { nowDate } from "../clock";

type ConnectionRow = typeof connections.$inferSelect;

/** sync_jobs.cursor of a structure job. */
interface StructureCursor {
  /** Epoch ms: the next incremental run asks for changes since then. */
  since?: number;
  lastFullAt?: number;
  /** A run cut off halfway (quota): what it had stored, to resume from. */
  partial?: { full: boolean; startedAt: number; since: number | null; done: StructureKind[]; changed: number };
}

/** A queue message: one connection's work. */
export interface SyncMessage {
  accountId: string;
  connectionId: string;
  reason: Extract<SyncRunKind, "nightly" | "drain" | "connect" | "manual">;
}

export interface RunOptions {
  priority?: Priority;
  /** These kinds run at interactive priority, whatever `priority` says: what the admin waits for. */
  interactiveKinds?: JobKind[];
  /** Only these kinds (connect runs webhook, structure and members inline; history goes to the queue). */
  kinds?: JobKind[];
  /** Report pages per job per invocation; the rest continues on the next drain. */
  maxPages?: number;
  /** Webhook callback origin; defaults to PUBLIC_URL (the stored URL when that is empty). */
  callbackBase?: string | null;
  clock?: () => Date;
}

/** A full reconcile of the structure (vanished → archived) at least this often; else incremental. */
const FULL_STRUCTURE_EVERY_MS = 7 * 86_400_000;
/** `since` overlaps the previous run by this much (clock skew between us and Toggl). */
const SINCE_OVERLAP_MS = 5 * 60_000;
const DEFAULT_MAX_PAGES = 25;
/** A connection whose owner cannot run it tries again this much later (or at a re-sync). */
const OWNER_PROBLEM_RETRY_MS = 12 * 3_600_000;

/** What the nightly run does for every live connection. */
const NIGHTLY_JOBS: JobKind[] = ["webhook_repair", "structure", "members", "reconcile"];

type RunEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL" | "PUBLIC_URL">;

export interface RunResult {
  runId: string;
  status: FinishedRunStatus;
  steps: SyncRunStep[];
  requestsSpent: number;
  itemsChanged: number;
  pausedUntil: Date | null;
}

export async function runConnectionWork(
  env: RunEnv,
  db: Db,
  msg: SyncMessage,
  opts: RunOptions = {},
): Promise<RunResult | null> {
  const clock = opts.clock ?? (() => nowDate());
  const now = clock();
  const connection = await db
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, msg.accountId), eq(connections.id, msg.connectionId)))
    .get();
  if (!connection || connection.status === "unlinked") return null;

  if (msg.reason === "nightly") {
    // A connection held back by the quota keeps its nightly work waiting until the reset.
    const notBefore = connection.pausedUntil && connection.pausedUntil > now ? connection.pausedUntil : null;
    for (const kind of NIGHTLY_JOBS) await ensureJob(db, msg, kind, now, { notBefore });
  }
  const jobs = await dueJobs(db, msg, now, opts.kinds);
  if (jobs.length === 0) return null;

  const run = await startRun(db, connection, msg.reason, now);
  const steps: SyncRunStep[] = [];
  const wait = (problem: OwnerProblem, at: Date) => ({
    until: new Date(at.getTime() + OWNER_PROBLEM_RETRY_MS),
    reason: `${OWNER_WAIT} (${problem.replace(/_/g, " ")})`,
  });

  // A token is used only while its person still owns the connection from inside the account.
  const ownerTogglUserId = await ownerStillHere(db, connection);
  const ownerProblem = ownerTogglUserId === null ? ("owner_left" as const) : null;
  let toggl: TogglClient | null = null;
  let loadError: string | null = null;
  if (!ownerProblem) {
    try {
      toggl = await togglClientFor(env, db, connection.credentialId, opts.priority ?? "background");
    } catch (err) {
      loadError = err instanceof ApiError ? err.message : "Could not load the integration owner's Toggl token";
    }
  }
  if (!toggl) {
    const problem = ownerProblem ?? "token_rejected";
    const message = ownerProblem ? "The integration owner left this account" : (loadError ?? "");
    const { until, reason } = wait(problem, now);
    await deferJobs(db, jobs, until, now, reason);
    await flagOwnerProblem(db, connection, problem, now);
    await setConnectionOutcome(db, connection, { error: message, status: "error" }, now);
    return finishRun(
      db,
      run,
      {
        steps: [{ step: "credential", ok: false, itemsChanged: 0, requests: 0, error: message }],
        status: "failed",
        requestsSpent: 0,
        pausedUntil: null,
      },
      clock(),
    );
  }

  let pausedUntil: Date | null = null;
  let problem: OwnerProblem | null = null;
  const background = toggl;
  let interactive: TogglClient | null = null;
  for (const [i, due] of jobs.entries()) {
    const job = await claimJob(db, due, clock());
    if (!job) continue;
    toggl = opts.interactiveKinds?.includes(job.kind)
      ? (interactive ??= await togglClientFor(env, db, connection.credentialId, "interactive"))
      : background;
    const before = toggl.requestsSpent;
    try {
      const itemsChanged = await runJob(env, db, connection, job, toggl, { ...opts, clock, ownerTogglUserId });
      steps.push({ step: job.kind, ok: true, itemsChanged, requests: toggl.requestsSpent - before });
    } catch (err) {
      const requests = toggl.requestsSpent - before;
      const message = describe(err);
      steps.push({ step: job.kind, ok: false, itemsChanged: 0, requests, error: message });
      if (err instanceof TogglError && (err.kind === "quota" || err.kind === "budget" || err.kind === "rate_limited")) {
        // Wait for the reset; everything not yet run waits with it (cursors kept).
        pausedUntil = new Date(clock().getTime() + Math.max(1, err.retryAfterSeconds ?? 60) * 1000);
        await pauseJob(db, job, pausedUntil, message, clock());
        await deferJobs(db, jobs.slice(i + 1), pausedUntil, clock());
        break;
      }
      if (err instanceof TogglError && (err.kind === "forbidden" || err.kind === "auth")) {
        // Only /me says whether the token itself is dead; a 403 elsewhere is this workspace alone.
        const token = err.kind === "auth" ? "rejected" : await toggl.tokenStatus();
        problem = token === "rejected" ? "token_rejected" : "lost_workspace_access";
        if (problem === "token_rejected") await markCredentialInvalid(db, connection.credentialId, clock());
        const { until, reason } = wait(problem, clock());
        await pauseJob(db, job, until, `${reason}: ${message}`, clock());
        // Every job of the connection waits, not only this run's: they would all be refused.
        await deferJobs(db, await dueJobs(db, msg, clock()), until, clock(), reason);
        break;
      }
      await failJob(db, job, message, clock());
    }
  }

  const failed = steps.filter((s) => !s.ok);
  // A quota pause is not an error: the connection shows as paused and resumes by itself.
  const errors = pausedUntil ? failed.slice(0, -1) : failed;
  const status: RunResult["status"] = pausedUntil
    ? "paused"
    : failed.length === 0
      ? "ok"
      : failed.length === steps.length
        ? "failed"
        : "partial";
  if (problem) await flagOwnerProblem(db, connection, problem, clock());
  await setConnectionOutcome(
    db,
    connection,
    {
      error: errors.length ? errors.map((s) => `${s.step}: ${s.error}`).join("; ") : null,
      status: problem ? "error" : "active",
      pausedUntil,
      // Toggl answered the owner's token for this workspace again: their access is back.
      clearOwnerProblem: !problem && steps.some((s) => s.ok),
    },
    clock(),
  );
  const requestsSpent = background.requestsSpent + (interactive?.requestsSpent ?? 0);
  return finishRun(db, run, { steps, status, requestsSpent, pausedUntil }, clock());
}

async function runJob(
  env: RunEnv,
  db: Db,
  connection: ConnectionRow,
  job: JobRow,
  toggl: TogglClient,
  opts: RunOptions & { clock: () => Date; ownerTogglUserId?: string | null },
): Promise<number> {
  const now = opts.clock();
  switch (job.kind) {
    case "webhook_repair": {
      const result = await repairWebhook({
        ownerTogglUserId: opts.ownerTogglUserId,
        db,
        encryptionKey: env.TOKEN_ENCRYPTION_KEY,
        connection,
        toggl,
        callbackBase: opts.callbackBase !== undefined ? opts.callbackBase : env.PUBLIC_URL || null,
        now,
      });
      // A repair that did not take is retried by the frequent drain.
      if (result.status === "failed") throw new Error(result.note);
      await finishJob(db, job, null, opts.clock());
      // The subscription was missing, disabled or broken: Toggl made no events meanwhile, and an
      // entry edited or deleted then may have started days ago. The next reconciliation that
      // starts afresh looks back further.
      if (result.repaired) {
        await db
          .update(syncJobs)
          .set({ cursor: { afterOutageDays: RECONCILE_DAYS_AFTER_OUTAGE } })
          .where(
            and(
              eq(syncJobs.accountId, connection.accountId),
              eq(syncJobs.connectionId, connection.id),
              eq(syncJobs.kind, "reconcile"),
              isNull(syncJobs.cursor),
            ),
          );
      }
      return result.repaired ? 1 : 0;
    }
    case "structure": {
      const cursor = (job.cursor ?? {}) as StructureCursor;
      // Resuming a run that the quota cut off: same window, the entity types it stored are skipped.
      const partial = cursor.partial;
      const full = partial
        ? partial.full
        : !cursor.lastFullAt || !cursor.since || now.getTime() - cursor.lastFullAt > FULL_STRUCTURE_EVERY_MS;
      const startedAt = partial?.startedAt ?? now.getTime();
      // Not full: a resumed run's window, else the last run's (checked just above).
      const sinceMs = partial?.since ?? cursor.since;
      const since = full || sinceMs === undefined ? null : new Date(sinceMs);
      const result = await syncStructure({
        db,
        accountId: connection.accountId,
        workspaceId: connection.workspaceId,
        toggl,
        now,
        since,
        workspaceName: connection.workspaceName,
        organizationId: connection.organizationId,
        skip: partial?.done ?? [],
        changedBefore: partial?.changed ?? 0,
        onProgress: (done, changed) =>
          saveProgress(
            db,
            job,
            { ...cursor, partial: { full, startedAt, since: since?.getTime() ?? null, done, changed } },
            0,
            opts.clock(),
          ),
      });
      await finishJob(
        db,
        job,
        { since: startedAt - SINCE_OVERLAP_MS, lastFullAt: full ? startedAt : cursor.lastFullAt },
        opts.clock(),
      );
      return result.itemsChanged;
    }
    case "members": {
      const result = await importMembers({
        db,
        accountId: connection.accountId,
        workspaceId: connection.workspaceId,
        toggl,
        now,
      });
      await finishJob(db, job, null, opts.clock());
      return result.itemsChanged;
    }
    case "reconcile":
    case "backfill":
      return runPages(db, connection, job, toggl, job.kind, opts);
  }
}

/** Report pages, the cursor saved after each one so a cut-off run resumes where it stopped. */
async function runPages(
  db: Db,
  connection: ConnectionRow,
  job: JobRow,
  toggl: TogglClient,
  mode: SyncMode,
  opts: RunOptions & { clock: () => Date },
) {
  // A fresh reconciliation after a webhook outage: the wider window, then a normal cursor.
  const afterOutage = job.cursor?.afterOutageDays;
  const days = mode === "reconcile" && typeof afterOutage === "number" ? afterOutage : undefined;
  let cursor = days !== undefined ? null : job.cursor;
  let items = 0;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  // Read once for this run's pages (the structure job, which mirrors tags, runs before).
  let tagNames: Promise<ReadonlyMap<string, string>> | undefined;
  for (let page = 0; page < maxPages; page++) {
    const before = toggl.requestsSpent;
    const result = await syncTimeEntriesPage({
      db,
      connection: {
        id: connection.id,
        accountId: connection.accountId,
        workspaceId: connection.workspaceId,
        historyFrom: connection.historyFrom,
        backfillFrom: connection.backfillFrom,
        connectedAt: connection.connectedAt,
        createdAt: connection.createdAt,
      },
      toggl,
      now: opts.clock().getTime(),
      mode,
      cursor,
      ...(days !== undefined ? { days } : {}),
      tagNames: () => (tagNames ??= readTagNames(db, connection)),
    });
    items += result.itemsChanged;
    // The progress count is written with the cursor that stands for it.
    const counted =
      mode === "backfill" && result.itemsChanged > 0 ? [backfillCounted(db, connection, result.itemsChanged)] : [];
    if (result.done) {
      // A finished backfill keeps how many pages it read: its progress shows them.
      const pages = Number((cursor as { pages?: number } | null)?.pages ?? 0) + 1;
      const last = mode === "backfill" ? { pages } : null;
      await saveProgress(db, job, last, toggl.requestsSpent - before, opts.clock(), counted);
      await finishJob(db, job, last, opts.clock());
      return items;
    }
    cursor = result.cursor as unknown as Record<string, unknown>;
    await saveProgress(db, job, cursor, toggl.requestsSpent - before, opts.clock(), counted);
  }
  await yieldJob(db, job, opts.clock());
  return items;
}

/** The backfill's running count of entries imported, shown as its progress. */
function backfillCounted(db: Db, connection: ConnectionRow, n: number) {
  return db
    .update(connections)
    .set({ backfillImported: sql`${connections.backfillImported} + ${n}` })
    .where(
      and(
        eq(connections.accountId, connection.accountId),
        eq(connections.id, connection.id),
        ne(connections.status, "unlinked"),
      ),
    );
}

async function setConnectionOutcome(
  db: Db,
  connection: ConnectionRow,
  outcome: { error: string | null; status: "active" | "error"; pausedUntil?: Date | null; clearOwnerProblem?: boolean },
  now: Date,
) {
  // A flagged connection stays in error until its owner problem is cleared.
  const flagged = connection.ownerProblem !== null && !outcome.clearOwnerProblem;
  await db
    .update(connections)
    .set({
      lastError: outcome.error,
      status: flagged ? "error" : outcome.status,
      pausedUntil: outcome.pausedUntil ?? null,
      ...(outcome.clearOwnerProblem ? { ownerProblem: null, ownerProblemAt: null } : {}),
      updatedAt: now,
    })
    // Unlinked meanwhile (the admin unlinked during this run): the run's outcome brings nothing back to life.
    .where(
      and(
        eq(connections.accountId, connection.accountId),
        eq(connections.id, connection.id),
        ne(connections.status, "unlinked"),
      ),
    );
}

function describe(err: unknown): string {
  if (err instanceof TogglError || err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message.slice(0, 300);
  return "Unexpected error";
}
