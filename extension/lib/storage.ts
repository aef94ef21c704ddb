// Every piece of extension storage, declared once. Storage is the source of truth shared by the
// popup, the options page and the background; state modules mirror it in signals.
import { defineItem } from "./storage-item";
import type { Invitation, Me, RunningTimer, Summary, TaskTarget, TimeLog } from "../../shared/contract";
import { DEFAULT_IDLE, type IdlePrompt, type IdleSettings } from "./idle";
import type { QueuedAction } from "./offline-queue";
import { DEFAULT_REMINDERS, type ReminderSettings } from "./reminders";

export const DEFAULT_SERVER_URL = "http://127.0.0.1:8787";

/** A running timer as the extension knows it; `queued` while its start waits in the offline queue. */
export type CachedTimer = RunningTimer & { queued?: boolean };

export const serverUrlItem = defineItem<string>("serverUrl", DEFAULT_SERVER_URL);
export const sessionTokenItem = defineItem<string | null>("sessionToken", null);
export const meItem = defineItem<Me | null>("me", null);
export const timerItem = defineItem<CachedTimer | null>("timer", null);
export const recentTimeLogsItem = defineItem<TimeLog[]>("recentTimeLogs", []);
export const tasksItem = defineItem<TaskTarget[]>("tasks", []);
/** Tag names per workspace id, for the tag picker. */
export const tagsItem = defineItem<Record<string, string[]>>("tags", {});
/** The person's totals as the worker last answered them (painted at once, then refreshed). */
export const summaryItem = defineItem<Summary | null>("summary", null);

/** The person's own helpers, off until they turn them on (kept across sign-ins). */
export interface Settings {
  idle: IdleSettings;
  reminders: ReminderSettings;
}
export const DEFAULT_SETTINGS: Settings = { idle: DEFAULT_IDLE, reminders: DEFAULT_REMINDERS };
export const settingsItem = defineItem<Settings>("settings", DEFAULT_SETTINGS);
/** Since when the browser has reported the person idle or locked (null while active). */
export const idleSinceItem = defineItem<string | null>("idleSince", null);
/** The question the popup asks after time away while a timer ran. */
export const idlePromptItem = defineItem<IdlePrompt | null>("idlePrompt", null);
/** When the last reminder was shown (epoch ms). */
export const lastReminderAtItem = defineItem<number | null>("lastReminderAt", null);
/** Invitations waiting for the signed-in person (into other accounts), for the popup's banner. */
export const invitationsItem = defineItem<Invitation[]>("invitations", []);
export const offlineQueueItem = defineItem<QueuedAction[]>("offlineQueue", []);
/** The last queued action the server refused for good (shown once, then cleared by the user). */
export const queueErrorItem = defineItem<string | null>("queueError", null);
/** The newest D1 bookmark a server answer carried (see BOOKMARK_HEADER): sent back so reads see our writes. */
export const d1BookmarkItem = defineItem<string | null>("d1Bookmark", null);
/** Why the extension signed itself out (session expired, token revoked), shown on the sign-in form. */
export const signedOutReasonItem = defineItem<string | null>("signedOutReason", null);

/**
 * Whose clicks wait in the offline queue while signed out after an expired session: they are
 * replayed when that same person signs in again, and dropped only if someone else signs in.
 */
export const queueOwnerItem = defineItem<string | null>("queueOwner", null);

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
