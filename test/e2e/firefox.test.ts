// The Firefox build in a real, headless Firefox ESR against the worker and the stand-in: the
// popup paints, searches a task, starts a timer in Toggl and stops it.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS_DIR } from "./browser.ts";
import { launchFirefoxExtension, waitForText, type FirefoxExtension } from "./firefox.ts";
import { seedTeam } from "./scenario.ts";
import { createSession, startStack, type Stack, connectAndWaitForTasks } from "./stack.ts";

// Evaluated in the add-on's pages.
declare const browser: {
  runtime: {
    /** The add-on id: the manifest's gecko id. */
    id: string;
    getManifest(): { commands?: Record<string, { suggested_key?: { default?: string } }> };
  };
};

describe("Firefox", () => {
  let stack: Stack;
  let ff: FirefoxExtension;
  let agency: number;
  let ada: number;
  beforeAll(async () => {
    stack = await startStack();
    const seeded = await seedTeam(stack.control);
    agency = seeded.workspaces.agency!.id;
    ada = seeded.users.ada!.id;
    const session = await createSession(stack.workerUrl, seeded.users.ada!.apiToken);
    await connectAndWaitForTasks(stack.workerUrl, session.token, agency);
    ff = await launchFirefoxExtension();
    await ff.setStorage({
      serverUrl: stack.workerUrl,
      sessionToken: session.token,
      me: { user: session.user, account: session.account },
    });
  });
  afterAll(async () => {
    await ff?.close();
    await stack?.close();
  });

  it("starts a timer from the popup in Toggl and stops it", async () => {
    const popup = await ff.openPage("popup.html");
    await waitForText(popup, "No timer running.");
    await popup.locator("#task-search").fill("design");
    await waitForText(popup, "Acme → Website → Design");
    await popup.focus("#task-search");
    await popup.keyboard.press("Enter");
    await popup.locator("#description").fill("From Firefox");
    await popup.locator("button[type=submit].primary").click();
    await waitForText(popup, "Acme → Website → Design → From Firefox");
    const running = (await stack.control.listTimeEntries(agency)).find((e) => e.stop === null);
    expect(running).toMatchObject({ description: "From Firefox", user_id: ada });
    await popup.locator("::-p-text(Stop)").click();
    await waitForText(popup, "No timer running.");
    const stopped = (await stack.control.listTimeEntries(agency)).find((e) => e.description === "From Firefox");
    expect(stopped!.stop).not.toBeNull();
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await popup.screenshot({ path: join(ARTIFACTS_DIR, "firefox-popup.png") });
  });

  it("opens the admin page", async () => {
    const page = await ff.openPage("options.html");
    await waitForText(page, "Hourline admin");
    await waitForText(page, "Agency");
    await page.close();
  });

  it("carries its gecko id and the Manifest V2 shortcut that opens the popup", async () => {
    const page = await ff.openPage("popup.html");
    const [id, manifest] = await page.evaluate(() => [browser.runtime.id, browser.runtime.getManifest()] as const);
    expect(id).toBe("hourline@hourline.app");
    expect(manifest.commands?._execute_browser_action?.suggested_key?.default).toBe("Alt+Shift+H");
    await page.close();
  });
});
