// The person's own helpers' settings (idle detection, reminders): kept in extension storage, read
// by the background, edited on the admin page's Settings tab.
import { signal } from "@preact/signals";
import { browser } from "wxt/browser";
import { DEFAULT_SETTINGS, settingsItem, type Settings } from "../lib/storage";
import { bindItem } from "./bind";

export const settings = signal<Settings>(DEFAULT_SETTINGS);

export async function hydrateSettings(): Promise<void> {
  await bindItem(settingsItem, settings);
}

/**
 * Changes the settings; turning a helper on asks for its permission first (inside the click).
 * False when the permission was refused: nothing is saved then.
 */
let writes: Promise<unknown> = Promise.resolve();

export async function saveSettings(
  change: (current: Settings) => Settings,
  permission: "idle" | "notifications" | null,
): Promise<boolean> {
  if (permission) {
    const granted =
      (await browser.permissions.contains({ permissions: [permission] })) ||
      (await browser.permissions.request({ permissions: [permission] }));
    if (!granted) return false;
  }
  // One change after another, each from what storage holds then, so quick changes all count.
  const write = writes.then(async () => settingsItem.setValue(change(await settingsItem.getValue())));
  writes = write.catch(() => undefined);
  await write;
  return true;
}
