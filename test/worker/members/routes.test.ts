import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Member, MemberInvited } from "../../../shared/contract";
import { members, users } from "../../../worker/db/schema";
import { createAccount, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";
import { createMember, insertTimeLog, memberRow, timeLogUsers } from "./fixtures";

async function adminWithWorkspace() {
  const accountId = await createAccount();
  const admin = await createUser(accountId, { role: "admin" });
  const connection = await seedConnection({ accountId, owner: admin, workspaceName: "Studio" });
  return { accountId, admin, connection };
}

describe("GET /api/members", () => {
  it("lists the account's members with workspace name, match and user, filtered by matched/unmatched", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const mapped = await createMember(accountId, connection.workspaceId, {
      name: "Ada",
      userId: admin.id,
      match: "email",
      email: admin.email,
    });
    const loose = await createMember(accountId, connection.workspaceId, { name: "Bo" });
    const other = await adminWithWorkspace();
    await createMember(other.accountId, other.connection.workspaceId, { name: "Stranger" });

    const all = (await call<{ items: Member[] }>("GET", "/api/members", admin.headers)).body;
    expect(all.items.map((m) => m.id).sort()).toEqual([mapped.id, loose.id].sort());
    expect(all.items.find((m) => m.id === mapped.id)).toMatchObject({
      workspaceId: connection.workspaceId,
      workspaceName: "Studio",
      togglUserId: mapped.togglUserId,
      name: "Ada",
      active: true,
      match: "email",
      user: { id: admin.id, email: admin.email },
    });

    const matched = (await call<{ items: Member[] }>("GET", "/api/members?filter=matched", admin.headers)).body;
    expect(matched.items.map((m) => m.id)).toEqual([mapped.id]);
    const unmatched = (await call<{ items: Member[] }>("GET", "/api/members?filter=unmatched", admin.headers)).body;
    expect(unmatched.items.map((m) => m.id)).toEqual([loose.id]);
    expect(unmatched.items[0]).toMatchObject({ match: null, user: null });

    const bad = await call("GET", "/api/members?filter=some", admin.headers);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "invalid_input" } });
  });
});

describe("PUT /api/members/:id/user", () => {
  it("maps by hand, and the member's existing Time Logs show under the user at once", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const person = await createUser(accountId, { email: "different@elsewhere.test" });
    const member = await createMember(accountId, connection.workspaceId, { email: "toggl-only@studio.test" });
    await insertTimeLog(accountId, connection, member.togglUserId);
    await insertTimeLog(accountId, connection, member.togglUserId);
    expect(await timeLogUsers(accountId, member.togglUserId)).toEqual([null, null]);

    const res = await call("PUT", `/api/members/${member.id}/user`, admin.headers, { userId: person.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: member.id,
      match: "manual",
      user: { id: person.id, email: "different@elsewhere.test" },
    });
    expect(await timeLogUsers(accountId, member.togglUserId)).toEqual([person.id, person.id]);

    // The Time Logs endpoint is another feature; D1 is the truth for what it will show.
    expect(await memberRow(member.id)).toMatchObject({ userId: person.id, match: "manual" });
  });

  it("unmaps with null: the member is listed as unmatched and its Time Logs belong to nobody", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const member = await createMember(accountId, connection.workspaceId, {
      email: admin.email,
      userId: admin.id,
      match: "email",
    });
    await insertTimeLog(accountId, connection, member.togglUserId, admin.id);

    const res = await call("PUT", `/api/members/${member.id}/user`, admin.headers, { userId: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: member.id, match: null, user: null });
    expect(await timeLogUsers(accountId, member.togglUserId)).toEqual([null]);
    const unmatched = (await call<{ items: Member[] }>("GET", "/api/members?filter=unmatched", admin.headers)).body;
    expect(unmatched.items.map((m) => m.id)).toEqual([member.id]);
  });

  it("answers 404 for another account's member or user, exactly like unknown ids, and changes nothing", async () => {
    const a = await adminWithWorkspace();
    const b = await adminWithWorkspace();
    const memberA = await createMember(a.accountId, a.connection.workspaceId);
    const memberB = await createMember(b.accountId, b.connection.workspaceId);

    const foreignMember = await call("PUT", `/api/members/${memberB.id}/user`, a.admin.headers, { userId: a.admin.id });
    const unknownMember = await call("PUT", `/api/members/${crypto.randomUUID()}/user`, a.admin.headers, {
      userId: a.admin.id,
    });
    expect(foreignMember.status).toBe(404);
    expect(unknownMember.status).toBe(404);
    expect(foreignMember.body).toEqual(unknownMember.body);

    const foreignUser = await call("PUT", `/api/members/${memberA.id}/user`, a.admin.headers, { userId: b.admin.id });
    const unknownUser = await call("PUT", `/api/members/${memberA.id}/user`, a.admin.headers, {
      userId: crypto.randomUUID(),
    });
    expect(foreignUser.status).toBe(404);
    expect(unknownUser.status).toBe(404);
    expect(foreignUser.body).toEqual(unknownUser.body);

    const inviteForeign = await call("POST", `/api/members/${memberB.id}/invite`, a.admin.headers);
    expect(inviteForeign.status).toBe(404);

    expect(await memberRow(memberA.id)).toMatchObject({ userId: null, match: null });
    expect(await memberRow(memberB.id)).toMatchObject({ userId: null, match: null });
    expect(await db().select().from(users).where(eq(users.accountId, b.accountId))).toHaveLength(1);
  });

  it("answers 400 for a body without userId", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const member = await createMember(accountId, connection.workspaceId);
    const res = await call("PUT", `/api/members/${member.id}/user`, admin.headers, {});
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "invalid_input" } });
  });
});

