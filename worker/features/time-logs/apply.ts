// The one write path for Toggl time entries (webhooks, reconciliation, backfill, the timer).
// Idempotent and order-safe: keyed on (account, Toggl id); content changes only when the incoming
// `at` is not older than the stored one and the content differs; "deleted" is sticky and never
// undone by an older delivery.
// A running entry is its owner's running_entries row, never a Time Log; once stopped it becomes one.
import { and, eq, inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import { placeholders, runRawBatch, statementTemplate, type RawStatement, type Statement } from "../../db/batch";
import { runningEntries, timeEntryTombstones, timeLogs } from "../../db/schema";
import type { Db } from "../../env";
import type { ReportTimeEntry, TimeEntry } from "../../toggl/types";
import { nowDate, nowMs } from "../../clock";

/** A time entry in Hourline's vocabulary, whatever Toggl API it came from. */
export interface NormalizedTimeEntry {
  togglId: string;
  workspaceId: string;
  togglUserId: string;
  projectId: string | null;
  taskId: string | null;
  description: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms; null while running. */
  stop: number | null;
  /** Seconds (only meaningful when stopped). */
  durationSeconds: number;
  billable: boolean;
  /** Tag names, sorted (webhooks and reports list them in different orders). */
  tags: string[];
  /** Toggl's last-modified time, epoch ms. */
  at: number;
  deleted: boolean;
}

export interface ApplyScope {
  accountId: string;
  connectionId: string;
  workspaceId: string;
  /**
   * The connection's history boundary (epoch ms): an entry that started before it never becomes a
   * Time Log; one already imported (an earlier period's) is still kept up to date. Required, so
   * that no import path can forget it.
   */
  historyFrom: number | null;
}

/** The scope of a connection's imports: its account, workspace and history boundary. */
export const connectionScope = (
  accountId: string,
  connection: { id: string; workspaceId: string; historyFrom: Date | null },
): ApplyScope => ({
  accountId,
  connectionId: connection.id,
  workspaceId: connection.workspaceId,
  historyFrom: connection.historyFrom?.getTime() ?? null,
});

export type ApplyResult = "created" | "updated" | "unchanged" | "running" | "deleted" | "before_history";

/** The entry started before the connection's history boundary. */
const beforeHistory = (scope: ApplyScope, entry: NormalizedTimeEntry) =>
  scope.historyFrom !== null && entry.start < scope.historyFrom;

/** Stop (epoch ms) and length of an entry: no stop and 0 seconds while it runs (no stop, or a negative duration). */
function stopAndDuration(stop: string | null, duration: number): { stop: number | null; durationSeconds: number } {
  return stop === null || duration < 0
    ? { stop: null, durationSeconds: 0 }
    : { stop: Date.parse(stop), durationSeconds: duration };
}

/** From a Track v9 entry or a webhook payload (already parsed by timeEntrySchema). */
export function normalizeTogglTimeEntry(te: TimeEntry): NormalizedTimeEntry {
  const start = Date.parse(te.start);
  const { stop, durationSeconds } = stopAndDuration(te.stop, te.duration);
  return {
    togglId: te.id,
    workspaceId: te.workspace_id,
    togglUserId: te.user_id,
    projectId: te.project_id,
    taskId: te.task_id,
    description: te.description,
    start,
    stop,
    durationSeconds,
    billable: te.billable,
    tags: [...te.tags].sort(),
    at: Date.parse(te.at),
    deleted: te.server_deleted_at !== null,
  };
}

/**
 * From a Reports v3 entry. Reports carry tag ids only: `tagName` resolves them from the mirrored
 * tags (an id we do not know yet is left out rather than invented).
 */
export function normalizeReportEntry(
  entry: ReportTimeEntry,
  tagName: (id: string) => string | undefined,
): NormalizedTimeEntry {
  const start = Date.parse(entry.start);
  const { stop, durationSeconds } = stopAndDuration(entry.stop, entry.duration);
  const named = (entry as ReportTimeEntry & { tags?: unknown }).tags;
  const tags =
    Array.isArray(named) && named.every((t) => typeof t === "string")
      ? named
      : entry.tag_ids.map(tagName).filter((n): n is string => typeof n === "string");
  return {
    togglId: entry.id,
    workspaceId: entry.workspace_id,
    togglUserId: entry.user_id,
    projectId: entry.project_id,
    taskId: entry.task_id,
    description: entry.description,
    start,
    stop,
    durationSeconds,
    billable: entry.billable,
    tags: [...tags].sort(),
    // A report is read after the second of its `at` has passed, so it holds every edit made in that
    // second: it ranks after all of them (see withEventTime).
    at: Date.parse(entry.at) + 999,
    deleted: false,
  };
}

/**
 * Toggl's `at` has one-second resolution; a webhook's `created_at` (when the change happened) has
 * sub-second precision. When it falls in the same second, it orders two edits made in that second.
 */
export function withEventTime(at: number, eventCreatedAt: string | null | undefined): number {
  const created = eventCreatedAt ? Date.parse(eventCreatedAt) : Number.NaN;
  return Number.isFinite(created) && created >= at && created < at + 1000 ? created : at;
}

/** A value bound in SQL: a string, an SQL expression, or a placeholder (see timeLogUpsert). */
type Bound = string | SQL | Placeholder;

/**
 * The local user of a Toggl user: the member mapping of this workspace, else a signed-in user. A
 * manual mapping always wins, a manual "no user" included: it never falls back to the user linked
 * by Toggl user id.
 */
const localUserOf = (accountId: Bound, workspaceId: Bound, togglUserId: Bound) => sql`case
  when exists (select 1 from members m where m.account_id = ${accountId} and m.workspace_id = ${workspaceId}
     and m.toggl_user_id = ${togglUserId} and m.match = 'manual')
  then (select m.user_id from members m where m.account_id = ${accountId} and m.workspace_id = ${workspaceId}
     and m.toggl_user_id = ${togglUserId} and m.match = 'manual' limit 1)
  else coalesce(
  (select m.user_id from members m where m.account_id = ${accountId} and m.workspace_id = ${workspaceId}
     and m.toggl_user_id = ${togglUserId} and m.user_id is not null limit 1),
  (select u.id from users u where u.account_id = ${accountId} and u.toggl_user_id = ${togglUserId} limit 1)) end`;

/** A manual "no user" for this Toggl user in this workspace: its Time Logs stay unattributed. */
const manuallyUnmapped = (accountId: Bound, workspaceId: Bound, togglUserId: Bound) =>
  sql`exists (select 1 from members m where m.account_id = ${accountId} and m.workspace_id = ${workspaceId}
     and m.toggl_user_id = ${togglUserId} and m.match = 'manual' and m.user_id is null)`;

// Content columns take the incoming value unless it is older. An equal `at` with different content
// is applied (two edits in one second without a finer event time); the nightly report, ranked at
// the end of its second, then settles on Toggl's final state. Same content changes nothing.
const newer = (column: string) =>
  sql.raw(
    `case when excluded.toggl_at >= "time_logs"."toggl_at" then excluded."${column}" else "time_logs"."${column}" end`,
  );
const COMPARED = [
  "project_id",
  "task_id",
  "description",
  "start",
  "stop",
  "duration_seconds",
  "billable",
  "tags",
  "toggl_user_id",
];
const contentDiffers = sql.raw(COMPARED.map((c) => `excluded."${c}" is not "time_logs"."${c}"`).join(" or "));
const CONTENT = [
  "workspace_id",
  "toggl_user_id",
  "client_id",
  "project_id",
  "task_id",
  "client_name",
  "project_name",
  "task_name",
  "description",
  "start",
  "stop",
  "duration_seconds",
  "billable",
  "tags",
] as const;
const contentSet = Object.fromEntries(CONTENT.map((c) => [camel(c), newer(c)])) as Record<
  string,
  ReturnType<typeof newer>
>;

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
}

