import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { connections, runningEntries, timeLogs } from "../../../worker/db/schema";
import { applyTimeEntry, normalizeTogglTimeEntry, type ApplyScope } from "../../../worker/features/time-logs/apply";
import {
  REPORT_SETTLE_MS,
  syncTimeEntriesPage,
  type SyncCursor,
  type SyncMode,
} from "../../../worker/features/time-logs/sync";
import { TogglClient } from "../../../worker/toggl/client";
import { isTogglError } from "../../../worker/toggl/errors";
import { timeEntrySchema } from "../../../worker/toggl/types";
import { StandInControl, type TogglTimeEntry } from "../../toggl-stand-in/control-client";
import { db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { seedTag, togglEntry } from "./support";

const control = new StandInControl(env.TOGGL_API_URL);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** A stand-in organisation with an admin (the integration owner) and a member, plus our connection to it. */
async function setup(opts: { backfillDays?: number; createdAt?: Date } = {}) {
  const seeded = await control.seed({
    users: [
      { key: "owner", email: `owner-${crypto.randomUUID()}@agency.test`, timezone: "Europe/Berlin" },
      { key: "dev", email: `dev-${crypto.randomUUID()}@agency.test` },
    ],
    workspaces: [
      {
        key: "ws",
        admins: ["owner"],
        members: ["dev"],
        tags: [
          { key: "deep", name: "deep-work" },
          { key: "call", name: "call" },
        ],
      },
    ],
  });
  const owner = seeded.users.owner!;
  const workspaceId = String(seeded.workspaces.ws!.id);
  const c = await seedConnection({
    workspaceId,
    organizationId: String(seeded.organizationId),
    apiToken: owner.apiToken,
    ownerTogglUserId: String(owner.id),
    backfillDays: opts.backfillDays ?? 0,
    ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
  });
  // The tree sync mirrors tags; reports name tags by id only.
  await seedTag(c.accountId, workspaceId, "deep-work", String(seeded.tags.deep));
  const toggl = new TogglClient({
    baseUrl: env.TOGGL_API_URL,
    apiToken: owner.apiToken,
    priority: "background",
    retry: { serverRetries: 0 },
  });
  const connection = (await db().select().from(connections).where(eq(connections.id, c.id)).get())!;
  return { seeded, c, toggl, connection, wid: Number(workspaceId) };
}

async function entry(
  wid: number,
  userId: number,
  startMs: number,
  minutes: number | null,
  extra: { description?: string; tags?: string[]; billable?: boolean } = {},
) {
  return control.createTimeEntry({
    userId,
    workspaceId: wid,
    start: iso(startMs),
    stop: minutes === null ? null : iso(startMs + minutes * 60_000),
    description: extra.description ?? `Entry ${crypto.randomUUID().slice(0, 8)}`,
    tags: extra.tags ?? [],
    billable: extra.billable ?? false,
  });
}

/** As if the webhook for this entry had arrived. */
async function received(scope: ApplyScope, te: TogglTimeEntry) {
  return applyTimeEntry(db(), scope, normalizeTogglTimeEntry(timeEntrySchema.parse(te)));
}

async function runToEnd(input: Omit<Parameters<typeof syncTimeEntriesPage>[0], "cursor" | "mode">, mode: SyncMode) {
  let cursor: SyncCursor | null = null;
  let pages = 0;
  let changed = 0;
  for (;;) {
    const r = await syncTimeEntriesPage({ ...input, mode, cursor });
    pages++;
    changed += r.itemsChanged;
    if (r.done) return { pages, changed };
    cursor = r.cursor;
    if (pages > 50) throw new Error("sync did not finish");
  }
}

const logsOf = (accountId: string) => db().select().from(timeLogs).where(eq(timeLogs.accountId, accountId)).all();

describe("reconciliation", () => {
  it("fills the gap left by dropped deliveries, without duplicates, and catches a missed stop and a missed deletion", async () => {
    const { seeded, c, toggl, connection, wid } = await setup();
    const now = Date.now();
    const ownerId = seeded.users.owner!.id;
    const devId = seeded.users.dev!.id;
    const made: TogglTimeEntry[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await entry(wid, i % 2 ? devId : ownerId, now - DAY - i * 2 * HOUR, 25 + i, {
          tags: i === 2 ? ["deep-work"] : [],
          billable: i === 3,
        }),
      );
    }
    // Webhooks came for three of them only.
    for (const te of [made[0]!, made[3]!, made[5]!]) expect(await received(c.scope, te)).toBe("created");
    // A timer whose stop webhook was lost.
    const timer = await entry(wid, devId, now - 3 * HOUR, null);
    expect(await received(c.scope, timer)).toBe("running");
    await control.stopTimeEntry(timer.id, iso(now - 2 * HOUR));
    // An entry deleted in Toggl whose deletion webhook was lost.
    const gone = await entry(wid, ownerId, now - 30 * HOUR, 15);
    await received(c.scope, gone);
    await control.deleteTimeEntry(gone.id);

    // The nightly run starts a while after all of that (the report has settled).
    const first = await runToEnd(
      { db: db(), connection, toggl, now: Date.now() + REPORT_SETTLE_MS + 60_000, pageSize: 2 },
      "reconcile",
    );
    expect(first.pages).toBeGreaterThanOrEqual(4);
    // 4 missing entries, the stopped timer and the flagged deletion.
    expect(first.changed).toBe(6);

    const truth = (await control.listTimeEntries(wid)).filter(
      (te) => te.stop !== null && te.server_deleted_at === null,
    );
    const logs = await logsOf(c.accountId);
    const live = logs.filter((l) => !l.deletedInToggl);
    expect(live).toHaveLength(truth.length);
    for (const te of truth) {
      const log = live.find((l) => l.togglId === String(te.id));
      expect(log, `entry ${te.id}`).toMatchObject({
        start: new Date(te.start),
        stop: new Date(te.stop!),
        durationSeconds: te.duration,
        description: te.description ?? "",
        billable: te.billable,
        tags: te.tags,
        togglUserId: String(te.user_id),
      });
    }
    expect(logs.find((l) => l.togglId === String(gone.id))).toMatchObject({ deletedInToggl: true, scorable: false });
    expect(
      await db().select().from(runningEntries).where(eq(runningEntries.accountId, c.accountId)).all(),
    ).toHaveLength(0);

    // Replaying the window changes nothing.
    const again = await runToEnd({ db: db(), connection, toggl, now: Date.now(), pageSize: 2 }, "reconcile");
    expect(again.changed).toBe(0);
    expect(await logsOf(c.accountId)).toHaveLength(logs.length);
  });

  it("does not judge a Time Log that arrived by webhook while the run was under way", async () => {
    const { seeded, c, toggl, connection, wid } = await setup();
    const now = Date.now();
    for (let i = 0; i < 4; i++) await entry(wid, seeded.users.owner!.id, now - (10 + i) * HOUR, 20);
    const input = { db: db(), connection, toggl, mode: "reconcile" as const, pageSize: 2 };
    const page1 = await syncTimeEntriesPage({ ...input, now: Date.now(), cursor: null });
    expect(page1.done).toBe(false);
    // Created meanwhile with an early start: it belongs on the page already read.
    const late = await entry(wid, seeded.users.dev!.id, now - 20 * HOUR, 10);
    // Stored after the run started, by the clock the run judges by.
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(page1.cursor!.startedAt!));
    await received(c.scope, late);
    let cursor = page1.cursor;
    while (cursor) cursor = (await syncTimeEntriesPage({ ...input, now: Date.now(), cursor })).cursor;
    const row = (await logsOf(c.accountId)).find((l) => l.togglId === String(late.id));
    expect(row?.deletedInToggl).toBe(false);
  });

  it("judges only people the report showed (a narrower token must not flag everyone else)", async () => {
    const { seeded, c, toggl, connection, wid } = await setup();
    const now = Date.now();
    await entry(wid, seeded.users.owner!.id, now - 5 * HOUR, 30);
    // A Time Log of someone the owner's report does not show at all.
    const stranger = togglEntry({
      workspaceId: c.workspaceId,
      userId: "424242",
      start: iso(now - 6 * HOUR),
      stop: iso(now - 5 * HOUR),
    });
    await applyTimeEntry(db(), c.scope, normalizeTogglTimeEntry(timeEntrySchema.parse(stranger)));
    await runToEnd({ db: db(), connection, toggl, now: Date.now() }, "reconcile");
    const row = (await logsOf(c.accountId)).find((l) => l.togglId === String(stranger.id));
    expect(row?.deletedInToggl).toBe(false);
  });

  it("does not judge an entry changed in Toggl shortly before the report was read", async () => {
    const { seeded, c, toggl, connection, wid } = await setup();
    // The report shows the owner's entries (so the owner is judged)…
    await entry(wid, seeded.users.owner!.id, Date.now() - 3 * HOUR, 30);
    const fresh = await entry(wid, seeded.users.owner!.id, Date.now() - 2 * HOUR, 30);
    await received(c.scope, fresh);
    // …but not this one yet: reports are eventually consistent.
    await control.deleteTimeEntry(fresh.id);
    // The nightly run reads the report a second later.
    await runToEnd({ db: db(), connection, toggl, now: Date.now() + 1000 }, "reconcile");
    const row = (await logsOf(c.accountId)).find((l) => l.togglId === String(fresh.id));
    expect(row?.deletedInToggl).toBe(false);
  });

  it("clears its own deletion flag when a later report or webhook shows the entry", async () => {
    const { seeded, c, toggl, connection, wid } = await setup();
    const ownerId = seeded.users.owner!.id;
    const byReport = await entry(wid, ownerId, Date.now() - 5 * HOUR, 30);
    const byWebhook = await entry(wid, ownerId, Date.now() - 4 * HOUR, 30);
    for (const te of [byReport, byWebhook]) await received(c.scope, te);
    // Last night's report did not show them (it was read while Toggl had not caught up).
    await db()
      .update(timeLogs)
      .set({ deletedInToggl: true, scorable: false })
      .where(eq(timeLogs.accountId, c.accountId));

    // An edit in Toggl arrives by webhook: the entry exists.
    const edited = await control.updateTimeEntry(byWebhook.id, { description: "Edited after the guess" });
    expect(await received(c.scope, edited)).toBe("updated");
    // Tonight's report shows the other one.
    await runToEnd({ db: db(), connection, toggl, now: Date.now() + REPORT_SETTLE_MS + 60_000 }, "reconcile");

    const rows = await logsOf(c.accountId);
    expect(rows.find((l) => l.togglId === String(byWebhook.id))).toMatchObject({
      deletedInToggl: false,
      description: "Edited after the guess",
    });
    expect(rows.find((l) => l.togglId === String(byReport.id))?.deletedInToggl).toBe(false);
  });

  it("never clears a deletion Toggl itself announced", async () => {
    const { seeded, c, toggl, connection, wid } = await setup();
    const te = await entry(wid, seeded.users.owner!.id, Date.now() - 5 * HOUR, 30);
    await received(c.scope, te);
    // Toggl's deletion arrives, then a retried older delivery of the live entry.
    expect(await received(c.scope, { ...te, server_deleted_at: te.at })).toBe("deleted");
    await received(c.scope, te);
    await runToEnd({ db: db(), connection, toggl, now: Date.now() + REPORT_SETTLE_MS + 60_000 }, "reconcile");
    expect((await logsOf(c.accountId)).find((l) => l.togglId === String(te.id))?.deletedInToggl).toBe(true);
  });

  it("leaves Time Logs outside its window alone", async () => {
    const { seeded, c, toggl, connection, wid } = await setup();
    const now = Date.now();
    const old = await entry(wid, seeded.users.owner!.id, now - 20 * DAY, 30);
    await received(c.scope, old);
    await runToEnd({ db: db(), connection, toggl, now }, "reconcile");
    expect(await logsOf(c.accountId)).toMatchObject([{ togglId: String(old.id), deletedInToggl: false }]);
  });
});

