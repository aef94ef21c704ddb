// "Start timer for '<selected text>'" in the page's context menu: the selection becomes the
// description, tracked in the workspace the person last tracked in.
import { browser } from "wxt/browser";
import { recentTimeLogsItem, tasksItem, timerItem } from "./storage";
import { startTimer } from "./timer-actions";

const MENU_ID = "hourline-start-selection";

/** The workspace of the running timer, else of the latest Time Log, else of the first task. */
async function lastWorkspace(): Promise<string | null> {
  const [timer, recent, tasks] = await Promise.all([
    timerItem.getValue(),
    recentTimeLogsItem.getValue(),
    tasksItem.getValue(),
  ]);
  return timer?.workspaceId ?? recent[0]?.workspaceId ?? tasks[0]?.workspaceId ?? null;
}

async function startForSelection(selection: string, now = new Date()): Promise<{ queued: boolean }> {
  const description = selection.replace(/\s+/g, " ").trim().slice(0, 3000);
  if (!description) throw new Error("Select some text to start a timer for it");
  const workspaceId = await lastWorkspace();
  if (!workspaceId) throw new Error("Start a timer from the popup once, so Hourline knows your workspace");
  return startTimer({ workspaceId, description }, description, now);
}

export function setUpContextMenu(onError: (e: unknown) => void): void {
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus
      .removeAll()
      .then(() => browser.contextMenus.create({ id: MENU_ID, title: "Start timer for '%s'", contexts: ["selection"] }));
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId === MENU_ID && info.selectionText) startForSelection(info.selectionText).catch(onError);
  });
}
