// Imports the members of one connected workspace from Toggl's simple user list
// (GET /workspaces/{wid}/users, where `id` is the global Toggl user id — not the workspace-user id
// of /workspace_users). Upserts by (account, workspace, Toggl user id), marks leavers inactive
// (never deleted), re-runs automatic matching while manual mappings stay, and re-links the Time
// Logs of every member whose mapping changed.
import { and, eq } from "drizzle-orm";
import { normalizeEmail } from "../../../shared/time-log";
import { runBatch, type Statement } from "../../db/batch";
import { members } from "../../db/schema";
import type { Db } from "../../env";
import type { TogglClient } from "../../toggl/client";
import { automaticMapping, sameMapping } from "./matching";
import { localUsers, relinkTimeLogs } from "./store";

export interface ImportMembersInput {
  db: Db;
  accountId: string;
  workspaceId: string;
  toggl: Pick<TogglClient, "workspaceUsers" | "requestsSpent">;
  now: Date;
}

/** One row per statement (each far under D1's parameter limit), all in one atomic batch. */
export async function importMembers({
  db,
  accountId,
  workspaceId,
  toggl,
  now,
}: ImportMembersInput): Promise<{ itemsChanged: number; requests: number }> {
  const spentBefore = toggl.requestsSpent;
  const listed = await toggl.workspaceUsers(workspaceId);
  const requests = toggl.requestsSpent - spentBefore;

  const [existing, everyone] = await Promise.all([
    db
      .select()
      .from(members)
      .where(and(eq(members.accountId, accountId), eq(members.workspaceId, workspaceId))),
    localUsers(db, accountId),
  ]);
  const byTogglUser = new Map(existing.map((m) => [m.togglUserId, m]));
  const seen = new Set<string>();
  const writes: Statement[] = [];
  let itemsChanged = 0;

  for (const person of listed) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const fields = {
      email: normalizeEmail(person.email),
      name: person.fullname.trim(),
      togglRole: person.role ?? (person.is_admin ? "admin" : null),
      active: !person.inactive,
      // Toggl vouches only for people who accepted the workspace invitation: unknown counts as not.
      joined: person.is_active === true,
    };
    const prev = byTogglUser.get(person.id);
    const current = prev ? { userId: prev.userId, match: prev.match } : { userId: null, match: null };
    const mapping = automaticMapping({ togglUserId: person.id, email: fields.email }, current, everyone);

    if (!prev) {
      writes.push(
        db.insert(members).values({
          id: crypto.randomUUID(),
          accountId,
          workspaceId,
          togglUserId: person.id,
          ...fields,
          ...mapping,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (mapping.userId) writes.push(relinkTimeLogs(db, accountId, workspaceId, person.id, mapping.userId));
      itemsChanged++;
      continue;
    }
    const fieldsChanged =
      prev.email !== fields.email ||
      prev.name !== fields.name ||
      prev.togglRole !== fields.togglRole ||
      prev.active !== fields.active ||
      prev.joined !== fields.joined;
    const mappingChanged = !sameMapping(current, mapping);
    if (!fieldsChanged && !mappingChanged) continue;
    writes.push(
      db
        .update(members)
        .set({ ...fields, ...mapping, updatedAt: now })
        .where(and(eq(members.accountId, accountId), eq(members.id, prev.id))),
    );
    if (mappingChanged) writes.push(relinkTimeLogs(db, accountId, workspaceId, person.id, mapping.userId));
    itemsChanged++;
  }

  // Gone from the workspace: kept (their Time Logs stay attributed) but inactive.
  for (const m of existing) {
    if (seen.has(m.togglUserId) || !m.active) continue;
    writes.push(
      db
        .update(members)
        .set({ active: false, updatedAt: now })
        .where(and(eq(members.accountId, accountId), eq(members.id, m.id))),
    );
    itemsChanged++;
  }

  await runBatch(db, writes);
  return { itemsChanged, requests };
}
