// Members, connections and Time Logs written straight to D1, for tests of mapping behaviour.
import { and, eq } from "drizzle-orm";
import { connections, members, timeLogs, togglCredentials } from "../../../worker/db/schema";
import { db } from "../support/accounts";

let nextTogglId = 7_000_000_000;
/** Toggl-like ids above 2^31, unique within a test file. */
export const togglId = () => String(nextTogglId++);

/** A connected workspace owned by `owner` (credential ciphertext is a placeholder: never decrypted here). */
export async function createConnection(accountId: string, ownerUserId: string, workspaceId = togglId(), workspaceName = "Studio") {
  const credentialId = crypto.randomUUID();
  await db()
    .insert(togglCredentials)
    .values({ id: credentialId, accountId, userId: ownerUserId, togglUserId: togglId(), tokenCiphertext: "placeholder" })
    .onConflictDoNothing();
  const [credential] = await db().select().from(togglCredentials).where(eq(togglCredentials.userId, ownerUserId));
  const id = crypto.randomUUID();
  await db()
    .insert(connections)
    .values({ id, accountId, workspaceId, organizationId: togglId(), workspaceName, ownerUserId, credentialId: credential!.id });
  return { id, workspaceId, workspaceName };
}

export async function createMember(
  accountId: string,
  workspaceId: string,
  opts: { email?: string; name?: string; togglUserId?: string; userId?: string | null; match?: "email" | "manual" | null } = {},
) {
  const id = crypto.randomUUID();
  const togglUserId = opts.togglUserId ?? togglId();
  await db()
    .insert(members)
    .values({
      id,
      accountId,
      workspaceId,
      togglUserId,
      email: opts.email ?? `${togglUserId}@members.test`,
      name: opts.name ?? `Person ${togglUserId}`,
      userId: opts.userId ?? null,
      match: opts.match ?? null,
    });
  return { id, togglUserId };
}

export async function insertTimeLog(accountId: string, connection: { id: string; workspaceId: string }, togglUserId: string, userId: string | null = null) {
  const id = crypto.randomUUID();
  const start = new Date("2026-11-02T09:00:00Z");
  await db()
    .insert(timeLogs)
    .values({
      id,
      accountId,
      connectionId: connection.id,
      workspaceId: connection.workspaceId,
      togglId: togglId(),
      togglUserId,
      userId,
      description: "Design review",
      start,
      stop: new Date(start.getTime() + 45 * 60_000),
      durationSeconds: 45 * 60,
      togglAt: start.getTime(),
    });
  return id;
}

export async function timeLogUsers(accountId: string, togglUserId: string) {
  const rows = await db()
    .select({ userId: timeLogs.userId })
    .from(timeLogs)
    .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.togglUserId, togglUserId)));
  return rows.map((r) => r.userId);
}

export async function memberRow(id: string) {
  const [row] = await db().select().from(members).where(eq(members.id, id));
  return row!;
}
