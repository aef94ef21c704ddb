import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";

describe("signing in from the popup against the real worker", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario();
  });
  afterAll(async () => {
    await s?.close();
  });
  screenshotFailures(() => s?.ext);

  it("refuses a token Toggl does not know, with a clear message", async () => {
    const popup = await s.ext.openPopup();
    await popup.getByLabel("Toggl API token").fill("not-a-real-token");
    await popup.getByRole("button", { name: "Sign in" }).click();
    await popup.getByRole("alert").getByText("Toggl did not accept this API token", { exact: false }).waitFor();
    expect(await s.ext.storage("sessionToken")).toBeUndefined();
    await popup.close();
  });

  it("says when the server cannot be reached", async () => {
    await s.ext.setStorage({ serverUrl: "http://127.0.0.1:9" });
    const popup = await s.ext.openPopup();
    await popup.getByLabel("Toggl API token").fill(s.seeded.users.ada!.apiToken);
    await popup.getByRole("button", { name: "Sign in" }).click();
    await popup.getByRole("alert").getByText("Server unreachable", { exact: false }).waitFor();
    await s.ext.setStorage({ serverUrl: s.stack.workerUrl });
    await popup.close();
  });

  it("says when Toggl's hourly quota is used up, with the wait", async () => {
    const bob = s.seeded.users.bob!.apiToken;
    await s.stack.control.setQuota(bob, { remaining: 0, resetsInSeconds: 20 * 60, bucket: "user" });
    const popup = await s.ext.openPopup();
    await popup.getByLabel("Toggl API token").fill(bob);
    await popup.getByRole("button", { name: "Sign in" }).click();
    const alert = popup.getByRole("alert");
    await alert.getByText("Toggl's hourly quota is used up", { exact: false }).waitFor();
    expect(await alert.textContent()).toMatch(/try again in (19|20) min\./);
    await keepScreenshot(popup, "popup-sign-in-quota");
    await s.stack.control.resetQuota(bob);
    await popup.close();
  });

  it("signs in with a pasted Toggl API token and shows the signed-in popup", async () => {
    const popup = await s.ext.openPopup();
    await popup.getByLabel("Toggl API token").fill(s.seeded.users.ada!.apiToken);
    await popup.getByRole("button", { name: "Sign in" }).click();
    await popup.getByText("No timer running.").waitFor();
    await popup.getByText("Ada Lovelace").waitFor();
    expect(typeof (await s.ext.storage<string>("sessionToken"))).toBe("string");
    // The owner gets the admin section.
    await popup.getByTestId("admin-section").waitFor();
    await keepScreenshot(popup, "popup-signed-in");
    await popup.close();
  });

  it("signs out and is back on the sign-in form", async () => {
    const popup = await s.ext.openPopup();
    await popup.getByRole("button", { name: "Sign out" }).click();
    await popup.getByRole("heading", { name: "Sign in with Toggl" }).waitFor();
    expect(await s.ext.storage("sessionToken")).toBeUndefined();
    await popup.close();
  });
});
