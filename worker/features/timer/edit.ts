// Editing and discarding the caller's running entry in Toggl, with their own token. What Toggl
// answers goes through the one time-entry write path at once, so GET /api/timer is right before
// the webhook comes.
import type * as z from "zod";
import type { editTimerSchema, RunningTimer } from "../../../shared/contract";
import { ApiError } from "../../lib/errors";
import type { TogglClient, UpdateTimeEntryInput } from "../../toggl/client";
import { isTogglError } from "../../toggl/errors";
import type { TimeEntry } from "../../toggl/types";
import { applyTimeEntry, connectionScope, markTimeEntryDeleted, normalizeTogglTimeEntry } from "../time-logs/apply";
import { viewerOf } from "../workspace-mirror/visibility";
import { callerClient, observedNow, withTokenCheck, type TimerContext } from "./access";
import { forgetRunningEntry, resolveTarget, runningEntryOf, toRunningTimer, type RunningLike } from "./store";
import { connectionForWorkspace } from "../connections/service";
import { nowDate } from "../../clock";

export type EditTimerInput = z.output<typeof editTimerSchema>;

export const notRunning = (message: string) => new ApiError(409, "not_running", message);

/** The caller's running entry: D1 first, else Toggl (D1 may be a moment behind: a timer started in Toggl's own app whose webhook is on its way). */
export async function findRunning(ctx: TimerContext, toggl: TogglClient, togglUserId: string): Promise<RunningLike> {
  const stored = await runningEntryOf(ctx.db, ctx.caller.accountId, togglUserId);
  if (stored) return stored;
  const current = await toggl.currentTimeEntry();
  if (!current) throw notRunning("Nothing is running in Toggl");
  return fromToggl(current);
}

function fromToggl(te: TimeEntry): RunningLike {
  return {
    togglId: te.id,
    workspaceId: te.workspace_id,
    projectId: te.project_id,
    taskId: te.task_id,
    description: te.description,
    billable: te.billable,
    tags: [...te.tags],
    start: new Date(te.start),
  };
}

/** The Toggl fields for a change of target: a task brings its project; a new project drops the task. */
export async function targetPatch(
  ctx: TimerContext,
  workspaceId: string,
  input: { projectId?: string | null; taskId?: string | null },
): Promise<Pick<UpdateTimeEntryInput, "project_id" | "task_id">> {
  if (input.projectId === undefined && input.taskId === undefined) return {};
  if (!input.taskId && !input.projectId) return { project_id: null, task_id: null };
  const target = await resolveTarget(ctx.db, await viewerOf(ctx.db, ctx.caller), {
    workspaceId,
    projectId: input.projectId ?? undefined,
    taskId: input.taskId ?? undefined,
  });
  return { project_id: target.projectId, task_id: target.taskId };
}

export async function editRunningTimer(ctx: TimerContext, input: EditTimerInput): Promise<RunningTimer> {
  const { db, caller } = ctx;
  if (input.start && Date.parse(input.start) > ctx.now.getTime()) {
    throw new ApiError(400, "invalid_input", "start is in the future: a running timer cannot start later than now");
  }
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);
  return withTokenCheck(
    ctx,
    toggl,
    credentialId,
    async () => {
      const running = await findRunning(ctx, toggl, togglUserId);
      const connection = await connectionForWorkspace(db, caller.accountId, running.workspaceId);
      if (!connection)
        throw new ApiError(
          409,
          "workspace_not_connected",
          "The running timer is in a workspace Hourline does not connect: edit it in Toggl",
        );
      const patch: UpdateTimeEntryInput = {
        ...(await targetPatch(ctx, running.workspaceId, input)),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.billable !== undefined ? { billable: input.billable } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(input.start !== undefined ? { start: input.start } : {}),
      };
      let updated: TimeEntry;
      try {
        updated = await toggl.updateTimeEntry(running.workspaceId, running.togglId, patch);
      } catch (err) {
        if (!isTogglError(err, "not_found")) throw err;
        await forgetRunningEntry(db, caller.accountId, togglUserId, running.togglId);
        throw notRunning("The running timer no longer exists in Toggl");
      }
      const entry = observedNow(normalizeTogglTimeEntry(updated), nowDate());
      await applyTimeEntry(db, connectionScope(caller.accountId, connection), entry);
      if (entry.stop !== null) throw notRunning("This timer was stopped in Toggl meanwhile");
      return toRunningTimer(db, caller.accountId, { ...entry, start: new Date(entry.start) });
    },
    { projectId: input.projectId, taskId: input.taskId },
  );
}

/** Deletes the running entry in Toggl; it never becomes a Time Log. */
export async function discardRunningTimer(ctx: TimerContext): Promise<void> {
  const { db, caller } = ctx;
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);
  await withTokenCheck(ctx, toggl, credentialId, async () => {
    const running = await findRunning(ctx, toggl, togglUserId);
    try {
      await toggl.deleteTimeEntry(running.workspaceId, running.togglId);
    } catch (err) {
      if (!isTogglError(err, "not_found")) throw err;
      await forgetRunningEntry(db, caller.accountId, togglUserId, running.togglId);
      throw notRunning("The running timer no longer exists in Toggl");
    }
    await markTimeEntryDeleted(db, caller.accountId, running.togglId);
  });
}
