// Bench: D1 rows read and written per operation, as D1 bills and throttles them (`meta.rows_read`,
// `meta.rows_written` of every statement), through Hourline's worker run by a metered entry point
// (test/bench/metered-worker) against the Toggl stand-in over loopback:
// a webhook delivery (a new entry, then an edit of it), a task search over 10,000 tasks, a timer
// start, a Time Logs page, and a nightly run of the demo organisation (queue work included). Also
// the bytes one Time Log and one task take in the database (`meta.size_after` before and after
// 10,000 of each, indexes included).
// Run: node test/bench/rows.ts   (BENCH_TASKS to resize the tree)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { seedDemoOrganisation } from "../toggl-stand-in/demo.ts";
import { NIGHTLY_CRON, startStack, type Stack } from "../integration/support/stack.ts";
import { poll } from "../support/poll.ts";
import { entryDelivery, postDelivery } from "./support/deliveries.ts";
import { seedTaskTree } from "./support/task-tree.ts";

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const GOALS = { delivery: 10, search: 200 };
const root = resolve(import.meta.dirname, "../..");

interface Rows {
  statements: number;
  rowsRead: number;
  rowsWritten: number;
}

/** wrangler.toml with the metered entry point (and the flag its `raw()` needs), paths made absolute. */
function meteredConfig(dir: string): string {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8")
    .replace(/^main = .*$/m, `main = ${JSON.stringify(join(root, "test/bench/metered-worker/worker.ts"))}`)
    .replace(/^compatibility_flags = \[(.*)\]$/m, 'compatibility_flags = [$1, "d1_binding_jsrpc"]')
    .replace(/^migrations_dir = .*$/m, `migrations_dir = ${JSON.stringify(join(root, "migrations"))}`);
  const path = join(dir, "wrangler.toml");
  writeFileSync(path, toml);
  return path;
}

/** The database's size in bytes as D1 reports it after a statement. */
async function dbSize(stack: Stack): Promise<number> {
  const env = (await stack.harness.getWorker().getEnv()) as {
    DB: { prepare(sql: string): { all(): Promise<{ meta: { size_after: number } }> } };
  };
  return (await env.DB.prepare("select 1").all()).meta.size_after;
}

async function rowsSince(stack: Stack): Promise<Rows> {
  return (await fetch(`${stack.workerUrl}/__bench/d1-rows`)).json() as Promise<Rows>;
}

