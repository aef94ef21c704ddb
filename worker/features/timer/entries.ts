// Finished entries of the caller's own, added after the fact, edited or deleted in Toggl with their
// own token. Each answer is applied through the one time-entry write path at once: the Time Log is
// listed before Toggl's webhook comes, and the webhook (same Toggl id) finds it already there.
import { and, eq } from "drizzle-orm";
import type * as z from "zod";
import type {
  createTimeEntrySchema,
  patchTimeEntrySchema,
  TimeEntryBeforeHistory,
  TimeLog,
} from "../../../shared/contract";
import { connections, timeLogs } from "../../db/schema";
import { ApiError, notFound } from "../../lib/errors";
import type { UpdateTimeEntryInput } from "../../toggl/client";
import { isTogglError } from "../../toggl/errors";
import type { TimeEntry } from "../../toggl/types";
import { applyTimeEntry, connectionScope, markTimeEntryDeleted, normalizeTogglTimeEntry } from "../time-logs/apply";
import { getTimeLog } from "../time-logs/read";
import { viewerOf } from "../workspace-mirror/visibility";
import { callerClient, newEntryFields, notInFuture, observedNow, withTokenCheck, type TimerContext } from "./access";
import { targetPatch } from "./edit";
import { resolveTarget } from "./store";
import { connectionForWorkspace } from "../connections/service";
import { nowDate } from "../../clock";

export type CreateTimeEntryInput = z.output<typeof createTimeEntrySchema>;
export type PatchTimeEntryInput = z.output<typeof patchTimeEntrySchema>;

/** Toggl's own limit on one entry. */
const MAX_ENTRY_HOURS = 999;

/** Start before stop, nothing in the future, no longer than Toggl allows. */
function checkSpan(start: Date, stop: Date, now: Date): void {
  if (Number.isNaN(start.getTime()) || Number.isNaN(stop.getTime()))
    throw new ApiError(400, "invalid_input", "start and stop must be timestamps");
  if (stop.getTime() <= start.getTime()) throw new ApiError(400, "invalid_input", "stop must be after start");
  notInFuture(stop, now, "stop");
  if (stop.getTime() - start.getTime() > MAX_ENTRY_HOURS * 3_600_000) {
    throw new ApiError(400, "invalid_input", `An entry can last at most ${MAX_ENTRY_HOURS} hours`);
  }
}

const seconds = (start: Date, stop: Date) => Math.round((stop.getTime() - start.getTime()) / 1000);

/** The entry Toggl answered, applied like any other; null when it is from before the history boundary. */
async function apply(
  ctx: TimerContext,
  connection: { id: string; workspaceId: string; historyFrom: Date | null },
  te: TimeEntry,
): Promise<TimeLog | null> {
  const entry = observedNow(normalizeTogglTimeEntry(te), nowDate());
  const result = await applyTimeEntry(ctx.db, connectionScope(ctx.caller.accountId, connection), entry);
  if (result === "before_history") return null;
  const row = await ctx.db
    .select({ id: timeLogs.id })
    .from(timeLogs)
    .where(and(eq(timeLogs.accountId, ctx.caller.accountId), eq(timeLogs.togglId, entry.togglId)))
    .get();
  const log = row ? await getTimeLog(ctx.db, ctx.caller.accountId, row.id) : null;
  if (!log) throw new ApiError(502, "toggl_failed", "Toggl answered an entry that is still running");
  return log;
}

/**
 * Adds a finished entry in Toggl with the caller's token. One that starts before the connection's
 * history boundary is still made in Toggl (it is the person's own Toggl), but like any other entry
 * from before the boundary it never becomes a Time Log.
 */
export async function createTimeEntry(
  ctx: TimerContext,
  input: CreateTimeEntryInput,
): Promise<{ log: TimeLog } | { beforeHistory: TimeEntryBeforeHistory }> {
  const { db, caller } = ctx;
  const connection = await connectionForWorkspace(db, caller.accountId, input.workspaceId);
  if (!connection) throw new ApiError(404, "not_found", "Workspace not connected to Hourline");
  const start = new Date(input.start);
  const stop = new Date(input.stop);
  checkSpan(start, stop, ctx.now);
  const target = await resolveTarget(db, await viewerOf(db, caller), input);
  const { toggl, credentialId } = await callerClient(ctx);
  return withTokenCheck(
    ctx,
    toggl,
    credentialId,
    async () => {
      const created = await toggl.createTimeEntry(input.workspaceId, {
        start: start.toISOString(),
        stop: stop.toISOString(),
        duration: seconds(start, stop),
        ...newEntryFields(input, target),
      });
      const log = await apply(ctx, connection, created);
      if (log) return { log };
      const historyFrom = connection.historyFrom?.toISOString() ?? "";
      return {
        beforeHistory: {
          togglId: String(created.id),
          workspaceId: input.workspaceId,
          historyFrom,
          message: `Added in Toggl. Hourline keeps this workspace's history from ${historyFrom} on, so this entry is not imported as a Time Log.`,
        },
      };
    },
    input,
  );
}

