// Child processes for the demo: each long-lived tool runs in its own process group, so stopping
// it also stops what it started (wrangler leaves workerd running when only its parent is killed).
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createServer } from "node:net";

const QUIET = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};

export interface Started {
  child: ChildProcess;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
}

/** Starts `node <script> ...args` in a new process group; output goes to `logFile` (or is inherited). */
export function startNodeTool(cwd: string, script: string, args: string[], logFile?: string): Started {
  const fd = logFile ? openSync(logFile, "a") : undefined;
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    detached: true,
    stdio: ["ignore", fd ?? "inherit", fd ?? "inherit"],
    env: { ...process.env, ...QUIET },
  });
  if (fd !== undefined) closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

/**
 * Stops a process group: SIGTERM, then SIGKILL if it lingers. `orphans`: also when the leader has
 * already exited (wrangler can leave workerd behind). Safe to call twice.
 */
export async function stopGroup(
  started: Started | undefined,
  options: { graceMs?: number; orphans?: boolean } = {},
): Promise<void> {
  const pid = started?.child.pid;
  if (!started || !pid) return;
  if (started.child.exitCode !== null || started.child.signalCode !== null) {
    if (options.orphans) killGroupNow(pid);
    return;
  }
  signalGroup(pid, "SIGTERM");
  const done = await Promise.race([
    started.exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), options.graceMs ?? 3000)),
  ]);
  if (!done) signalGroup(pid, "SIGKILL");
  // Grandchildren (workerd) may outlive the group leader.
  if (options.orphans) signalGroup(pid, "SIGKILL");
}

/** Synchronous last resort for process "exit". */
export function killGroupNow(pid: number | undefined): void {
  if (pid) signalGroup(pid, "SIGKILL");
}

/** Whether the group leader is still running (an exited one's id may be reused). */
export function running(started: Started | undefined): boolean {
  return !!started?.child.pid && started.child.exitCode === null && started.child.signalCode === null;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** True when nothing listens on host:port. */
export function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Polls `url` until it answers 2xx; throws after `timeoutMs` or when `gaveUp()` says so. */
export async function waitForOk(
  url: string,
  timeoutMs: number,
  gaveUp: () => string | null = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const reason = gaveUp();
    if (reason) throw new Error(reason);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (${last})`);
}
