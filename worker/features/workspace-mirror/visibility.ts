// Who may track on what: Toggl's own rule, in the one place the task search, the timer and the
// time-entry routes read it. Workspace members may track on public projects and on private ones
// they belong to (Toggl's project users, mirrored with the structure); Hourline's owners and admins
// see everything (Toggl still refuses a private project to someone outside it, and says so).
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { projectMembers, users } from "../../db/schema";
import type { Caller, Db } from "../../env";

/** Whose view a list or a check takes. */
export interface Viewer {
  accountId: string;
  /** Owners and admins: no restriction. */
  seesAll: boolean;
  /** The person's Toggl user id (null for users who never signed in with a token: public projects only). */
  togglUserId: string | null;
}

export async function viewerOf(db: Db, caller: Caller): Promise<Viewer> {
  const seesAll = caller.role === "owner" || caller.role === "admin";
  if (seesAll) return { accountId: caller.accountId, seesAll, togglUserId: null };
  const row = await db
    .select({ togglUserId: users.togglUserId })
    .from(users)
    .where(and(eq(users.accountId, caller.accountId), eq(users.id, caller.userId)))
    .get();
  return { accountId: caller.accountId, seesAll, togglUserId: row?.togglUserId ?? null };
}

/**
 * The predicate over a row that names a project (`projectId`, null for none) and carries that
 * project's private flag: true when the viewer may track on it. Undefined: no restriction.
 */
export function trackableBy(
  viewer: Viewer,
  columns: { projectId: SQLiteColumn; private: SQLiteColumn },
): SQL | undefined {
  if (viewer.seesAll) return undefined;
  const member = viewer.togglUserId
    ? sql`exists (select 1 from ${projectMembers} where ${projectMembers.accountId} = ${viewer.accountId}
        and ${projectMembers.projectId} = ${columns.projectId} and ${projectMembers.togglUserId} = ${viewer.togglUserId})`
    : sql`0`;
  return or(eq(columns.private, false), member);
}
