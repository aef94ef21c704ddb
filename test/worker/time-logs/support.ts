// Tree rows and Toggl-shaped entries built straight in D1 / in memory for Time Log tests.
import { clients, members, projects, tags, tasks } from "../../../worker/db/schema";
import { togglId } from "../../support/toggl-ids.ts";
import { db } from "../support/accounts";

/** A client → project → task chain in the mirrored tree. */
export async function seedTree(
  accountId: string,
  workspaceId: string,
  names: { client?: string; project: string; task?: string },
) {
  const clientId = names.client ? togglId() : null;
  const projectId = togglId();
  const taskId = names.task ? togglId() : null;
  if (clientId) await db().insert(clients).values({ accountId, id: clientId, workspaceId, name: names.client! });
  await db().insert(projects).values({ accountId, id: projectId, workspaceId, clientId, name: names.project });
  if (taskId) await db().insert(tasks).values({ accountId, id: taskId, workspaceId, projectId, name: names.task! });
  return { clientId, projectId, taskId };
}

export async function seedTag(accountId: string, workspaceId: string, name: string, id = togglId()) {
  await db().insert(tags).values({ accountId, id, workspaceId, name });
  return id;
}

export async function mapMember(accountId: string, workspaceId: string, togglUserId: string, userId: string) {
  await db()
    .insert(members)
    .values({ id: crypto.randomUUID(), accountId, workspaceId, togglUserId, userId, match: "manual" });
}

export interface EntryOptions {
  id?: string;
  workspaceId: string;
  userId?: string;
  projectId?: string | null;
  taskId?: string | null;
  description?: string | null;
  start?: string;
  stop?: string | null;
  billable?: boolean;
  tags?: string[];
  at?: string;
  deleted?: boolean;
}

/** A time entry exactly as Toggl sends it in webhook payloads (ids as JSON numbers, Z / +00:00). */
export function togglEntry(o: EntryOptions) {
  const start = o.start ?? "2026-11-24T09:00:00Z";
  const stop = o.stop === undefined ? "2026-11-24T09:50:00Z" : o.stop;
  const duration =
    stop === null ? -Math.floor(Date.parse(start) / 1000) : Math.round((Date.parse(stop) - Date.parse(start)) / 1000);
  const user = o.userId ?? "9547721";
  return {
    id: Number(o.id ?? togglId()),
    workspace_id: Number(o.workspaceId),
    wid: Number(o.workspaceId),
    user_id: Number(user),
    uid: Number(user),
    project_id: o.projectId ? Number(o.projectId) : null,
    task_id: o.taskId ? Number(o.taskId) : null,
    billable: o.billable ?? false,
    description: o.description === undefined ? "Work" : o.description,
    start,
    stop,
    duration,
    duronly: true,
    tags: o.tags ?? [],
    tag_ids: null,
    server_deleted_at: o.deleted ? (o.at ?? "2026-11-24T10:00:00+00:00") : null,
    at: o.at ?? "2026-11-24T10:00:00+00:00",
  };
}
