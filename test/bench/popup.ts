// Popup benchmark: the JS (and CSS) the popup loads, gzipped, and the time from opening the popup
// to the timer card painted from cached state, in headless Chromium (median of N runs), next to
// its floor measured in the same browser: a blank extension page (one element, no framework, no
// storage read) added to a copy of the build, opened in turn with the popup. Three more pages show
// what a page pays above that floor: the blank page loading the popup's stylesheet; its element
// added by one tiny script; and the same with the popup's own script loaded first but not run (its
// size alone).
// node test/bench/popup.ts [runs]   (builds the extension first, so the numbers are for this tree)
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { EXTENSION_DIR, launchExtension } from "../e2e/browser.ts";

export interface PopupBench {
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  runs: number;
  paintMs: Spread;
  blankMs: Spread;
  /** The blank page plus the popup's stylesheet: what loading one file costs, with no script. */
  oneStylesheetMs: Spread;
  /** The blank page's element added by one tiny classic script instead: the least a page that
   * paints anything from data can do. */
  oneScriptMs: Spread;
  /** The one-script page with the popup's script fetched and parsed first, but not run. */
  appParsedMs: Spread;
}

type Spread = { median: number; min: number; max: number };

/** The floor: an extension page with one element shaped like the timer's clock, nothing else. */
const BLANK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>blank</title></head>
<body><span data-testid="elapsed">0:01:30</span></body></html>
`;

/** The floor plus one stylesheet (the popup's styles, as a file). */
const ONE_STYLESHEET_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>blank</title><link rel="stylesheet" href="/bench-one-stylesheet.css" /></head>
<body><span data-testid="elapsed">0:01:30</span></body></html>
`;

/** The floor with its element added by one tiny script. */
const ONE_SCRIPT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>blank</title></head>
<body><script src="/bench-one-script.js"></script></body></html>
`;
const ONE_SCRIPT = `const e = document.createElement("span"); e.dataset.testid = "elapsed"; e.textContent = "0:01:30"; document.body.append(e);\n`;

/** The one-script page with the popup's script loaded before it, wrapped so that it never runs. */
const APP_PARSED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>blank</title></head>
<body><script src="/bench-app-parsed.js"></script><script src="/bench-one-script.js"></script></body></html>
`;
const neverRun = (script: string) => `function neverCalled() {\n${script}\n}\n`;

/** The popup's styles, inlined in popup.html by the build. */
const inlineStyles = (html: string) => [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]!).join("");

/** Every script popup.html pulls in, and its styles (inline, or linked). */
export async function popupAssetSizes(dir = EXTENSION_DIR) {
  const html = await readFile(join(dir, "popup.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  let jsBytes = 0;
  let jsGzipBytes = 0;
  let cssGzipBytes = gzipSync(inlineStyles(html), { level: 9 }).length;
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

export async function benchPopup(runs = 21): Promise<PopupBench> {
  const sizes = await popupAssetSizes();
  const dir = await mkdtemp(join(tmpdir(), "hourline-popup-bench-"));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  await writeFile(join(dir, "bench-blank.html"), BLANK_PAGE);
  const styles = inlineStyles(await readFile(join(dir, "popup.html"), "utf8"));
  if (!styles) throw new Error("popup.html has no inline styles");
  await writeFile(join(dir, "bench-one-stylesheet.css"), styles);
  await writeFile(join(dir, "bench-one-stylesheet.html"), ONE_STYLESHEET_PAGE);
  await writeFile(join(dir, "bench-one-script.html"), ONE_SCRIPT_PAGE);
  await writeFile(join(dir, "bench-one-script.js"), ONE_SCRIPT);
  await writeFile(join(dir, "bench-app-parsed.html"), APP_PARSED_PAGE);
  await writeFile(join(dir, "bench-app-parsed.js"), neverRun(await readFile(join(dir, "popup-app.js"), "utf8")));
  const ext = await launchExtension(dir);
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
    const paintedAt = async (file: string) => {
      const page = await ext.context.newPage();
      await page.goto(`chrome-extension://${ext.extensionId}/${file}`);
      await page.waitForFunction(
        () => (window as unknown as { __timerPaintedAt?: number }).__timerPaintedAt !== undefined,
      );
      const ms = await page.evaluate(() => (window as unknown as { __timerPaintedAt: number }).__timerPaintedAt);
      await page.close();
      return ms;
    };
    const times: number[] = [];
    const blank: number[] = [];
    const oneStylesheet: number[] = [];
    const oneScript: number[] = [];
    const appParsed: number[] = [];
    // The first round warms the browser's caches; then the pages take turns, in reverse order every
    // other round, so that load on the machine falls on all alike.
    for (let i = 0; i < runs + 1; i++) {
      const order: [string, number[]][] = [
        ["popup.html", times],
        ["bench-blank.html", blank],
        ["bench-one-stylesheet.html", oneStylesheet],
        ["bench-one-script.html", oneScript],
        ["bench-app-parsed.html", appParsed],
      ];
      for (const [file, into] of i % 2 ? order.reverse() : order) {
        const ms = await paintedAt(file);
        if (i > 0) into.push(ms);
      }
    }
    const spread = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
    return {
      ...sizes,
      runs,
      paintMs: spread(times),
      blankMs: spread(blank),
      oneStylesheetMs: spread(oneStylesheet),
      oneScriptMs: spread(oneScript),
      appParsedMs: spread(appParsed),
    };
  } finally {
    await ext.close();
    await rm(dir, { recursive: true, force: true });
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
  const runs = Number(process.argv[2] ?? 21);
  buildExtension();
  const r = await benchPopup(runs);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`popup JS: ${kb(r.jsBytes)} (${kb(r.jsGzipBytes)} gzipped) · CSS ${kb(r.cssGzipBytes)} gzipped, inline`);
  const ms = (x: Spread) => `${x.median.toFixed(1)} ms (min ${x.min.toFixed(1)}, max ${x.max.toFixed(1)})`;
  const ratio = (x: Spread) => `${(x.median / r.blankMs.median).toFixed(2)}×`;
  console.log(
    `popup paint: ${r.paintMs.median.toFixed(1)} ms, blank page: ${r.blankMs.median.toFixed(1)} ms, ratio ${ratio(r.paintMs)} (goal ≤ 1.2×; medians of ${r.runs} alternating runs)`,
  );
  console.log(`  open → timer card painted from cache: ${ms(r.paintMs)}`);
  console.log(`  blank extension page, one element: ${ms(r.blankMs)}`);
  console.log(
    `  the blank page loading one stylesheet (no script): ${ms(r.oneStylesheetMs)}, ${ratio(r.oneStylesheetMs)}`,
  );
  console.log(`  its element added by one tiny script: ${ms(r.oneScriptMs)}, ${ratio(r.oneScriptMs)}`);
  console.log(
    `  … with the popup's script fetched and parsed first, not run: ${ms(r.appParsedMs)}, ${ratio(r.appParsedMs)}`,
  );
}
