import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import background from "../../extension/entrypoints/background";
import { sendMessage } from "../../extension/lib/messages";
import { offlineQueueItem, recentTimeLogsItem, sessionTokenItem, timerItem } from "../../extension/lib/storage";
import { startTimer } from "../../extension/lib/timer-actions";
import { runningTimer, timeLog } from "./support/fixtures";
import { fakeServer, timerServer } from "./support/fake-server";

// The fake browser leaves chrome.commands out; a minimal event stands in for the keyboard.
const commandListeners: ((command: string) => void)[] = [];
(fakeBrowser as unknown as { commands: unknown }).commands = {
  onCommand: { addListener: (l: (command: string) => void) => commandListeners.push(l) },
};
const pressShortcut = () => commandListeners.forEach((l) => l("toggle-timer"));
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
});
