import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";
import { EVENTUALLY, waitForTimeLog, connectAndWaitForTasks } from "./stack.ts";

// Evaluated inside the popup page, where the extension API exists.
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * Lets wall-clock time go by. Not a wait for something to happen: the offline test needs its clicks
 * seconds apart, and seconds before the replay, to tell the clicks' times from the replay's.
 */
const letTimePass = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("timers from the popup, through the worker, into Toggl and back as Time Logs", () => {
  let s: Scenario;
  let session: string;
  let agency: number;
  beforeAll(async () => {
    s = await startScenario();
    session = (await s.signIn(s.seeded.users.ada!.apiToken))!;
    agency = s.seeded.workspaces.agency!.id;
    await connectAndWaitForTasks(s.stack.workerUrl, session, agency);
  });
  afterAll(async () => {
    await s?.close();
  });
  screenshotFailures(() => s?.ext);

  it("searches a task, starts it, shows the badge, stops it, and lists the Time Log after Toggl's webhook", async () => {
    const popup = await s.ext.openPopup();
    const search = popup.getByRole("combobox", { name: "Task" });
    await search.fill("design");
    await popup.getByRole("option", { name: /Acme → Website → Design/ }).waitFor();
    await search.press("Enter");
    await popup.getByTestId("picked-task").getByText("Acme → Website → Design").waitFor();
    expect(await popup.getByLabel("Billable").isChecked()).toBe(true);
    await popup.getByLabel("Description").fill("Homepage");
    const tags = popup.getByRole("combobox", { name: "Tags" });
    await tags.fill("urgent");
    await tags.press("Enter");
    await popup.getByRole("button", { name: "Start" }).click();

    const card = popup.getByTestId("timer-card");
    await card.getByText("Acme → Website → Design → Homepage").waitFor();
    await expect.poll(() => s.ext.badgeText(), EVENTUALLY).toMatch(/^\d+m$/);
    const entries = await s.stack.control.listTimeEntries(agency);
    const running = entries.find((e) => e.stop === null);
    expect(running).toMatchObject({
      description: "Homepage",
      billable: true,
      tags: ["urgent"],
      user_id: s.seeded.users.ada!.id,
    });
    await keepScreenshot(popup, "popup-timer-running");

    await card.getByRole("button", { name: "Stop" }).click();
    await card.getByText("No timer running.").waitFor();
    await s.stack.control.flushDeliveries(agency);
    const recent = popup.getByTestId("recent-time-logs");
    await recent.getByText("Acme → Website → Design → Homepage").waitFor({ timeout: 20_000 });
    expect(await recent.textContent()).toContain("billable");
    expect(await recent.textContent()).toContain("urgent");
    await expect.poll(() => s.ext.badgeText(), EVENTUALLY).toBe("");
    await keepScreenshot(popup, "popup-time-log-listed");
    await popup.close();
  });

  it("the keyboard command continues the last Time Log, then stops it", async () => {
    const popup = await s.ext.openPopup();
    const toggle = () =>
      popup.evaluate(() => chrome.runtime.sendMessage({ hourline: "timer:toggle", data: null })) as Promise<{
        ok: boolean;
        value: { running: boolean; error: string | null };
      }>;
    expect((await toggle()).value).toEqual({ running: true, error: null });
    await popup.getByTestId("timer-card").getByRole("button", { name: "Stop" }).waitFor();
    const running = (await s.stack.control.listTimeEntries(agency)).filter((e) => e.stop === null);
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ description: "Homepage", tags: ["urgent"] });
    expect((await toggle()).value).toEqual({ running: false, error: null });
    await popup.getByText("No timer running.").waitFor();
    await popup.close();
  });

  it("an entry stopped in Toggl shows up in the popup's recent Time Logs", async () => {
    const entry = await s.stack.control.createTimeEntry({
      userId: s.seeded.users.ada!.id,
      workspaceId: agency,
      projectId: s.seeded.projects.website!,
      taskId: s.seeded.tasks.support!,
      description: "Call with Acme",
      start: new Date(Date.now() - 25 * 60_000).toISOString(),
      stop: null,
    });
    await s.stack.control.stopTimeEntry(entry.id);
    await s.stack.control.flushDeliveries(agency);
    await waitForTimeLog(s.stack.workerUrl, session, (l) => l.title === "Acme → Website → Support → Call with Acme");
    const popup = await s.ext.openPopup();
    const recent = popup.getByTestId("recent-time-logs");
    await recent.getByText("Acme → Website → Support → Call with Acme").waitFor();
    expect(await recent.textContent()).toContain("25 min");
    await keepScreenshot(popup, "popup-entry-stopped-in-toggl");
    await popup.close();
  });

  it("a start and stop made while the worker is unreachable are queued with their real times and replayed in order", async () => {
    const before = (await s.stack.control.listTimeEntries(agency)).length;
    await s.ext.setStorage({ serverUrl: "http://127.0.0.1:9" }); // nothing listens there
    const popup = await s.ext.openPopup();
    const recent = popup.getByTestId("recent-time-logs");
    const startedAt = Date.now();
    await recent.getByRole("button", { name: "Continue Acme → Website → Support → Call with Acme" }).click();
    await popup.getByTestId("queue-notice").getByText("1 action is queued", { exact: false }).waitFor();
    await popup.getByTestId("timer-card").getByText("queued — not sent yet").waitFor();
    await letTimePass(2500);
    const stoppedAt = Date.now();
    await popup.getByTestId("timer-card").getByRole("button", { name: "Stop" }).click();
    await popup.getByTestId("queue-notice").getByText("2 actions are queued", { exact: false }).waitFor();
    await keepScreenshot(popup, "popup-offline-queue");

    await letTimePass(2000);
    await s.ext.setStorage({ serverUrl: s.stack.workerUrl });
    const flushed = (await popup.evaluate(() =>
      chrome.runtime.sendMessage({ hourline: "queue:flush", data: null }),
    )) as {
      value: { remaining: number; error: string | null };
    };
    expect(flushed.value).toEqual({ remaining: 0, error: null });
    await popup.getByTestId("queue-notice").waitFor({ state: "detached" });

    const entries = await s.stack.control.listTimeEntries(agency);
    expect(entries).toHaveLength(before + 1);
    const replayed = entries.find(
      (e) => e.description === "Call with Acme" && Date.parse(e.start) >= startedAt - 1000,
    )!;
    // The entry carries the clicks' times, not the replay's.
    expect(Math.abs(Date.parse(replayed.start) - startedAt)).toBeLessThan(1500);
    expect(replayed.stop).not.toBeNull();
    expect(Math.abs(Date.parse(replayed.stop!) - stoppedAt)).toBeLessThan(1500);
    await popup.close();
  });
});
