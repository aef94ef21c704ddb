import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { User } from "../../../shared/contract";
import { invitations, users } from "../../../worker/db/schema";
import { createAccount, createInvitedUser, createUser, db } from "../support/accounts";
import { call } from "../support/http";

describe("users of an account", () => {
  it("lists the account's joined and invited users, and only them", async () => {
    const accountId = await createAccount();
    const owner = await createUser(accountId, { role: "owner", email: "owner@users-list.test" });
    await createUser(accountId, { role: "member", email: "member@users-list.test" });
    await createInvitedUser(accountId, { role: "admin", email: "invited@users-list.test", invitedBy: owner.id });
    const other = await createAccount();
    await createUser(other, { role: "owner", email: "stranger@users-list.test" });

    const res = await call<{ items: User[] }>("GET", "/api/users", owner.headers);
    expect(res.status).toBe(200);
    const byEmail = Object.fromEntries(res.body.items.map((u) => [u.email, u]));
    expect(Object.keys(byEmail).sort()).toEqual([
      "invited@users-list.test",
      "member@users-list.test",
      "owner@users-list.test",
    ]);
    expect(byEmail["member@users-list.test"]).toMatchObject({ status: "active", linked: true, invitation: null });
    expect(byEmail["invited@users-list.test"]).toMatchObject({
      status: "invited",
      linked: false,
      role: "admin",
      invitation: { status: "pending", invitedBy: { id: owner.id, email: "owner@users-list.test" } },
    });
  });

  it("invites a person by email, normalised: an invited user with a pending 14-day invitation, never a member", async () => {
    const owner = await createUser(await createAccount(), { role: "owner" });
    const before = Date.now();
    const res = await call<User>("POST", "/api/users", owner.headers, {
      email: "  New.Person@Example.TEST ",
      name: "New Person",
      role: "admin",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: "new.person@example.test",
      role: "admin",
      status: "invited",
      linked: false,
      name: "New Person",
      invitation: { status: "pending" },
    });
    const expiresIn = Date.parse(res.body.invitation!.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(14 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(14 * 86_400_000 + 60_000);
    const [seat] = await db().select().from(users).where(eq(users.id, res.body.id));
    expect(seat).toMatchObject({ personId: null, togglUserId: null });
    const [invitation] = await db().select().from(invitations).where(eq(invitations.userId, res.body.id));
    expect(invitation).toMatchObject({ email: "new.person@example.test", role: "admin", invitedByUserId: owner.id });

    const again = await call("POST", "/api/users", owner.headers, { email: "new.person@EXAMPLE.test", name: "Dup" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "already_invited" } });
    const joined = await call("POST", "/api/users", owner.headers, { email: owner.email });
    expect(joined.status).toBe(409);
    expect(joined.body).toMatchObject({ error: { code: "email_taken" } });
    const rows = await db().select().from(users).where(eq(users.accountId, owner.accountId));
    expect(rows.filter((u) => u.email === "new.person@example.test")).toHaveLength(1);
  });

  it("invites again, with a fresh invitation, someone whose invitation expired or was declined", async () => {
    const owner = await createUser(await createAccount(), { role: "owner" });
    const seat = await createInvitedUser(owner.accountId, {
      email: "late@users-again.test",
      expiresAt: new Date(Date.now() - 1000),
    });
    const listed = await call<{ items: User[] }>("GET", "/api/users", owner.headers);
    expect(listed.body.items.find((u) => u.id === seat.id)?.invitation).toMatchObject({ status: "expired" });

    const res = await call<User>("POST", "/api/users", owner.headers, {
      email: "late@users-again.test",
      role: "admin",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: seat.id, role: "admin", invitation: { status: "pending" } });
    expect(res.body.invitation!.id).not.toBe(seat.invitationId);
    const sent = await db().select().from(invitations).where(eq(invitations.userId, seat.id));
    expect(sent.map((i) => i.role).sort()).toEqual(["admin", "member"]);
  });

  it("answers 400 with the error shape for a bad email, a bad role, malformed JSON and a missing content type", async () => {
    const owner = await createUser(await createAccount(), { role: "owner" });
    for (const body of [{ email: "not-an-email" }, { email: "a@b.test", role: "boss" }, {}]) {
      const res = await call("POST", "/api/users", owner.headers, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "invalid_input" } });
    }
    const malformed = await call("POST", "/api/users", owner.headers, "{ nope");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: "invalid_input" } });
    const noType = await call(
      "POST",
      "/api/users",
      { authorization: owner.headers.authorization },
      { email: "x@y.test" },
    );
    expect(noType.status).toBe(400);
    expect(noType.body).toMatchObject({ error: { code: "invalid_input" } });
    expect(await db().select().from(users).where(eq(users.accountId, owner.accountId))).toHaveLength(1);
  });

  it("changes a role, and never demotes the last owner", async () => {
    const accountId = await createAccount();
    const owner = await createUser(accountId, { role: "owner" });
    const member = await createUser(accountId, { role: "member" });

    const promoted = await call("PATCH", `/api/users/${member.id}`, owner.headers, { role: "admin" });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ id: member.id, role: "admin" });

    const lastOwner = await call("PATCH", `/api/users/${owner.id}`, owner.headers, { role: "admin" });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body).toMatchObject({ error: { code: "last_owner" } });
    const [stillOwner] = await db().select().from(users).where(eq(users.id, owner.id));
    expect(stillOwner!.role).toBe("owner");

    // With a second owner the first may step down.
    expect((await call("PATCH", `/api/users/${member.id}`, owner.headers, { role: "owner" })).status).toBe(200);
    const stepDown = await call("PATCH", `/api/users/${owner.id}`, owner.headers, { role: "member" });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body).toMatchObject({ role: "member" });
  });

  it("lets only an owner grant the owner role or touch an owner", async () => {
    const accountId = await createAccount();
    const owner = await createUser(accountId, { role: "owner" });
    const admin = await createUser(accountId, { role: "admin" });
    const member = await createUser(accountId, { role: "member" });

    expect((await call("PATCH", `/api/users/${member.id}`, admin.headers, { role: "owner" })).status).toBe(403);
    expect((await call("PATCH", `/api/users/${owner.id}`, admin.headers, { role: "member" })).status).toBe(403);
    expect(
      (await call("POST", "/api/users", admin.headers, { email: "boss@users-owner.test", role: "owner" })).status,
    ).toBe(403);
    const ok = await call("PATCH", `/api/users/${member.id}`, admin.headers, { role: "admin" });
    expect(ok.status).toBe(200);
    const roles = await db()
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.accountId, accountId));
    expect(Object.fromEntries(roles.map((r) => [r.id, r.role]))).toEqual({
      [owner.id]: "owner",
      [admin.id]: "admin",
      [member.id]: "admin",
    });
  });

  it("refuses members on every users route (403) and anyone without a session (401)", async () => {
    const accountId = await createAccount();
    const member = await createUser(accountId, { role: "member" });
    const calls: [string, string, unknown?][] = [
      ["GET", "/api/users"],
      ["POST", "/api/users", { email: "x@users-403.test" }],
      ["PATCH", `/api/users/${member.id}`, { role: "admin" }],
      ["DELETE", `/api/users/${member.id}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(method, path, member.headers, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatchObject({ error: { code: "forbidden" } });
      const anonymous = await call(method, path, { "content-type": "application/json" }, body);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
    }
    const [row] = await db().select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ role: "member", removedAt: null });
  });

  it("answers another account's user ids exactly like unknown ids (404)", async () => {
    const ownerA = await createUser(await createAccount(), { role: "owner" });
    const userB = await createUser(await createAccount(), { role: "member" });
    const foreign = await call("PATCH", `/api/users/${userB.id}`, ownerA.headers, { role: "admin" });
    const unknown = await call("PATCH", `/api/users/${crypto.randomUUID()}`, ownerA.headers, { role: "admin" });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body).toEqual(unknown.body);
    const removeForeign = await call("DELETE", `/api/users/${userB.id}`, ownerA.headers);
    expect(removeForeign.status).toBe(404);
    expect(removeForeign.body).toEqual(unknown.body);
    const [row] = await db().select().from(users).where(eq(users.id, userB.id));
    expect(row).toMatchObject({ role: "member", removedAt: null });
    expect((await call("GET", "/api/me", userB.headers)).status).toBe(200);
  });
});