/** What a bulk pre-read found (undefined: no Time Log); "unknown" when nothing was read. */
type Existing = { togglAt: number; deleted: boolean } | undefined | "unknown";

/** The statements for one entry and how to read their results. */
interface Plan {
  statements: (Statement | RawStatement)[];
  /** `results`: the rows each statement returned, as SQLite gives them (see runRawBatch). */
  finish(results: unknown[]): ApplyResult;
}

/**
 * Applies one entry. Writes go in one atomic D1 batch and the SQL guards decide, so concurrent
 * deliveries of the same entry cannot roll it back.
 */
export async function applyTimeEntry(
  db: Db,
  scope: ApplyScope,
  entry: NormalizedTimeEntry,
  /** Written in the same atomic batch (e.g. the connection's last-event time). */
  also: (Statement | RawStatement)[] = [],
): Promise<ApplyResult> {
  // No pre-read: one round trip, the guards in SQL decide and RETURNING tells what happened. An
  // entry from before the history boundary is applied only to a Time Log already there.
  const existing: Existing = beforeHistory(scope, entry)
    ? await db
        .select({ togglAt: timeLogs.togglAt, deleted: timeLogs.deletedInToggl })
        .from(timeLogs)
        .where(and(eq(timeLogs.accountId, scope.accountId), eq(timeLogs.togglId, entry.togglId)))
        .get()
    : "unknown";
  const p = plan(db, scope, entry, existing);
  const results = await runRawBatch(db, [...p.statements, ...also]);
  return p.finish(results.slice(0, p.statements.length));
}

