// D1 reads and writes of the timer: who the caller is in Toggl, which workspaces and targets they
// may track on, and their running entry. Every query is scoped by account.
import { and, eq } from "drizzle-orm";
import type { RunningTimer } from "../../../shared/contract";
import { buildTimeLogTitle } from "../../../shared/time-log";
import { clients, projects, runningEntries, tasks } from "../../db/schema";
import type { Caller, Db } from "../../env";
import { ApiError } from "../../lib/errors";
import { credentialOf } from "../../toggl/credentials";
import { trackableBy, type Viewer } from "../workspace-mirror/visibility";

export interface TimerIdentity {
  credentialId: string | null;
  togglUserId: string | null;
}

/** The caller's Toggl user id and stored credential: the person's own, whichever account they are in. */
export async function timerIdentity(db: Db, caller: Caller): Promise<TimerIdentity> {
  const row = await credentialOf(db, caller.personId);
  return { credentialId: row?.id ?? null, togglUserId: row?.togglUserId ?? null };
}

export interface TimerTarget {
  projectId: string | null;
  taskId: string | null;
  /** The project's billable flag (false without a project). */
  projectBillable: boolean;
}

/**
 * Checks a project/task pair against the imported tree of the workspace, as the viewer may see it.
 * A project or task that is unknown, another workspace's or account's, or private and not the
 * viewer's is not a valid value: 400. Archived → 409; a task of another project → 400.
 */
export async function resolveTarget(
  db: Db,
  viewer: Viewer,
  input: { workspaceId: string; projectId?: string; taskId?: string },
): Promise<TimerTarget> {
  const { accountId } = viewer;
  let projectId = input.projectId ?? null;
  let task: { id: string; name: string; projectId: string; archived: boolean } | undefined;
  if (input.taskId) {
    task = await db
      .select({ id: tasks.id, name: tasks.name, projectId: tasks.projectId, archived: tasks.archived })
      .from(tasks)
      .where(and(eq(tasks.accountId, accountId), eq(tasks.id, input.taskId), eq(tasks.workspaceId, input.workspaceId)))
      .get();
    if (!task) throw unknownTask();
    if (projectId && projectId !== task.projectId) {
      throw new ApiError(400, "invalid_input", "The task belongs to another project");
    }
    projectId = task.projectId;
  }
  if (!projectId) return { projectId: null, taskId: null, projectBillable: false };

  const project = await db
    .select({
      name: projects.name,
      billable: projects.billable,
      archived: projects.archived,
      clientName: clients.name,
      clientArchived: clients.archived,
    })
    .from(projects)
    .leftJoin(clients, and(eq(clients.accountId, projects.accountId), eq(clients.id, projects.clientId)))
    .where(
      and(
        eq(projects.accountId, accountId),
        eq(projects.id, projectId),
        eq(projects.workspaceId, input.workspaceId),
        trackableBy(viewer, { projectId: projects.id, private: projects.private }),
      ),
    )
    .get();
  if (!project) {
    throw task
      ? unknownTask()
      : new ApiError(400, "unknown_project", "No project with this id in the workspace that you can track on");
  }
  if (project.archived) throw archived(`Project "${project.name}" is archived in Toggl`);
  if (project.clientArchived)
    throw archived(`Client "${project.clientName}" of project "${project.name}" is archived in Toggl`);
  if (task?.archived) throw archived(`Task "${task.name}" is archived (done) in Toggl`);
  return { projectId, taskId: task?.id ?? null, projectBillable: project.billable };
}

const unknownTask = () =>
  new ApiError(400, "unknown_task", "No task with this id in the workspace that you can track on");

const archived = (what: string) =>
  new ApiError(409, "archived", `${what}: pick another one or restore it in Toggl first`);

export type RunningRow = typeof runningEntries.$inferSelect;

export async function runningEntryOf(db: Db, accountId: string, togglUserId: string): Promise<RunningRow | null> {
  return (
    (await db
      .select()
      .from(runningEntries)
      .where(and(eq(runningEntries.accountId, accountId), eq(runningEntries.togglUserId, togglUserId)))
      .get()) ?? null
  );
}

/** Forgets a running row that Toggl says is no longer running (stopped or deleted elsewhere). */
export async function forgetRunningEntry(db: Db, accountId: string, togglUserId: string, togglId: string) {
  await db
    .delete(runningEntries)
    .where(
      and(
        eq(runningEntries.accountId, accountId),
        eq(runningEntries.togglUserId, togglUserId),
        eq(runningEntries.togglId, togglId),
      ),
    );
}

/** Client, project and task names from the mirrored tree, for titles. */
export async function treeNames(db: Db, accountId: string, ids: { projectId: string | null; taskId: string | null }) {
  const project = ids.projectId
    ? await db
        .select({ project: projects.name, client: clients.name })
        .from(projects)
        .leftJoin(clients, and(eq(clients.accountId, projects.accountId), eq(clients.id, projects.clientId)))
        .where(and(eq(projects.accountId, accountId), eq(projects.id, ids.projectId)))
        .get()
    : undefined;
  const task = ids.taskId
    ? await db
        .select({ name: tasks.name })
        .from(tasks)
        .where(and(eq(tasks.accountId, accountId), eq(tasks.id, ids.taskId)))
        .get()
    : undefined;
  return { client: project?.client ?? null, project: project?.project ?? null, task: task?.name ?? null };
}

/** A running entry as stored or as Toggl answered, before names are looked up for its title. */
export type RunningLike = Omit<RunningTimer, "start" | "title"> & { start: Date };

export async function toRunningTimer(db: Db, accountId: string, entry: RunningLike): Promise<RunningTimer> {
  const names = await treeNames(db, accountId, entry);
  return {
    togglId: entry.togglId,
    workspaceId: entry.workspaceId,
    projectId: entry.projectId,
    taskId: entry.taskId,
    description: entry.description,
    billable: entry.billable,
    tags: entry.tags,
    start: entry.start.toISOString(),
    title: buildTimeLogTitle({ ...names, description: entry.description }),
  };
}
