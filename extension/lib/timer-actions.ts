// Timer actions shared by the popup and the background (keyboard command): they talk to the
// worker through the api client and record the outcome in storage, which every context watches.
import type { StartTimerBody, TimeLog } from "../../shared/contract";
import { buildTimeLogTitle } from "../../shared/time-log";
import { api } from "./api";
import { isApiError } from "./api-error";
import { startInputOf } from "./suggestions";
import { flushQueue, newActionId, type FlushResult, type QueuedAction } from "./offline-queue";
import { meItem, offlineQueueItem, queueErrorItem, recentTimeLogsItem, timerItem, type CachedTimer } from "./storage";

const queueStore = { get: () => offlineQueueItem.getValue(), set: (v: QueuedAction[]) => offlineQueueItem.setValue(v) };

async function enqueue(action: QueuedAction): Promise<void> {
  await offlineQueueItem.setValue([...(await offlineQueueItem.getValue()), action]);
}

/** Reads the caller's running timer; while actions wait in the queue, the local view wins. */
export async function refreshTimer(): Promise<CachedTimer | null> {
  const running = await api.timer();
  if ((await offlineQueueItem.getValue()).length > 0) return timerItem.getValue();
  await timerItem.setValue(running);
  return running;
}

/**
 * The caller's own latest Time Logs (admins would otherwise get the whole team's): the popup lists
 * the first ten, the start form suggests from all of them.
 */
export async function refreshRecentTimeLogs(limit = 30): Promise<TimeLog[]> {
  const me = await meItem.getValue();
  const page = await api.timeLogs({ limit, userId: me?.user.id });
  await recentTimeLogsItem.setValue(page.items);
  return page.items;
}

/** Starts now, or queues the start with its real time when the server is unreachable. */
export async function startTimer(input: StartTimerBody, title: string, now = new Date()): Promise<{ queued: boolean }> {
  const at = now.toISOString();
  // Anything already queued must reach the server first, so this waits behind it.
  if ((await offlineQueueItem.getValue()).length === 0) {
    try {
      await timerItem.setValue(await api.startTimer(input));
      return { queued: false };
    } catch (e) {
      if (!(isApiError(e) && e.unreachable)) throw e;
    }
  }
  await enqueue({ id: newActionId(), kind: "start", at, input, title });
  await timerItem.setValue({
    togglId: "",
    workspaceId: input.workspaceId,
    projectId: input.projectId ?? null,
    taskId: input.taskId ?? null,
    description: input.description ?? "",
    billable: input.billable ?? false,
    tags: input.tags ?? [],
    start: at,
    title,
    queued: true,
  });
  return { queued: true };
}

/**
 * Stops now (or at `stoppedAt`, e.g. when the person went idle), or queues the stop with its time
 * when the server is unreachable.
 */
export async function stopTimer(now = new Date(), stoppedAt?: Date): Promise<{ queued: boolean }> {
  const at = (stoppedAt ?? now).toISOString();
  if ((await offlineQueueItem.getValue()).length === 0) {
    try {
      await api.stopTimer(stoppedAt ? { stoppedAt: at } : {});
      await timerItem.setValue(null);
      return { queued: false };
    } catch (e) {
      if (!(isApiError(e) && e.unreachable)) throw e;
    }
  }
  await enqueue({ id: newActionId(), kind: "stop", at });
  await timerItem.setValue(null);
  return { queued: true };
}

/** Starts a new entry with the same target, description, billable flag and tags. */
export function continueTimeLog(log: TimeLog, now = new Date()): Promise<{ queued: boolean }> {
  return startTimer(startInputOf(log), log.title || buildTimeLogTitle(log), now);
}

/** The keyboard command: stop if running, else continue the most recent Time Log. */
export async function toggleTimer(now = new Date()): Promise<{ running: boolean }> {
  let running = await timerItem.getValue();
  try {
    running = await refreshTimer();
  } catch {
    // Offline: decide from the cached state.
  }
  if (running) {
    await stopTimer(now);
    return { running: false };
  }
  let recent = await recentTimeLogsItem.getValue();
  try {
    recent = await refreshRecentTimeLogs();
  } catch {
    // Offline: continue from the cached list.
  }
  const last = recent.find((l) => !l.deletedInToggl);
  if (!last) throw new Error("No recent Time Log to continue: start one from the popup first");
  await continueTimeLog(last, now);
  return { running: true };
}

/** Replays queued actions; afterwards the server's view of the timer is the truth again. */
export async function replayQueue(): Promise<FlushResult> {
  const result = await flushQueue(queueStore, api);
  if (result.rejected.length > 0) await queueErrorItem.setValue(result.rejected.map((r) => r.message).join("; "));
  if (result.applied.length > 0 || result.rejected.length > 0) {
    try {
      await refreshTimer();
      await refreshRecentTimeLogs();
    } catch {
      // The next refresh will catch up.
    }
  }
  return result;
}
