// One person in two accounts, in real Chromium against the worker and the stand-in: Fran signs in
// (an account of her own, with her own Studio workspace), Ada's team invites her, she sees the
// invitation in the popup, joins, and switches back and forth — each account shows its own Time
// Logs only. And Settings keeps the session off plain http.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Items, SessionCreated, TaskTarget, User } from "../../shared/contract.ts";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";
import { apiCall, createSession, EVENTUALLY, waitForTimeLog } from "./stack.ts";

describe("one person, two accounts, in the browser", () => {
  let s: Scenario;
  let fran: { id: number; apiToken: string; email: string };
  let studio: number;
  let agency: number;
  let ada: SessionCreated;
  beforeAll(async () => {
    s = await startScenario();
    agency = s.seeded.workspaces.agency!.id;
    // Fran: a freelancer with a Toggl workspace of her own, and a member of Ada's Agency workspace.
    const own = await s.stack.control.seed({
      organizationName: "Fran's studio",
      users: [{ key: "fran", email: "fran@studio.example", fullname: "Fran Freelance" }],
      workspaces: [{ key: "studio", name: "Studio", admins: ["fran"], projects: [{ key: "p", name: "Portfolio" }] }],
    });
    fran = own.users.fran!;
    studio = own.workspaces.studio!.id;
    await s.stack.control.addMember(agency, { userId: fran.id });
    ada = await createSession(s.stack.workerUrl, s.seeded.users.ada!.apiToken);
    await apiCall(s.stack.workerUrl, ada.token, "POST", "/api/connections", { workspaceIds: [String(agency)] });
  });
  afterAll(async () => {
    await s?.close();
  });
  screenshotFailures(() => s?.ext);

  it("signs in, sees Ada's invitation, joins, and each account shows its own Time Logs", async () => {
    const popup = await s.ext.openPopup();
    await popup.getByLabel("Toggl API token").fill(fran.apiToken);
    await popup.getByRole("button", { name: "Sign in" }).click();
    await popup.getByText("No timer running.").waitFor();
    const own = (await s.ext.storage<{ account: { id: string; name: string } }>("me"))!.account;
    expect(own.name).toBe("Fran Freelance");
    // Her own account connects her Studio; she logs an hour there, and one in Ada's Agency.
    const session = (await s.ext.storage<string>("sessionToken"))!;
    await apiCall(s.stack.workerUrl, session, "POST", "/api/connections", { workspaceIds: [String(studio)] });
    const hourAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    await s.stack.control.createTimeEntry({
      userId: fran.id,
      workspaceId: studio,
      description: "Studio work",
      start: hourAgo(90),
      stop: hourAgo(60),
    });
    await s.stack.control.createTimeEntry({
      userId: fran.id,
      workspaceId: agency,
      description: "Agency work",
      start: hourAgo(50),
      stop: hourAgo(20),
    });
    await s.stack.control.flushDeliveries(studio);
    await s.stack.control.flushDeliveries(agency);
    await waitForTimeLog(s.stack.workerUrl, session, (l) => l.description === "Studio work");
    await waitForTimeLog(s.stack.workerUrl, ada.token, (l) => l.description === "Agency work");

    // Ada invites her by email; Fran's popup shows it.
    await apiCall<User>(s.stack.workerUrl, ada.token, "POST", "/api/users", { email: fran.email, role: "member" });
    await popup.reload();
    const banner = popup.getByTestId("invitations");
    await banner.getByText("Ada Lovelace invited you as member").waitFor(EVENTUALLY);
    await keepScreenshot(popup, "popup-invitation");
    await banner.getByRole("button", { name: "Join Ada Lovelace" }).click();

    // Now in Ada's account: her Agency work, not her Studio work.
    const recent = popup.getByTestId("recent-time-logs");
    await recent.getByText("Agency work").waitFor(EVENTUALLY);
    expect(await recent.textContent()).not.toContain("Studio work");
    const switcher = popup.getByLabel("Account");
    expect(await switcher.inputValue()).toBe(ada.account.id);
    await keepScreenshot(popup, "popup-joined-account");

    // Back to her own account: her own data only.
    await switcher.selectOption(own.id);
    await recent.getByText("Studio work").waitFor(EVENTUALLY);
    expect(await recent.textContent()).not.toContain("Agency work");
    await keepScreenshot(popup, "popup-own-account");

    // And again: the tasks offered are the account's own too.
    await switcher.selectOption(ada.account.id);
    await recent.getByText("Agency work").waitFor(EVENTUALLY);
    await vi.waitFor(async () => {
      const tasks = (await s.ext.storage<TaskTarget[]>("tasks")) ?? [];
      expect(tasks.map((t) => t.workspaceId)).toContain(String(agency));
      expect(tasks.map((t) => t.workspaceId)).not.toContain(String(studio));
    }, EVENTUALLY);
    const members = await apiCall<Items<User>>(s.stack.workerUrl, ada.token, "GET", "/api/users");
    expect(members.items.find((u) => u.email === fran.email)).toMatchObject({ status: "active" });
    await popup.close();
  });

  it("Settings refuses a server on plain http elsewhere than this computer", async () => {
    const page = await s.ext.openOptions();
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByLabel("Hourline server URL").fill("http://hourline.example.com");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").getByText("Use https:// for hourline.example.com", { exact: false }).waitFor();
    expect(await s.ext.storage("serverUrl")).toBe(s.stack.workerUrl);
    expect(typeof (await s.ext.storage("sessionToken"))).toBe("string");
    await keepScreenshot(page, "settings-https-only");
    await page.close();
  });
});