export type ApplyCounts = Record<ApplyResult, number>;

/**
 * Applies many entries (a report page) with one pre-read and one batch. Same rules as
 * applyTimeEntry; an id listed twice keeps its newest version. The finished entries travel as one
 * JSON parameter each for the upsert, the running-timer clearing and the tombstones, so a page is a
 * handful of statements whatever its size.
 */
export async function applyTimeEntries(
  db: Db,
  scope: ApplyScope,
  entries: readonly NormalizedTimeEntry[],
): Promise<ApplyCounts> {
  const counts: ApplyCounts = { created: 0, updated: 0, unchanged: 0, running: 0, deleted: 0, before_history: 0 };
  const byId = new Map<string, NormalizedTimeEntry>();
  for (const e of entries) {
    const seen = byId.get(e.togglId);
    if (!seen || e.at > seen.at || (e.at === seen.at && e.deleted)) byId.set(e.togglId, e);
  }
  if (byId.size === 0) return counts;
  const rows = await db
    .select({ togglId: timeLogs.togglId, togglAt: timeLogs.togglAt, deleted: timeLogs.deletedInToggl })
    .from(timeLogs)
    .where(and(eq(timeLogs.accountId, scope.accountId), inArray(timeLogs.togglId, jsonValues([...byId.keys()]))))
    .all();
  const existing = new Map(rows.map((r) => [r.togglId, r]));

  const runningPlans: Plan[] = [];
  const finished: NormalizedTimeEntry[] = [];
  const toWrite: NormalizedTimeEntry[] = [];
  for (const entry of byId.values()) {
    if (entry.stop === null) {
      runningPlans.push(plan(db, scope, entry, existing.get(entry.togglId)));
      continue;
    }
    finished.push(entry);
    const decision = finishedEntryDecision(scope, entry, existing.get(entry.togglId));
    if (decision === "write") toWrite.push(entry);
    else counts[decision]++;
  }
  const deleted = toWrite.filter((e) => e.deleted);
  // Running entries first, as a report lists them (by start) before the later finished ones that
  // clear a timer of the same person.
  const results = await runRawBatch(db, [
    ...runningPlans.flatMap((p) => p.statements),
    ...(toWrite.length ? [upsertTimeLogs(db, scope, toWrite)] : []),
    ...(finished.length ? [clearRunningTimers(db, scope.accountId, finished)] : []),
    ...(deleted.length ? [tombstones(db, scope.accountId, deleted)] : []),
  ]);
  let at = 0;
  for (const p of runningPlans) {
    counts[p.finish(results.slice(at, at + p.statements.length))]++;
    at += p.statements.length;
  }
  if (toWrite.length) {
    const written = new Map((results[at] as RawWrittenRow[]).map((r) => [r.toggl_id, writtenRow(r)]));
    for (const e of toWrite) counts[writtenResult(e, written.get(e.togglId), existing.get(e.togglId))]++;
  }
  return counts;
}

/** `(select value from json_each(?))`: a list of any length as one bound parameter. */
const jsonValues = (values: readonly string[]) => sql`(select value from json_each(${JSON.stringify(values)}))`;

/** A field of the json_each row `e` (see upsertTimeLogs). */
const field = (name: string) => sql.raw(`e.value ->> '${name}'`);

/**
 * The finished entries' upsert as one statement: each row of one JSON parameter is inserted with
 * the same values and conflict rules as applyTimeEntry's single-row upsert.
 */
