// Handing a connection to another integration owner. Only someone Toggl itself calls an admin of
// the workspace may take over (asked with their own token: a subscription made by a non-admin
// never sees other people's entries); among them the admin who asked comes first.
import { and, eq } from "drizzle-orm";
import { connections } from "../../db/schema";
import type { Bindings, Db } from "../../env";
import { credentialOf, togglClientFor } from "../../toggl/credentials";
import { isTogglError } from "../../toggl/errors";
import { joinedAdmins } from "../people/store";
import { clearOwnerProblem, workspaceAdminsHere, type Fixer } from "./owner-problems";
import { isWorkspaceAdmin } from "./service";

type ConnectionRow = typeof connections.$inferSelect;
type HandoverEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;

/** Toggl checks per handover at most: each costs the candidate one request of their quota. */
const MAX_CHECKS = 3;

export interface Successor extends Fixer {
  credentialId: string;
}

/**
 * The first of the account's joined owners and admins (the one who asked first, then those whom
 * the member import shows as Toggl admins of the workspace) whose own token Toggl answers with an
 * admin role for the workspace; null when nobody could be confirmed.
 */
export async function findSuccessor(
  env: HandoverEnv,
  db: Db,
  connection: Pick<ConnectionRow, "accountId" | "workspaceId" | "ownerUserId">,
  options: { askedBy?: string; exclude?: string[] } = {},
): Promise<Successor | null> {
  const exclude = new Set([connection.ownerUserId, ...(options.exclude ?? [])]);
  const [admins, listed] = await Promise.all([
    joinedAdmins(db, connection.accountId),
    workspaceAdminsHere(db, connection.accountId, [connection.workspaceId]),
  ]);
  const togglAdmins = new Set((listed.get(connection.workspaceId) ?? []).map((f) => f.id));
  const rank = (id: string) => (id === options.askedBy ? 0 : togglAdmins.has(id) ? 1 : 2);
  const candidates = admins.filter((u) => !exclude.has(u.id)).sort((a, b) => rank(a.id) - rank(b.id));

  let checks = 0;
  for (const candidate of candidates) {
    if (checks >= MAX_CHECKS) break;
    if (!candidate.personId) continue;
    const credential = await credentialOf(db, candidate.personId);
    if (!credential || credential.invalidAt) continue;
    checks++;
    try {
      const toggl = await togglClientFor(env, db, credential.id, "interactive");
      const ws = await toggl.workspace(connection.workspaceId);
      if (isWorkspaceAdmin(ws))
        return { id: candidate.id, name: candidate.name, email: candidate.email, credentialId: credential.id };
    } catch (err) {
      // Not a member there, token rejected, quota used up: this candidate cannot be confirmed now.
      if (!isTogglError(err)) throw err;
    }
  }
  return null;
}

/** Makes the successor the integration owner; the connection runs with their token from now on. */
export async function handOver(
  db: Db,
  connection: Pick<ConnectionRow, "id" | "accountId">,
  successor: Successor,
  now: Date,
) {
  await db.batch([
    db
      .update(connections)
      .set({ ownerUserId: successor.id, credentialId: successor.credentialId, lastError: null, updatedAt: now })
      .where(and(eq(connections.accountId, connection.accountId), eq(connections.id, connection.id))),
    clearOwnerProblem(db, connection, now),
  ]);
}
