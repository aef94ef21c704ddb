// Bench: GET /api/tasks over 10,000 imported tasks, through the real worker (workerd, local D1),
// next to two baselines measured in the same run: /health (no database) and GET /api/timer (session
// check plus one indexed read). Prints median and p95 per request, and the median time of the search
// itself as the worker reports it (Server-Timing). Run: node test/bench/tasks.ts
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Items, TaskTarget } from "../../shared/contract.ts";
import { medianAndP95 } from "./support/percentiles.ts";
import { seedTaskTree } from "./support/task-tree.ts";
import { withWorker, type D1Like } from "./support/worker.ts";

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

async function seed(db: D1Like) {
  const accountId = randomUUID();
  const userId = randomUUID();
  const credentialId = randomUUID();
  const token = randomBytes(32).toString("base64url");
  const workspaceId = "8000001";
  const exec = (sql: string, ...values: unknown[]) =>
    db
      .prepare(sql)
      .bind(...values)
      .run();
  await exec("insert into accounts (id, name) values (?1, 'Bench')", accountId);
  // A person (one Toggl identity) whose membership owns the account.
  await exec(
    "insert into persons (id, toggl_user_id, email, name) values (?1, '900001', 'bench@example.test', 'Bench')",
    userId,
  );
  await exec(
    "insert into users (id, account_id, email, name, role, person_id, toggl_user_id) values (?1, ?2, 'bench@example.test', 'Bench', 'owner', ?1, '900001')",
    userId,
    accountId,
  );
  await exec(
    "insert into sessions (id, token_hash, person_id, account_id, user_id, expires_at) values (?1, ?2, ?3, ?4, ?3, ?5)",
    randomUUID(),
    createHash("sha256").update(token).digest("hex"),
    userId,
    accountId,
    Date.now() + 3_600_000,
  );
  await exec(
    "insert into toggl_credentials (id, person_id, toggl_user_id, token_ciphertext) values (?1, ?2, '900001', 'unused')",
    credentialId,
    userId,
  );
  await exec(
    "insert into connections (id, account_id, workspace_id, organization_id, workspace_name, owner_user_id, credential_id) values (?1, ?2, ?3, '7000001', 'Bench Agency', ?4, ?5)",
    randomUUID(),
    accountId,
    workspaceId,
    userId,
    credentialId,
  );
  await exec(
    "insert into workspaces (account_id, id, organization_id, name) values (?1, ?2, '7000001', 'Bench Agency')",
    accountId,
    workspaceId,
  );
  // track_targets as a structure sync leaves them: one row per workspace, client, project and task.
  await exec(
    `insert into track_targets (account_id, key, kind, workspace_id, label, search_text)
     select account_id, 'workspace:' || id, 'workspace', id, name, lower(name) from workspaces where account_id = ?1`,
    accountId,
  );
  await seedTaskTree(db, accountId, workspaceId, TASKS);
  const count = await db
    .prepare("select count(*) as n from track_targets where account_id = ?1")
    .bind(accountId)
    .first<{ n: number }>();
  return { token, targets: count?.n ?? 0 };
}

async function main() {
  await withWorker(async ({ origin, db }) => {
    const seedStart = performance.now();
    const { token, targets } = await seed(db);
    const headers = { authorization: `Bearer ${token}` };
    console.log(
      `tasks bench: ${TASKS} tasks (${targets} searchable targets) seeded in ${Math.round(performance.now() - seedStart)} ms; ${ROUNDS} rounds each`,
    );

    async function measure<T>(path: string, auth: boolean, check?: (body: T) => void) {
      const samples: number[] = [];
      const server: number[] = [];
      for (let i = 0; i < ROUNDS + 3; i++) {
        const t0 = performance.now();
        const res = await fetch(`${origin}${path}`, { headers: auth ? headers : {} });
        const body = (await res.json()) as T;
        const ms = performance.now() - t0;
        if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
        check?.(body);
        const dur = /dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1];
        if (i >= 3) {
          // First rounds warm up.
          samples.push(ms);
          if (dur) server.push(Number(dur));
        }
      }
      return { ...medianAndP95(samples), search: server.length ? medianAndP95(server).median : null };
    }

    const health = await measure("/health", false);
    const timer = await measure("/api/timer", true);
    const rows: [string, { median: number; p95: number; search: number | null }, string][] = [
      ["GET /health (baseline, no database)", health, ""],
      ["GET /api/timer (baseline, session + one read)", timer, ""],
    ];
    const queries: [string, string, (items: unknown[]) => boolean][] = [
      ["", "first page, no query", (items) => items.length === 20],
      ["task 04217", "one exact task", (items) => items.length === 1],
      ["client 07 task", "two common words and a short one", (items) => items.length === 20],
      ["client task", "two words every task has", (items) => items.length === 20],
      ["07", "one two-character word", (items) => items.length === 20],
      ["a", "one letter", (items) => items.length === 20],
      ["project 01", "a project name's start", (items) => items.length === 20],
      ["0421", "inside words", (items) => items.length > 0],
      ["zzzz", "no match", (items) => items.length === 0],
    ];
    for (const [q, what, ok] of queries) {
      const path = `/api/tasks?q=${encodeURIComponent(q)}&limit=20`;
      const r = await measure<Items<TaskTarget>>(path, true, (body) => {
        if (!ok(body.items))
          throw new Error(`unexpected answer for q=${JSON.stringify(q)}: ${body.items.length} items`);
      });
      rows.push([
        `GET /api/tasks q=${JSON.stringify(q)} (${what})`,
        r,
        `${(r.median / timer.median).toFixed(2)}× the /api/timer baseline · search alone ${r.search?.toFixed(1) ?? "?"} ms`,
      ]);
    }
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [name, r, note] of rows) {
      console.log(
        `  ${name.padEnd(width)}  median ${r.median.toFixed(2).padStart(7)} ms  p95 ${r.p95.toFixed(2).padStart(7)} ms  ${note}`,
      );
    }
  });
}

await main();