function upsertTimeLogs(db: Db, scope: ApplyScope, entries: readonly NormalizedTimeEntry[]) {
  const { accountId } = scope;
  const now = nowMs();
  const rows = entries.map((e) => ({
    id: crypto.randomUUID(),
    workspace_id: e.workspaceId,
    toggl_id: e.togglId,
    toggl_user_id: e.togglUserId,
    project_id: e.projectId,
    task_id: e.taskId,
    description: e.description,
    start: e.start,
    stop: e.stop,
    duration_seconds: e.durationSeconds,
    billable: e.billable ? 1 : 0,
    // Stored as the column's JSON text, exactly as a single-row insert writes it.
    tags: JSON.stringify(e.tags),
    toggl_at: e.at,
    deleted: e.deleted ? 1 : 0,
  }));
  const names = treeNames(accountId, field("project_id"), field("task_id"));
  // Every column of time_logs in table order. `where true` keeps SQLite from reading the upsert's
  // ON CONFLICT as a join constraint.
  const select = sql`select ${field("id")}, ${accountId}, ${scope.connectionId}, ${field("workspace_id")},
      ${field("toggl_id")}, ${field("toggl_user_id")}, ${localUserOf(accountId, field("workspace_id"), field("toggl_user_id"))},
      ${names.clientId}, ${field("project_id")}, ${field("task_id")}, ${names.clientName}, ${names.projectName},
      ${names.taskName}, ${field("description")}, ${field("start")}, ${field("stop")}, ${field("duration_seconds")},
      ${field("billable")}, ${field("tags")}, ${field("toggl_at")},
      case when ${field("deleted")} = 1 then 1 else ${isTombstoned(accountId, field("toggl_id"))} end, 1, 0, ${now}, ${now}
    from json_each(${JSON.stringify(rows)}) e where true`;
  return db
    .insert(timeLogs)
    .select(select)
    .onConflictDoUpdate(timeLogConflict(accountId))
    .returning({ togglId: timeLogs.togglId, ...WRITTEN });
}

/** Running timers of these (now finished) entries are over. */
function clearRunningTimers(db: Db, accountId: string, entries: readonly NormalizedTimeEntry[]) {
  const pairs = JSON.stringify(entries.map((e) => [e.togglUserId, e.togglId]));
  return db.delete(runningEntries).where(
    and(
      eq(runningEntries.accountId, accountId),
      sql`(${runningEntries.togglUserId}, ${runningEntries.togglId}) in
          (select e.value ->> 0, e.value ->> 1 from json_each(${pairs}) e)`,
    ),
  );
}

/** Tombstones of many deleted entries in one statement (see tombstone). */
function tombstones(db: Db, accountId: string, entries: readonly NormalizedTimeEntry[]) {
  const rows = JSON.stringify(entries.map((e) => [e.togglId, e.at]));
  return db
    .insert(timeEntryTombstones)
    .select(sql`select ${accountId}, e.value ->> 0, e.value ->> 1 from json_each(${rows}) e where true`)
    .onConflictDoNothing();
}

/** Remembers for good that a Toggl entry was deleted. */
function tombstone(db: Db, accountId: string, togglId: string, at: number) {
  return db
    .insert(timeEntryTombstones)
    .values({ accountId, togglId, deletedAt: new Date(at) })
    .onConflictDoNothing()
    .returning({ togglId: timeEntryTombstones.togglId });
}

const isTombstoned = (accountId: Bound, togglId: Bound) =>
  sql`exists (select 1 from time_entry_tombstones d where d.account_id = ${accountId} and d.toggl_id = ${togglId})`;

