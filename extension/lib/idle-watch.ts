// Idle detection in the background (optional `idle` permission, off by default): feeds the browser's
// idle states into onIdleState and, on return after the threshold while a timer ran, leaves the
// question for the popup and brings the popup up.
import { browser } from "wxt/browser";
import { onIdleState, type IdleState } from "./idle";
import { notify } from "./reminders-watch";
import { idlePromptItem, idleSinceItem, settingsItem, timerItem } from "./storage";
import { showPopup } from "./toolbar";

/** One reported state; `since` is when it began. Answers whether the person is now asked. */
export async function handleIdleState(state: IdleState, since: string): Promise<{ prompted: boolean }> {
  const { idle } = await settingsItem.getValue();
  if (!idle.enabled) return { prompted: false };
  const next = onIdleState(
    await idleSinceItem.getValue(),
    { state, since },
    await timerItem.getValue(),
    idle.thresholdMinutes,
  );
  await idleSinceItem.setValue(next.idleSince);
  if (!next.prompt) return { prompted: false };
  await idlePromptItem.setValue(next.prompt);
  await notify(
    "hourline-idle",
    "You were away",
    `While “${next.prompt.title}” ran. Open Hourline to keep or discard that time.`,
  );
  await showPopup().catch(() => undefined);
  return { prompted: true };
}

let listening = false;

/** Listens once the permission is there; the detection interval follows the threshold in Settings. */
export function watchIdle(): void {
  const start = () => {
    if (listening || !browser.idle) return;
    listening = true;
    browser.idle.onStateChanged.addListener((state) => {
      void settingsItem.getValue().then(({ idle }) => {
        // "idle" is reported a threshold after the last input.
        const since = Date.now() - (state === "idle" ? idle.thresholdMinutes * 60_000 : 0);
        return handleIdleState(state, new Date(since).toISOString());
      });
    });
  };
  const configure = async () => {
    start();
    const { idle } = await settingsItem.getValue();
    if (browser.idle && idle.enabled) browser.idle.setDetectionInterval(Math.max(60, idle.thresholdMinutes * 60));
  };
  void configure();
  settingsItem.watch(() => void configure());
  browser.permissions.onAdded.addListener(() => void configure());
}
