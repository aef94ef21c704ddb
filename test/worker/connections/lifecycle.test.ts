// A connection over months: unlinked, re-enabled, connected again; the history boundary every
// import path keeps; and an unlink that nothing brings back to life.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import type { Connection, ConnectionResynced, Overview } from "../../../shared/contract";
import { connections, projects, quotaBudgets, syncJobs, timeLogs } from "../../../worker/db/schema";
import { getDb } from "../../../worker/db/client";
import type { AppEnv } from "../../../worker/env";
import { decryptSecret } from "../../../worker/lib/crypto";
import { onError } from "../../../worker/on-error";
import { routes as connectionRoutes } from "../../../worker/routes/connections";
import { ensureJob } from "../../../worker/sync/jobs";
import { runConnectionWork } from "../../../worker/sync/runner";
import { db } from "../support/accounts";
import { call } from "../support/http";
import { deliver, timeEntryEvent } from "../webhooks/support";
import { control, seedOrg, type Org } from "./support";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

async function connect(org: Org, body: Record<string, unknown> = {}) {
  const res = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
    workspaceIds: [org.ws],
    ...body,
  });
  expect(res.status, res.text).toBe(201);
  return res.body.items[0]!;
}

const unlink = async (org: Org, id: string) => {
  const res = await call<Connection>("DELETE", `/api/connections/${id}`, org.owner.headers);
  expect(res.status, res.text).toBe(200);
};

const row = async (id: string) => (await db().select().from(connections).where(eq(connections.id, id)).get())!;

/** Moves the connection's dates back in time, as if it had been connected (and unlinked) that long ago. */
async function backdate(id: string, by: { connectedAgo: number; historyAgo?: number; unlinkedAgo?: number }) {
  const now = Date.now();
  await db()
    .update(connections)
    .set({
      createdAt: new Date(now - by.connectedAgo),
      connectedAt: new Date(now - by.connectedAgo),
      historyFrom: new Date(now - (by.historyAgo ?? by.connectedAgo)),
      backfillFrom: null,
      ...(by.unlinkedAgo !== undefined ? { unlinkedAt: new Date(now - by.unlinkedAgo) } : {}),
    })
    .where(eq(connections.id, id));
}

/** A finished entry by Ann in the org's main workspace, started `ago` ms ago. */
async function entryAgo(org: Org, ago: number, description: string) {
  const start = Date.now() - ago;
  return control().createTimeEntry({
    userId: org.seeded.users.ann!.id,
    workspaceId: Number(org.ws),
    start: iso(start),
    stop: iso(start + 30 * 60_000),
    description,
  });
}

const imported = async (connectionId: string) =>
  (
    await db()
      .select({ description: timeLogs.description })
      .from(timeLogs)
      .where(eq(timeLogs.connectionId, connectionId))
  )
    .map((r) => r.description)
    .sort();

const work = (org: Org, connectionId: string, reason: "nightly" | "drain", kinds: ("reconcile" | "backfill")[]) =>
  runConnectionWork(env, db(), { accountId: org.owner.accountId, connectionId, reason }, { kinds });

describe("re-enabling an unlinked connection", () => {
  // That the subscription is made again and validated needs Toggl to reach the worker: see
  // test/integration/connections.test.ts. Here Toggl refuses the unreachable callback address.
  it("runs webhook repair, structure and members again and is active", async () => {
    const org = await seedOrg();
    const conn = await connect(org);
    await unlink(org, conn.id);
    expect(await control().listSubscriptions(Number(org.ws))).toHaveLength(0);
    await control().createProject({ workspaceId: Number(org.ws), name: "Made while unlinked" });

    const res = await call<ConnectionResynced>("POST", `/api/connections/${conn.id}/sync`, org.owner.headers);
    expect(res.status, res.text).toBe(200);
    expect(res.body.connection).toMatchObject({ id: conn.id, status: "active" });
    expect(res.body.run?.steps.map((s) => s.step)).toEqual(["webhook_repair", "structure", "members"]);
    expect(res.body.run?.steps.slice(1).every((s) => s.ok)).toBe(true);
    expect((await row(conn.id)).unlinkedAt).toBeNull();
    const names = await db()
      .select({ name: projects.name })
      .from(projects)
      .where(and(eq(projects.accountId, org.owner.accountId), eq(projects.workspaceId, org.ws)));
    expect(names.map((p) => p.name)).toContain("Made while unlinked");
    const listed = await call<{ items: Connection[] }>("GET", "/api/connections", org.owner.headers);
    expect(listed.body.items.find((c) => c.id === conn.id)?.status).toBe("active");
  });

  it("still answers 404 for another account's unlinked connection", async () => {
    const org = await seedOrg();
    const other = await seedOrg();
    const conn = await connect(org);
    await unlink(org, conn.id);
    const res = await call("POST", `/api/connections/${conn.id}/sync`, other.owner.headers);
    expect(res.status).toBe(404);
    expect((await row(conn.id)).status).toBe("unlinked");
  });
});

