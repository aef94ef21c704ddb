import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { benchScripts, isNoise } from "./run.ts";

describe("bench runner", () => {
  it("runs every top-level script but itself, known benches first", () => {
    const files = [
      "run.ts",
      "popup.ts",
      "zeta.ts",
      "tasks.ts",
      "nightly.ts",
      "run.test.ts",
      "types.d.ts",
      "README.md",
      "ingest.ts",
    ];
    expect(benchScripts(files)).toEqual(["tasks", "ingest", "nightly", "popup", "zeta"]);
    expect(benchScripts(files, ["popup", "tasks"])).toEqual(["tasks", "popup"]);
  });

  it("repeats what a bench printed in the summary, not tool chatter", () => {
    expect(isNoise("  GET /api/tasks  median  12.50 ms  p95 20.00 ms")).toBe(false);
    expect(isNoise("round 1  total: 14 Toggl requests spent, minimum 14")).toBe(false);
    expect(isNoise("[wrangler:info] GET /health 200 OK (12ms)")).toBe(true);
    expect(isNoise("\x1b[33m[wrangler:info]\x1b[0m QUEUE hourline-sync 3/3")).toBe(true);
    expect(isNoise("npm warn Unknown user config")).toBe(true);
    expect(isNoise("    at main (file:///x.ts:1:1)")).toBe(true);
    expect(isNoise("   ")).toBe(true);
  });

  it("runs each script in turn, bounds a hanging one and reports a failing one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-run-"));
    writeFileSync(
      join(dir, "tasks.ts"),
      'console.log("search median 3.2 ms"); console.error("a warning on stderr");\n',
    );
    writeFileSync(join(dir, "ingest.ts"), 'console.log("ingest 10 ms"); process.exit(3);\n');
    // Hangs, with a child of its own: both must be stopped by the bound.
    writeFileSync(
      join(dir, "nightly.ts"),
      'import { spawn } from "node:child_process";\nconst c = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });\nconsole.log(`child ${c.pid}`);\nsetInterval(() => {}, 1000);\n',
    );
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, "run.ts")], {
        env: { ...process.env, BENCH_DIR: dir, BENCH_TIMEOUT_S: "2" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", (code) => resolve({ code, out }));
    });
    expect(code).toBe(1);
    expect(out).toMatch(/tasks\s+ok/);
    // Shown live and again in the summary (stdout only).
    expect(out.match(/search median 3\.2 ms/g)).toHaveLength(2);
    expect(out.match(/a warning on stderr/g)).toHaveLength(1);
    expect(out).toMatch(/ingest\s+failed/);
    expect(out).toMatch(/nightly\s+timed out/);
    const grandchild = Number(/child (\d+)/.exec(out)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    await vi.waitFor(() => expect(alive(grandchild)).toBe(false), { timeout: 1_000, interval: 25 });
  }, 30_000);
});

/** Running (a zombie waiting for a reaper that never comes, as in some containers, counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
