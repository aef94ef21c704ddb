// The toolbar button: `action` in Manifest V3 (Chrome), `browserAction` in Firefox's Manifest V2.
import { browser } from "wxt/browser";

type Toolbar = typeof browser.action;

export function toolbar(): Toolbar {
  const api = browser as unknown as { action?: Toolbar; browserAction?: Toolbar };
  const found = api.action ?? api.browserAction;
  if (!found) throw new Error("No toolbar button API");
  return found;
}

/** Brings the popup up: the toolbar popup where the browser allows it, else a small window. */
export async function showPopup(): Promise<void> {
  try {
    await toolbar().openPopup();
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL("/popup.html"),
      type: "popup",
      width: 400,
      height: 640,
    });
  }
}
