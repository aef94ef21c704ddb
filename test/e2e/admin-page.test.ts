import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Items, Member, User } from "../../shared/contract.ts";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";
import { apiCall } from "./stack.ts";

describe("the admin page", () => {
  let s: Scenario;
  let session: string;
  let agency: string;
  beforeAll(async () => {
    s = await startScenario();
    session = (await s.signIn(s.seeded.users.ada!.apiToken))!;
    agency = String(s.seeded.workspaces.agency!.id);
    await apiCall(s.stack.workerUrl, session, "POST", "/api/connections", { workspaceIds: [agency] });
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
    await page.getByLabel("Side projects").waitFor();
    await page.getByLabel("History to import").selectOption("7");
    await keepScreenshot(page, "admin-connections");
    await row.getByRole("button", { name: "Re-sync Agency" }).click();
    await page.waitForTimeout(500);
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
    await page.getByRole("row", { name: /Carol Shaw/ }).getByRole("button", { name: "Map" }).click();
    // Once mapped she leaves the unmatched list.
    await picker.waitFor({ state: "detached" });
    await keepScreenshot(page, "admin-users-mapped");

    const { items } = await apiCall<Items<Member>>(s.stack.workerUrl, session, "GET", "/api/members");
    const carol = items.find((m) => m.email === "carol.personal@example.net");
    expect(carol).toMatchObject({ match: "manual", user: { id: carolUser.id } });
    await page.close();
  });
});