describe("history backfill", () => {
  it("does nothing when no history was asked for", async () => {
    const { toggl, connection } = await setup({ backfillDays: 0 });
    expect(await syncTimeEntriesPage({ db: db(), connection, toggl, now: Date.now(), mode: "backfill" })).toEqual({
      done: true,
      cursor: null,
      itemsChanged: 0,
    });
  });

  it("imports three pages, pauses on a 402 and resumes from its cursor once the quota resets", async () => {
    const { seeded, c, toggl, connection, wid } = await setup({ backfillDays: 30, createdAt: new Date() });
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(String((await entry(wid, seeded.users.dev!.id, now - (5 + i * 3) * DAY, 45)).id));
    const input = { db: db(), connection, toggl, now, mode: "backfill" as const, pageSize: 2 };

    const page1 = await syncTimeEntriesPage({ ...input, cursor: null });
    expect(page1).toMatchObject({ done: false, itemsChanged: 2 });
    expect(await logsOf(c.accountId)).toHaveLength(2);

    await control.exhaustQuota(seeded.users.owner!.apiToken, "organization");
    const refused = await syncTimeEntriesPage({ ...input, cursor: page1.cursor }).catch((err: unknown) => err);
    expect(isTogglError(refused, "quota")).toBe(true);
    expect(await logsOf(c.accountId)).toHaveLength(2);

    await control.resetQuota(seeded.users.owner!.apiToken);
    // A fresh client: the one that saw the 402 rightly keeps its pause until the reported reset.
    const fresh = new TogglClient({
      baseUrl: env.TOGGL_API_URL,
      apiToken: seeded.users.owner!.apiToken,
      priority: "background",
    });
    const page2 = await syncTimeEntriesPage({ ...input, toggl: fresh, cursor: page1.cursor });
    expect(page2).toMatchObject({ done: false, itemsChanged: 2 });
    const page3 = await syncTimeEntriesPage({ ...input, toggl: fresh, cursor: page2.cursor });
    expect(page3).toEqual({ done: true, cursor: null, itemsChanged: 2 });

    const logs = await logsOf(c.accountId);
    expect(logs.map((l) => l.togglId).sort()).toEqual([...ids].sort());
    expect(logs.every((l) => l.durationSeconds === 45 * 60)).toBe(true);
    expect(
      await db()
        .select()
        .from(timeLogs)
        .where(and(eq(timeLogs.accountId, c.accountId), eq(timeLogs.deletedInToggl, true)))
        .all(),
    ).toHaveLength(0);
  });
});
