// Bench: webhook ingest and history backfill through the real worker (workerd, local D1) wired to
// the Toggl stand-in over loopback.
// 1. Ingest: signed time_entry deliveries POSTed with N concurrent senders to
//    /webhooks/toggl/:connectionId, next to a baseline Worker that does one bare D1 insert per
//    request, measured in the same run with the same bodies; throughput, p50, p99 and the ratios.
// 2. Backfill: time to import 10,000 entries from Reports v3 (connect with a history window, then
//    the frequent cron drains the paced backfill job), next to its floor measured in the same run:
//    the baseline Worker reads the same report pages from the stand-in and writes each page's rows
//    with one statement.
// Run: node test/bench/ingest.ts   (BENCH_DELIVERIES, BENCH_CONCURRENCY, BENCH_BACKFILL to resize)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestHarness } from "wrangler";
import { FREQUENT_CRON, startStack } from "../integration/support/stack.ts";
import { poll } from "../support/poll.ts";
import { entryDelivery, postDelivery } from "./support/deliveries.ts";
import { percentile } from "./support/percentiles.ts";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BACKFILL = Number(process.env.BENCH_BACKFILL ?? 10_000);
const WARMUP = 30;
const ROUNDS = 6;
const here = dirname(fileURLToPath(import.meta.url));

const REPORT_PAGE_SIZE = 200;
const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface D1Exec {
  exec(sql: string): Promise<unknown>;
  prepare(sql: string): { bind(...values: unknown[]): { first<T>(): Promise<T | null> } };
}

