import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { describeError } from "../lib/api-error";
import { setUpContextMenu } from "../lib/context-menu";
import { badgeText } from "../lib/format";
import { handleIdleState, watchIdle } from "../lib/idle-watch";
import { onMessages } from "../lib/messages";
import { remindIfDue, watchNotificationClicks } from "../lib/reminders-watch";
import { offlineQueueItem, sessionTokenItem, timerItem } from "../lib/storage";
import { refreshTimer, replayQueue, toggleTimer } from "../lib/timer-actions";
import { toolbar } from "../lib/toolbar";

const TICK_ALARM = "hourline-tick";

async function paintBadge(): Promise<string> {
  const timer = await timerItem.getValue();
  const text = badgeText(timer?.start ?? null, Date.now());
  await toolbar().setBadgeBackgroundColor({ color: timer?.queued ? "#b54708" : "#6b3fd4" });
  await toolbar().setBadgeText({ text });
  await toolbar().setTitle({ title: timer ? `Hourline — ${timer.title || "timer running"}` : "Hourline" });
  return text;
}

const showError = (e: unknown) => toolbar().setTitle({ title: `Hourline — ${describeError(e)}` });

/** Replays the queue if anything waits in it; errors stay in storage for the popup to show. */
async function flush(): Promise<{ remaining: number; error: string | null }> {
  if ((await offlineQueueItem.getValue()).length === 0) return { remaining: 0, error: null };
  const result = await replayQueue();
  return { remaining: result.remaining, error: result.blockedBy ? describeError(result.blockedBy) : null };
}

/** Every minute: replay what waits, pick up timers started or stopped elsewhere, remind, repaint. */
async function tick(): Promise<void> {
  try {
    if (await sessionTokenItem.getValue()) {
      await flush();
      await refreshTimer();
    }
  } catch {
    // Offline or signed out: the badge still shows the cached timer.
  }
  await remindIfDue().catch(() => false);
  await paintBadge();
}

export default defineBackground(() => {
  void browser.alarms.create(TICK_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TICK_ALARM) void tick();
  });
  timerItem.watch(() => void paintBadge());
  // Signed in again after an expired session: replay the clicks that waited for it.
  sessionTokenItem.watch((token) => {
    if (token) void tick();
  });

  browser.commands.onCommand.addListener((command) => {
    if (command !== "toggle-timer") return;
    toggleTimer()
      .catch(showError)
      .finally(() => void paintBadge());
  });
  setUpContextMenu((e) => void showError(e));
  watchIdle();
  watchNotificationClicks();

  onMessages({
    "queue:flush": () => flush(),
    "badge:refresh": async () => ({ text: await paintBadge() }),
    "timer:toggle": async () => {
      try {
        const { running } = await toggleTimer();
        return { running, error: null };
      } catch (e) {
        return { running: (await timerItem.getValue()) !== null, error: describeError(e) };
      }
    },
    "idle:state": ({ state, since }) => handleIdleState(state, since),
  });

  void tick();
});