describe("the history boundary", () => {
  it("a workspace connected with no history gets nothing older by reconciliation or webhook", async () => {
    const org = await seedOrg();
    const conn = await connect(org);
    // Connected two hours ago with history "None".
    await backdate(conn.id, { connectedAgo: 2 * HOUR });
    const old = await entryAgo(org, 2 * DAY, "Before connecting");
    await entryAgo(org, HOUR, "After connecting");

    await work(org, conn.id, "nightly", ["reconcile"]);
    expect(await imported(conn.id)).toEqual(["After connecting"]);

    const stored = await row(conn.id);
    const secret = await decryptSecret(env.TOKEN_ENCRYPTION_KEY, stored.webhookSecretCiphertext!);
    const event = timeEntryEvent(
      conn.id,
      "updated",
      { ...old, id: old.id, workspace_id: old.workspace_id, user_id: old.user_id },
      { url_callback: stored.webhookCallbackUrl },
    );
    const res = await deliver(conn.id, event, { secret });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, result: "before_history" });
    expect(await imported(conn.id)).toEqual(["After connecting"]);
  });

  it("a backfill imports its window and nothing from before it", async () => {
    const org = await seedOrg();
    await entryAgo(org, DAY + HOUR, "An hour before the window");
    await entryAgo(org, 20 * HOUR, "Inside the window");
    const conn = await connect(org, { backfillDays: 1 });
    await work(org, conn.id, "drain", ["backfill"]);
    expect(await imported(conn.id)).toEqual(["Inside the window"]);
  });

  it("shows the backfill filling: its window, entries imported, pages left, and a quota pause", async () => {
    const org = await seedOrg();
    await entryAgo(org, 3 * DAY, "Three days ago");
    await entryAgo(org, 2 * DAY, "Two days ago");
    const conn = await connect(org, { backfillDays: 7 });
    const progress = async () =>
      (await call<{ items: Connection[] }>("GET", "/api/connections", org.owner.headers)).body.items.find(
        (c) => c.id === conn.id,
      )!.backfill;

    const before = await progress();
    expect(before).toMatchObject({ state: "waiting", imported: 0, pagesDone: 0, pausedUntil: null });
    expect(Math.floor((Date.parse(before!.to) - Date.parse(before!.from)) / 1000)).toBe((7 * DAY) / 1000);

    await control().exhaustQuota(org.ownerToken, "organization");
    await work(org, conn.id, "drain", ["backfill"]);
    const paused = await progress();
    expect(paused).toMatchObject({ state: "paused", imported: 0 });
    expect(Date.parse(paused!.pausedUntil!)).toBeGreaterThan(Date.now());

    // The hour passes: Toggl's quota and what Hourline remembered of it start again.
    await control().resetQuota(org.ownerToken);
    await db().delete(quotaBudgets).where(eq(quotaBudgets.credentialId, org.credentialId));
    await db()
      .update(syncJobs)
      .set({ notBefore: null })
      .where(and(eq(syncJobs.connectionId, conn.id), eq(syncJobs.kind, "backfill")));
    await runConnectionWork(
      env,
      db(),
      { accountId: org.owner.accountId, connectionId: conn.id, reason: "drain" },
      { kinds: ["backfill"], priority: "interactive" },
    );
    expect(await progress()).toMatchObject({
      state: "done",
      imported: 2,
      pagesDone: 1,
      pagesLeft: 0,
      pausedUntil: null,
    });
    const overview = await call<Overview>("GET", "/api/overview", org.owner.headers);
    expect(overview.body.connections.find((c) => c.id === conn.id)?.backfill).toMatchObject({
      state: "done",
      imported: 2,
    });
  });
});