describe("POST /api/members/:id/invite", () => {
  it("creates exactly one user from the member and maps it; twice gives the same user", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const member = await createMember(accountId, connection.workspaceId, {
      email: "grace@studio.test",
      name: "Grace Hopper",
    });
    await insertTimeLog(accountId, connection, member.togglUserId);

    const first = await call("POST", `/api/members/${member.id}/invite`, admin.headers);
    expect(first.status).toBe(201);
    const invited = first.body as MemberInvited;
    expect(invited).toMatchObject({
      created: true,
      user: { email: "grace@studio.test", name: "Grace Hopper", role: "member", linked: false },
      member: { id: member.id, match: "manual" },
    });
    expect(invited.member.user?.id).toBe(invited.user.id);
    expect(await timeLogUsers(accountId, member.togglUserId)).toEqual([invited.user.id]);

    const second = await call("POST", `/api/members/${member.id}/invite`, admin.headers);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: false, user: { id: invited.user.id } });
    const graces = await db().select().from(users).where(eq(users.email, "grace@studio.test"));
    expect(graces).toHaveLength(1);
  });

  it("also maps the same person in another workspace, matched by email", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const second = await seedConnection({ accountId, owner: admin, workspaceName: "Second studio" });
    const togglUserId = "8000000001";
    const one = await createMember(accountId, connection.workspaceId, { email: "lin@studio.test", togglUserId });
    const two = await createMember(accountId, second.workspaceId, { email: "lin@studio.test", togglUserId });

    const res = await call("POST", `/api/members/${one.id}/invite`, admin.headers);
    const { user } = res.body as MemberInvited;
    expect(await memberRow(one.id)).toMatchObject({ userId: user.id, match: "manual" });
    expect(await memberRow(two.id)).toMatchObject({ userId: user.id, match: "email" });
  });

  it("refuses a member without an email (409) and creates nobody", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const member = await createMember(accountId, connection.workspaceId, { email: "" });
    const res = await call("POST", `/api/members/${member.id}/invite`, admin.headers);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: "member_without_email" } });
    expect(await db().select().from(users).where(eq(users.accountId, accountId))).toHaveLength(1);
  });
});

describe("adding a user by email", () => {
  it("matches unmatched members whose email differs only in case or whitespace, and their Time Logs follow", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const member = await createMember(accountId, connection.workspaceId, { email: "  Kim.Lee@Studio.TEST " });
    await insertTimeLog(accountId, connection, member.togglUserId);

    const res = await call("POST", "/api/users", admin.headers, { email: "kim.lee@studio.test", name: "Kim" });
    expect(res.status).toBe(201);
    const user = res.body as { id: string };
    expect(await memberRow(member.id)).toMatchObject({ userId: user.id, match: "email" });
    expect(await timeLogUsers(accountId, member.togglUserId)).toEqual([user.id]);
  });
});

describe("roles", () => {
  it("refuses members on every member route (403) and changes nothing", async () => {
    const { accountId, admin, connection } = await adminWithWorkspace();
    const member = await createUser(accountId, { role: "member" });
    const m = await createMember(accountId, connection.workspaceId, { email: "someone@studio.test" });
    const calls: [string, string, unknown?][] = [
      ["GET", "/api/members"],
      ["PUT", `/api/members/${m.id}/user`, { userId: member.id }],
      ["POST", `/api/members/${m.id}/invite`],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(method, path, member.headers, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect(admin.id).toBeTruthy();
    expect(await db().select().from(members).where(eq(members.id, m.id))).toMatchObject([
      { userId: null, match: null },
    ]);
    expect(await db().select().from(users).where(eq(users.email, "someone@studio.test"))).toHaveLength(0);
  });
});
