// The running timer, the offline queue and recent Time Logs, as the popup shows them.
import { signal } from "@preact/signals";
import type { StartTimerBody, TimeLog } from "../../shared/contract";
import { describeError, isApiError } from "../lib/api-error";
import { sendMessage } from "../lib/messages";
import type { QueuedAction } from "../lib/offline-queue";
import { offlineQueueItem, queueErrorItem, recentTimeLogsItem, timerItem, type CachedTimer } from "../lib/storage";
import * as actions from "../lib/timer-actions";
import { bindItem } from "./bind";

export const timer = signal<CachedTimer | null>(null);
export const queue = signal<QueuedAction[]>([]);
export const queueError = signal<string | null>(null);
export const recentTimeLogs = signal<TimeLog[]>([]);
/** Whether the recent list was fetched at least once in this popup (else it is the cached copy). */
export const recentFresh = signal(false);
export const timerBusy = signal(false);
export const timerError = signal<string | null>(null);
export const recentError = signal<string | null>(null);
/** The last refresh could not reach the server: the popup shows saved data and queues actions. */
export const offline = signal(false);

export async function hydrateTimer(): Promise<void> {
  await Promise.all([
    bindItem(timerItem, timer),
    bindItem(offlineQueueItem, queue),
    bindItem(queueErrorItem, queueError),
    bindItem(recentTimeLogsItem, recentTimeLogs),
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
    return true;
  } catch (e) {
    timerError.value = describeError(e);
    return false;
  } finally {
    timerBusy.value = false;
  }
}

export const startTimer = (input: StartTimerBody, title: string) => act(() => actions.startTimer(input, title));
export const stopTimer = () =>
  act(async () => {
    const result = await actions.stopTimer();
    if (!result.queued) scheduleRecentRefresh();
    return result;
  });
export const continueTimeLog = (log: TimeLog) => act(() => actions.continueTimeLog(log));

const unreachable = (e: unknown) => isApiError(e) && e.unreachable;

export async function refreshTimer(): Promise<void> {
  try {
    await actions.refreshTimer();
    timerError.value = null;
    offline.value = false;
    // The server answers again: send what waited for it now rather than at the next minute tick.
    if (queue.value.length > 0) void requestReplay();
  } catch (e) {
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
    offline.value = unreachable(e);
    recentError.value = offline.value ? null : describeError(e);
  }
}

// A stopped entry becomes a Time Log once Toggl's webhook reaches the worker: look again shortly.
let followUps: ReturnType<typeof setTimeout>[] = [];
function scheduleRecentRefresh(): void {
  for (const t of followUps) clearTimeout(t);
  followUps = [1000, 3000, 7000, 15000].map((ms) => setTimeout(() => void refreshRecent(), ms));
}

export async function dismissQueueError(): Promise<void> {
  await queueErrorItem.setValue(null);
}
