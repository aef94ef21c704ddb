import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepScreenshot, launchExtension, type ExtensionBrowser } from "./browser.ts";

describe("the extension in Chromium", () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it("loads with its fixed id and a running background", async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(await ext.badgeText()).toBe("");
  });

  it("opens the popup on the sign-in form when nobody is signed in", async () => {
    const popup = await ext.openPopup();
    await popup.getByRole("heading", { name: "Sign in with Toggl" }).waitFor();
    expect(await popup.getByLabel("Toggl API token").isVisible()).toBe(true);
    expect(await popup.getByRole("link", { name: "track.toggl.com/profile" }).getAttribute("href")).toBe("https://track.toggl.com/profile");
    await keepScreenshot(popup, "popup-sign-in-form");
  });
});
