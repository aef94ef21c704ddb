// The Time Log read model: rows joined with the CURRENT tree names (so titles follow renames),
// falling back to the names stored with the row when the tree has no such item.
import { and, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Page, TimeLog } from "../../../shared/contract";
import { isAdminRole } from "../../../shared/enums";
import { buildTimeLogTitle, durationMinutes, timeLogDetail } from "../../../shared/time-log";
import type { Caller, Db } from "../../env";
import { clients, projects, tasks, timeLogs, users } from "../../db/schema";
import { ApiError } from "../../lib/errors";
import { nowDate } from "../../clock";

const p = alias(projects, "p");
const cl = alias(clients, "cl");
const t = alias(tasks, "t");

interface TimeLogRow {
  log: typeof timeLogs.$inferSelect;
  clientName: string | null;
  projectName: string | null;
  taskName: string | null;
  user: { id: string; name: string; email: string } | null;
}

/** Pure: a joined row → the API shape. */
function toTimeLog(row: TimeLogRow): TimeLog {
  const { log } = row;
  const client = row.clientName ?? log.clientName ?? null;
  const project = row.projectName ?? log.projectName ?? null;
  const task = row.taskName ?? log.taskName ?? null;
  return {
    id: log.id,
    togglTimeEntryId: log.togglId,
    type: "time_log",
    title: buildTimeLogTitle({ client, project, task, description: log.description }),
    client,
    project,
    task,
    description: log.description,
    start: log.start.toISOString(),
    stop: log.stop.toISOString(),
    durationSeconds: log.durationSeconds,
    durationMinutes: durationMinutes(log.durationSeconds),
    billable: log.billable,
    tags: log.tags,
    detail: timeLogDetail(log.tags),
    displayable: log.displayable,
    scorable: log.scorable,
    deletedInToggl: log.deletedInToggl,
    workspaceId: log.workspaceId,
    projectId: log.projectId,
    taskId: log.taskId,
    user: row.user,
    togglUserId: log.togglUserId,
  };
}

function baseQuery(db: Db) {
  return (
    db
      .select({
        log: timeLogs,
        clientName: cl.name,
        projectName: p.name,
        taskName: t.name,
        user: { id: users.id, name: users.name, email: users.email },
      })
      .from(timeLogs)
      .leftJoin(p, and(eq(p.accountId, timeLogs.accountId), eq(p.id, timeLogs.projectId)))
      // The project's current client wins over the one recorded with the entry.
      .leftJoin(
        cl,
        and(eq(cl.accountId, timeLogs.accountId), eq(cl.id, sql`coalesce(${p.clientId}, ${timeLogs.clientId})`)),
      )
      .leftJoin(t, and(eq(t.accountId, timeLogs.accountId), eq(t.id, timeLogs.taskId)))
      .leftJoin(users, and(eq(users.accountId, timeLogs.accountId), eq(users.id, timeLogs.userId)))
  );
}

// Drizzle's left-joined object is all-null when nothing matched.
function fixUser(
  row: Omit<TimeLogRow, "user"> & { user: { id: string | null; name: string | null; email: string | null } | null },
): TimeLogRow {
  const u = row.user;
  return { ...row, user: u && u.id ? { id: u.id, name: u.name ?? "", email: u.email ?? "" } : null };
}

