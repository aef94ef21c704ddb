// Bench: a burst of signed webhook deliveries against `wrangler dev` (the worker as developers run
// it: workerd, local D1 on disk, the Toggl stand-in over loopback). 5,000 deliveries from 64
// concurrent senders: 4,000 new entries, then 1,000 edits of some of them, all in flight at once
// (an edit may overtake its entry). Prints throughput and latency, and checks that no delivery got a
// 5xx and nothing was lost: every entry is a Time Log, each edited one with the edit.
// Run: node test/bench/burst.ts   (BENCH_BURST, BENCH_BURST_SENDERS to resize)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startNodeTool, stopGroup, waitForOk, type Started } from "../demo/processes.ts";
import { startTogglStandIn } from "../toggl-stand-in/server.ts";
import { StandInControl } from "../toggl-stand-in/control-client.ts";
import { TEST_ENCRYPTION_KEY } from "../support/encryption-key.ts";
import { entryDelivery, postDelivery } from "./support/deliveries.ts";
import { percentile } from "./support/percentiles.ts";
import { freePort } from "./support/ports.ts";

const DELIVERIES = Number(process.env.BENCH_BURST ?? 5000);
const SENDERS = Number(process.env.BENCH_BURST_SENDERS ?? 64);
const ENTRIES = Math.ceil(DELIVERIES * 0.8);
const HOST = "127.0.0.1";
const root = resolve(import.meta.dirname, "../..");
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");

const dir = mkdtempSync(join(tmpdir(), "hourline-burst-"));
const state = join(dir, "state");
const log = join(dir, "worker.log");
writeFileSync(log, "");
let worker: Started | undefined;
const standIn = await startTogglStandIn({ host: HOST, port: await freePort() });
try {
  const migrate = startNodeTool(
    root,
    wrangler,
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
    log,
  );
  if ((await migrate.exited) !== 0) throw new Error(`migrations failed; see ${log}`);
  const envFile = join(dir, ".env");
  writeFileSync(envFile, `TOKEN_ENCRYPTION_KEY=${TEST_ENCRYPTION_KEY}\n`);
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  worker = startNodeTool(
    root,
    wrangler,
    [
      "dev",
      "--ip",
      HOST,
      "--port",
      String(port),
      "--persist-to",
      state,
      "--env-file",
      envFile,
      "--var",
      `TOGGL_API_URL:${standIn.url}`,
      "--var",
      `PUBLIC_URL:${origin}`,
    ],
    log,
  );
  await waitForOk(`${origin}/health`, 90_000, () =>
    worker?.child.exitCode != null ? `wrangler dev exited; see ${log}` : null,
  );

  const control = new StandInControl(standIn.url);
  const seeded = await control.seed({
    plan: "premium",
    users: [
      { key: "lead", email: "lead@burst.test" },
      { key: "ann", email: "ann@burst.test" },
    ],
    workspaces: [{ key: "ws", admins: ["lead"], members: ["ann"] }],
  });
  const wid = seeded.workspaces.ws!.id;
  const api = async <T>(method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const { token } = await api<{ token: string }>("POST", "/api/session", {
    togglApiToken: seeded.users.lead!.apiToken,
  });
  // A day of history: the deliveries below start two hours back, inside the connection's boundary.
  await api("POST", "/api/connections", { workspaceIds: [String(wid)], backfillDays: 1 }, token);
  const [sub] = await control.listSubscriptions(wid);
  if (!sub) throw new Error("no webhook subscription after connect");

  const person = seeded.users.ann!.id;
  const now = Date.now();
  const delivery = (i: number) => {
    const n = i % ENTRIES;
    const edit = i >= ENTRIES;
    return entryDelivery(sub, {
      eventId: 7_000_000_000 + i,
      action: edit ? "updated" : "created",
      workspaceId: wid,
      userId: person,
      entryId: 9_200_000_000 + n,
      description: edit ? `Burst ${n}, edited` : `Burst ${n}`,
      start: now - 7_200_000 + n * 1000,
      at: now - (edit ? 10_000 : 20_000),
    });
  };
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < DELIVERIES) {
        const raw = delivery(next++);
        const t0 = performance.now();
        const res = await postDelivery(sub, raw).catch(() => null);
        await res?.arrayBuffer();
        latencies.push(performance.now() - t0);
        const status = res?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // Nothing lost: every entry is a Time Log, the edited ones with the edit.
  const logs: { description: string }[] = [];
  for (let cursor: string | null = null; ;) {
    const page: { items: { description: string }[]; nextCursor: string | null } = await api(
      "GET",
      `/api/time-logs?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      undefined,
      token,
    );
    logs.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const burst = logs.filter((l) => l.description.startsWith("Burst "));
  const edited = burst.filter((l) => l.description.endsWith(", edited")).length;
  const serverErrors = [...statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
  const answered = [...statuses].map(([s, c]) => `${s === 0 ? "no answer" : s} ×${c}`).join(", ");
  console.log(
    `webhook burst against wrangler dev: ${DELIVERIES} signed deliveries (${ENTRIES} new entries, ${DELIVERIES - ENTRIES} edits) from ${SENDERS} concurrent senders`,
  );
  console.log(
    `  ${(DELIVERIES / seconds).toFixed(0)} deliveries/s over ${seconds.toFixed(1)} s · p50 ${percentile(latencies, 0.5).toFixed(1)} ms · p99 ${percentile(latencies, 0.99).toFixed(1)} ms · answers: ${answered}`,
  );
  console.log(
    `  stored: ${burst.length} of ${ENTRIES} entries as Time Logs, ${edited} of ${DELIVERIES - ENTRIES} edits applied · 5xx or no answer: ${serverErrors}`,
  );
  if (serverErrors > 0 || burst.length !== ENTRIES || edited !== DELIVERIES - ENTRIES)
    throw new Error(`the burst lost deliveries or failed some (see ${log})`);
} finally {
  await stopGroup(worker, { orphans: true });
  await standIn.close();
  if (process.exitCode === undefined || process.exitCode === 0) rmSync(dir, { recursive: true, force: true });
}
