import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody, Invitation, InvitationAccepted, Items, Me, User } from "../../../shared/contract";
import { invitations, members, timeLogs, users } from "../../../worker/db/schema";
import { createMember, insertTimeLog } from "../members/fixtures";
import { createAccount, createInvitedUser, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";

/** An account whose owner invites; and a person (with an account of their own) whose Toggl email is `email`. */
async function scene(email = `${crypto.randomUUID().slice(0, 8)}@invitee.test`) {
  const accountId = await createAccount("Acme");
  const owner = await createUser(accountId, { role: "owner", name: "Olga" });
  const person = await createUser(await createAccount("Own"), { role: "owner", email });
  return { accountId, owner, person, email };
}

const invite = (admin: { headers: Record<string, string> }, email: string, role = "member") =>
  call<User>("POST", "/api/users", admin.headers, { email, role });
const listFor = (who: { headers: Record<string, string> }) =>
  call<Items<Invitation>>("GET", "/api/invitations", who.headers);
const membershipsOf = async (who: { headers: Record<string, string> }) =>
  (await call<Me>("GET", "/api/me", who.headers)).body.memberships.map((m) => m.account.id);

describe("invitations", () => {
  it("lists the signed-in person's pending invitations, addressed to their Toggl email, and nobody else's", async () => {
    const s = await scene();
    const other = await createAccount("Other team");
    const otherOwner = await createUser(other, { role: "owner", name: "Oscar" });
    expect((await invite(s.owner, s.email.toUpperCase(), "admin")).status).toBe(201);
    expect((await invite(otherOwner, s.email)).status).toBe(201);
    await invite(s.owner, `someone-else-${s.email}`);
    await createInvitedUser(await createAccount("Stale"), { email: s.email, expiresAt: new Date(Date.now() - 1000) });

    const res = await listFor(s.person);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items.map((i) => [i.account.name, i.role, i.status, i.invitedBy?.name]).sort()).toEqual([
      ["Acme", "admin", "pending", "Olga"],
      ["Other team", "member", "pending", "Oscar"],
    ]);
    // The inviter sees none of them: they are addressed to someone else.
    expect((await listFor(s.owner)).body.items).toEqual([]);
  });

  it("accepting joins the account with the invited role; mappings made while invited and their Time Logs come along", async () => {
    const s = await scene();
    const seat = (await invite(s.owner, s.email, "admin")).body;
    const connection = await seedConnection({ accountId: s.accountId, owner: s.owner });
    const member = await createMember(s.accountId, connection.workspaceId, {
      togglUserId: s.person.togglUserId,
      userId: seat.id,
      match: "manual",
    });
    const logId = await insertTimeLog(s.accountId, connection, s.person.togglUserId, seat.id);

    const [pending] = (await listFor(s.person)).body.items;
    const res = await call<InvitationAccepted>("POST", `/api/invitations/${pending!.id}/accept`, s.person.headers);
    expect(res.status, res.text).toBe(200);
    expect(res.body.invitation.status).toBe("accepted");
    expect(res.body.membership).toMatchObject({
      account: { id: s.accountId, name: "Acme" },
      role: "admin",
      userId: seat.id,
    });

    expect(await membershipsOf(s.person)).toContain(s.accountId);
    const [row] = await db().select().from(users).where(eq(users.id, seat.id));
    // Invited by email alone: the person's own name fills in.
    expect(row).toMatchObject({
      personId: s.person.personId,
      togglUserId: s.person.togglUserId,
      role: "admin",
      name: s.email.split("@")[0],
    });
    const [mapped] = await db().select().from(members).where(eq(members.id, member.id));
    expect(mapped!.userId).toBe(seat.id);
    const [log] = await db().select().from(timeLogs).where(eq(timeLogs.id, logId));
    expect(log!.userId).toBe(seat.id);
    // Listed no more; the owner sees them joined.
    expect((await listFor(s.person)).body.items).toEqual([]);
    const listed = await call<Items<User>>("GET", "/api/users", s.owner.headers);
    expect(listed.body.items.find((u) => u.id === seat.id)).toMatchObject({ status: "active", invitation: null });
  });

  it("a declined invitation never joins, and cannot be accepted afterwards", async () => {
    const s = await scene();
    await invite(s.owner, s.email);
    const [pending] = (await listFor(s.person)).body.items;
    const declined = await call<Invitation>("POST", `/api/invitations/${pending!.id}/decline`, s.person.headers);
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe("declined");

    const late = await call<ApiErrorBody>("POST", `/api/invitations/${pending!.id}/accept`, s.person.headers);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("invitation_declined");
    expect(await membershipsOf(s.person)).not.toContain(s.accountId);
    const users_ = await call<Items<User>>("GET", "/api/users", s.owner.headers);
    expect(users_.body.items.find((u) => u.email === s.email)?.invitation?.status).toBe("declined");
  });

  it("a revoked invitation never joins: the admin's removal of the invited user ends it", async () => {
    const s = await scene();
    const seat = (await invite(s.owner, s.email)).body;
    const [pending] = (await listFor(s.person)).body.items;

    const revoked = await call("DELETE", `/api/users/${seat.id}`, s.owner.headers);
    expect(revoked.status).toBe(200);
    expect((await listFor(s.person)).body.items).toEqual([]);
    const late = await call<ApiErrorBody>("POST", `/api/invitations/${pending!.id}/accept`, s.person.headers);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("invitation_revoked");
    expect(await membershipsOf(s.person)).not.toContain(s.accountId);
    const listed = await call<Items<User>>("GET", "/api/users", s.owner.headers);
    expect(listed.body.items.map((u) => u.id)).not.toContain(seat.id);
  });

  it("an expired invitation is not listed and never joins", async () => {
    const s = await scene();
    const seat = await createInvitedUser(s.accountId, { email: s.email, expiresAt: new Date(Date.now() - 60_000) });
    expect((await listFor(s.person)).body.items).toEqual([]);
    const late = await call<ApiErrorBody>("POST", `/api/invitations/${seat.invitationId}/accept`, s.person.headers);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("invitation_expired");
    expect(await membershipsOf(s.person)).not.toContain(s.accountId);
    const [row] = await db().select().from(users).where(eq(users.id, seat.id));
    expect(row!.personId).toBeNull();
  });

  it("someone else's invitation answers 404 to accept and decline, exactly like an unknown one, and stays pending", async () => {
    const s = await scene();
    await invite(s.owner, s.email);
    const [pending] = (await listFor(s.person)).body.items;
    const stranger = await createUser(await createAccount(), { role: "owner" });

    const accept = await call<ApiErrorBody>("POST", `/api/invitations/${pending!.id}/accept`, stranger.headers);
    const decline = await call<ApiErrorBody>("POST", `/api/invitations/${pending!.id}/decline`, stranger.headers);
    const unknown = await call<ApiErrorBody>(
      "POST",
      `/api/invitations/${crypto.randomUUID()}/accept`,
      stranger.headers,
    );
    expect([accept.status, decline.status, unknown.status]).toEqual([404, 404, 404]);
    expect(accept.body).toEqual(unknown.body);
    // Not even the inviter can accept on the invitee's behalf.
    expect((await call("POST", `/api/invitations/${pending!.id}/accept`, s.owner.headers)).status).toBe(404);

    const [row] = await db().select().from(invitations).where(eq(invitations.id, pending!.id));
    expect(row!.status).toBe("pending");
    expect(await membershipsOf(stranger)).not.toContain(s.accountId);
    expect((await call("GET", "/api/invitations", { "content-type": "application/json" })).status).toBe(401);
  });

  it("accepting twice, or twice at once, joins once", async () => {
    const s = await scene();
    const seat = (await invite(s.owner, s.email)).body;
    const [pending] = (await listFor(s.person)).body.items;
    const path = `/api/invitations/${pending!.id}/accept`;
    const [a, b] = await Promise.all([call("POST", path, s.person.headers), call("POST", path, s.person.headers)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const rows = await db()
      .select()
      .from(users)
      .where(and(eq(users.accountId, s.accountId), eq(users.personId, s.person.personId)));
    expect(rows.map((r) => r.id)).toEqual([seat.id]);
  });

  it("an invitation to someone already in the account folds its seat into their membership, keeping the stronger role", async () => {
    const s = await scene();
    const inside = await createUser(s.accountId, { role: "member", personId: s.person.personId });
    const seat = await createInvitedUser(s.accountId, { email: s.email, role: "admin" });
    const connection = await seedConnection({ accountId: s.accountId, owner: s.owner });
    const member = await createMember(s.accountId, connection.workspaceId, { userId: seat.id, match: "manual" });
    const logId = await insertTimeLog(s.accountId, connection, member.togglUserId, seat.id);

    const res = await call<InvitationAccepted>(
      "POST",
      `/api/invitations/${seat.invitationId}/accept`,
      s.person.headers,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.membership).toMatchObject({ userId: inside.id, role: "admin" });
    const [mapped] = await db().select().from(members).where(eq(members.id, member.id));
    expect(mapped!.userId).toBe(inside.id);
    const [log] = await db().select().from(timeLogs).where(eq(timeLogs.id, logId));
    expect(log!.userId).toBe(inside.id);
    const [closed] = await db().select().from(users).where(eq(users.id, seat.id));
    expect(closed!.removedAt).not.toBeNull();
  });

  it("changing an invited user's role changes the role the invitation offers", async () => {
    const s = await scene();
    const seat = (await invite(s.owner, s.email, "member")).body;
    expect((await call("PATCH", `/api/users/${seat.id}`, s.owner.headers, { role: "admin" })).status).toBe(200);
    const [pending] = (await listFor(s.person)).body.items;
    expect(pending!.role).toBe("admin");
  });
});
