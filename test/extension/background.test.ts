import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import background from "../../extension/entrypoints/background";
import { sendMessage } from "../../extension/lib/messages";
import { DEFAULT_IDLE } from "../../extension/lib/idle";
import { DEFAULT_REMINDERS } from "../../extension/lib/reminders";
import {
  idlePromptItem,
  offlineQueueItem,
  recentTimeLogsItem,
  sessionTokenItem,
  settingsItem,
  timerItem,
} from "../../extension/lib/storage";
import { startTimer } from "../../extension/lib/timer-actions";
import { runningTimer, timeLog } from "./support/fixtures";
import { fakeServer, timerServer } from "./support/fake-server";

// The fake browser leaves chrome.commands out; a minimal event stands in for the keyboard.
const commandListeners: ((command: string) => void)[] = [];
(fakeBrowser as unknown as { commands: unknown }).commands = {
  onCommand: { addListener: (l: (command: string) => void) => commandListeners.push(l) },
};
const pressShortcut = () => commandListeners.forEach((l) => l("toggle-timer"));

// Nor does it implement context menus or notifications: minimal stand-ins record what is asked.
type MenuClick = { menuItemId: string; selectionText?: string };
const menuClicks: ((info: MenuClick) => void)[] = [];
const menus: unknown[] = [];
const installed: (() => void)[] = [];
const notifications: { id: string; options: { title: string; message: string } }[] = [];
const fake = fakeBrowser as unknown as Record<string, unknown>;
fake.contextMenus = {
  create: (item: unknown) => void menus.push(item),
  removeAll: () => Promise.resolve(void menus.splice(0)),
  onClicked: { addListener: (l: (info: MenuClick) => void) => menuClicks.push(l) },
};
fake.notifications = {
  create: (id: string, options: { title: string; message: string }) =>
    Promise.resolve(void notifications.push({ id, options })),
  clear: () => Promise.resolve(true),
  onClicked: { addListener: () => undefined },
};
// The idle API's own events cannot be produced here: the background's idle message feeds the same code.
fake.idle = { onStateChanged: { addListener: () => undefined }, setDetectionInterval: () => undefined };
(fake.permissions as Record<string, unknown>).onAdded = { addListener: () => undefined };
fakeBrowser.runtime.onInstalled.addListener = (l: () => void) => void installed.push(l);
const badge = () => fakeBrowser.action.getBadgeText({});

beforeAll(() => {
  background.main();
});
beforeEach(async () => {
  await fakeBrowser.action.setBadgeText({ text: "" });
});

const server = () => timerServer({ recent: [timeLog()] });

