import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { portFree, running, startNodeTool, stopGroup, waitForOk } from "./processes.ts";

/** Running (a zombie nobody reaps, as in some containers, counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe("demo processes", () => {
  it("stops a tool and what it started (like wrangler and its workerd), logging to a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-proc-"));
    const script = join(dir, "tool.mjs");
    const log = join(dir, "tool.log");
    // Ignores SIGTERM like a stubborn tool, and starts a child that would outlive it.
    writeFileSync(
      script,
      'import { spawn } from "node:child_process";\nconst c = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });\nprocess.on("SIGTERM", () => {});\nconsole.log(`child ${c.pid}`);\nsetInterval(() => {}, 1000);\n',
    );
    const tool = startNodeTool(dir, script, [], log);
    await waitFor(() => /child (\d+)/.test(readFileSync(log, "utf8")));
    const grandchild = Number(/child (\d+)/.exec(readFileSync(log, "utf8"))![1]);
    expect(running(tool)).toBe(true);
    expect(alive(grandchild)).toBe(true);

    await stopGroup(tool, { graceMs: 300, orphans: true });
    expect(await tool.exited).toBeNull(); // killed by a signal
    expect(running(tool)).toBe(false);
    await waitFor(() => !alive(grandchild));
  }, 20_000);

  it("tells a busy port from a free one and waits for a server to answer", async () => {
    const server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    expect(await portFree(port)).toBe(false);
    await waitForOk(`http://127.0.0.1:${port}/`, 2000);
    await new Promise<void>((r) => server.close(() => r()));
    expect(await portFree(port)).toBe(true);
    await expect(waitForOk(`http://127.0.0.1:${port}/`, 600)).rejects.toThrow(/did not answer within/);
    await expect(waitForOk(`http://127.0.0.1:${port}/`, 5000, () => "wrangler dev exited")).rejects.toThrow(
      "wrangler dev exited",
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
