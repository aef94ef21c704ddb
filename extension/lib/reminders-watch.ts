// Reminders in the background (optional `notifications` permission, off by default): checked on the
// minute tick; a notification when no timer runs in working hours; clicking it opens the popup.
import { browser } from "wxt/browser";
import { reminderDue } from "./reminders";
import { lastReminderAtItem, sessionTokenItem, settingsItem, timerItem } from "./storage";
import { showPopup } from "./toolbar";

const ICON = "/icon/128.png";

/** A notification of ours, when the permission is granted. */
export async function notify(id: string, title: string, message: string): Promise<boolean> {
  if (!browser.notifications) return false;
  await browser.notifications.create(id, { type: "basic", iconUrl: browser.runtime.getURL(ICON), title, message });
  return true;
}

export async function remindIfDue(now = new Date()): Promise<boolean> {
  const [{ reminders }, token, timer, last] = await Promise.all([
    settingsItem.getValue(),
    sessionTokenItem.getValue(),
    timerItem.getValue(),
    lastReminderAtItem.getValue(),
  ]);
  if (!token || !reminderDue(reminders, now, timer !== null, last)) return false;
  const shown = await notify("hourline-reminder", "No timer running", "Start one from Hourline (click here).");
  if (shown) await lastReminderAtItem.setValue(now.getTime());
  return shown;
}

let listening = false;

/** Clicking one of our notifications opens the popup. */
export function watchNotificationClicks(): void {
  const start = () => {
    if (listening || !browser.notifications) return;
    listening = true;
    browser.notifications.onClicked.addListener((id) => {
      if (!id.startsWith("hourline-")) return;
      void browser.notifications.clear(id);
      void showPopup();
    });
  };
  start();
  browser.permissions.onAdded.addListener(start);
}