describe("background", () => {
  it("shows elapsed minutes on the badge while a timer runs, and clears it when it stops", async () => {
    fakeServer();
    await timerItem.setValue(runningTimer({ start: new Date(Date.now() - 12 * 60_000 - 5_000).toISOString() }));
    await vi.waitFor(async () => expect(await badge()).toBe("12m"));
    await timerItem.setValue(null);
    await vi.waitFor(async () => expect(await badge()).toBe(""));
  });

  it("re-reads the timer every minute, so a timer stopped elsewhere clears the badge", async () => {
    const s = server();
    await sessionTokenItem.setValue("session");
    s.setRunning(runningTimer());
    await fakeBrowser.alarms.onAlarm.trigger({
      name: "hourline-tick",
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.waitFor(async () => expect(await badge()).toBe("5m"));
    s.setRunning(null);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: "hourline-tick",
      scheduledTime: Date.now(),
      persistAcrossSessions: false,
    });
    await vi.waitFor(async () => expect(await badge()).toBe(""));
  });

  it("the keyboard shortcut stops a running timer", async () => {
    const s = server();
    await sessionTokenItem.setValue("session");
    s.setRunning(runningTimer());
    await timerItem.setValue(runningTimer());
    pressShortcut();
    await vi.waitFor(() => expect(s.server.callsTo("POST /api/timer/stop")).toHaveLength(1));
    await vi.waitFor(async () => expect(await timerItem.getValue()).toBeNull());
  });

  it("the keyboard shortcut continues the last Time Log when nothing runs", async () => {
    const s = server();
    await sessionTokenItem.setValue("session");
    pressShortcut();
    await vi.waitFor(() => expect(s.server.callsTo("POST /api/timer/start")).toHaveLength(1));
    expect(s.server.callsTo("POST /api/timer/start")[0]!.body).toEqual({
      workspaceId: "101",
      projectId: "251",
      taskId: "301",
      description: "Wireframes",
      billable: true,
      tags: ["design", "client"],
    });
    await vi.waitFor(async () => expect(await badge()).toBe("0m"));
  });

  it("continues from the cached list when the server is unreachable, queued", async () => {
    const s = server();
    s.server.offline = true;
    await sessionTokenItem.setValue("session");
    await recentTimeLogsItem.setValue([timeLog({ description: "Offline continue" })]);
    const answer = await sendMessage("timer:toggle", null);
    expect(answer).toEqual({ running: true, error: null });
    expect((await offlineQueueItem.getValue())[0]).toMatchObject({
      kind: "start",
      input: { description: "Offline continue" },
    });
  });

  it("replays the offline queue when the popup asks", async () => {
    const s = server();
    await sessionTokenItem.setValue("session");
    s.server.offline = true;
    await startTimer({ workspaceId: "101", description: "Queued" }, "Queued");
    s.server.offline = false;
    expect(await sendMessage("queue:flush", null)).toEqual({ remaining: 0, error: null });
    expect(s.server.callsTo("POST /api/timer/start")).toHaveLength(1);
    expect(await offlineQueueItem.getValue()).toEqual([]);
  });

  it("answers a flush with the reason when the server is still unreachable", async () => {
    const s = server();
    await sessionTokenItem.setValue("session");
    s.server.offline = true;
    await startTimer({ workspaceId: "101", description: "Queued" }, "Queued");
    const answer = await sendMessage("queue:flush", null);
    expect(answer.remaining).toBe(1);
    expect(answer.error).toMatch(/Server unreachable/);
  });

  it("offers 'Start timer for <selection>' and starts one with the selection as description", async () => {
    const s = server();
    await sessionTokenItem.setValue("session");
    installed.forEach((l) => l());
    await vi.waitFor(() =>
      expect(menus).toEqual([expect.objectContaining({ title: "Start timer for '%s'", contexts: ["selection"] })]),
    );
    await recentTimeLogsItem.setValue([timeLog({ workspaceId: "101" })]);
    menuClicks.forEach((l) => l({ menuItemId: "hourline-start-selection", selectionText: "  Fix the\nlogin bug " }));
    await vi.waitFor(() => expect(s.server.callsTo("POST /api/timer/start")).toHaveLength(1));
    expect(s.server.callsTo("POST /api/timer/start")[0]!.body).toEqual({
      workspaceId: "101",
      description: "Fix the login bug",
    });
  });

  it("reminds in working hours when nothing runs, once per interval, only when turned on", async () => {
    fakeServer({ "GET /api/timer": { body: null } });
    await sessionTokenItem.setValue("session");
    const tick = () =>
      fakeBrowser.alarms.onAlarm.trigger({
        name: "hourline-tick",
        scheduledTime: Date.now(),
        persistAcrossSessions: false,
      });
    const always = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], from: "00:00", to: "23:59", everyMinutes: 30 };
    await tick();
    expect(notifications).toEqual([]);
    await settingsItem.setValue({ idle: DEFAULT_IDLE, reminders: always });
    await tick();
    await vi.waitFor(() => expect(notifications.map((n) => n.options.title)).toEqual(["No timer running"]));
    await tick();
    expect(notifications).toHaveLength(1);
  });

  it("asks after time away while a timer ran, when idle detection is on", async () => {
    fakeServer();
    await timerItem.setValue(
      runningTimer({ togglId: "77", title: "Deep work", start: new Date(Date.now() - 60 * 60_000).toISOString() }),
    );
    const since = new Date(Date.now() - 30 * 60_000).toISOString();
    expect(await sendMessage("idle:state", { state: "idle", since })).toEqual({ prompted: false });
    expect(await sendMessage("idle:state", { state: "active", since: new Date().toISOString() })).toEqual({
      prompted: false,
    });
    expect(await idlePromptItem.getValue()).toBeNull();

    await settingsItem.setValue({ idle: { enabled: true, thresholdMinutes: 10 }, reminders: DEFAULT_REMINDERS });
    await sendMessage("idle:state", { state: "idle", since });
    expect(await sendMessage("idle:state", { state: "active", since: new Date().toISOString() })).toEqual({
      prompted: true,
    });
    expect(await idlePromptItem.getValue()).toMatchObject({ idleSince: since, togglId: "77", title: "Deep work" });
  });
});