function plan(db: Db, scope: ApplyScope, entry: NormalizedTimeEntry, existing: Existing): Plan {
  const { accountId } = scope;
  const clearRunning = clearRunningTimer(db, {
    accountId,
    togglUserId: entry.togglUserId,
    togglId: entry.togglId,
  });

  if (entry.stop === null) {
    if (entry.deleted) {
      // A running timer deleted in Toggl never finished: forget it; flag a stale Time Log if any.
      return {
        statements: [
          clearRunning,
          tombstone(db, accountId, entry.togglId, entry.at),
          db
            .update(timeLogs)
            .set({ deletedInToggl: true, scorable: false, updatedAt: nowDate() })
            .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.togglId, entry.togglId))),
        ],
        finish: () => "deleted",
      };
    }
    // Already a Time Log: this "running" delivery is older than the stop we have.
    if (existing !== "unknown" && existing) return { statements: [], finish: () => "unchanged" };
    const upsertRunning = db
      .insert(runningEntries)
      .values({
        accountId,
        togglUserId: entry.togglUserId,
        togglId: entry.togglId,
        workspaceId: entry.workspaceId,
        projectId: entry.projectId,
        taskId: entry.taskId,
        description: entry.description,
        billable: entry.billable,
        tags: entry.tags,
        start: new Date(entry.start),
        togglAt: entry.at,
        updatedAt: nowDate(),
      })
      .onConflictDoUpdate({
        target: [runningEntries.accountId, runningEntries.togglUserId],
        set: {
          togglId: sql`excluded.toggl_id`,
          workspaceId: sql`excluded.workspace_id`,
          projectId: sql`excluded.project_id`,
          taskId: sql`excluded.task_id`,
          description: sql`excluded.description`,
          billable: sql`excluded.billable`,
          tags: sql`excluded.tags`,
          start: sql`excluded.start`,
          togglAt: sql`excluded.toggl_at`,
          updatedAt: sql`excluded.updated_at`,
        },
        // The same entry: a newer edit wins. Another entry of the same person: a person has one
        // running entry in Toggl, so the one started later is the one running (whatever order the
        // deliveries came in). Never an entry that is already a Time Log or deleted.
        setWhere: sql`((excluded.toggl_id = ${runningEntries.togglId}
            and (excluded.toggl_at > ${runningEntries.togglAt}
              or (excluded.toggl_at = ${runningEntries.togglAt} and excluded.start >= ${runningEntries.start})))
          or (excluded.toggl_id <> ${runningEntries.togglId} and excluded.start >= ${runningEntries.start}))
          and not exists (select 1 from time_logs l where l.account_id = ${accountId} and l.toggl_id = excluded.toggl_id)
          and not ${isTombstoned(accountId, sql`excluded.toggl_id`)}`,
      })
      .returning({ togglId: runningEntries.togglId });
    // In the same atomic batch: if the entry is already a Time Log or deleted, this delivery is stale.
    const undoIfLogged = db
      .delete(runningEntries)
      .where(
        and(
          eq(runningEntries.accountId, accountId),
          eq(runningEntries.togglId, entry.togglId),
          sql`(exists (select 1 from time_logs where account_id = ${accountId} and toggl_id = ${entry.togglId})
            or ${isTombstoned(accountId, entry.togglId)})`,
        ),
      )
      .returning({ togglId: runningEntries.togglId });
    // A person runs one entry at a time in Toggl, whichever workspace: once this one is the running
    // one here, an older running entry of theirs stored in another account has ended.
    const endOlderElsewhere = db.delete(runningEntries).where(
      and(
        eq(runningEntries.togglUserId, entry.togglUserId),
        sql`${runningEntries.accountId} <> ${accountId}`,
        sql`${runningEntries.togglId} <> ${entry.togglId}`,
        sql`${runningEntries.start} < ${entry.start}`,
        sql`exists (select 1 from running_entries r where r.account_id = ${accountId}
            and r.toggl_user_id = ${entry.togglUserId} and r.toggl_id = ${entry.togglId})`,
      ),
    );
    return {
      statements: [upsertRunning, undoIfLogged, endOlderElsewhere],
      finish: (results) => {
        const written = (results[0] as unknown[] | undefined)?.length ?? 0;
        const undone = (results[1] as unknown[] | undefined)?.length ?? 0;
        return written > 0 && undone === 0 ? "running" : "unchanged";
      },
    };
  }

  const decision = finishedEntryDecision(scope, entry, existing);
  // Skipped or not, a stale running row for this entry goes away.
  if (decision !== "write") return { statements: [clearRunning], finish: () => decision };

  return {
    statements: [
      upsertTimeLog(db, scope, entry, entry.stop),
      clearRunning,
      ...(entry.deleted ? [tombstone(db, accountId, entry.togglId, entry.at)] : []),
    ],
    finish: (results) => writtenResult(entry, writtenRow((results[0] as RawWrittenRow[] | undefined)?.[0]), existing),
  };
}

/** The values of the statements built once below. */
const P = placeholders(
  "id",
  "accountId",
  "connectionId",
  "workspaceId",
  "togglId",
  "togglUserId",
  "projectId",
  "taskId",
  "description",
  "start",
  "stop",
  "durationSeconds",
  "billable",
  "tags",
  "togglAt",
  "deleted",
  "now",
);

