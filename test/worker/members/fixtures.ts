// Members and Time Logs written straight to D1, for tests of mapping behaviour.
import { and, eq } from "drizzle-orm";
import type { MatchKind } from "../../../shared/contract";
import { members, timeLogs } from "../../../worker/db/schema";
import { togglId } from "../../support/toggl-ids.ts";
import { db } from "../support/accounts";

export async function createMember(
  accountId: string,
  workspaceId: string,
  opts: {
    email?: string;
    name?: string;
    togglUserId?: string;
    userId?: string | null;
    match?: MatchKind | null;
    /** Accepted Toggl's invitation to the workspace (default yes) and not deactivated (default yes). */
    joined?: boolean;
    active?: boolean;
  } = {},
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
      joined: opts.joined ?? true,
      active: opts.active ?? true,
      match: opts.match ?? null,
    });
  return { id, togglUserId };
}

export async function insertTimeLog(
  accountId: string,
  connection: { id: string; workspaceId: string },
  togglUserId: string,
  userId: string | null = null,
) {
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