const dir = mkdtempSync(join(tmpdir(), "hourline-rows-"));
const stack = await startStack({ configPath: meteredConfig(dir) });
const lines: [string, Rows, string][] = [];
const sizes: [string, number][] = [];
try {
  const { control } = stack;
  const seeded = await seedDemoOrganisation(stack.control);
  const session = await stack.signIn(seeded.users.mateo!.apiToken);
  const visible = await stack.api<{ items: { id: string; role: string }[] }>("GET", "/api/toggl/workspaces", {
    token: session,
  });
  const workspaceIds = visible.body.items.filter((w) => w.role === "admin").map((w) => w.id);
  const connected = await stack.api<{ items: { id: string; workspaceId: string }[] }>("POST", "/api/connections", {
    token: session,
    // A day of history, so the deliveries measured below (started minutes ago) are inside it.
    body: { workspaceIds, backfillDays: 1 },
  });
  if (connected.status !== 201) throw new Error(`connect failed: ${connected.status} ${connected.text}`);
  const connections = connected.body.items;
  const nightlyDone = async () =>
    (
      await stack.query<{ n: number }>(
        "select count(*) as n from sync_runs where kind = 'nightly' and status != 'running'",
      )
    )[0]!.n;
  const queueIdle = async () =>
    (await stack.query<{ n: number }>("select count(*) as n from sync_jobs where state in ('pending', 'running')"))[0]!
      .n === 0;
  await poll(async () => ((await queueIdle()) ? true : undefined), { timeoutMs: 60_000, what: "connect jobs" });

  // ---- nightly run ----------------------------------------------------------------------------
  await rowsSince(stack);
  const before = await nightlyDone();
  await stack.cron(NIGHTLY_CRON);
  await poll(async () => ((await nightlyDone()) - before >= connections.length ? true : undefined), {
    timeoutMs: 120_000,
    what: "the nightly run",
  });
  await poll(async () => ((await queueIdle()) ? true : undefined), { timeoutMs: 60_000, what: "the queue" });
  const logs = (await stack.query<{ n: number }>("select count(*) as n from time_logs"))[0]!.n;
  lines.push([
    `nightly run, demo organisation (${connections.length} workspaces, ${logs} Time Logs)`,
    await rowsSince(stack),
    "",
  ]);

  // ---- webhook delivery -----------------------------------------------------------------------
  const studio = connections[0]!;
  const wid = Number(studio.workspaceId);
  const [sub] = await control.listSubscriptions(wid);
  if (!sub) throw new Error("no webhook subscription after connect");
  const person = seeded.users.aiko!.id;
  const start = Date.now() - 3_600_000;
  const deliver = async (action: "created" | "updated", description: string, at: Date) => {
    const raw = entryDelivery(sub, {
      eventId: at.getTime(),
      action,
      workspaceId: wid,
      userId: person,
      entryId: 9_100_000_000,
      description,
      start,
      at: at.getTime(),
    });
    const res = await postDelivery(sub, raw);
    if (res.status !== 200) throw new Error(`delivery answered ${res.status}: ${await res.text()}`);
    return rowsSince(stack);
  };
  await rowsSince(stack);
  const t0 = Date.now();
  lines.push(["webhook delivery: a new entry", await deliver("created", "Rows bench", new Date(t0 - 2000)), ""]);
  lines.push(["webhook delivery: an edit", await deliver("updated", "Rows bench, edited", new Date(t0 - 1000)), ""]);
  lines.push([
    "webhook delivery: a duplicate",
    await deliver("updated", "Rows bench, edited", new Date(t0 - 1000)),
    "",
  ]);

  // ---- timer start ----------------------------------------------------------------------------
  await rowsSince(stack);
  const started = await stack.api("POST", "/api/timer/start", {
    token: session,
    body: { workspaceId: studio.workspaceId, description: "Rows bench" },
  });
  if (started.status !== 201) throw new Error(`timer start answered ${started.status}: ${started.text}`);
  lines.push(["timer start (POST /api/timer/start)", await rowsSince(stack), ""]);

  // ---- Time Logs page -------------------------------------------------------------------------
  await rowsSince(stack);
  const page = await stack.api<{ items: unknown[] }>("GET", "/api/time-logs?limit=50", { token: session });
  if (page.status !== 200) throw new Error(`time logs answered ${page.status}`);
  lines.push([
    `Time Logs page (GET /api/time-logs?limit=50: ${page.body.items.length} items)`,
    await rowsSince(stack),
    "",
  ]);

  // ---- task search over 10,000 tasks ----------------------------------------------------------
  const [{ account_id: accountId }] = (await stack.query<{ account_id: string }>(
    "select account_id from connections where id = ?",
    studio.id,
  )) as [{ account_id: string }];
  const beforeTasks = await dbSize(stack);
  await seedTaskTree(
    { prepare: (sql) => ({ bind: (...v) => ({ run: () => stack.query(sql, ...v) }) }) },
    accountId,
    studio.workspaceId,
    TASKS,
  );
  const bytesPerTask = ((await dbSize(stack)) - beforeTasks) / TASKS;
  const targets = (
    await stack.query<{ n: number }>("select count(*) as n from track_targets where account_id = ?", accountId)
  )[0]!.n;
  for (const [q, what] of [
    ["", "first page, no query"],
    ["task 04217", "one exact task"],
    ["client 07 task", "two common words and a short one"],
    ["client task", "two words every task has"],
    ["07", "one two-character word"],
    ["a", "one letter"],
    ["project 01", "a project name's start"],
    ["0421", "inside words"],
    ["zzzz", "no match"],
  ] as const) {
    await rowsSince(stack);
    const res = await stack.api<{ items: unknown[] }>("GET", `/api/tasks?q=${encodeURIComponent(q)}&limit=20`, {
      token: session,
    });
    if (res.status !== 200) throw new Error(`task search answered ${res.status}`);
    const rows = await rowsSince(stack);
    lines.push([
      `task search q=${JSON.stringify(q)} (${what}; ${targets} targets)`,
      rows,
      `goal ≤ ${GOALS.search} read: ratio ${(rows.rowsRead / GOALS.search).toFixed(2)}×`,
    ]);
  }

  // ---- bytes per Time Log ---------------------------------------------------------------------
  // 10,000 copies of a webhook's Time Log under new Toggl ids, through every index of time_logs.
  const beforeLogs = await dbSize(stack);
  await stack.query(
    `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?1)
     insert into time_logs (id, account_id, connection_id, workspace_id, toggl_id, toggl_user_id, user_id, client_id,
       project_id, task_id, client_name, project_name, task_name, description, start, stop, duration_seconds, billable,
       tags, toggl_at, deleted_in_toggl, displayable, scorable)
     select lower(hex(randomblob(16))), l.account_id, l.connection_id, l.workspace_id, cast(9300000000 + n.i as text),
       l.toggl_user_id, l.user_id, l.client_id, l.project_id, l.task_id, l.client_name, l.project_name, l.task_name,
       l.description || ' ' || n.i, l.start + n.i * 60000, l.stop + n.i * 60000, l.duration_seconds, l.billable, l.tags,
       l.toggl_at, 0, 1, l.scorable
     from n, (select * from time_logs where toggl_id = '9100000000') l`,
    10_000,
  );
  sizes.push(["one Time Log (row and its 4 indexes)", ((await dbSize(stack)) - beforeLogs) / 10_000]);
  sizes.push(["one task (tasks row, its track target, both indexes and the trigram index)", bytesPerTask]);
} finally {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}

// Every operation runs statements: none counted means the metering missed them.
const unmetered = lines.filter(([, r]) => r.statements === 0).map(([name]) => name);
if (unmetered.length) throw new Error(`no statement metered for: ${unmetered.join("; ")}`);
console.log("D1 rows per operation (meta.rows_read / meta.rows_written summed over every statement)");
const width = Math.max(...lines.map(([name]) => name.length));
for (const [name, r, note] of lines) {
  const goal = name.startsWith("webhook delivery")
    ? `goal ≤ ${GOALS.delivery} read: ratio ${(r.rowsRead / GOALS.delivery).toFixed(2)}×`
    : note;
  console.log(
    `  ${name.padEnd(width)}  ${String(r.rowsRead).padStart(7)} read  ${String(r.rowsWritten).padStart(6)} written  ${String(r.statements).padStart(4)} statements  ${goal}`,
  );
}
console.log("D1 bytes per row (meta.size_after before and after 10,000 of them)");
for (const [name, bytes] of sizes) console.log(`  ${name}: ${Math.round(bytes)} bytes`);
