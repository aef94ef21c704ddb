// Who belongs to the workspace's private projects (Toggl's project users), mirrored with the
// structure: one listing per sync, and the rows of private projects replace what D1 held. Only
// private projects need them: everyone in the workspace may track on a public one.
import { and, eq } from "drizzle-orm";
import { runBatch, valueChunks } from "../../db/batch";
import { projectMembers, projects } from "../../db/schema";
import type { Db } from "../../env";
import type { TogglClient } from "../../toggl/client";

export async function syncProjectMembers(
  db: Db,
  accountId: string,
  workspaceId: string,
  toggl: Pick<TogglClient, "projectUsers">,
): Promise<number> {
  const listed = await toggl.projectUsers(workspaceId);
  const [privateProjects, stored] = await Promise.all([
    db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.accountId, accountId), eq(projects.workspaceId, workspaceId), eq(projects.private, true))),
    db
      .select({ projectId: projectMembers.projectId, togglUserId: projectMembers.togglUserId })
      .from(projectMembers)
      .where(and(eq(projectMembers.accountId, accountId), eq(projectMembers.workspaceId, workspaceId))),
  ]);
  const isPrivate = new Set(privateProjects.map((p) => p.id));
  const key = (r: { projectId: string; togglUserId: string }) => `${r.projectId}:${r.togglUserId}`;
  const wanted = new Map(
    listed
      .filter((pu) => isPrivate.has(pu.project_id))
      .map((pu) => [key({ projectId: pu.project_id, togglUserId: pu.user_id }), pu]),
  );
  const had = new Set(stored.map(key));
  const changed = [...wanted.keys()].filter((k) => !had.has(k)).length + [...had].filter((k) => !wanted.has(k)).length;
  if (changed === 0) return 0;
  const rows = [...wanted.values()].map((pu) => ({
    accountId,
    workspaceId,
    projectId: pu.project_id,
    togglUserId: pu.user_id,
  }));
  await runBatch(db, [
    db
      .delete(projectMembers)
      .where(and(eq(projectMembers.accountId, accountId), eq(projectMembers.workspaceId, workspaceId))),
    ...valueChunks(rows).map((chunk) => db.insert(projectMembers).values(chunk)),
  ]);
  return changed;
}
