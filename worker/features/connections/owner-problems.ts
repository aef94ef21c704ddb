// When a connection's integration owner can no longer run it: Toggl denies them the workspace (a
// 403 there), Toggl rejects their token (/me says so), or they left the account. The connection is
// flagged — nothing else stops — and the Overview says who can fix it: the account's admins whom
// Toggl's member list shows as admins of that workspace.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { OwnerProblem } from "../../../shared/contract";
import { connections, members, togglCredentials, users } from "../../db/schema";
import type { Db } from "../../env";
import { joinedAdminsOf } from "../people/store";

type ConnectionRow = typeof connections.$inferSelect;
export interface Fixer {
  id: string;
  name: string;
  email: string;
}

/**
 * Per workspace, the account's joined owners and admins whom the last member import showed as
 * joined, active admins of it in Toggl (they could take a connection over).
 */
export async function workspaceAdminsHere(
  db: Db,
  accountId: string,
  workspaceIds: string[],
): Promise<Map<string, Fixer[]>> {
  const out = new Map<string, Fixer[]>();
  if (workspaceIds.length === 0) return out;
  const rows = await db
    .selectDistinct({ workspaceId: members.workspaceId, id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(members, and(eq(members.accountId, users.accountId), eq(members.togglUserId, users.togglUserId)))
    .where(
      and(
        joinedAdminsOf(accountId),
        inArray(members.workspaceId, workspaceIds),
        eq(members.joined, true),
        eq(members.active, true),
        inArray(members.togglRole, ["admin", "owner"]),
      ),
    );
  for (const r of rows)
    out.set(r.workspaceId, [...(out.get(r.workspaceId) ?? []), { id: r.id, name: r.name, email: r.email }]);
  return out;
}

/** Flags the connection: its background work stops asking Toggl with the owner's token until fixed. */
export async function flagOwnerProblem(
  db: Db,
  connection: Pick<ConnectionRow, "id" | "accountId">,
  kind: OwnerProblem,
  now: Date,
) {
  await db
    .update(connections)
    .set({ ownerProblem: kind, ownerProblemAt: now, status: "error", updatedAt: now })
    .where(and(eq(connections.accountId, connection.accountId), eq(connections.id, connection.id)));
}

/** The statement that clears a connection's flag (the owner works again, or someone took over). */
export function clearOwnerProblem(db: Db, connection: Pick<ConnectionRow, "id" | "accountId">, now: Date) {
  return db
    .update(connections)
    .set({
      ownerProblem: null,
      ownerProblemAt: null,
      status: sql`case when ${connections.status} = 'error' then 'active' else ${connections.status} end`,
      updatedAt: now,
    })
    .where(and(eq(connections.accountId, connection.accountId), eq(connections.id, connection.id)));
}

/** The person signed in again with a token Toggl accepts: their connections flagged for it may run. */
export async function clearTokenProblems(db: Db, credentialId: string, now: Date) {
  await db
    .update(connections)
    .set({ ownerProblem: null, ownerProblemAt: null, status: "active", lastError: null, updatedAt: now })
    .where(
      and(
        eq(connections.credentialId, credentialId),
        eq(connections.ownerProblem, "token_rejected"),
        eq(connections.status, "error"),
      ),
    );
}

/**
 * The owner's Toggl user id while they are still a member of the account and the connection's
 * token is theirs; null otherwise (then their token is not used for this account any more).
 */
export async function ownerStillHere(
  db: Db,
  connection: Pick<ConnectionRow, "accountId" | "ownerUserId" | "credentialId">,
): Promise<string | null> {
  const row = await db
    .select({ togglUserId: togglCredentials.togglUserId })
    .from(users)
    .innerJoin(togglCredentials, eq(togglCredentials.personId, users.personId))
    .where(
      and(
        eq(users.accountId, connection.accountId),
        eq(users.id, connection.ownerUserId),
        isNull(users.removedAt),
        eq(togglCredentials.id, connection.credentialId),
      ),
    )
    .get();
  return row?.togglUserId ?? null;
}

/** What stands in the owner's way now: the flag, else a token Toggl rejected or an owner who left. */
export async function currentOwnerProblem(
  db: Db,
  connection: Pick<ConnectionRow, "accountId" | "ownerUserId" | "credentialId" | "ownerProblem">,
): Promise<OwnerProblem | null> {
  if (connection.ownerProblem) return connection.ownerProblem;
  if ((await ownerStillHere(db, connection)) === null) return "owner_left";
  const credential = await db
    .select({ invalidAt: togglCredentials.invalidAt })
    .from(togglCredentials)
    .where(eq(togglCredentials.id, connection.credentialId))
    .get();
  return credential?.invalidAt ? "token_rejected" : null;
}
