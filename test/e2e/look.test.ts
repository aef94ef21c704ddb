// Look and access: dark mode from the system's colour scheme (screenshots in test-results/),
// a label on every input, contrast AA, and every control reachable by keyboard with visible focus.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepScreenshot } from "./browser.ts";
import { screenshotFailures } from "./failures.ts";
import { startScenario, type Scenario } from "./scenario.ts";
import { apiCall, connectAndWaitForTasks } from "./stack.ts";

/** Inputs without a label (by `for`, wrapping, aria-label or aria-labelledby). */
const unlabelled = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("input, select, textarea"))
      .filter(
        (el) =>
          !(el as HTMLInputElement).labels?.length &&
          !el.getAttribute("aria-label") &&
          !el.getAttribute("aria-labelledby"),
      )
      .map((el) => el.outerHTML.slice(0, 120)),
  );

/** Text whose contrast with what is behind it is under WCAG AA (4.5:1; 3:1 for large text). */
const lowContrast = (page: Page) =>
  page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c[3] ?? 1) > 0.5) return c;
      }
      return rgb(getComputedStyle(document.documentElement).backgroundColor || "rgb(255,255,255)");
    };
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      const style = getComputedStyle(el);
      if (!own || style.visibility === "hidden" || style.display === "none" || (el as HTMLButtonElement).disabled)
        continue;
      const a = lum(rgb(style.color));
      const b = lum(background(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const large =
        parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        out.push(`${ratio.toFixed(2)} ${el.tagName} "${el.textContent?.trim().slice(0, 40)}"`);
    }
    return out;
  });

/** Tabs through the page: every control reached, each with a visible focus ring. */
async function tabThrough(page: Page) {
  const reached = new Set<string>();
  const noRing: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
      return {
        id: `${el.tagName}:${el.id || el.getAttribute("aria-label") || el.textContent?.trim().slice(0, 30)}`,
        ring,
      };
    });
    if (!seen) continue;
    if (!seen.ring) noRing.push(seen.id);
    reached.add(seen.id);
  }
  const controls = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll("button:not([disabled]), input:not([disabled]), select, a[href], [tabindex='0']"),
    )
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => `${el.tagName}:${el.id || el.getAttribute("aria-label") || el.textContent?.trim().slice(0, 30)}`),
  );
  return { missed: controls.filter((c) => !reached.has(c)), noRing };
}

// Evaluated in the extension's service worker.
declare const chrome: {
  runtime: {
    getManifest(): {
      commands?: Record<string, { suggested_key?: { default?: string } }>;
      permissions?: string[];
      optional_permissions?: string[];
    };
  };
};

describe("look and access", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario();
    const session = (await s.signIn(s.seeded.users.ada!.apiToken))!;
    const agency = String(s.seeded.workspaces.agency!.id);
    await connectAndWaitForTasks(s.stack.workerUrl, session, Number(agency));
    await apiCall(s.stack.workerUrl, session, "POST", "/api/time-entries", {
      workspaceId: agency,
      description: "Earlier work",
      start: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      stop: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      tags: ["urgent"],
    });
    await apiCall(s.stack.workerUrl, session, "POST", "/api/timer/start", {
      workspaceId: agency,
      description: "Now",
      billable: true,
      tags: ["urgent"],
    });
  });
  afterAll(async () => {
    await s?.close();
  });
  screenshotFailures(() => s?.ext);

  for (const scheme of ["light", "dark"] as const) {
    it(`the popup in ${scheme} mode: labelled, AA contrast, keyboard all the way`, async () => {
      const popup = await s.ext.context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.goto(`chrome-extension://${s.ext.extensionId}/popup.html`);
      await popup.getByTestId("timer-card").getByText("Now").waitFor();
      await popup.getByTestId("recent-time-logs").getByText("Earlier work").waitFor();
      await popup.getByTestId("totals").waitFor();
      const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      if (scheme === "dark") expect(bg).not.toBe("rgb(255, 255, 255)");
      await keepScreenshot(popup, `popup-${scheme}`);
      expect(await unlabelled(popup)).toEqual([]);
      expect(await lowContrast(popup)).toEqual([]);
      const keyboard = await tabThrough(popup);
      expect(keyboard.missed).toEqual([]);
      expect(keyboard.noRing).toEqual([]);
      await popup.close();
    });

    it(`the admin page in ${scheme} mode: labelled and AA contrast`, async () => {
      const page = await s.ext.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`chrome-extension://${s.ext.extensionId}/options.html`);
      await page.getByTestId("overview").waitFor();
      for (const tab of ["Overview", "Connections", "Users", "Timeline", "Settings"]) {
        await page.getByRole("tab", { name: tab }).click();
        await page.waitForLoadState("networkidle");
        expect(await unlabelled(page), tab).toEqual([]);
        expect(await lowContrast(page), tab).toEqual([]);
      }
      await page.getByRole("tab", { name: "Overview" }).click();
      await page.getByTestId("overview").waitFor();
      await keepScreenshot(page, `admin-${scheme}`);
      await page.close();
    });
  }

  it("the toolbar's keyboard shortcuts and permissions: open the popup beside the toggle, idle and notifications optional", async () => {
    const manifest = await s.ext.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.commands?._execute_action?.suggested_key?.default).toBe("Alt+Shift+H");
    expect(manifest.commands?.["toggle-timer"]?.suggested_key?.default).toBe("Alt+Shift+T");
    expect(manifest.permissions).toEqual(["storage", "alarms", "contextMenus"]);
    expect(manifest.optional_permissions).toEqual(["idle", "notifications"]);
  });
});
