import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_DIR, keepScreenshot, launchExtension, type ExtensionBrowser } from "./browser.ts";

/** Chrome's rule: the first 128 bits of SHA-256 of the public key, hex digits 0-f written as a-p. */
function extensionIdFromKey(base64Key: string): string {
  const hex = createHash("sha256").update(Buffer.from(base64Key, "base64")).digest("hex").slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join("");
}

describe("the extension in Chromium", () => {
  let ext: ExtensionBrowser;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it("loads with the id pinned by the manifest key and a running background", async () => {
    const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, "manifest.json"), "utf8")) as { key: string };
    expect(ext.extensionId).toBe(extensionIdFromKey(manifest.key));
    expect(await ext.badgeText()).toBe("");
  });

  it("opens the popup on the sign-in form when nobody is signed in", async () => {
    const popup = await ext.openPopup();
    await popup.getByRole("heading", { name: "Sign in with Toggl" }).waitFor();
    expect(await popup.getByLabel("Toggl API token").isVisible()).toBe(true);
    expect(await popup.getByRole("link", { name: "track.toggl.com/profile" }).getAttribute("href")).toBe(
      "https://track.toggl.com/profile",
    );
    await keepScreenshot(popup, "popup-sign-in-form");
  });
});
