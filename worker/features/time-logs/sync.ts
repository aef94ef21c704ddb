// Reconciliation (the last days, nightly) and history backfill (the window chosen at connect):
// one Reports v3 detailed-search page per call, applied with the same idempotent upsert. The job
// runner persists the returned cursor between calls, so a run cut off (or paused by a 402) resumes
// at the page it had not finished. A TogglError (quota, budget, outage) propagates unchanged and
// leaves the cursor where it was.
//
// Deletions that never came by webhook: Toggl's reports leave deleted entries out, and no v9 call
// reads another user's entry by id. So, best effort, after a COMPLETE reconcile report of a window
// a Time Log of the connection's workspace is flagged deleted in Toggl when it starts safely inside
// that window, was written before the run started, was last changed in Toggl more than
// REPORT_SETTLE_MS before it, belongs to a person the report showed entries of, and did not appear
// in the report. The flag is a guess: a later webhook or report that shows the entry clears it
// (apply.ts); only Toggl's own deletions are for good. (An entry whose start was moved out of the window while its
// webhook was lost would be flagged too; the window is days wide, which makes that rare.) Backfill
// windows are too large to carry the ids seen, so backfill only adds and updates.
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import { idChunks } from "../../db/batch";
import { tags, timeLogs } from "../../db/schema";
import type { Db } from "../../env";
import type { TogglClient } from "../../toggl/client";
import { applyTimeEntries, connectionScope, normalizeReportEntry } from "./apply";
import { nowDate } from "../../clock";

export type SyncMode = "reconcile" | "backfill";

/** Days reconciliation looks back. */
export const RECONCILE_DAYS = 3;
/** Days the first reconciliation after a repaired webhook subscription looks back. */
export const RECONCILE_DAYS_AFTER_OUTAGE = 14;
/** Report rows per page: quota is scarce, pages are not. */
const REPORT_PAGE_SIZE = 200;

const DAY = 86_400_000;
/**
 * Reports are eventually consistent: an entry changed in Toggl this long before the report was
 * read may be missing from it, so it is not judged (the next night judges it).
 */
export const REPORT_SETTLE_MS = 10 * 60_000;

export interface SyncCursor {
  mode: SyncMode;
  /** YYYY-MM-DD, inclusive (Toggl reads the dates in the user's zone; the window has a day of margin). */
  startDate: string;
  endDate: string;
  firstRowNumber?: number;
  firstId?: string | null;
  /** Reconcile only: Toggl ids seen on the pages done so far. */
  seen?: string[];
  /** Reconcile only: Toggl users the report showed entries of. */
  seenUsers?: string[];
  /** Pages done so far. */
  pages?: number;
  /** Epoch ms when the window's first page was read. */
  startedAt?: number;
  /** The latest start read so far (pages come in date order): how far into the window they got. */
  lastStart?: number;
}

interface SyncConnection {
  id: string;
  accountId: string;
  workspaceId: string;
  /** The history boundary: nothing that started before it is imported. */
  historyFrom: Date | null;
  /** The current period's backfill window: from backfillFrom (null: none) to connectedAt. */
  backfillFrom: Date | null;
  connectedAt: Date | null;
  createdAt: Date;
}

export interface SyncPageInput {
  db: Db;
  connection: SyncConnection;
  toggl: TogglClient;
  now: number;
  mode: SyncMode;
  /** null/undefined: start a new window. */
  cursor?: SyncCursor | Record<string, unknown> | null;
  pageSize?: number;
  /** Reconcile window in days (default RECONCILE_DAYS). */
  days?: number;
  /** The workspace's tag names by id, kept across the pages of one run; read per page when absent. */
  tagNames?: () => Promise<ReadonlyMap<string, string>>;
}

export interface SyncPageResult {
  done: boolean;
  /** Persist as is; null once done. */
  cursor: SyncCursor | null;
  itemsChanged: number;
}

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The window a new run covers, never starting more than a day (the users' time zones) before the
 * history boundary; what the margin brings from before the boundary is left out when applied. Pure.
 */
function initialCursor(
  mode: SyncMode,
  connection: Pick<SyncConnection, "historyFrom" | "backfillFrom" | "connectedAt" | "createdAt">,
  now: number,
  days = RECONCILE_DAYS,
): SyncCursor {
  const boundary = connection.historyFrom?.getTime() ?? connection.createdAt.getTime();
  if (mode === "reconcile") {
    return {
      mode,
      startDate: ymd(Math.max(now - (days + 1) * DAY, boundary - DAY)),
      endDate: ymd(now + DAY),
      seen: [],
      pages: 0,
      startedAt: now,
    };
  }
  // The chosen history before this period began; webhooks and reconciliation cover what came after.
  const from = Math.max(connection.backfillFrom?.getTime() ?? boundary, boundary);
  const until = (connection.connectedAt ?? connection.createdAt).getTime();
  return {
    mode,
    startDate: ymd(from - DAY),
    endDate: ymd(until + DAY),
    pages: 0,
    startedAt: now,
  };
}

function asCursor(mode: SyncMode, value: SyncPageInput["cursor"]): SyncCursor | null {
  if (!value || typeof value !== "object") return null;
  const c = value as Partial<SyncCursor>;
  if (c.mode !== mode || typeof c.startDate !== "string" || typeof c.endDate !== "string") return null;
  return c as SyncCursor;
}

/** The workspace's mirrored tag names by id: reports name tags by id only. */
export async function readTagNames(
  db: Db,
  connection: Pick<SyncConnection, "accountId" | "workspaceId">,
): Promise<ReadonlyMap<string, string>> {
  const rows = await db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.accountId, connection.accountId), eq(tags.workspaceId, connection.workspaceId)))
    .all();
  return new Map(rows.map((t) => [t.id, t.name]));
}