/**
 * The single-entry upsert, built once (see statementTemplate). Building its 5,000 characters for
 * every write, with Drizzle's batch around it, made a single entry's write 2.9–3.5 ms against
 * 2.3–2.6 ms now (timed in the worker tests; a D1 round trip there is ~1.5 ms).
 */
const timeLogUpsert = statementTemplate((db) => {
  const names = treeNames(P.accountId, P.projectId, P.taskId);
  return db
    .insert(timeLogs)
    .values({
      id: P.id,
      accountId: P.accountId,
      connectionId: P.connectionId,
      workspaceId: P.workspaceId,
      togglId: P.togglId,
      togglUserId: P.togglUserId,
      userId: localUserOf(P.accountId, P.workspaceId, P.togglUserId),
      clientId: names.clientId,
      projectId: P.projectId,
      taskId: P.taskId,
      clientName: names.clientName,
      projectName: names.projectName,
      taskName: names.taskName,
      description: P.description,
      start: P.start,
      stop: P.stop,
      durationSeconds: P.durationSeconds,
      billable: P.billable,
      tags: P.tags,
      togglAt: P.togglAt,
      // A deletion may have come first (by id only): the creation then stays deleted.
      deletedInToggl: sql`(${P.deleted} or ${isTombstoned(P.accountId, P.togglId)})`,
      scorable: false,
      createdAt: P.now,
      updatedAt: P.now,
    })
    .onConflictDoUpdate(timeLogConflict(P.accountId))
    .returning(WRITTEN);
});

/** A person's running timer of this entry, once the entry has finished or was deleted. */
const clearRunningTimer = statementTemplate((db) =>
  db
    .delete(runningEntries)
    .where(
      and(
        eq(runningEntries.accountId, P.accountId),
        eq(runningEntries.togglUserId, P.togglUserId),
        eq(runningEntries.togglId, P.togglId),
      ),
    ),
);

/** One finished entry's upsert (see timeLogUpsert); it returns a RawWrittenRow. */
function upsertTimeLog(db: Db, scope: ApplyScope, entry: NormalizedTimeEntry, stop: number): RawStatement {
  return timeLogUpsert(db, {
    id: crypto.randomUUID(),
    accountId: scope.accountId,
    connectionId: scope.connectionId,
    workspaceId: entry.workspaceId,
    togglId: entry.togglId,
    togglUserId: entry.togglUserId,
    projectId: entry.projectId,
    taskId: entry.taskId,
    description: entry.description,
    start: new Date(entry.start),
    stop: new Date(stop),
    durationSeconds: entry.durationSeconds,
    billable: entry.billable,
    tags: entry.tags,
    togglAt: entry.at,
    deleted: entry.deleted ? 1 : 0,
    now: nowDate(),
  });
}

/** What a finished entry does to the stored Time Log: stays out (and why), or is written. Pure. */
function finishedEntryDecision(
  scope: ApplyScope,
  entry: NormalizedTimeEntry,
  existing: Existing,
): "before_history" | "unchanged" | "write" {
  // Never imported, and from before the connection's history: it stays out.
  if (existing === undefined && beforeHistory(scope, entry)) return "before_history";
  // Older than the stored version; a deletion of a live Time Log still goes through.
  if (existing !== "unknown" && existing && existing.togglAt > entry.at && !(entry.deleted && !existing.deleted))
    return "unchanged";
  return "write";
}

/**
 * The upsert's conflict rules, shared by the single-row and the page-wide upsert: they read the
 * incoming row only through `excluded`.
 */
