import { and, eq, inArray, ne } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { Connection } from "../../../shared/contract";
import { runFrequent, runNightly } from "../../../worker/sync/cron";
import { connections, syncJobs, syncRuns, timeLogs } from "../../../worker/db/schema";
import { storeCredential } from "../../../worker/toggl/credentials";
import { connectionsWithDueJobs, ensureJob } from "../../../worker/sync/jobs";
import { runConnectionWork } from "../../../worker/sync/runner";
import { createSignedInOwner, db } from "../support/accounts";
import { connectDirect, control, seedOrg } from "../connections/support";
import { call } from "../support/http";

const DAY = 86_400_000;

const jobOf = (connectionId: string, kind: "backfill" | "structure" | "reconcile") =>
  db()
    .select()
    .from(syncJobs)
    .where(and(eq(syncJobs.connectionId, connectionId), eq(syncJobs.kind, kind)))
    .get();
const logCount = async (connectionId: string) =>
  (await db().select({ id: timeLogs.id }).from(timeLogs).where(eq(timeLogs.connectionId, connectionId))).length;
const reportRequests = async (token: string) =>
  Object.entries((await control().requestLog({ token })).byPath)
    .filter(([k]) => k.includes("/reports/api/v3/"))
    .reduce((n, [, v]) => n + v, 0);

/** An organisation with `entries` finished entries over the last days, connected with a backfill window. */
async function historyOrg(entries: number) {
  const stamp = crypto.randomUUID().slice(0, 8);
  const now = Date.now();
  const seeded = await control().seed({
    plan: "starter",
    users: [{ key: "owner", email: `owner-${stamp}@history.test` }],
    workspaces: [{ key: "ws", name: `History ${stamp}`, admins: ["owner"], projects: [{ key: "p", name: "Work" }] }],
    timeEntries: Array.from({ length: entries }, (_, i) => {
      const start = now - 5 * DAY + i * 600_000;
      return {
        user: "owner",
        workspace: "ws",
        project: "p",
        description: `Entry ${i}`,
        start: new Date(start).toISOString(),
        stop: new Date(start + 300_000).toISOString(),
      };
    }),
  });
  const togglOwner = seeded.users.owner!;
  const owner = await createSignedInOwner({ togglUserId: String(togglOwner.id) });
  const credentialId = await storeCredential(env, db(), {
    personId: owner.personId,
    togglUserId: String(togglOwner.id),
    apiToken: togglOwner.apiToken,
  });
  const org = { seeded, owner, ownerToken: togglOwner.apiToken, credentialId, ws: String(seeded.workspaces.ws!.id) };
  const ref = await connectDirect(org as never, org.ws, { backfillDays: 10 });
  return { ...org, ref };
}

