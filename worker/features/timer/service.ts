// Start and stop with the caller's own Toggl token. Whatever Toggl answers is applied to D1 at once
// (through the one time-entry write path), so GET /api/timer and the Time Logs are right before
// the webhook arrives; the webhook later changes nothing.
import type * as z from "zod";
import type { RunningTimer, StoppedTimer, startTimerSchema, stopTimerSchema } from "../../../shared/contract";
import { buildTimeLogTitle } from "../../../shared/time-log";
import type { Caller, Db } from "../../env";
import { ApiError } from "../../lib/errors";
import type { TogglClient } from "../../toggl/client";
import { isTogglError } from "../../toggl/errors";
import type { TimeEntry } from "../../toggl/types";
import { applyTimeEntry, connectionScope, normalizeTogglTimeEntry } from "../time-logs/apply";
import { viewerOf } from "../workspace-mirror/visibility";
import { callerClient, newEntryFields, notInFuture, withTokenCheck, type TimerContext } from "./access";
import { findRunning, notRunning } from "./edit";
import {
  forgetRunningEntry,
  resolveTarget,
  runningEntryOf,
  timerIdentity,
  toRunningTimer,
  treeNames,
  type RunningLike,
} from "./store";
import { connectionForWorkspace } from "../connections/service";

export type StartTimerInput = z.output<typeof startTimerSchema>;
export type StopTimerInput = z.output<typeof stopTimerSchema>;

/** The caller's running entry as D1 knows it (webhooks and the timer keep it fresh); no Toggl call. */
export async function currentTimer(db: Db, caller: Caller): Promise<RunningTimer | null> {
  const { togglUserId } = await timerIdentity(db, caller);
  if (!togglUserId) return null;
  const running = await runningEntryOf(db, caller.accountId, togglUserId);
  return running ? toRunningTimer(db, caller.accountId, running) : null;
}

export async function startTimer(ctx: TimerContext, input: StartTimerInput): Promise<RunningTimer> {
  const { db, caller } = ctx;
  const { accountId } = caller;
  const connection = await connectionForWorkspace(db, accountId, input.workspaceId);
  if (!connection) throw new ApiError(404, "not_found", "Workspace not connected to Hourline");
  const target = await resolveTarget(db, await viewerOf(db, caller), input);
  const start = input.startedAt ? notInFuture(new Date(input.startedAt), ctx.now, "startedAt") : ctx.now;
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);

  return withTokenCheck(
    ctx,
    toggl,
    credentialId,
    async () => {
      // Toggl stops a running entry by itself when another starts; stopping it here first means its
      // Time Log is written now rather than when the webhook comes.
      const running = await runningEntryOf(db, accountId, togglUserId);
      if (running) await stopQuietly(ctx, toggl, togglUserId, running, input.startedAt ? start : undefined);

      const created = await toggl.createTimeEntry(input.workspaceId, {
        start: start.toISOString(),
        ...newEntryFields(input, target),
      });
      const entry = normalizeTogglTimeEntry(created);
      await applyTimeEntry(db, connectionScope(accountId, connection), entry);
      return toRunningTimer(db, accountId, { ...entry, start: new Date(entry.start) });
    },
    { projectId: target.projectId, taskId: target.taskId },
  );
}

export async function stopTimer(ctx: TimerContext, input: StopTimerInput): Promise<StoppedTimer> {
  const { db, caller } = ctx;
  const stoppedAt = input.stoppedAt ? notInFuture(new Date(input.stoppedAt), ctx.now, "stoppedAt") : undefined;
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);

  return withTokenCheck(ctx, toggl, credentialId, async () => {
    const running = await findRunning(ctx, toggl, togglUserId);
    if (stoppedAt && stoppedAt.getTime() < running.start.getTime()) {
      // A replayed offline stop that predates the timer now running: that earlier timer is gone.
      throw notRunning(`Nothing was running at ${stoppedAt.toISOString()}`);
    }

    let stopped: TimeEntry;
    try {
      stopped = await stopInToggl(toggl, running, stoppedAt);
    } catch (err) {
      if (isTogglError(err, "conflict")) {
        await forgetRunningEntry(db, caller.accountId, togglUserId, running.togglId);
        throw new ApiError(409, "already_stopped", "This timer was already stopped in Toggl");
      }
      if (isTogglError(err, "not_found")) {
        await forgetRunningEntry(db, caller.accountId, togglUserId, running.togglId);
        throw notRunning("The running timer no longer exists in Toggl");
      }
      throw err;
    }
    const entry = normalizeTogglTimeEntry(stopped);
    await applyStopped(ctx, togglUserId, entry);
    const names = await treeNames(db, caller.accountId, entry);
    return {
      togglId: entry.togglId,
      workspaceId: entry.workspaceId,
      start: new Date(entry.start).toISOString(),
      stop: new Date(entry.stop ?? ctx.now.getTime()).toISOString(),
      durationSeconds: entry.durationSeconds,
      title: buildTimeLogTitle({ ...names, description: entry.description }),
    };
  });
}

function stopInToggl(toggl: TogglClient, running: RunningLike, stoppedAt: Date | undefined): Promise<TimeEntry> {
  if (!stoppedAt) return toggl.stopTimeEntry(running.workspaceId, running.togglId);
  // A stop replayed later keeps the time it was clicked.
  return toggl.updateTimeEntry(running.workspaceId, running.togglId, {
    stop: stoppedAt.toISOString(),
    duration: Math.max(0, Math.round((stoppedAt.getTime() - running.start.getTime()) / 1000)),
  });
}

/** Stops the previous timer before a start; one already stopped or deleted elsewhere is just forgotten. */
async function stopQuietly(
  ctx: TimerContext,
  toggl: TogglClient,
  togglUserId: string,
  running: RunningLike,
  at: Date | undefined,
) {
  const stopAt = at && at.getTime() > running.start.getTime() ? at : undefined;
  try {
    const stopped = await stopInToggl(toggl, running, stopAt);
    await applyStopped(ctx, togglUserId, normalizeTogglTimeEntry(stopped));
  } catch (err) {
    if (isTogglError(err, "conflict") || isTogglError(err, "not_found")) {
      await forgetRunningEntry(ctx.db, ctx.caller.accountId, togglUserId, running.togglId);
      return;
    }
    throw err;
  }
}

async function applyStopped(ctx: TimerContext, togglUserId: string, entry: ReturnType<typeof normalizeTogglTimeEntry>) {
  const connection = await connectionForWorkspace(ctx.db, ctx.caller.accountId, entry.workspaceId);
  if (connection) {
    await applyTimeEntry(ctx.db, connectionScope(ctx.caller.accountId, connection), entry);
  } else {
    // Not ingested (workspace no longer connected): only the running row goes.
    await forgetRunningEntry(ctx.db, ctx.caller.accountId, togglUserId, entry.togglId);
  }
}
