// Every piece of extension storage, declared once. Storage is the source of truth shared by the
// popup, the options page and the background; state modules mirror it in signals.
import { storage } from "wxt/utils/storage";
import type { Invitation, Me, RunningTimer, Summary, TaskTarget, TimeLog } from "../../shared/contract";
import { DEFAULT_IDLE, type IdlePrompt, type IdleSettings } from "./idle";
import type { QueuedAction } from "./offline-queue";
import { DEFAULT_REMINDERS, type ReminderSettings } from "./reminders";

export const DEFAULT_SERVER_URL = "http://127.0.0.1:8787";

/** A running timer as the extension knows it; `queued` while its start waits in the offline queue. */
export type CachedTimer = RunningTimer & { queued?: boolean };

export const serverUrlItem = storage.defineItem<string>("local:serverUrl", { fallback: DEFAULT_SERVER_URL });
export const sessionTokenItem = storage.defineItem<string | null>("local:sessionToken", { fallback: null });
export const meItem = storage.defineItem<Me | null>("local:me", { fallback: null });
export const timerItem = storage.defineItem<CachedTimer | null>("local:timer", { fallback: null });
export const recentTimeLogsItem = storage.defineItem<TimeLog[]>("local:recentTimeLogs", { fallback: [] });
export const tasksItem = storage.defineItem<TaskTarget[]>("local:tasks", { fallback: [] });
/** Tag names per workspace id, for the tag picker. */
export const tagsItem = storage.defineItem<Record<string, string[]>>("local:tags", { fallback: {} });
/** The person's totals as the worker last answered them (painted at once, then refreshed). */
export const summaryItem = storage.defineItem<Summary | null>("local:summary", { fallback: null });

/** The person's own helpers, off until they turn them on (kept across sign-ins). */
export interface Settings {
  idle: IdleSettings;
  reminders: ReminderSettings;
}
export const DEFAULT_SETTINGS: Settings = { idle: DEFAULT_IDLE, reminders: DEFAULT_REMINDERS };
export const settingsItem = storage.defineItem<Settings>("local:settings", { fallback: DEFAULT_SETTINGS });
/** Since when the browser has reported the person idle or locked (null while active). */
export const idleSinceItem = storage.defineItem<string | null>("local:idleSince", { fallback: null });
/** The question the popup asks after time away while a timer ran. */
export const idlePromptItem = storage.defineItem<IdlePrompt | null>("local:idlePrompt", { fallback: null });
/** When the last reminder was shown (epoch ms). */
export const lastReminderAtItem = storage.defineItem<number | null>("local:lastReminderAt", { fallback: null });
/** Invitations waiting for the signed-in person (into other accounts), for the popup's banner. */
export const invitationsItem = storage.defineItem<Invitation[]>("local:invitations", { fallback: [] });
export const offlineQueueItem = storage.defineItem<QueuedAction[]>("local:offlineQueue", { fallback: [] });
/** The last queued action the server refused for good (shown once, then cleared by the user). */
export const queueErrorItem = storage.defineItem<string | null>("local:queueError", { fallback: null });
/** Why the extension signed itself out (session expired, token revoked), shown on the sign-in form. */
/** The newest D1 bookmark a server answer carried (see BOOKMARK_HEADER): sent back so reads see our writes. */
export const d1BookmarkItem = storage.defineItem<string | null>("local:d1Bookmark", { fallback: null });
export const signedOutReasonItem = storage.defineItem<string | null>("local:signedOutReason", { fallback: null });

/**
 * Whose clicks wait in the offline queue while signed out after an expired session: they are
 * replayed when that same person signs in again, and dropped only if someone else signs in.
 */
export const queueOwnerItem = storage.defineItem<string | null>("local:queueOwner", { fallback: null });

/**
 * Everything that belongs to the account the session is in: cleared when the person switches to
 * another account, so one account's data never shows under another.
 */
export async function clearAccountData(): Promise<void> {
  await Promise.all([
    timerItem.removeValue(),
    recentTimeLogsItem.removeValue(),
    tasksItem.removeValue(),
    tagsItem.removeValue(),
    summaryItem.removeValue(),
    idlePromptItem.removeValue(),
  ]);
}

/**
 * Everything tied to a signed-in person; cleared on sign-out. An expired session (`keepQueue`)
 * keeps the offline queue for its owner, so no click is lost to a timed-out session.
 */
export async function clearSessionData(options: { keepQueue?: boolean } = {}): Promise<void> {
  const me = await meItem.getValue();
  const queue = await offlineQueueItem.getValue();
  const keepQueue = options.keepQueue === true && queue.length > 0 && me !== null;
  await Promise.all([
    sessionTokenItem.removeValue(),
    meItem.removeValue(),
    clearAccountData(),
    invitationsItem.removeValue(),
    keepQueue
      ? queueOwnerItem.setValue(me.user.id)
      : Promise.all([offlineQueueItem.removeValue(), queueOwnerItem.removeValue()]),
    queueErrorItem.removeValue(),
  ]);
}
