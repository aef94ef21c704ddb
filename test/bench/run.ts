// `npm run bench`: runs every bench script in test/bench/ (each top-level *.ts except this one;
// helpers belong in a subfolder), one at a time, each in its own process group with a time bound,
// streams what each prints and ends with a summary. Exit code 1 when any bench failed.
//   BENCH_TIMEOUT_S   per-script bound in seconds (default 300)
//   BENCH_DIR         where the scripts are (default this folder)
//   node test/bench/run.ts tasks popup   runs only the named ones
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const here = process.env.BENCH_DIR ?? dirname(fileURLToPath(import.meta.url));
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 300) * 1000;
// Known benches first, in a sensible order; anything else found after them.
const ORDER = ["tasks", "rows", "ingest", "burst", "nightly", "popup", "size"];

export function benchScripts(files: string[], only: string[] = []): string[] {
  const names = files
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts") && f !== "run.ts")
    .map((f) => f.slice(0, -3));
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  const sorted = names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return only.length ? sorted.filter((n) => only.includes(n)) : sorted;
}

interface Outcome {
  name: string;
  status: "ok" | "failed" | "timed out";
  seconds: number;
  code: number | null;
  lines: string[];
}

function runOne(name: string): Promise<Outcome> {
  const file = join(here, `${name}.ts`);
  const started = performance.now();
  return new Promise((resolve) => {
    // Own process group: a bench that starts workerd or Chromium is stopped with all its children.
    const child = spawn(process.execPath, [file], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        WRANGLER_HIDE_BANNER: "true",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
      },
    });
    const lines: string[] = [];
    let pending = "";
    // Both streams are shown live; the summary repeats what the bench printed on stdout.
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString("utf8");
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      lines.push(...parts);
    });
    child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, "SIGTERM");
      setTimeout(() => killGroup(child.pid, "SIGKILL"), 5000).unref();
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      killGroup(child.pid, "SIGTERM"); // leftovers (e.g. a workerd the script forgot)
      if (pending) lines.push(pending);
      resolve({
        name,
        status: timedOut ? "timed out" : code === 0 ? "ok" : "failed",
        seconds: (performance.now() - started) / 1000,
        code,
        lines,
      });
    });
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function main() {
  const only = process.argv.slice(2);
  const scripts = benchScripts(readdirSync(here), only);
  if (scripts.length === 0) {
    console.log(only.length ? `No bench named ${only.join(", ")} in test/bench/` : "No bench scripts in test/bench/");
    process.exitCode = only.length ? 1 : 0;
    return;
  }
  console.log(
    `Running ${scripts.length} bench script(s): ${scripts.join(", ")} (each bounded to ${timeoutMs / 1000} s)\n`,
  );
  const outcomes: Outcome[] = [];
  for (const name of scripts) {
    console.log(`── ${name} ${"─".repeat(Math.max(0, 70 - name.length))}`);
    const outcome = await runOne(name);
    outcomes.push(outcome);
    console.log(
      `── ${name}: ${outcome.status} in ${outcome.seconds.toFixed(1)} s${outcome.status === "failed" ? ` (exit ${outcome.code})` : ""}\n`,
    );
  }
  console.log("Summary");
  for (const o of outcomes) {
    console.log(`  ${basename(o.name).padEnd(10)} ${o.status.padEnd(9)} ${o.seconds.toFixed(1).padStart(6)} s`);
    // The figures: what the bench printed, minus tool noise.
    for (const line of o.lines.filter((l) => !isNoise(l))) console.log(`      ${line.trim()}`);
  }
  if (outcomes.some((o) => o.status !== "ok")) process.exitCode = 1;
}

/** Lines not worth repeating in the summary: blank, tool chatter (wrangler, npm), stack frames. */
export function isNoise(line: string): boolean {
  const plain = stripVTControlCharacters(line);
  return (
    /^\s*$/.test(plain) ||
    /^\s*\[(wrangler|miniflare|vite)[:\]]/i.test(plain) ||
    /^\s*npm (warn|notice)/i.test(plain) ||
    /^\s+at\s/.test(plain) ||
    /^\s*[⎔▲]/.test(plain)
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
