// The running timer, the offline queue and recent Time Logs, as the popup shows them, and what the
// popup does with them: start, stop, continue, edit, discard, add after the fact, edit or delete.
import { signal } from "@preact/signals";
import type {
  CreateTimeEntryBody,
  EditTimerBody,
  PatchTimeEntryBody,
  StartTimerBody,
  TimeLog,
} from "../../shared/contract";
import { api } from "../lib/api";
import { describeError, isApiError, isStaleAnswer } from "../lib/api-error";
import type { IdlePrompt } from "../lib/idle";
import { sendMessage } from "../lib/messages";
import type { QueuedAction } from "../lib/offline-queue";
import {
  idlePromptItem,
  offlineQueueItem,
  queueErrorItem,
  recentTimeLogsItem,
  timerItem,
  type CachedTimer,
} from "../lib/storage";
import { startInputOf } from "../lib/suggestions";
import * as actions from "../lib/timer-actions";
import { bindItem } from "./bind";
import { refreshSummary } from "./summary";

export const timer = signal<CachedTimer | null>(null);
export const queue = signal<QueuedAction[]>([]);
export const queueError = signal<string | null>(null);
export const recentTimeLogs = signal<TimeLog[]>([]);
export const idlePrompt = signal<IdlePrompt | null>(null);
/** Whether the recent list was fetched at least once in this popup (else it is the cached copy). */
export const recentFresh = signal(false);
export const timerBusy = signal(false);
export const timerError = signal<string | null>(null);
export const recentError = signal<string | null>(null);
/** Why the last entry added is not listed (it started before the workspace's history in Hourline). */
export const recentNotice = signal<string | null>(null);
/** The last refresh could not reach the server: the popup shows saved data and queues actions. */
export const offline = signal(false);

export async function hydrateTimer(): Promise<void> {
  await Promise.all([
    bindItem(timerItem, timer),
    bindItem(offlineQueueItem, queue),
    bindItem(queueErrorItem, queueError),
    bindItem(recentTimeLogsItem, recentTimeLogs),
    bindItem(idlePromptItem, idlePrompt),
  ]);
}

/** Asks the background to replay queued actions (it is the only one that does, so none runs twice). */
async function requestReplay(): Promise<void> {
  try {
    await sendMessage("queue:flush", null);
  } catch {
    // The background retries on its own every minute.
  }
}

async function act(work: () => Promise<{ queued: boolean }>): Promise<boolean> {
  timerBusy.value = true;
  timerError.value = null;
  try {
    const { queued } = await work();
    if (queued) void requestReplay();
    void sendMessage("badge:refresh", null).catch(() => undefined);
    void refreshSummary();
    return true;
  } catch (e) {
    timerError.value = describeError(e);
    return false;
  } finally {
    timerBusy.value = false;
  }
}

/** Puts a Time Log the worker just answered into the recent list (replacing its older copy). */
async function putRecent(log: TimeLog): Promise<{ queued: false }> {
  const others = (await recentTimeLogsItem.getValue()).filter((l) => l.togglTimeEntryId !== log.togglTimeEntryId);
  await recentTimeLogsItem.setValue([log, ...others].sort((a, b) => Date.parse(b.start) - Date.parse(a.start)));
  return { queued: false };
}

export const startTimer = (input: StartTimerBody, title: string) => act(() => actions.startTimer(input, title));
export const stopTimer = () =>
  act(async () => {
    const result = await actions.stopTimer();
    if (!result.queued) scheduleRecentRefresh();
    return result;
  });
export const continueTimeLog = (log: TimeLog) => act(() => actions.continueTimeLog(log));
export const editTimer = (body: EditTimerBody) =>
  act(async () => {
    await timerItem.setValue(await api.editTimer(body));
    return { queued: false };
  });
export const discardTimer = () =>
  act(async () => {
    await api.discardTimer();
    await timerItem.setValue(null);
    return { queued: false };
  });
export const addEntry = (body: CreateTimeEntryBody) =>
  act(async () => {
    const answer = await api.createTimeEntry(body);
    // Made in Toggl, but from before the workspace's history boundary: never a Time Log here.
    recentNotice.value = "togglTimeEntryId" in answer ? null : answer.message;
    return "togglTimeEntryId" in answer ? putRecent(answer) : { queued: false };
  });
export const editEntry = (togglId: string, body: PatchTimeEntryBody) =>
  act(async () => putRecent(await api.patchTimeEntry(togglId, body)));
export const deleteEntry = (log: TimeLog) =>
  act(async () => {
    await api.deleteTimeEntry(log.togglTimeEntryId);
    return putRecent({ ...log, deletedInToggl: true, scorable: false });
  });

/** The idle question answered "keep the time". */
export const dismissIdle = () => idlePromptItem.setValue(null);

/** Stops the timer when the person went idle; `resume` starts the same entry again now. */
export const discardIdleTime = (prompt: IdlePrompt, resume: boolean) =>
  act(async () => {
    const running = timer.value;
    const stopped = await actions.stopTimer(new Date(), new Date(prompt.idleSince));
    await idlePromptItem.setValue(null);
    if (resume && running) return actions.startTimer(startInputOf(running), running.title);
    if (!stopped.queued) scheduleRecentRefresh();
    return stopped;
  });

const unreachable = (e: unknown) => isApiError(e) && e.unreachable;

export async function refreshTimer(): Promise<void> {
  try {
    await actions.refreshTimer();
    timerError.value = null;
    offline.value = false;
    // The server answers again: send what waited for it now rather than at the next minute tick.
    if (queue.value.length > 0) void requestReplay();
  } catch (e) {
    if (isStaleAnswer(e)) return;
    offline.value = unreachable(e);
    // Offline is said once, in the banner; other failures where they happen.
    timerError.value = offline.value ? null : describeError(e);
  }
}

export async function refreshRecent(): Promise<void> {
  try {
    await actions.refreshRecentTimeLogs();
    recentFresh.value = true;
    recentError.value = null;
    offline.value = false;
  } catch (e) {
    if (isStaleAnswer(e)) return;
    offline.value = unreachable(e);
    recentError.value = offline.value ? null : describeError(e);
  }
}

// A stopped entry becomes a Time Log once Toggl's webhook reaches the worker: look again shortly.
let followUps: ReturnType<typeof setTimeout>[] = [];
function scheduleRecentRefresh(): void {
  for (const t of followUps) clearTimeout(t);
  followUps = [1000, 3000, 7000, 15000].map((ms) =>
    setTimeout(() => {
      void refreshRecent();
      void refreshSummary();
    }, ms),
  );
}

export async function dismissQueueError(): Promise<void> {
  await queueErrorItem.setValue(null);
}
