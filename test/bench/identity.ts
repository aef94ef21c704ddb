// Bench: what people with many memberships cost on every request. Through the real worker
// (workerd, local D1), a person in 1 account and a person in 40 accounts (each with their own
// invited and removed users around them): GET /api/timer (the session check every call pays, plus
// one read), GET /api/me (all memberships listed) and POST /api/session/account (a switch), next to
// /health (no database) measured in the same run. Prints medians and p95 per request, and the
// ratios to the baselines. Run: node test/bench/identity.ts
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { medianAndP95 } from "./support/percentiles.ts";
import { withWorker, type D1Like } from "./support/worker.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const MANY = Number(process.env.BENCH_MEMBERSHIPS ?? 40);

/** A person with `accounts` memberships (an owner in each, among two other users); a session in the first. */
async function person(db: D1Like, togglUserId: string, accounts: number) {
  const exec = (sql: string, ...values: unknown[]) =>
    db
      .prepare(sql)
      .bind(...values)
      .run();
  const personId = randomUUID();
  const token = randomBytes(32).toString("base64url");
  await exec(
    "insert into persons (id, toggl_user_id, email, name) values (?1, ?2, ?3, 'Bench')",
    personId,
    togglUserId,
    `${togglUserId}@bench.test`,
  );
  const ids: { accountId: string; userId: string }[] = [];
  for (let i = 0; i < accounts; i++) {
    const accountId = randomUUID();
    const userId = randomUUID();
    await exec("insert into accounts (id, name) values (?1, ?2)", accountId, `Account ${i}`);
    await exec(
      "insert into users (id, account_id, email, name, role, person_id, toggl_user_id) values (?1, ?2, ?3, 'Bench', 'owner', ?4, ?5)",
      userId,
      accountId,
      `${togglUserId}@bench.test`,
      personId,
      togglUserId,
    );
    // Someone invited and someone removed in every account, as real accounts have.
    await exec(
      "insert into users (id, account_id, email, role) values (?1, ?2, ?3, 'member')",
      randomUUID(),
      accountId,
      `invited-${i}@bench.test`,
    );
    await exec(
      "insert into users (id, account_id, email, role, removed_at) values (?1, ?2, ?3, 'member', ?4)",
      randomUUID(),
      accountId,
      `gone-${i}@bench.test`,
      Date.now(),
    );
    ids.push({ accountId, userId });
  }
  await exec(
    "insert into sessions (id, token_hash, person_id, account_id, user_id, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6)",
    randomUUID(),
    createHash("sha256").update(token).digest("hex"),
    personId,
    ids[0]!.accountId,
    ids[0]!.userId,
    Date.now() + 3_600_000,
  );
  return { token, accounts: ids.map((x) => x.accountId) };
}

async function main() {
  await withWorker(async ({ origin, db }) => {
    const one = await person(db, "910001", 1);
    const many = await person(db, "910002", MANY);
    console.log(`identity bench: a person in 1 account and one in ${MANY}; ${ROUNDS} rounds each`);

    async function measure(path: string, token: string | null, method = "GET", body?: (i: number) => unknown) {
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS + 3; i++) {
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        if (body) headers["content-type"] = "application/json";
        const t0 = performance.now();
        const res = await fetch(`${origin}${path}`, {
          method,
          headers,
          body: body ? JSON.stringify(body(i)) : undefined,
        });
        await res.arrayBuffer();
        const ms = performance.now() - t0;
        if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}`);
        if (i >= 3) samples.push(ms);
      }
      return medianAndP95(samples);
    }

    const health = await measure("/health", null);
    const rows: [string, { median: number; p95: number }][] = [
      ["GET /health (baseline, no database)", health],
      ["GET /api/timer, 1 membership", await measure("/api/timer", one.token)],
      [`GET /api/timer, ${MANY} memberships`, await measure("/api/timer", many.token)],
      ["GET /api/me, 1 membership", await measure("/api/me", one.token)],
      [`GET /api/me, ${MANY} memberships`, await measure("/api/me", many.token)],
      [
        `POST /api/session/account, ${MANY} memberships`,
        await measure("/api/session/account", many.token, "POST", (i) => ({
          accountId: many.accounts[i % many.accounts.length],
        })),
      ],
    ];
    const timerOne = rows[1]![1].median;
    for (const [label, r] of rows) {
      console.log(
        `  ${label.padEnd(46)} median ${r.median.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms  ×${(r.median / health.median).toFixed(2)} /health  ×${(r.median / timerOne).toFixed(2)} timer(1)`,
      );
    }
  });
}

await main();