function stats(samples: number[]) {
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

interface Sample {
  latencies: number[];
  seconds: number;
  count: number;
  failures: number;
}

/** Sends requests `from`..`from + count` from `concurrency` senders, adding to `into`. */
async function load(
  from: number,
  count: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
  into: Sample,
) {
  let next = from;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) {
        const i = next++;
        const t0 = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        into.latencies.push(performance.now() - t0);
        if (res.status !== 200) into.failures++;
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
  into.count += count;
}

const sample = (): Sample => ({ latencies: [], seconds: 0, count: 0, failures: 0 });
const summary = (s: Sample) => ({ ...stats(s.latencies), perSecond: s.count / s.seconds, failures: s.failures });

async function main() {
  const stack = await startStack();
  const baseline = createTestHarness({ workers: [{ configPath: join(here, "ingest-baseline", "wrangler.toml") }] });
  try {
    const { control } = stack;
    const now = Date.now();
    const people = ["ann", "bob", "cid", "dee"];
    const seedStarted = performance.now();
    const seeded = await control.seed({
      plan: "premium",
      users: [{ key: "lead", email: "lead@bench.test" }, ...people.map((p) => ({ key: p, email: `${p}@bench.test` }))],
      workspaces: [
        {
          key: "ws",
          admins: ["lead"],
          members: people,
          clients: [{ key: "acme", name: "Acme" }],
          projects: [
            { key: "site", name: "Website", client: "acme" },
            { key: "app", name: "App" },
          ],
          tags: [{ key: "deep", name: "deep-work" }],
        },
      ],
    });
    const wid = seeded.workspaces.ws!.id;
    // History for the backfill: finished entries over the last 25 days, four people. Written into
    // the in-process stand-in directly (a 10,000-entry seed is larger than its request limit).
    const origin = {
      actorId: seeded.users.lead!.id,
      path: `/api/v9/workspaces/${wid}/time_entries`,
      requestType: "POST",
      requestBody: "",
    };
    for (let i = 0; i < BACKFILL; i++) {
      const start = now - 25 * 86_400_000 + i * Math.floor((24 * 86_400_000) / BACKFILL);
      stack.standIn.state.createTimeEntry(
        seeded.users[people[i % people.length]!]!.id,
        wid,
        {
          projectId: i % 3 === 0 ? seeded.projects.site! : seeded.projects.app!,
          description: `Work item ${i}`,
          start: new Date(start).toISOString(),
          stop: new Date(start + (10 + (i % 50)) * 60_000).toISOString(),
          billable: i % 2 === 0,
          tags: i % 4 === 0 ? ["deep-work"] : [],
        },
        origin,
      );
    }
    console.log(
      `ingest bench: stand-in seeded with ${BACKFILL} entries in ${Math.round(performance.now() - seedStarted)} ms`,
    );

    // ---- backfill floor -------------------------------------------------------------------------
    const { url: baselineUrl } = await baseline.listen();
    const baselineEnv = (await baseline.getWorker().getEnv()) as { DB: D1Exec };
    await baselineEnv.DB.exec("create table if not exists deliveries (id text primary key, body text not null)");
    const leadToken = seeded.users.lead!.apiToken;
    const floorRun = async () => {
      await baselineEnv.DB.exec(
        "drop table if exists time_logs; create table time_logs (id text primary key, workspace_id text not null, toggl_id text not null unique, toggl_user_id text not null, project_id text, task_id text, description text not null, start integer not null, stop integer, duration_seconds integer not null, billable integer not null, tags text not null, toggl_at integer not null)",
      );
      const started = performance.now();
      const res = await fetch(new URL("/backfill", baselineUrl), {
        method: "POST",
        body: JSON.stringify({
          togglUrl: stack.standIn.url,
          apiToken: leadToken,
          workspaceId: wid,
          // The window Hourline's backfill reads for a connection made now with 30 days of history.
          startDate: ymd(now - 30 * DAY),
          endDate: ymd(now + DAY),
          pageSize: REPORT_PAGE_SIZE,
        }),
      });
      const result = (await res.json()) as { pages: number; rows: number };
      const seconds = (performance.now() - started) / 1000;
      if (result.rows !== BACKFILL) throw new Error(`backfill floor wrote ${result.rows} of ${BACKFILL} rows`);
      await control.resetQuota(leadToken);
      return { ...result, seconds };
    };
    await floorRun(); // warm-up: the stand-in's report path and the baseline's isolate
    const floor = await floorRun();

    // ---- backfill -------------------------------------------------------------------------------
    const session = await stack.signIn(seeded.users.lead!.apiToken);
    const backfillStarted = performance.now();
    const connected = await stack.api<{ items: { id: string }[] }>("POST", "/api/connections", {
      token: session,
      body: { workspaceIds: [String(wid)], backfillDays: 30 },
    });
    if (connected.status !== 201) throw new Error(`connect failed: ${connected.status} ${connected.text}`);
    const connectionId = connected.body.items[0]!.id;
    const count = async () =>
      (
        await stack.query<{ n: number }>("select count(*) as n from time_logs where connection_id = ?", connectionId)
      )[0]!.n;
    console.log(`  connected; backfill running`);
    // The frequent cron drains the backfill's pages; fire it until every entry is in.
    await poll(
      async () => {
        if ((await count()) >= BACKFILL) return true;
        await stack.cron(FREQUENT_CRON);
        return undefined;
      },
      {
        timeoutMs: Number(process.env.BENCH_BACKFILL_TIMEOUT_S ?? 240) * 1000,
        intervalMs: 500,
        what: `the backfill of ${BACKFILL} entries`,
      },
    ).catch(async (err: unknown) => {
      const jobs = await stack.query(
        "select kind, state, attempts, last_error from sync_jobs where connection_id = ?",
        connectionId,
      );
      throw new Error(`backfill stalled at ${await count()} of ${BACKFILL}: ${JSON.stringify(jobs)}`, { cause: err });
    });
    const backfillSeconds = (performance.now() - backfillStarted) / 1000;
    const spent = await stack.query<{ n: number }>(
      "select coalesce(sum(requests_spent), 0) as n from sync_jobs where connection_id = ? and kind = 'backfill'",
      connectionId,
    );

    console.log(`  backfill done in ${backfillSeconds.toFixed(1)} s; measuring ingest`);
    // ---- ingest ---------------------------------------------------------------------------------
    const [sub] = await control.listSubscriptions(wid);
    if (!sub) throw new Error("no webhook subscription after connect");
    const userId = seeded.users.ann!.id;
    const body = (i: number) =>
      entryDelivery(sub, {
        eventId: 8_256_404_788_549_451 + i,
        action: "created",
        workspaceId: wid,
        userId,
        entryId: 9_000_000_000 + i,
        description: `Delivery ${i}`,
        start: now - 3_600_000 + i * 1000,
      });
    const hourline = (i: number) => postDelivery(sub, body(i));
    // The baseline gets the same bodies, signed alike.
    const bare = (i: number) => postDelivery({ ...sub, url_callback: String(baselineUrl) }, body(i));

    // Warm both up, then measure both with the same bodies and concurrency, alternating in rounds
    // so that load on the machine falls on both alike.
    await load(DELIVERIES, WARMUP, 4, bare, sample());
    await load(DELIVERIES, WARMUP, 4, hourline, sample());
    const baseSample = sample();
    const oursSample = sample();
    const perRound = Math.ceil(DELIVERIES / ROUNDS);
    for (let r = 0, from = 0; from < DELIVERIES; r++, from += perRound) {
      const n = Math.min(perRound, DELIVERIES - from);
      const pair: [typeof bare, Sample][] = [
        [bare, baseSample],
        [hourline, oursSample],
      ];
      for (const [send, into] of r % 2 ? pair.reverse() : pair) await load(from, n, CONCURRENCY, send, into);
    }
    const base = summary(baseSample);
    const ours = summary(oursSample);
    const stored = await stack.query<{ n: number }>(
      "select count(*) as n from time_logs where connection_id = ? and toggl_id >= '9000000000'",
      connectionId,
    );
    const baselineRows = await baselineEnv.DB.prepare("select count(*) as n from deliveries")
      .bind()
      .first<{ n: number }>();
    if (ours.failures || base.failures)
      throw new Error(`failed requests: hourline ${ours.failures}, baseline ${base.failures}`);
    if (stored[0]!.n !== DELIVERIES + WARMUP)
      throw new Error(`expected ${DELIVERIES + WARMUP} Time Logs from deliveries, found ${stored[0]!.n}`);
    if (baselineRows?.n !== DELIVERIES + WARMUP) throw new Error(`baseline stored ${baselineRows?.n} rows`);

    const line = (name: string, r: { perSecond: number; p50: number; p99: number }) =>
      `  ${name.padEnd(44)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms`;
    console.log(
      `webhook ingest: ${DELIVERIES} signed deliveries each, ${CONCURRENCY} concurrent senders, ${ROUNDS} alternating rounds`,
    );
    console.log(line("baseline (one bare D1 insert per request)", base));
    console.log(line("Hourline POST /webhooks/toggl/:connectionId", ours));
    console.log(
      `  ratio Hourline / baseline: throughput ${(ours.perSecond / base.perSecond).toFixed(2)}× (goal ≥ 0.8×), p50 ${(ours.p50 / base.p50).toFixed(2)}×, p99 ${(ours.p99 / base.p99).toFixed(2)}× (goal ≤ 1.2×)`,
    );
    console.log(
      `backfill: ${BACKFILL} entries imported in ${backfillSeconds.toFixed(1)} s (${(BACKFILL / backfillSeconds).toFixed(0)} entries/s, ${spent[0]!.n} Toggl requests); floor ${floor.seconds.toFixed(1)} s (${floor.pages} report pages, one insert statement per page); ratio ${(backfillSeconds / floor.seconds).toFixed(2)}× (goal ≤ 2×)`,
    );
  } finally {
    await baseline.close();
    await stack.close();
  }
}

await main();
