// Firefox ESR, headless, driven over WebDriver BiDi with puppeteer-core, with the Firefox build of
// the extension installed as a temporary add-on. Firefox refuses to navigate a tab to a
// moz-extension:// page from outside; the test build (`wxt build -b firefox --mode e2e`) lists the
// popup and admin page as web-accessible so a page can go there. The shipped build does not.
import { resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { GECKO_ID } from "../../wxt.config.ts";

const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, "../../.output/firefox-mv2-e2e");
const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
/** The add-on's internal id, fixed so its pages have a known address. */
const UUID = "6f0f3a5e-3c1e-4c39-9a59-0d5c3f3a4b21";

// Evaluated inside the extension's pages.
declare const browser: {
  storage: {
    local: { set(values: Record<string, unknown>): Promise<void>; get(key: string): Promise<Record<string, unknown>> };
  };
};

export interface FirefoxExtension {
  browser: Browser;
  openPage(file: "popup.html" | "options.html"): Promise<Page>;
  setStorage(values: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function launchFirefoxExtension(): Promise<FirefoxExtension> {
  const ff = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      "xpinstall.signatures.required": false,
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: UUID }),
    },
  });
  await ff.installExtension(FIREFOX_EXTENSION_DIR);
  const openPage = async (file: string) => {
    const page = await ff.newPage();
    await page.goto("data:text/html,hourline");
    await page.evaluate((url) => void (location.href = url), `moz-extension://${UUID}/${file}`);
    // WebDriver BiDi does not report this navigation: wait for the page to have painted instead.
    await page.waitForFunction(
      () => location.protocol === "moz-extension:" && (document.getElementById("app")?.childElementCount ?? 0) > 0,
    );
    return page;
  };
  return {
    browser: ff,
    openPage,
    setStorage: async (values) => {
      const page = await openPage("popup.html");
      await page.evaluate((v) => browser.storage.local.set(v), values);
      await page.close();
    },
    close: () => ff.close(),
  };
}

/** Waits until the page shows the text somewhere. */
export function waitForText(page: Page, text: string, timeout = 20_000) {
  return page.waitForFunction((t) => document.body.innerText.includes(t), { timeout }, text);
}
