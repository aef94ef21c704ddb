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
 * Turns a helper on (asking for its permission first, inside the click) or off. False when the
 * permission was refused: nothing is saved then.
 */
export async function saveSettings(next: Settings, permission: "idle" | "notifications" | null): Promise<boolean> {
  if (permission) {
    const granted =
      (await browser.permissions.contains({ permissions: [permission] })) ||
      (await browser.permissions.request({ permissions: [permission] }));
    if (!granted) return false;
  }
  await settingsItem.setValue(next);
  return true;
}
