// Start and stop with the caller's own Toggl token. Whatever Toggl answers is applied to D1 at once
// (through the one time-entry write path), so GET /api/timer and the Time Logs are right before
// the webhook arrives; the webhook later changes nothing.
import type { z } from "zod";
import type { RunningTimer, StoppedTimer, startTimerSchema, stopTimerSchema } from "../../../shared/contract";
import { buildTimeLogTitle } from "../../../shared/time-log";
import type { Bindings, Caller, Db } from "../../env";
import { ApiError } from "../../lib/errors";
import { CREATED_WITH, type TogglClient } from "../../toggl/client";
import { markCredentialInvalid, togglClientFor } from "../../toggl/credentials";
import { isTogglError } from "../../toggl/errors";
import type { TimeEntry } from "../../toggl/types";
import { VERSION } from "../../version";
import { applyTimeEntry, normalizeTogglTimeEntry } from "../time-logs/apply";
import {
  connectionForWorkspace,
  forgetRunningEntry,
  resolveTarget,
  runningEntryOf,
  timerIdentity,
  toRunningTimer,
  treeNames,
  type RunningLike,
} from "./store";

export type StartTimerInput = z.output<typeof startTimerSchema>;
export type StopTimerInput = z.output<typeof stopTimerSchema>;

export interface TimerContext {
  env: Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;
  db: Db;
  caller: Caller;
  now: Date;
}

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
  const target = await resolveTarget(db, accountId, input);
  const start = input.startedAt ? notInFuture(new Date(input.startedAt), ctx.now, "startedAt") : ctx.now;
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);

  return withTokenCheck(ctx, toggl, credentialId, async () => {
    // Toggl stops a running entry by itself when another starts; stopping it here first means its
    // Time Log is written now rather than when the webhook comes.
    const running = await runningEntryOf(db, accountId, togglUserId);
    if (running) await stopQuietly(ctx, toggl, togglUserId, running, input.startedAt ? start : undefined);

    const created = await toggl.createTimeEntry(input.workspaceId, {
      start: start.toISOString(),
      description: input.description,
      project_id: target.projectId,
      task_id: target.taskId,
      billable: input.billable ?? target.projectBillable,
      tags: input.tags,
      created_with: `${CREATED_WITH}/${VERSION}`,
    });
    const entry = normalizeTogglTimeEntry(created);
    await applyTimeEntry(db, { accountId, connectionId: connection.id, workspaceId: input.workspaceId }, entry);
    return toRunningTimer(db, accountId, { ...entry, start: new Date(entry.start) });
  });
}

export async function stopTimer(ctx: TimerContext, input: StopTimerInput): Promise<StoppedTimer> {
  const { db, caller } = ctx;
  const stoppedAt = input.stoppedAt ? notInFuture(new Date(input.stoppedAt), ctx.now, "stoppedAt") : undefined;
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);

  return withTokenCheck(ctx, toggl, credentialId, async () => {
    let running: RunningLike | null = await runningEntryOf(db, caller.accountId, togglUserId);
    if (!running) {
      // D1 may be a moment behind Toggl (a timer started in Toggl's own app whose webhook is on its way).
      const current = await toggl.currentTimeEntry();
      if (!current) throw notRunning("Nothing is running in Toggl");
      running = fromToggl(current);
    }
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

const notRunning = (message: string) => new ApiError(409, "not_running", message);
const tokenRejected = () =>
  new ApiError(
    401,
    "toggl_token_rejected",
    "Toggl no longer accepts your API token; sign in again with your current token",
  );

/** Replayed clicks carry their real time, which cannot be ahead of ours (a minute of clock skew allowed). */
function notInFuture(at: Date, now: Date, field: string): Date {
  if (at.getTime() > now.getTime() + 60_000) throw new ApiError(400, "invalid_input", `${field} is in the future`);
  return at;
}

async function callerClient(ctx: TimerContext) {
  const { credentialId, togglUserId } = await timerIdentity(ctx.db, ctx.caller);
  if (!credentialId || !togglUserId) {
    throw new ApiError(401, "toggl_token_missing", "Sign in with your Toggl API token to start and stop timers");
  }
  try {
    const toggl = await togglClientFor(
      ctx.env,
      ctx.db,
      { accountId: ctx.caller.accountId, credentialId },
      "interactive",
    );
    return { toggl, togglUserId, credentialId };
  } catch (err) {
    // A 401 asks the extension for a new sign-in and keeps queued clicks; a 409 would drop them.
    if (err instanceof ApiError && err.code === "toggl_token_invalid") throw tokenRejected();
    throw err;
  }
}

/**
 * A 403 on a workspace call may mean "no access to that workspace" as well as "bad token": /me
 * tells them apart. A dead token is marked invalid (the user must sign in again: 401); a live one
 * simply may not track there (403, the session stays).
 */
async function withTokenCheck<T>(
  ctx: TimerContext,
  toggl: TogglClient,
  credentialId: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isTogglError(err, "auth")) throw err;
    const tokenDead = await toggl.me().then(
      () => false,
      (e: unknown) => isTogglError(e, "auth"),
    );
    if (!tokenDead) {
      throw new ApiError(
        403,
        "toggl_forbidden",
        "Toggl does not let you track time in this workspace, project or task",
      );
    }
    await markCredentialInvalid(ctx.db, { accountId: ctx.caller.accountId, credentialId }, ctx.now);
    throw err;
  }
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
    await applyTimeEntry(
      ctx.db,
      { accountId: ctx.caller.accountId, connectionId: connection.id, workspaceId: entry.workspaceId },
      entry,
    );
  } else {
    // Not ingested (workspace no longer connected): only the running row goes.
    await forgetRunningEntry(ctx.db, ctx.caller.accountId, togglUserId, entry.togglId);
  }
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
