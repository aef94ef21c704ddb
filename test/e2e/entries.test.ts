import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Items, Member } from "../../shared/contract.ts";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";
import { apiCall, EVENTUALLY, connectAndWaitForTasks } from "./stack.ts";

// Evaluated inside extension pages, where the extension API exists.
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("the toolbar timer: edit, discard, add past time, tags, totals, idle, private projects", () => {
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

  const adaEntries = async () =>
    (await s.stack.control.listTimeEntries(agency)).filter((e) => e.user_id === s.seeded.users.ada!.id);
  const startViaApi = (description: string, startedAt = new Date()) =>
    apiCall(s.stack.workerUrl, session, "POST", "/api/timer/start", {
      workspaceId: String(agency),
      description,
      startedAt: startedAt.toISOString(),
    });

  it("edits the running entry: description, task with the keyboard, tags picked and created, start", async () => {
    await startViaApi("Draft");
    const popup = await s.ext.openPopup();
    const card = popup.getByTestId("timer-card");
    await card.getByText("Draft").waitFor();
    await card.getByRole("button", { name: "Edit" }).click();
    await card.getByLabel("Description").fill("Homepage");
    await card.getByRole("button", { name: "Change task" }).click();
    const task = card.getByRole("combobox", { name: "Task" });
    await task.fill("design");
    await card.getByRole("option", { name: /Acme → Website → Design/ }).waitFor();
    await task.press("Enter");
    const tags = card.getByRole("combobox", { name: "Tags" });
    await tags.fill("urg");
    await card.getByRole("option", { name: "urgent" }).waitFor();
    await tags.press("Enter");
    await tags.fill("fresh");
    await tags.press("Enter");
    await card.getByLabel("Started at").fill("-30 min");
    await card.getByRole("button", { name: "Save" }).click();
    await card.getByText("Acme → Website → Design → Homepage").waitFor();

    const [entry] = (await adaEntries()).filter((e) => e.stop === null);
    expect(entry).toMatchObject({ description: "Homepage", task_id: s.seeded.tasks.design });
    expect([...entry!.tags].sort()).toEqual(["fresh", "urgent"]);
    expect(Math.abs(Date.parse(entry!.start) - minutesAgo(30).getTime())).toBeLessThan(90_000);
    // The totals count the running timer.
    await expect.poll(async () => popup.getByTestId("today-total").textContent(), EVENTUALLY).toMatch(/^0:(29|30|31)$/);
    await keepScreenshot(popup, "popup-timer-edited");
    await popup.close();
  });

  it("asks once before discarding the running entry, then deletes it in Toggl", async () => {
    const popup = await s.ext.openPopup();
    const card = popup.getByTestId("timer-card");
    await card.getByRole("button", { name: "Discard" }).click();
    await card.getByText("Discard this entry?").waitFor();
    await card.getByRole("button", { name: "Yes, discard" }).click();
    await card.getByText("No timer running.").waitFor();
    expect((await adaEntries()).filter((e) => e.stop === null && e.server_deleted_at === null)).toEqual([]);
    expect((await adaEntries()).some((e) => e.description === "Homepage" && e.server_deleted_at !== null)).toBe(true);
    await popup.close();
  });

  it("adds a past entry: listed at once, and exactly once after Toggl's webhook", async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    const day = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, "0")}-${String(yesterday.getDate()).padStart(2, "0")}`;
    const popup = await s.ext.openPopup();
    const recent = popup.getByTestId("recent-time-logs");
    await recent.getByRole("button", { name: "Add time" }).click();
    const task = recent.getByRole("combobox", { name: "Task" });
    await task.fill("support");
    await recent.getByRole("option", { name: /Acme → Website → Support/ }).waitFor();
    await task.press("Enter");
    await recent.getByLabel("Description").fill("Backfilled call");
    await recent.getByLabel("Day").fill(day);
    await recent.getByLabel("From").fill("08:00");
    await recent.getByLabel("To").fill("08:45");
    await recent.getByRole("button", { name: "Add entry" }).click();
    const title = "Acme → Website → Support → Backfilled call";
    await recent.getByText(title).waitFor();
    const created = (await adaEntries()).find((e) => e.description === "Backfilled call")!;
    expect(created.duration).toBe(45 * 60);
    expect(created.stop).not.toBeNull();

    await s.stack.control.flushDeliveries(agency);
    await popup.reload();
    await recent.getByText(title).waitFor();
    expect(await recent.getByText(title).count()).toBe(1);
    await keepScreenshot(popup, "popup-past-entry-added");
    await popup.close();
  });

  it("the idle prompt, driven by the background's idle message, discards the idle time and the totals drop", async () => {
    await s.ext.setStorage({
      settings: {
        idle: { enabled: true, thresholdMinutes: 5 },
        reminders: { enabled: false, days: [1, 2, 3, 4, 5], from: "09:00", to: "17:00", everyMinutes: 30 },
      },
    });
    await startViaApi("Deep work", minutesAgo(40));
    const popup = await s.ext.openPopup();
    await popup.getByTestId("timer-card").getByText("Deep work").waitFor();
    await expect.poll(async () => popup.getByTestId("today-total").textContent(), EVENTUALLY).toMatch(/^0:(39|40|41)$/);
    const send = (state: string, since: Date) =>
      popup.evaluate((data) => chrome.runtime.sendMessage({ hourline: "idle:state", data }), {
        state,
        since: since.toISOString(),
      });
    await send("idle", minutesAgo(30));
    expect(await send("active", new Date())).toEqual({ ok: true, value: { prompted: true } });
    const prompt = popup.getByTestId("idle-prompt");
    await prompt.getByText("You were away").waitFor();
    await keepScreenshot(popup, "popup-idle-prompt");
    await prompt.getByRole("button", { name: "Discard idle time" }).click();
    await popup.getByTestId("timer-card").getByText("No timer running.").waitFor();
    const stopped = (await adaEntries()).find((e) => e.description === "Deep work")!;
    expect(Math.abs(Date.parse(stopped.stop!) - minutesAgo(30).getTime())).toBeLessThan(90_000);
    // Totals change when the timer stops: the idle half hour is gone.
    await expect.poll(async () => popup.getByTestId("today-total").textContent(), EVENTUALLY).toMatch(/^0:(09|10|11)$/);
    await popup.close();
  });

  it("hides a private project from a member who is not in it, and shows it to the admin", async () => {
    const popup = await s.ext.openPopup();
    const search = popup.getByRole("combobox", { name: "Task" });
    await search.fill("secret");
    await popup.getByRole("option", { name: /Secret launch/ }).waitFor();
    await popup.close();

    // Bob joins Ada's account the way Toggl vouches for him: an active member of the connected
    // workspace whom the admin invites.
    const { items: members } = await apiCall<Items<Member>>(s.stack.workerUrl, session, "GET", "/api/members");
    const bobMember = members.find((m) => m.email === "bob@example.com" && m.workspaceId === String(agency))!;
    await apiCall(s.stack.workerUrl, session, "POST", `/api/members/${bobMember.id}/invite`);
    await s.signIn(s.seeded.users.bob!.apiToken);
    const asBob = await s.ext.openPopup();
    const bobSearch = asBob.getByRole("combobox", { name: "Task" });
    await bobSearch.fill("secret");
    await asBob.getByText("No task matches “secret”.").waitFor();
    await bobSearch.fill("website");
    await asBob.getByRole("option", { name: /Acme → Website → Design/ }).waitFor();
    await asBob.close();
    await s.signIn(s.seeded.users.ada!.apiToken);
  });
});