/** Opaque cursor: the (start, id) of the last item of a page. */
function encodeCursor(start: Date, id: string): string {
  return btoa(JSON.stringify([start.getTime(), id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The largest distance from the epoch a Date can hold. */
const MAX_DATE_MS = 8.64e15;

function decodeCursor(cursor: string): { start: number; id: string } {
  try {
    const text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) {
      const parts: unknown[] = value;
      const [start, id] = parts;
      // Only a start a Date can hold (±8.64e15 ms): anything else would bind NaN.
      if (
        typeof start === "number" &&
        Number.isSafeInteger(start) &&
        Math.abs(start) <= MAX_DATE_MS &&
        typeof id === "string"
      )
        return { start, id };
    }
  } catch {
    // fall through
  }
  throw new ApiError(400, "invalid_input", "Invalid cursor");
}

interface ListOptions {
  accountId: string;
  /** Only this local user's Time Logs (undefined = everyone in the account). */
  userId?: string;
  workspaceId?: string;
  /** Hide entries an admin marked not displayable. */
  displayableOnly?: boolean;
  limit: number;
  cursor?: string;
}

/**
 * The page a caller may see: admins any user's (or everyone's, the default) and everything, to
 * toggle it; members only their own, and only what an admin left displayable.
 */
export async function listTimeLogsFor(
  db: Db,
  caller: Caller,
  q: { limit: number; cursor?: string; userId?: string; workspaceId?: string },
): Promise<Page<TimeLog>> {
  let userId: string | undefined;
  if (isAdminRole(caller.role)) {
    userId = q.userId && q.userId !== "all" ? (q.userId === "me" ? caller.userId : q.userId) : undefined;
  } else {
    if (q.userId && q.userId !== "me" && q.userId !== caller.userId) {
      throw new ApiError(403, "forbidden", "Members can only see their own Time Logs");
    }
    userId = caller.userId;
  }
  return listTimeLogs(db, {
    accountId: caller.accountId,
    userId,
    workspaceId: q.workspaceId,
    displayableOnly: !isAdminRole(caller.role),
    limit: q.limit,
    cursor: q.cursor,
  });
}

/** Newest first (start, then id), cursor-paginated. */
async function listTimeLogs(db: Db, o: ListOptions): Promise<Page<TimeLog>> {
  const where: (SQL | undefined)[] = [eq(timeLogs.accountId, o.accountId)];
  if (o.userId) where.push(eq(timeLogs.userId, o.userId));
  if (o.workspaceId) where.push(eq(timeLogs.workspaceId, o.workspaceId));
  if (o.displayableOnly) where.push(eq(timeLogs.displayable, true));
  if (o.cursor) {
    const c = decodeCursor(o.cursor);
    const start = new Date(c.start);
    where.push(or(lt(timeLogs.start, start), and(eq(timeLogs.start, start), lt(timeLogs.id, c.id))));
  }
  const rows = await baseQuery(db)
    .where(and(...where))
    .orderBy(desc(timeLogs.start), desc(timeLogs.id))
    .limit(o.limit + 1)
    .all();
  const page = rows.slice(0, o.limit).map((r) => toTimeLog(fixUser(r)));
  const last = rows.length > o.limit ? rows[o.limit - 1] : undefined;
  return { items: page, nextCursor: last ? encodeCursor(last.log.start, last.log.id) : null };
}

export async function getTimeLog(db: Db, accountId: string, id: string): Promise<TimeLog | null> {
  const row = await baseQuery(db)
    .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.id, id)))
    .get();
  return row ? toTimeLog(fixUser(row)) : null;
}

/** Admin toggles. A Time Log deleted in Toggl can never become scorable (409). */
export async function updateTimeLogFlags(
  db: Db,
  accountId: string,
  id: string,
  patch: { scorable?: boolean; displayable?: boolean },
): Promise<TimeLog> {
  const current = await db
    .select({ deleted: timeLogs.deletedInToggl })
    .from(timeLogs)
    .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.id, id)))
    .get();
  if (!current) throw new ApiError(404, "not_found", "Time Log not found");
  if (patch.scorable === true && current.deleted) {
    throw new ApiError(409, "deleted_in_toggl", "This entry was deleted in Toggl and can never be scorable");
  }
  const set: Partial<typeof timeLogs.$inferInsert> = { updatedAt: nowDate() };
  if (patch.scorable !== undefined) set.scorable = patch.scorable;
  if (patch.displayable !== undefined) set.displayable = patch.displayable;
  // The guard repeats in SQL so a deletion landing in between still wins.
  await db
    .update(timeLogs)
    .set(set)
    .where(
      and(
        eq(timeLogs.accountId, accountId),
        eq(timeLogs.id, id),
        patch.scorable === true ? eq(timeLogs.deletedInToggl, false) : undefined,
      ),
    );
  const updated = await getTimeLog(db, accountId, id);
  if (!updated) throw new ApiError(404, "not_found", "Time Log not found");
  return updated;
}
