// Member queries, always scoped by account. Every mapping change re-links the member's Time Logs
// in the same batch, so they show under the user at once (nothing is re-imported).
import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Member, MemberFilter } from "../../../shared/contract";
import { runBatch, type Statement } from "../../db/batch";
import { connections, members, timeLogs, users, workspaces } from "../../db/schema";
import type { Db } from "../../env";
import { automaticMapping, sameMapping, type LocalUser, type Mapping } from "./matching";

type MemberRow = typeof members.$inferSelect;

/** Points the Time Logs of one Toggl user in one workspace at the member's local user. */
export function relinkTimeLogs(
  db: Db,
  accountId: string,
  workspaceId: string,
  togglUserId: string,
  userId: string | null,
) {
  return db
    .update(timeLogs)
    .set({ userId })
    .where(
      and(
        eq(timeLogs.accountId, accountId),
        eq(timeLogs.workspaceId, workspaceId),
        eq(timeLogs.togglUserId, togglUserId),
      ),
    );
}

/** The account's users a member may be matched to: joined and invited ones, never removed ones. */
export async function localUsers(db: Db, accountId: string): Promise<LocalUser[]> {
  return db
    .select({ id: users.id, email: users.email, togglUserId: users.togglUserId })
    .from(users)
    .where(and(eq(users.accountId, accountId), isNull(users.removedAt)));
}

const memberColumns = {
  id: members.id,
  workspaceId: members.workspaceId,
  connectionName: connections.workspaceName,
  mirrorName: workspaces.name,
  togglUserId: members.togglUserId,
  email: members.email,
  name: members.name,
  active: members.active,
  joined: members.joined,
  match: members.match,
  userId: users.id,
  userName: users.name,
  userEmail: users.email,
};

function memberQuery(db: Db, where: SQL | undefined) {
  return db
    .select(memberColumns)
    .from(members)
    .leftJoin(users, and(eq(users.id, members.userId), eq(users.accountId, members.accountId)))
    .leftJoin(
      connections,
      and(eq(connections.accountId, members.accountId), eq(connections.workspaceId, members.workspaceId)),
    )
    .leftJoin(workspaces, and(eq(workspaces.accountId, members.accountId), eq(workspaces.id, members.workspaceId)))
    .where(where)
    .orderBy(asc(members.workspaceId), asc(members.name), asc(members.email), asc(members.id));
}

function toMember(r: Awaited<ReturnType<typeof memberQuery>>[number]): Member {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    workspaceName: r.connectionName ?? r.mirrorName ?? "",
    togglUserId: r.togglUserId,
    email: r.email,
    name: r.name,
    active: r.active,
    joined: r.joined,
    // A manual unmapping is stored as match "manual" with no user; to clients it is simply unmatched.
    match: r.userId ? r.match : null,
    user: r.userId ? { id: r.userId, name: r.userName ?? "", email: r.userEmail ?? "" } : null,
  };
}

export async function listMembers(db: Db, accountId: string, filter: MemberFilter): Promise<Member[]> {
  const scope = eq(members.accountId, accountId);
  const where =
    filter === "matched"
      ? and(scope, isNotNull(members.userId))
      : filter === "unmatched"
        ? and(scope, isNull(members.userId))
        : scope;
  return (await memberQuery(db, where)).map(toMember);
}

export async function getMember(db: Db, accountId: string, memberId: string): Promise<Member | null> {
  const [row] = await memberQuery(db, and(eq(members.accountId, accountId), eq(members.id, memberId)));
  return row ? toMember(row) : null;
}

export async function findMemberRow(db: Db, accountId: string, memberId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.accountId, accountId), eq(members.id, memberId)))
    .limit(1);
  return row ?? null;
}

/** Sets a member's mapping and re-links its Time Logs, atomically. */
export async function setMapping(db: Db, member: MemberRow, mapping: Mapping, now = new Date()) {
  await runBatch(db, [
    db
      .update(members)
      .set({ userId: mapping.userId, match: mapping.match, updatedAt: now })
      .where(and(eq(members.accountId, member.accountId), eq(members.id, member.id))),
    relinkTimeLogs(db, member.accountId, member.workspaceId, member.togglUserId, mapping.userId),
  ]);
}

/**
 * After a user appears or gets linked to a Toggl identity: maps the account's members that now
 * match automatically (manual decisions untouched). Returns how many members changed.
 */
export async function matchMembersForUser(
  db: Db,
  accountId: string,
  user: LocalUser,
  now = new Date(),
): Promise<number> {
  // Stored emails are normalised by the import; compare normalised anyway, it costs nothing here.
  const conditions = [sql`lower(trim(${members.email})) = ${user.email}`];
  if (user.togglUserId) conditions.push(eq(members.togglUserId, user.togglUserId));
  const candidates = await db
    .select()
    .from(members)
    .where(
      and(eq(members.accountId, accountId), or(isNull(members.match), eq(members.match, "email")), or(...conditions)),
    );
  if (candidates.length === 0) return 0;
  const everyone = await localUsers(db, accountId);
  const writes: Statement[] = [];
  for (const m of candidates) {
    const current: Mapping = { userId: m.userId, match: m.match };
    const next = automaticMapping(m, current, everyone);
    if (sameMapping(current, next)) continue;
    writes.push(
      db
        .update(members)
        .set({ userId: next.userId, match: next.match, updatedAt: now })
        .where(and(eq(members.accountId, accountId), eq(members.id, m.id))),
      relinkTimeLogs(db, accountId, m.workspaceId, m.togglUserId, next.userId),
    );
  }
  await runBatch(db, writes);
  return writes.length / 2;
}