/** One of the caller's own Time Logs; anyone else's (or an unknown id) is 404. */
async function ownEntry(ctx: TimerContext, togglId: string, togglUserId: string) {
  const log = await ctx.db
    .select({
      workspaceId: timeLogs.workspaceId,
      start: timeLogs.start,
      stop: timeLogs.stop,
      deleted: timeLogs.deletedInToggl,
      connectionStatus: connections.status,
      connectionId: connections.id,
      historyFrom: connections.historyFrom,
    })
    .from(timeLogs)
    .innerJoin(
      connections,
      and(eq(connections.accountId, timeLogs.accountId), eq(connections.id, timeLogs.connectionId)),
    )
    .where(
      and(
        eq(timeLogs.accountId, ctx.caller.accountId),
        eq(timeLogs.togglId, togglId),
        eq(timeLogs.togglUserId, togglUserId),
      ),
    )
    .get();
  if (!log) throw notFound("Time entry");
  return log;
}

export async function updateTimeEntry(
  ctx: TimerContext,
  togglId: string,
  input: PatchTimeEntryInput,
): Promise<TimeLog> {
  const { db, caller } = ctx;
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);
  const log = await ownEntry(ctx, togglId, togglUserId);
  if (log.deleted) throw new ApiError(409, "deleted_in_toggl", "This entry was deleted in Toggl");
  if (log.connectionStatus === "unlinked")
    throw new ApiError(
      409,
      "workspace_not_connected",
      "This entry's workspace is no longer connected: edit it in Toggl",
    );
  const start = input.start ? new Date(input.start) : log.start;
  const stop = input.stop ? new Date(input.stop) : log.stop;
  const timesChanged = input.start !== undefined || input.stop !== undefined;
  if (timesChanged) checkSpan(start, stop, ctx.now);
  return withTokenCheck(
    ctx,
    toggl,
    credentialId,
    async () => {
      const patch: UpdateTimeEntryInput = {
        ...(await targetPatch(ctx, log.workspaceId, input)),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.billable !== undefined ? { billable: input.billable } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        // Toggl wants start, stop and duration to agree.
        ...(timesChanged
          ? { start: start.toISOString(), stop: stop.toISOString(), duration: seconds(start, stop) }
          : {}),
      };
      let updated: TimeEntry;
      try {
        updated = await toggl.updateTimeEntry(log.workspaceId, togglId, patch);
      } catch (err) {
        if (!isTogglError(err, "not_found")) throw err;
        await markTimeEntryDeleted(db, caller.accountId, togglId);
        throw new ApiError(409, "deleted_in_toggl", "This entry was deleted in Toggl");
      }
      const applied = await apply(
        ctx,
        { id: log.connectionId, workspaceId: log.workspaceId, historyFrom: log.historyFrom },
        updated,
      );
      // An imported entry is kept up to date whatever its start; only a vanished one is not found.
      if (!applied) throw notFound("Time entry");
      return applied;
    },
    input,
  );
}

/** Deletes one of the caller's own entries in Toggl; its Time Log stays, flagged deleted. */
export async function deleteTimeEntry(ctx: TimerContext, togglId: string): Promise<void> {
  const { db, caller } = ctx;
  const { toggl, togglUserId, credentialId } = await callerClient(ctx);
  const log = await ownEntry(ctx, togglId, togglUserId);
  if (log.deleted) return;
  await withTokenCheck(ctx, toggl, credentialId, async () => {
    try {
      await toggl.deleteTimeEntry(log.workspaceId, togglId);
    } catch (err) {
      // Already gone in Toggl: what the person wanted.
      if (!isTogglError(err, "not_found")) throw err;
    }
  });
  await markTimeEntryDeleted(db, caller.accountId, togglId);
}
