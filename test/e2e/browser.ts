// Launches Debian's Chromium with the unpacked extension and opens its pages.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";

// The slice of the extension APIs these helpers call inside the service worker.
declare const chrome: {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> };
  };
  action: { getBadgeText(details: object): Promise<string> };
};

export const EXTENSION_DIR = resolve(import.meta.dirname, "../../.output/chrome-mv3");
export const ARTIFACTS_DIR = resolve(import.meta.dirname, "../../test-results/e2e");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  openPopup(): Promise<Page>;
  openOptions(): Promise<Page>;
  /** Reads a storage.local key through the service worker. */
  storage<T>(key: string): Promise<T | undefined>;
  setStorage(values: Record<string, unknown>): Promise<void>;
  badgeText(): Promise<string>;
  close(): Promise<void>;
}

/** `dir`: the unpacked extension to load (the build by default). */
export async function launchExtension(dir = EXTENSION_DIR): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "hourline-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless=new",
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;

  const open = async (file: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    return page;
  };
  return {
    context,
    extensionId,
    serviceWorker,
    openPopup: () => open("popup.html"),
    openOptions: () => open("options.html"),
    storage: <T>(key: string) =>
      serviceWorker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<T | undefined>,
    setStorage: (values) => serviceWorker.evaluate((v) => chrome.storage.local.set(v), values),
    badgeText: () => serviceWorker.evaluate(() => chrome.action.getBadgeText({})),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Keeps a full-page screenshot under test-results/e2e/ (gitignored) as the scenario's artifact. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
