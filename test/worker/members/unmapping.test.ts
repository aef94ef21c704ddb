// A manual "no user" on a member sticks: Time Logs of that Toggl user stay unattributed, even for
// a person of the account who signed in as that very Toggl user, and even when an old entry is
// edited in Toggl afterwards.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Member } from "../../../shared/contract";
import { timeLogs } from "../../../worker/db/schema";
import { createAccount, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";
import { togglEntry } from "../time-logs/support";
import { deliver, timeEntryEvent } from "../webhooks/support";
import { createMember } from "./fixtures";

const userOf = async (accountId: string, togglId: number) =>
  (
    await db()
      .select({ userId: timeLogs.userId })
      .from(timeLogs)
      .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.togglId, String(togglId))))
      .get()
  )?.userId;

describe("removing a member's mapping", () => {
  it("sticks: neither a new entry nor the next edit of an old one falls back to the user linked by Toggl user id", async () => {
    const accountId = await createAccount();
    const admin = await createUser(accountId, { role: "admin" });
    const olga = await createUser(accountId, { name: "Olga" });
    const c = await seedConnection({ accountId, owner: admin, webhook: {} });
    const member = await createMember(accountId, c.workspaceId, {
      togglUserId: olga.togglUserId,
      userId: olga.id,
      match: "email",
    });

    const old = togglEntry({ workspaceId: c.workspaceId, userId: olga.togglUserId, at: "2026-11-24T10:00:00Z" });
    expect((await deliver(c.id, timeEntryEvent(c.id, "created", old), { secret: c.secret })).status).toBe(200);
    expect(await userOf(accountId, old.id)).toBe(olga.id);

    const unmapped = await call<Member>("PUT", `/api/members/${member.id}/user`, admin.headers, { userId: null });
    expect(unmapped.status).toBe(200);
    expect(unmapped.body.user).toBeNull();
    expect(await userOf(accountId, old.id)).toBeNull();

    // The next edit of the old entry in Toggl.
    const edited = { ...old, description: "Renamed", at: "2026-11-24T11:00:00+00:00" };
    const res = await deliver(c.id, timeEntryEvent(c.id, "updated", edited), { secret: c.secret });
    expect(res.body).toEqual({ ok: true, result: "updated" });
    expect(await userOf(accountId, old.id)).toBeNull();

    // A new entry of the same Toggl user.
    const fresh = togglEntry({
      workspaceId: c.workspaceId,
      userId: olga.togglUserId,
      start: "2026-11-25T09:00:00Z",
      stop: "2026-11-25T10:00:00Z",
    });
    expect((await deliver(c.id, timeEntryEvent(c.id, "created", fresh), { secret: c.secret })).body).toEqual({
      ok: true,
      result: "created",
    });
    expect(await userOf(accountId, fresh.id)).toBeNull();

    // Mapping again by hand re-links them all.
    await call("PUT", `/api/members/${member.id}/user`, admin.headers, { userId: olga.id });
    expect(await userOf(accountId, old.id)).toBe(olga.id);
    expect(await userOf(accountId, fresh.id)).toBe(olga.id);
  });
});