export async function syncTimeEntriesPage(input: SyncPageInput): Promise<SyncPageResult> {
  const { db, connection, toggl, mode } = input;
  if (mode === "backfill" && connection.backfillFrom === null && !input.cursor)
    return { done: true, cursor: null, itemsChanged: 0 };
  const cursor = asCursor(mode, input.cursor) ?? initialCursor(mode, connection, input.now, input.days);

  const page = await toggl.searchTimeEntriesPage(connection.workspaceId, {
    startDate: cursor.startDate,
    endDate: cursor.endDate,
    pageSize: input.pageSize ?? REPORT_PAGE_SIZE,
    ...(cursor.firstRowNumber !== undefined ? { firstRowNumber: cursor.firstRowNumber } : {}),
    ...(cursor.firstId ? { firstId: cursor.firstId } : {}),
  });

  const tagNames = await (input.tagNames ?? (() => readTagNames(db, connection)))();
  const entries = page.entries
    .filter((e) => e.workspace_id === connection.workspaceId)
    .map((e) => normalizeReportEntry(e, (id) => tagNames.get(id)));
  const counts = await applyTimeEntries(db, connectionScope(connection.accountId, connection), entries);
  let itemsChanged = counts.created + counts.updated + counts.deleted;

  const seen = mode === "reconcile" ? [...(cursor.seen ?? []), ...entries.map((e) => e.togglId)] : undefined;
  const seenUsers =
    mode === "reconcile"
      ? [...new Set([...(cursor.seenUsers ?? []), ...entries.map((e) => e.togglUserId)])]
      : undefined;
  const pages = (cursor.pages ?? 0) + 1;
  const lastStart = Math.max(cursor.lastStart ?? 0, ...entries.map((e) => e.start));
  if (page.next) {
    return {
      done: false,
      cursor: {
        ...cursor,
        firstRowNumber: page.next.firstRowNumber,
        firstId: page.next.firstId,
        pages,
        ...(lastStart > 0 ? { lastStart } : {}),
        ...(seen ? { seen, seenUsers } : {}),
      },
      itemsChanged,
    };
  }
  if (mode === "reconcile")
    itemsChanged += await flagMissingAsDeleted(db, connection, cursor, seen ?? [], seenUsers ?? []);
  return { done: true, cursor: null, itemsChanged };
}

/**
 * After a complete report: Time Logs safely inside the window that Toggl no longer lists. A row
 * written (by a webhook) after the first page was read may sit on a page already passed, so only
 * rows last written before the run started are judged (both times on the worker's clock).
 */
async function flagMissingAsDeleted(
  db: Db,
  connection: SyncConnection,
  cursor: SyncCursor,
  seen: string[],
  seenUsers: string[],
): Promise<number> {
  // A report shows only what its token may see (a non-admin: their own entries). Only people the
  // report did show are judged, so a narrower token never flags everyone else's entries.
  const users = new Set(seenUsers);
  // A day of margin on each side for the users' time zones (reports filter by local dates).
  const from = new Date(Date.parse(`${cursor.startDate}T00:00:00Z`) + DAY);
  const to = new Date(Date.parse(`${cursor.endDate}T00:00:00Z`));
  const candidates = await db
    .select({ togglId: timeLogs.togglId, togglUserId: timeLogs.togglUserId })
    .from(timeLogs)
    .where(
      and(
        eq(timeLogs.accountId, connection.accountId),
        eq(timeLogs.workspaceId, connection.workspaceId),
        eq(timeLogs.deletedInToggl, false),
        gte(timeLogs.start, from),
        lt(timeLogs.start, to),
        lt(timeLogs.updatedAt, new Date(cursor.startedAt ?? 0)),
        lt(timeLogs.togglAt, (cursor.startedAt ?? 0) - REPORT_SETTLE_MS),
      ),
    )
    .all();
  const seenSet = new Set(seen);
  const missing = candidates.filter((c) => users.has(c.togglUserId) && !seenSet.has(c.togglId)).map((c) => c.togglId);
  const flag = (ids: string[]) =>
    db
      .update(timeLogs)
      .set({ deletedInToggl: true, scorable: false, updatedAt: nowDate() })
      .where(
        and(
          eq(timeLogs.accountId, connection.accountId),
          eq(timeLogs.workspaceId, connection.workspaceId),
          eq(timeLogs.deletedInToggl, false),
          inArray(timeLogs.togglId, ids),
        ),
      )
      .returning({ id: timeLogs.id });
  let flagged = 0;
  for (const ids of idChunks(missing, flag)) flagged += (await flag(ids)).length;
  return flagged;
}
