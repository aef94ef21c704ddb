import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, Items } from "../../shared/contract.ts";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";
import { apiCall } from "./stack.ts";

describe("an admin connects workspaces from the popup", () => {
  let s: Scenario;
  let session: string;
  beforeAll(async () => {
    s = await startScenario();
    session = (await s.signIn(s.seeded.users.ada!.apiToken))!;
  });
  afterAll(async () => {
    await s?.close();
  });
  screenshotFailures(() => s?.ext);

  it("ticks two workspaces, connects them, and sees each connection's status", async () => {
    const agency = String(s.seeded.workspaces.agency!.id);
    const side = String(s.seeded.workspaces.side!.id);
    const popup = await s.ext.openPopup();
    const admin = popup.getByTestId("admin-section");
    await admin.getByLabel("Agency").check();
    await admin.getByLabel("Side projects").check();
    await admin.getByRole("button", { name: "Connect 2 workspaces" }).click();

    await admin.getByTestId(`status-${agency}`).waitFor();
    await admin.getByTestId(`status-${side}`).waitFor();
    expect(await admin.getByTestId(`status-${agency}`).textContent()).toMatch(/^active · webhook /);
    expect(await admin.getByLabel("Agency").isDisabled()).toBe(true);
    await keepScreenshot(popup, "popup-workspaces-connected");

    const { items } = await apiCall<Items<Connection>>(s.stack.workerUrl, session, "GET", "/api/connections");
    expect(items.map((c) => c.workspaceId).sort()).toEqual([agency, side].sort());
    // Each workspace got its Toggl webhook subscription, pointing at this worker.
    const subs = await s.stack.control.listSubscriptions(Number(agency));
    expect(subs.filter((x) => x.deleted_at === null)).toHaveLength(1);
    expect(subs[0]!.url_callback.startsWith(s.stack.workerUrl)).toBe(true);
    await popup.close();
  });
});
