// Popup benchmark: the JS (and CSS) the popup loads, gzipped, and the time from opening the popup
// to the timer card painted from cached state, in headless Chromium (median of N runs).
// node test/bench/popup.ts [runs]   (builds the extension first, so the numbers are for this tree)
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { EXTENSION_DIR, launchExtension } from "../e2e/browser.ts";

export interface PopupBench {
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  runs: number;
  paintMs: { median: number; min: number; max: number };
}

/** Every script and stylesheet popup.html pulls in (entry chunk, preloaded chunks, CSS). */
export async function popupAssetSizes(dir = EXTENSION_DIR) {
  const html = await readFile(join(dir, "popup.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  let jsBytes = 0;
  let jsGzipBytes = 0;
  let cssGzipBytes = 0;
  for (const ref of new Set(refs)) {
    const body = await readFile(join(dir, ref));
    const gz = gzipSync(body, { level: 9 }).length;
    if (ref.endsWith(".js")) {
      jsBytes += body.length;
      jsGzipBytes += gz;
    } else cssGzipBytes += gz;
  }
  return { jsBytes, jsGzipBytes, cssGzipBytes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function benchPopup(runs = 15): Promise<PopupBench> {
  const sizes = await popupAssetSizes();
  const ext = await launchExtension();
  try {
    // A signed-in person with a running timer cached; the server is unreachable (port 9), so what
    // is measured is the paint from storage, not the network.
    await ext.setStorage({
      serverUrl: "http://127.0.0.1:9",
      sessionToken: "bench-session",
      me: {
        user: {
          id: "u",
          email: "bench@example.com",
          name: "Bench",
          role: "member",
          status: "active",
          linked: true,
          invitation: null,
          createdAt: new Date().toISOString(),
        },
        account: { id: "a", name: "Bench" },
        memberships: [{ account: { id: "a", name: "Bench" }, role: "member", userId: "u", current: true }],
      },
      timer: {
        togglId: "1",
        workspaceId: "1",
        projectId: null,
        taskId: null,
        description: "Benchmark",
        billable: false,
        tags: [],
        start: new Date(Date.now() - 90_000).toISOString(),
        title: "Benchmark",
      },
    });
    // Records when the timer card's clock first exists in a painted frame, relative to navigation start.
    await ext.context.addInitScript(() => {
      const w = window as unknown as { __timerPaintedAt?: number };
      const seen = () => {
        if (w.__timerPaintedAt !== undefined || !document.querySelector('[data-testid="elapsed"]')) return;
        requestAnimationFrame(() => (w.__timerPaintedAt ??= performance.now()));
      };
      new MutationObserver(seen).observe(document, { childList: true, subtree: true });
    });
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const page = await ext.context.newPage();
      await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
      await page.waitForFunction(
        () => (window as unknown as { __timerPaintedAt?: number }).__timerPaintedAt !== undefined,
      );
      const ms = await page.evaluate(() => (window as unknown as { __timerPaintedAt: number }).__timerPaintedAt);
      if (i > 0) times.push(ms); // the first open warms the browser's caches
      await page.close();
    }
    return { ...sizes, runs, paintMs: { median: median(times), min: Math.min(...times), max: Math.max(...times) } };
  } finally {
    await ext.close();
  }
}

/** `wxt build` with this Node (the one from node_modules), from the repo root. */
export function buildExtension(): void {
  const root = resolve(import.meta.dirname, "../..");
  const result = spawnSync(process.execPath, [join(root, "node_modules/wxt/bin/wxt.mjs"), "build"], {
    cwd: root,
    stdio: "ignore",
  });
  if (result.status !== 0) throw new Error(`wxt build failed (exit ${result.status})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 15);
  buildExtension();
  const r = await benchPopup(runs);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`popup JS: ${kb(r.jsBytes)} (${kb(r.jsGzipBytes)} gzipped) · CSS ${kb(r.cssGzipBytes)} gzipped`);
  console.log(
    `open → timer card painted from cache: median ${r.paintMs.median.toFixed(1)} ms (min ${r.paintMs.min.toFixed(1)}, max ${r.paintMs.max.toFixed(1)}, ${r.runs} runs)`,
  );
}
