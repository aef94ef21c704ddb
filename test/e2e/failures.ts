import { afterEach } from "vitest";
import { keepScreenshot, type ExtensionBrowser } from "./browser.ts";

/** Registers a hook that keeps a screenshot of every open page when a test fails. */
export function screenshotFailures(getExt: () => ExtensionBrowser | undefined): void {
  afterEach(async (ctx) => {
    const ext = getExt();
    if (!ext || ctx.task.result?.state !== "fail") return;
    const slug = ctx.task.name
      .replace(/[^a-z0-9]+/gi, "-")
      .toLowerCase()
      .slice(0, 60);
    await Promise.all(
      ext.context.pages().map((p, i) => keepScreenshot(p, `failed-${slug}-${i}`).catch(() => undefined)),
    );
  });
}
