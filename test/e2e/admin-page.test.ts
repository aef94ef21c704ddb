import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Items, Member, User } from "../../shared/contract.ts";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";
import { apiCall, EVENTUALLY, waitForTimeLog } from "./stack.ts";

describe("the admin page", () => {
  let s: Scenario;
  let session: string;
  let agency: string;
  beforeAll(async () => {
    s = await startScenario();
    session = (await s.signIn(s.seeded.users.ada!.apiToken))!;
    agency = String(s.seeded.workspaces.agency!.id);
    // A day of history: the entries made back-dated below are inside it.
    await apiCall(s.stack.workerUrl, session, "POST", "/api/connections", { workspaceIds: [agency], backfillDays: 1 });
  });
  afterAll(async () => {
    await s?.close();
  });
  screenshotFailures(() => s?.ext);

  it("Overview shows the status, the integration owner and webhook health", async () => {
    const page = await s.ext.openOptions();
    const overview = page.getByTestId("overview");
    await overview.waitFor();
    expect(await overview.textContent()).toContain("Ada Lovelace");
    await overview.getByRole("cell", { name: "Agency" }).waitFor();
    await keepScreenshot(page, "admin-overview");
    await page.close();
  });

  it("Connections lists the connected workspace with status and re-syncs it", async () => {
    const page = await s.ext.openOptions();
    await page.getByRole("tab", { name: "Connections" }).click();
    const row = page.getByTestId(`connection-${agency}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("active");
    // The other workspace can still be picked, with a history window.
    await page.getByRole("button", { name: "List my Toggl workspaces" }).click();
    await page.getByLabel("Side projects").waitFor();
    await page.getByLabel("History to import").selectOption("7");
    await keepScreenshot(page, "admin-connections");
    // The button stays disabled until the re-sync is answered and the list reloaded.
    const resync = row.getByRole("button", { name: "Re-sync Agency" });
    const answered = page.waitForResponse((r) => /\/api\/connections\/[^/]+\/sync$/.test(r.url()));
    await resync.click();
    expect((await answered).ok()).toBe(true);
    await expect.poll(() => resync.isEnabled(), EVENTUALLY).toBe(true);
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.close();
  });

  it("Users maps an unmatched Toggl member to an account user by hand", async () => {
    const carolUser = await apiCall<User>(s.stack.workerUrl, session, "POST", "/api/users", {
      email: "carol@agency.example",
      name: "Carol Shaw",
      role: "member",
    });
    const page = await s.ext.openOptions();
    await page.getByRole("tab", { name: "Users" }).click();
    await page.getByLabel("Show").selectOption("unmatched");
    const picker = page.getByLabel("User for Carol Shaw");
    await picker.waitFor();
    await picker.selectOption(carolUser.id);
    await page
      .getByRole("row", { name: /Carol Shaw/ })
      .getByRole("button", { name: "Map" })
      .click();
    // Once mapped she leaves the unmatched list.
    await picker.waitFor({ state: "detached" });
    await keepScreenshot(page, "admin-users-mapped");

    const { items } = await apiCall<Items<Member>>(s.stack.workerUrl, session, "GET", "/api/members");
    const carol = items.find((m) => m.email === "carol.personal@example.net");
    expect(carol).toMatchObject({ match: "manual", user: { id: carolUser.id } });
    await page.close();
  });

  it("Timeline shows the team's Time Logs by day and person, and an admin marks one scorable", async () => {
    const ws = Number(agency);
    const entry = await s.stack.control.createTimeEntry({
      userId: s.seeded.users.bob!.id,
      workspaceId: ws,
      projectId: s.seeded.projects.website!,
      taskId: s.seeded.tasks.design!,
      description: "Logo review",
      start: new Date(Date.now() - 40 * 60_000).toISOString(),
      stop: new Date(Date.now() - 10 * 60_000).toISOString(),
      billable: true,
    });
    await s.stack.control.flushDeliveries(ws);
    const page = await s.ext.openOptions();
    await page.getByRole("tab", { name: "Timeline" }).click();
    const timeline = page.getByTestId("timeline");
    const row = timeline.getByRole("row", { name: /Acme → Website → Design → Logo review/ });
    await row.waitFor({ timeout: 20_000 });
    // Bob is a Toggl member but not a user of the account: named from the member list.
    expect(await timeline.textContent()).toContain("Bob Builder");
    await row.getByLabel("scorable").check();
    await keepScreenshot(page, "admin-timeline");

    const log = await waitForTimeLog(
      s.stack.workerUrl,
      session,
      (l) => l.togglTimeEntryId === String(entry.id) && l.scorable,
    );
    expect(log).toMatchObject({ scorable: true, displayable: true, durationMinutes: 30 });
    await page.close();
  });

  it("Connections unlinks a workspace: its Toggl subscription goes, the connection stays listed as unlinked", async () => {
    const page = await s.ext.openOptions();
    page.on("dialog", (d) => void d.accept());
    await page.getByRole("tab", { name: "Connections" }).click();
    const row = page.getByTestId(`connection-${agency}`);
    await row.getByRole("button", { name: "Unlink Agency" }).click();
    await row.getByRole("button", { name: "Re-enable Agency" }).waitFor();
    await keepScreenshot(page, "admin-connections-unlinked");
    const { items } = await apiCall<Items<Connection>>(s.stack.workerUrl, session, "GET", "/api/connections");
    expect(items.find((c) => c.workspaceId === agency)?.status).toBe("unlinked");
    const subs = await s.stack.control.listSubscriptions(Number(agency));
    expect(subs.filter((x) => x.deleted_at === null)).toHaveLength(0);
    await page.close();
  });

  it("Connections re-enables the unlinked workspace: the webhook is validated again and entries flow", async () => {
    const page = await s.ext.openOptions();
    await page.getByRole("tab", { name: "Connections" }).click();
    const row = page.getByTestId(`connection-${agency}`);
    await row.getByLabel(/Import the time since it was unlinked/).check();
    const answered = page.waitForResponse((r) => /\/api\/connections\/[^/]+\/sync$/.test(r.url()));
    await row.getByRole("button", { name: "Re-enable Agency" }).click();
    expect((await answered).ok()).toBe(true);
    await row.getByRole("button", { name: "Re-sync Agency" }).waitFor();
    await row.getByRole("cell", { name: /^validated/ }).waitFor();
    expect(await row.textContent()).toContain("active");
    await keepScreenshot(page, "admin-connections-re-enabled");

    const subs = await s.stack.control.listSubscriptions(Number(agency));
    expect(subs).toHaveLength(1);
    expect(subs[0]!.validated_at).not.toBeNull();
    const start = Date.now();
    const entry = await s.stack.control.createTimeEntry({
      userId: s.seeded.users.bob!.id,
      workspaceId: Number(agency),
      start: new Date(start).toISOString(),
      stop: new Date(start + 15 * 60_000).toISOString(),
      description: "After re-enabling",
    });
    await waitForTimeLog(s.stack.workerUrl, session, (l) => l.togglTimeEntryId === String(entry.id));
    await page.close();
  });
});