describe("connecting again after an unlink", () => {
  /** Connected 30 days ago, unlinked 20 days ago, with entries in each part of that past. */
  async function unlinkedLongAgo() {
    const org = await seedOrg();
    const conn = await connect(org);
    await unlink(org, conn.id);
    await backdate(conn.id, { connectedAgo: 30 * DAY, unlinkedAgo: 20 * DAY });
    await entryAgo(org, 31 * DAY, "Before the first connect");
    await entryAgo(org, 10 * DAY, "In the gap");
    await entryAgo(org, 36 * HOUR, "Yesterday");
    return { org, conn };
  }

  it("starts a new boundary: its history window counts back from now, not from the first connect", async () => {
    const { org, conn } = await unlinkedLongAgo();
    const again = await connect(org, { backfillDays: 2 });
    expect(again.id).toBe(conn.id);
    const stored = await row(conn.id);
    expect(Date.now() - stored.historyFrom!.getTime()).toBeGreaterThanOrEqual(2 * DAY);
    expect(Date.now() - stored.historyFrom!.getTime()).toBeLessThan(2 * DAY + HOUR);

    await work(org, conn.id, "drain", ["backfill"]);
    await work(org, conn.id, "nightly", ["reconcile"]);
    expect(await imported(conn.id)).toEqual(["Yesterday"]);
  });

  it("fills the gap since the unlink when the admin asks, re-enabling from the Connections tab", async () => {
    const { org, conn } = await unlinkedLongAgo();
    const res = await call<ConnectionResynced>("POST", `/api/connections/${conn.id}/sync`, org.owner.headers, {
      fillGap: true,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.connection.status).toBe("active");
    // The earlier boundary stays: the history is one unbroken stretch.
    const stored = await row(conn.id);
    expect(Math.round((Date.now() - stored.historyFrom!.getTime()) / DAY)).toBe(30);

    await work(org, conn.id, "drain", ["backfill"]);
    expect(await imported(conn.id)).toEqual(["In the gap", "Yesterday"]);
  });
});

describe("unlinking while a sync runs", () => {
  it(
    "stays unlinked: the run's outcome, its jobs and the next nightly bring nothing back",
    { timeout: 60_000 },
    async () => {
      const org = await seedOrg();
      const conn = await connect(org);
      const ref = { accountId: org.owner.accountId, connectionId: conn.id };
      for (const kind of ["structure", "members"] as const)
        await ensureJob(db(), ref, kind, new Date(), { restart: true, full: true });
      // The member import hangs a moment and then fails: the unlink lands in between.
      await control().fail({
        token: org.ownerToken,
        pathPrefix: `/api/v9/workspaces/${org.ws}/users`,
        status: 503,
        count: 5,
        delayMs: 1500,
      });
      const running = runConnectionWork(env, db(), { ...ref, reason: "drain" }, { kinds: ["structure", "members"] });
      await vi.waitFor(
        async () => {
          const jobs = await db().select().from(syncJobs).where(eq(syncJobs.connectionId, conn.id));
          expect(jobs.find((j) => j.kind === "members")?.state).toBe("running");
        },
        { timeout: 10_000, interval: 20 },
      );
      await control().clearFaults({ token: org.ownerToken });
      await unlink(org, conn.id);
      await running;

      const after = await row(conn.id);
      expect(after).toMatchObject({ status: "unlinked", webhookSubscriptionId: null });
      const jobs = await db().select().from(syncJobs).where(eq(syncJobs.connectionId, conn.id));
      expect(jobs.filter((j) => j.state !== "done").map((j) => [j.kind, j.state])).toEqual([]);

      // What the nightly's queue message for it would do: nothing at all.
      expect(
        await runConnectionWork(env, db(), { ...ref, reason: "nightly" }, { kinds: ["webhook_repair", "structure"] }),
      ).toBe(null);
      expect(await control().listSubscriptions(Number(org.ws))).toHaveLength(0);
      expect((await row(conn.id)).status).toBe("unlinked");
    },
  );
});

describe("connecting twice at once", () => {
  it("answers both with the one connection and one subscription", async () => {
    const org = await seedOrg();
    // A double click, and a third for good measure: all in flight at once.
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, { workspaceIds: [org.ws] }),
      ),
    );
    expect(
      answers.map((a) => a.status),
      answers.map((a) => a.text).join("\n"),
    ).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.items[0]!.id)).size).toBe(1);
    const rows = await db().select().from(connections).where(eq(connections.workspaceId, org.ws));
    expect(rows).toHaveLength(1);
  });

  it("answers the one connection when the other request's insert lands between its check and its insert", async () => {
    const org = await seedOrg();
    // The first request is held after it found no connection and before it inserts one; the
    // double submit's second request runs to the end in that moment.
    let second: Awaited<ReturnType<typeof call<{ items: Connection[] }>>> | undefined;
    const racing = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set(
          "db",
          getDb(
            beforeFirstInsertInto(env.DB, "connections", async () => {
              second = await call("POST", "/api/connections", org.owner.headers, { workspaceIds: [org.ws] });
            }),
          ),
        );
        await next();
      })
      .route("/api", connectionRoutes);
    racing.onError(onError);

    const res = await racing.request(
      "/api/connections",
      { method: "POST", headers: org.owner.headers, body: JSON.stringify({ workspaceIds: [org.ws] }) },
      env,
    );
    const first = { status: res.status, body: await res.json<{ items: Connection[] }>() };

    expect(second?.status, second?.text).toBe(201);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.items.map((c) => c.id)).toEqual(second!.body.items.map((c) => c.id));
    const rows = await db().select().from(connections).where(eq(connections.workspaceId, org.ws));
    expect(rows).toHaveLength(1);
  });
});

/**
 * The D1 binding, except that the first statement inserting into `table` waits for `meanwhile`
 * before it runs: a concurrent request placed exactly between a check and the insert it guards.
 */
function beforeFirstInsertInto(d1: D1Database, table: string, meanwhile: () => Promise<void>): D1Database {
  let held = false;
  const hold = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== "function") return value;
        if (key === "bind") return (...args: unknown[]) => hold(target.bind(...args));
        if (["all", "raw", "run", "first"].includes(String(key))) {
          return async (...args: unknown[]) => {
            await meanwhile();
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  return new Proxy(d1, {
    get(target, key) {
      if (key !== "prepare") {
        const value: unknown = Reflect.get(target, key);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (query: string) => {
        const stmt = target.prepare(query);
        if (held || !query.toLowerCase().startsWith(`insert into "${table}"`)) return stmt;
        held = true;
        return hold(stmt);
      };
    },
  });
}