function timeLogConflict(accountId: Bound) {
  const togglId = sql.raw(`excluded."toggl_id"`);
  // Reconciliation's "deleted in Toggl" is a guess (the report did not show the entry); Toggl's own
  // word is a tombstone. A live version at least as new as the stored one proves the guess wrong.
  const revived = sql`(excluded.deleted_in_toggl = 0 and ${timeLogs.deletedInToggl} = 1
    and excluded.toggl_at >= ${timeLogs.togglAt} and not ${isTombstoned(accountId, togglId)})`;
  return {
    target: [timeLogs.accountId, timeLogs.togglId],
    set: {
      ...contentSet,
      connectionId: sql`excluded.connection_id`,
      // A removed person's Time Logs stay theirs (no user found now keeps the stored one), except
      // after a manual "no user".
      userId: sql`case when ${manuallyUnmapped(accountId, sql.raw(`excluded."workspace_id"`), sql.raw(`excluded."toggl_user_id"`))} then null
        else coalesce(excluded.user_id, ${timeLogs.userId}) end`,
      togglAt: sql`max(excluded.toggl_at, ${timeLogs.togglAt})`,
      deletedInToggl: sql`case when ${revived} then 0 else max(excluded.deleted_in_toggl, ${timeLogs.deletedInToggl}) end`,
      scorable: sql`case when max(excluded.deleted_in_toggl, ${timeLogs.deletedInToggl}) = 1 and not ${revived} then 0
        else ${timeLogs.scorable} end`,
      updatedAt: sql`excluded.updated_at`,
    },
    setWhere: sql`(excluded.toggl_at >= ${timeLogs.togglAt} and (${contentDiffers}))
      or (excluded.deleted_in_toggl = 1 and ${timeLogs.deletedInToggl} = 0)
      or ${revived}`,
  };
}

/** What an upsert returns of each row it wrote. */
const WRITTEN = { createdAt: timeLogs.createdAt, updatedAt: timeLogs.updatedAt, deleted: timeLogs.deletedInToggl };
type WrittenRow = { createdAt: Date; updatedAt: Date; deleted: boolean };
/** WRITTEN as SQLite returns it (see runRawBatch); `toggl_id` where the upsert returns it too. */
type RawWrittenRow = { toggl_id?: string; created_at: number; updated_at: number; deleted_in_toggl: number };

const writtenRow = (raw: RawWrittenRow | undefined): WrittenRow | undefined =>
  raw && {
    createdAt: new Date(raw.created_at),
    updatedAt: new Date(raw.updated_at),
    deleted: raw.deleted_in_toggl === 1,
  };

/** The outcome of a written (or not written) finished entry. Pure. */
function writtenResult(entry: NormalizedTimeEntry, written: WrittenRow | undefined, existing: Existing): ApplyResult {
  if (!written) return "unchanged";
  if (entry.deleted || written.deleted) return "deleted";
  // An insert writes both times as `now`; an update keeps the original created_at.
  if (existing === "unknown")
    return written.createdAt.getTime() === written.updatedAt.getTime() ? "created" : "updated";
  return existing ? "updated" : "created";
}

/**
 * A deletion known only by id (e.g. a webhook whose payload is not a full entry): flag the Time Log,
 * forget a running timer with that id, and keep a tombstone so that a creation arriving later
 * (deliveries are not ordered) stays deleted.
 */
export async function markTimeEntryDeleted(
  db: Db,
  accountId: string,
  togglId: string,
  at: number = nowMs(),
): Promise<"deleted" | "unchanged"> {
  const [flagged, forgotten, buried] = await db.batch([
    db
      .update(timeLogs)
      .set({ deletedInToggl: true, scorable: false, updatedAt: nowDate() })
      .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.togglId, togglId), eq(timeLogs.deletedInToggl, false)))
      .returning({ id: timeLogs.id }),
    db
      .delete(runningEntries)
      .where(and(eq(runningEntries.accountId, accountId), eq(runningEntries.togglId, togglId)))
      .returning({ togglId: runningEntries.togglId }),
    tombstone(db, accountId, togglId, at),
  ]);
  return flagged.length + forgotten.length + buried.length > 0 ? "deleted" : "unchanged";
}

/**
 * Snapshot names from the mirrored tree at write time (the read model prefers live names). An
 * absent project or task (null) needs no look-up.
 */
function treeNames(accountId: Bound, project: Bound | null, task: Bound | null) {
  return {
    clientId: project
      ? sql`(select p.client_id from projects p where p.account_id = ${accountId} and p.id = ${project})`
      : null,
    clientName: project
      ? sql`(select c.name from projects p join clients c on c.account_id = p.account_id and c.id = p.client_id
              where p.account_id = ${accountId} and p.id = ${project})`
      : null,
    projectName: project
      ? sql`(select p.name from projects p where p.account_id = ${accountId} and p.id = ${project})`
      : null,
    taskName: task ? sql`(select t.name from tasks t where t.account_id = ${accountId} and t.id = ${task})` : null,
  };
}