describe("background jobs", () => {
  it("fans fifty connections out through the queue and every one finishes", { timeout: 120_000 }, async () => {
    const refs: string[] = [];
    for (let i = 0; i < 50; i++) {
      const stamp = crypto.randomUUID().slice(0, 8);
      const seeded = await control().seed({
        plan: "free",
        users: [{ key: "o", email: `o-${stamp}@fan.test` }],
        workspaces: [{ key: "ws", name: `Fan ${i}`, admins: ["o"], projects: [{ key: "p", name: `Project ${i}` }] }],
      });
      const owner = await createSignedInOwner({ togglUserId: String(seeded.users.o!.id) });
      const credentialId = await storeCredential(env, db(), {
        personId: owner.personId,
        togglUserId: String(seeded.users.o!.id),
        apiToken: seeded.users.o!.apiToken,
      });
      const org = { seeded, owner, credentialId, ws: String(seeded.workspaces.ws!.id) };
      refs.push((await connectDirect(org as never, org.ws)).id);
    }
    const { enqueued } = await runNightly(db(), env.SYNC_QUEUE, new Date());
    expect(enqueued).toBeGreaterThanOrEqual(50);
    await vi.waitFor(
      async () => {
        const done = await db()
          .select({ id: syncJobs.connectionId })
          .from(syncJobs)
          .where(and(inArray(syncJobs.connectionId, refs), eq(syncJobs.kind, "structure"), eq(syncJobs.state, "done")));
        expect(done).toHaveLength(50);
        const finished = await db()
          .select({ connectionId: syncRuns.connectionId })
          .from(syncRuns)
          .where(
            and(inArray(syncRuns.connectionId, refs), eq(syncRuns.kind, "nightly"), ne(syncRuns.status, "running")),
          );
        expect(new Set(finished.map((r) => r.connectionId)).size).toBe(50);
      },
      { timeout: 100_000, interval: 500 },
    );
    const runs = await db()
      .select({ connectionId: syncRuns.connectionId, status: syncRuns.status, steps: syncRuns.steps })
      .from(syncRuns)
      .where(and(inArray(syncRuns.connectionId, refs), eq(syncRuns.kind, "nightly")));
    expect(runs).toHaveLength(50);
    for (const run of runs) {
      expect(run.steps.find((s) => s.step === "structure")).toMatchObject({ ok: true });
      expect(run.steps.find((s) => s.step === "members")).toMatchObject({ ok: true });
      expect(run.steps.find((s) => s.step === "reconcile")).toMatchObject({ ok: true });
    }
  });

  it(
    "pauses a backfill hit by a 402 halfway and resumes it after the reset with no duplicate work",
    { timeout: 60_000 },
    async () => {
      const org = await historyOrg(450);
      const { ref } = org;
      await ensureJob(db(), ref, "backfill", new Date());

      const first = await runConnectionWork(
        env,
        db(),
        { ...ref, reason: "drain" },
        { kinds: ["backfill"], maxPages: 1 },
      );
      expect(first?.status, JSON.stringify(first?.steps)).toBe("ok");
      expect(await logCount(ref.id)).toBe(200);
      expect((await jobOf(ref.id, "backfill"))?.state).toBe("pending");

      await control().setQuota(org.ownerToken, { remaining: 0, resetsInSeconds: 2 });
      const hit = await runConnectionWork(env, db(), { ...ref, reason: "drain" }, { kinds: ["backfill"] });
      expect(hit?.status).toBe("paused");
      expect(hit?.pausedUntil?.getTime()).toBeGreaterThan(Date.now());
      expect((await jobOf(ref.id, "backfill"))?.state).toBe("paused");
      expect(await logCount(ref.id)).toBe(200);
      const list = await call<{ items: Connection[] }>("GET", "/api/connections", org.owner.headers);
      expect(list.body.items[0]!.status).toBe("paused");
      // Waiting for the reset is not an error.
      expect((await db().select().from(connections).where(eq(connections.id, ref.id)).get())?.lastError).toBeNull();

      // Nothing is due before the reset.
      expect(await runFrequent(db(), env.SYNC_QUEUE, new Date())).toEqual({ enqueued: 0 });
      // Due again once the reset has passed.
      await vi.waitFor(async () => expect((await runFrequent(db(), env.SYNC_QUEUE, new Date())).enqueued).toBe(1), {
        timeout: 10_000,
        interval: 100,
      });
      await vi.waitFor(async () => expect((await jobOf(ref.id, "backfill"))?.state).toBe("done"), {
        timeout: 20_000,
        interval: 250,
      });

      expect(await logCount(ref.id)).toBe(450);
      // Three pages, plus the one request Toggl refused: no page was fetched twice.
      expect(await reportRequests(org.ownerToken)).toBe(4);
      const runs = await db().select().from(syncRuns).where(eq(syncRuns.connectionId, ref.id));
      expect(runs.map((r) => r.status).sort()).toEqual(["ok", "ok", "paused"]);
      expect(runs.reduce((n, r) => n + r.requestsSpent, 0)).toBe(4);
    },
  );

  it(
    "holds background work back at the interactive reserve while a timer start still succeeds",
    { timeout: 30_000 },
    async () => {
      const org = await seedOrg();
      const ref = await connectDirect(org, org.ws);
      await control().setQuota(org.ownerToken, { remaining: 4, resetsInSeconds: 600 });
      for (const kind of ["structure", "reconcile"] as const) await ensureJob(db(), ref, kind, new Date());
      const before = (await control().requestLog({ token: org.ownerToken })).total;

      const result = await runConnectionWork(
        env,
        db(),
        { ...ref, reason: "nightly" },
        { kinds: ["structure", "reconcile"] },
      );
      expect(result?.status).toBe("paused");
      expect(result?.steps[0]?.error).toMatch(/interactive/);
      // One request told us how little was left; nothing more went out in the background.
      expect((await control().requestLog({ token: org.ownerToken })).total - before).toBe(1);
      expect((await jobOf(ref.id, "reconcile"))?.state).toBe("paused");

      const start = await call<{ togglId: string }>("POST", "/api/timer/start", org.owner.headers, {
        workspaceId: org.ws,
        description: "Urgent fix",
      });
      expect(start.status, start.text).toBeLessThan(300);
      const running = (await control().listTimeEntries(Number(org.ws))).filter((e) => e.stop === null);
      expect(running.map((e) => e.description)).toEqual(["Urgent fix"]);
      const row = await db().select().from(connections).where(eq(connections.id, ref.id)).get();
      expect(row?.pausedUntil?.getTime()).toBeGreaterThan(Date.now());
    },
  );

  it("retries a webhook repair that did not take on a later frequent run, with backoff", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    await ensureJob(db(), ref, "webhook_repair", new Date());
    // Nothing listens there: Toggl's validation ping fails, so the subscription cannot be created.
    const result = await runConnectionWork(
      env,
      db(),
      { ...ref, reason: "manual" },
      { kinds: ["webhook_repair"], callbackBase: "http://127.0.0.1:9" },
    );
    expect(result?.status).toBe("failed");
    const row = await db().select().from(connections).where(eq(connections.id, ref.id)).get();
    expect(row).toMatchObject({ webhookStatus: "failed" });
    expect(row?.webhookNote).toMatch(/Could not repair/);
    const job = await db()
      .select()
      .from(syncJobs)
      .where(and(eq(syncJobs.connectionId, ref.id), eq(syncJobs.kind, "webhook_repair")))
      .get();
    expect(job).toMatchObject({ state: "pending", attempts: 1 });

    const due = async (at: number) => (await connectionsWithDueJobs(db(), new Date(at))).map((c) => c.connectionId);
    expect(await due(Date.now())).not.toContain(ref.id);
    expect(await due(Date.now() + 16 * 60_000)).toContain(ref.id);
    const overview = await call<{ status: string; errors: { connectionId: string }[] }>(
      "GET",
      "/api/overview",
      org.owner.headers,
    );
    expect(overview.body.status).toBe("attention");
    expect(overview.body.errors.map((e) => e.connectionId)).toContain(ref.id);
  });
});
