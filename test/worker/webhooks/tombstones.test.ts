// Deleted things stay deleted, whatever order Toggl's deliveries come in, and a person has at most
// one running timer.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runningEntries, timeLogs } from "../../../worker/db/schema";
import { createAccount, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";
import { togglEntry } from "../time-logs/support";
import { deliver, timeEntryEvent } from "./support";

const logOf = (accountId: string, togglId: number) =>
  db()
    .select()
    .from(timeLogs)
    .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.togglId, String(togglId))))
    .get();
const runningOf = (accountId: string) =>
  db().select().from(runningEntries).where(eq(runningEntries.accountId, accountId)).all();

async function connectedPerson() {
  const accountId = await createAccount();
  const person = await createUser(accountId, { role: "owner" });
  const c = await seedConnection({ accountId, owner: person, webhook: {} });
  return { accountId, person, c };
}

describe("tombstones", () => {
  it("keeps a deletion carrying only an id that arrives before the creation: the creation stays deleted", async () => {
    const { accountId, person, c } = await connectedPerson();
    const entry = togglEntry({ workspaceId: c.workspaceId, userId: person.togglUserId });
    const byId = timeEntryEvent(c.id, "deleted", {
      id: entry.id,
      workspace_id: entry.workspace_id,
      user_id: entry.user_id,
    });
    byId.payload = { id: entry.id } as typeof byId.payload;
    const deleted = await deliver(c.id, byId, { secret: c.secret });
    expect(deleted.body).toEqual({ ok: true, result: "deleted" });

    const created = await deliver(c.id, timeEntryEvent(c.id, "created", entry), { secret: c.secret });
    expect(created.status).toBe(200);
    expect(await logOf(accountId, entry.id)).toMatchObject({ deletedInToggl: true, scorable: false });
    const logs = await call<{ items: { togglTimeEntryId: string; deletedInToggl: boolean }[] }>(
      "GET",
      "/api/time-logs",
      person.headers,
    );
    expect(logs.status).toBe(200);
    expect(logs.body.items.map((l) => [l.togglTimeEntryId, l.deletedInToggl])).toEqual([[String(entry.id), true]]);
  });

  it("never brings a deleted running timer back from a stale retried 'running' delivery; it leaves the badge", async () => {
    const { accountId, person, c } = await connectedPerson();
    const running = togglEntry({
      workspaceId: c.workspaceId,
      userId: person.togglUserId,
      start: "2026-11-24T09:00:00Z",
      stop: null,
      at: "2026-11-24T09:00:00+00:00",
    });
    const started = timeEntryEvent(c.id, "created", running);
    expect((await deliver(c.id, started, { secret: c.secret })).body).toEqual({ ok: true, result: "running" });
    expect((await call<{ togglId: string } | null>("GET", "/api/timer", person.headers)).body).toMatchObject({
      togglId: String(running.id),
    });

    const gone = { ...running, server_deleted_at: "2026-11-24T09:30:00+00:00", at: "2026-11-24T09:30:00+00:00" };
    expect((await deliver(c.id, timeEntryEvent(c.id, "deleted", gone), { secret: c.secret })).body).toEqual({
      ok: true,
      result: "deleted",
    });
    // Toggl retries the first delivery (our answer was lost on the way back).
    const retried = await deliver(c.id, { ...started, timestamp: new Date().toISOString() }, { secret: c.secret });
    expect(retried.status).toBe(200);
    expect(await runningOf(accountId)).toHaveLength(0);
    expect((await call("GET", "/api/timer", person.headers)).body).toBeNull();
    expect(await logOf(accountId, running.id)).toBeUndefined();
  });

  it("a person has one running entry: a newer one ends an older one, in any order and in every account", async () => {
    const { accountId, person, c } = await connectedPerson();
    // The same person in a second account, connected to another workspace of theirs.
    const otherAccount = await createAccount();
    const there = await createUser(otherAccount, { role: "owner", personId: person.personId });
    const c2 = await seedConnection({ accountId: otherAccount, owner: there, webhook: {} });

    const older = togglEntry({
      workspaceId: c.workspaceId,
      userId: person.togglUserId,
      start: "2026-11-24T09:00:00Z",
      stop: null,
      // An edit of the older timer whose delivery carries a later time than the newer's creation.
      at: "2026-11-24T10:05:00+00:00",
    });
    const newer = togglEntry({
      workspaceId: c.workspaceId,
      userId: person.togglUserId,
      start: "2026-11-24T10:00:00Z",
      stop: null,
      at: "2026-11-24T10:00:00+00:00",
    });
    await deliver(c.id, timeEntryEvent(c.id, "created", newer), { secret: c.secret });
    await deliver(c.id, timeEntryEvent(c.id, "updated", older), { secret: c.secret });
    expect((await runningOf(accountId)).map((r) => r.togglId)).toEqual([String(newer.id)]);

    // Later still, a timer in the other account's workspace: the first account's timer has ended.
    const latest = togglEntry({
      workspaceId: c2.workspaceId,
      userId: person.togglUserId,
      start: "2026-11-24T11:00:00Z",
      stop: null,
      at: "2026-11-24T11:00:00+00:00",
    });
    expect((await deliver(c2.id, timeEntryEvent(c2.id, "created", latest), { secret: c2.secret })).body).toEqual({
      ok: true,
      result: "running",
    });
    expect(await runningOf(accountId)).toHaveLength(0);
    expect((await call("GET", "/api/timer", person.headers)).body).toBeNull();
    expect((await runningOf(otherAccount)).map((r) => r.togglId)).toEqual([String(latest.id)]);
  });
});
