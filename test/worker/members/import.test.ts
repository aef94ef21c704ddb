import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { members, quotaBudgets, users } from "../../../worker/db/schema";
import { importMembers } from "../../../worker/features/members/import";
import { storeCredential, togglClientFor } from "../../../worker/toggl/credentials";
import { TogglClient } from "../../../worker/toggl/client";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { createAccount, createInvitedUser, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";
import { insertTimeLog, timeLogUsers } from "./fixtures";

const control = new StandInControl(env.TOGGL_API_URL);
let run = 0;

/** A Toggl organisation of its own and a Hourline account whose admin is its Toggl admin. */
async function setup(
  extra: { members?: { key: string; email: string; fullname?: string }[]; secondWorkspace?: string[] } = {},
) {
  const tag = `imp${++run}`;
  const seeded = await control.seed({
    plan: "starter",
    users: [{ key: "boss", email: `boss@${tag}.test`, fullname: "Bo Boss" }, ...(extra.members ?? [])],
    workspaces: [
      { key: "main", name: "Main", admins: ["boss"], members: (extra.members ?? []).map((m) => m.key) },
      ...(extra.secondWorkspace
        ? [{ key: "second", name: "Second", admins: ["boss"], members: extra.secondWorkspace }]
        : []),
    ],
  });
  const accountId = await createAccount(`Account ${tag}`);
  const boss = seeded.users.boss!;
  const admin = await createUser(accountId, { role: "owner", email: `boss@${tag}.test`, togglUserId: String(boss.id) });
  const toggl = new TogglClient({ baseUrl: env.TOGGL_API_URL, apiToken: boss.apiToken });
  const workspaceId = String(seeded.workspaces.main!.id);
  const connection = await seedConnection({ accountId, owner: admin, workspaceId, workspaceName: "Main" });
  const runImport = (wid = workspaceId) =>
    importMembers({ db: db(), accountId, workspaceId: wid, toggl, now: new Date() });
  const member = async (togglUserId: number, wid = workspaceId) => {
    const [row] = await db()
      .select()
      .from(members)
      .where(
        and(
          eq(members.accountId, accountId),
          eq(members.workspaceId, wid),
          eq(members.togglUserId, String(togglUserId)),
        ),
      );
    return row;
  };
  return { tag, seeded, accountId, admin, boss, toggl, workspaceId, connection, runImport, member };
}

describe("importMembers", () => {
  it("upserts members keyed by the global Toggl user id, with one request, and is idempotent", async () => {
    const s = await setup({ members: [{ key: "ann", email: "Ann.Example@Import.TEST", fullname: "Ann Example" }] });
    const ann = s.seeded.users.ann!;
    const first = await s.runImport();
    expect(first).toEqual({ itemsChanged: 2, requests: 1 });
    expect(await s.member(ann.id)).toMatchObject({
      email: "ann.example@import.test",
      name: "Ann Example",
      active: true,
      userId: null,
      match: null,
    });
    // The boss is the admin's own Toggl identity: matched.
    expect(await s.member(s.boss.id)).toMatchObject({ userId: s.admin.id, match: "email", togglRole: "admin" });

    expect(await s.runImport()).toEqual({ itemsChanged: 0, requests: 1 });
    expect(await db().select().from(members).where(eq(members.accountId, s.accountId))).toHaveLength(2);
  });

  it("matches emails that differ only in case or whitespace, and the member's earlier Time Logs follow", async () => {
    const s = await setup({ members: [{ key: "cy", email: "CY.Case@Import.Test" }] });
    const cy = s.seeded.users.cy!;
    const local = await createInvitedUser(s.accountId, { email: "cy.case@import.test" });
    await insertTimeLog(s.accountId, s.connection, String(cy.id));

    await s.runImport();
    expect(await s.member(cy.id)).toMatchObject({ userId: local.id, match: "email" });
    expect(await timeLogUsers(s.accountId, String(cy.id))).toEqual([local.id]);
  });

  it("maps the same person in two workspaces to one user", async () => {
    const s = await setup({ members: [{ key: "dee", email: "dee@import-two.test" }], secondWorkspace: ["dee"] });
    const dee = s.seeded.users.dee!;
    const secondId = String(s.seeded.workspaces.second!.id);
    const local = await createInvitedUser(s.accountId, { email: "dee@import-two.test" });
    await s.runImport();
    await s.runImport(secondId);
    expect(await s.member(dee.id)).toMatchObject({ userId: local.id });
    expect(await s.member(dee.id, secondId)).toMatchObject({ userId: local.id });
    expect(await db().select().from(users).where(eq(users.email, "dee@import-two.test"))).toHaveLength(1);
  });

  it("keeps a manual mapping across a re-import after the member's email changed in Toggl", async () => {
    const s = await setup({ members: [{ key: "eve", email: "eve@import-manual.test" }] });
    const eve = s.seeded.users.eve!;
    const other = await createInvitedUser(s.accountId, { email: "eve@import-manual.test" });
    const chosen = await createInvitedUser(s.accountId, { email: "eve.personal@elsewhere.test" });
    await s.runImport();
    expect(await s.member(eve.id)).toMatchObject({ userId: other.id, match: "email" });

    // The admin decides by hand; then Eve changes her email in Toggl.
    const row = (await s.member(eve.id))!;
    await db().update(members).set({ userId: chosen.id, match: "manual" }).where(eq(members.id, row.id));
    await control.updateUser(eve.id, { email: "eve.renamed@import-manual.test" });

    const result = await s.runImport();
    expect(result.itemsChanged).toBe(1);
    expect(await s.member(eve.id)).toMatchObject({
      email: "eve.renamed@import-manual.test",
      userId: chosen.id,
      match: "manual",
    });
  });

  it("drops an email match when the email no longer matches anyone, and re-links the Time Logs", async () => {
    const s = await setup({ members: [{ key: "fin", email: "fin@import-drop.test" }] });
    const fin = s.seeded.users.fin!;
    const local = await createInvitedUser(s.accountId, { email: "fin@import-drop.test" });
    await insertTimeLog(s.accountId, s.connection, String(fin.id));
    await s.runImport();
    expect(await timeLogUsers(s.accountId, String(fin.id))).toEqual([local.id]);

    await control.updateUser(fin.id, { email: "fin@new-employer.test" });
    await s.runImport();
    expect(await s.member(fin.id)).toMatchObject({ userId: null, match: null });
    expect(await timeLogUsers(s.accountId, String(fin.id))).toEqual([null]);
  });

  it("keeps an admin's unmapping across re-imports instead of re-matching by email", async () => {
    const s = await setup({ members: [{ key: "ida", email: "ida@import-unmap.test" }] });
    const ida = s.seeded.users.ida!;
    await createInvitedUser(s.accountId, { email: "ida@import-unmap.test" });
    await s.runImport();
    const row = (await s.member(ida.id))!;
    expect(row.userId).not.toBeNull();

    const res = await call("PUT", `/api/members/${row.id}/user`, s.admin.headers, { userId: null });
    expect(res.status).toBe(200);
    await s.runImport();
    expect(await s.member(ida.id)).toMatchObject({ userId: null, match: "manual" });
  });

  it("records whether each member accepted Toggl's invitation to the workspace (is_active), and follows it", async () => {
    const s = await setup({ members: [{ key: "ivy", email: "ivy@import-joined.test" }] });
    const ivy = s.seeded.users.ivy!;
    const wid = s.seeded.workspaces.main!.id;
    await control.addMember(wid, { userId: ivy.id, pending: true });
    await s.runImport();
    expect(await s.member(ivy.id)).toMatchObject({ joined: false, active: true });
    expect(await s.member(s.boss.id)).toMatchObject({ joined: true });

    await control.addMember(wid, { userId: ivy.id });
    expect((await s.runImport()).itemsChanged).toBe(1);
    expect(await s.member(ivy.id)).toMatchObject({ joined: true, active: true });

    await control.addMember(wid, { userId: ivy.id, inactive: true });
    await s.runImport();
    expect(await s.member(ivy.id)).toMatchObject({ joined: true, active: false });
  });

  it("marks people who left the workspace inactive, never deleting them or their mapping", async () => {
    const s = await setup({ members: [{ key: "gus", email: "gus@import-leave.test" }] });
    const gus = s.seeded.users.gus!;
    const local = await createInvitedUser(s.accountId, { email: "gus@import-leave.test" });
    await s.runImport();
    await control.removeMember(s.seeded.workspaces.main!.id, gus.id);

    const result = await s.runImport();
    expect(result.itemsChanged).toBe(1);
    expect(await s.member(gus.id)).toMatchObject({ active: false, userId: local.id, match: "email" });
  });
});

describe("togglClientFor", () => {
  it("builds a client from the encrypted credential and records the quota Toggl reports", async () => {
    const s = await setup({ members: [{ key: "hal", email: "hal@import-cred.test" }] });
    const credentialId = await storeCredential(env, db(), {
      personId: s.admin.personId,
      togglUserId: String(s.boss.id),
      apiToken: s.boss.apiToken,
      timezone: "UTC",
    });
    const toggl = await togglClientFor(env, db(), credentialId, "background");
    const result = await importMembers({
      db: db(),
      accountId: s.accountId,
      workspaceId: s.workspaceId,
      toggl,
      now: new Date(),
    });
    expect(result.requests).toBe(1);
    expect(await s.member(s.seeded.users.hal!.id)).toMatchObject({ email: "hal@import-cred.test" });

    const budgets = await db().select().from(quotaBudgets).where(eq(quotaBudgets.credentialId, credentialId));
    expect(budgets).toHaveLength(1);
    expect(budgets[0]).toMatchObject({ remaining: expect.any(Number) });
    expect(budgets[0]!.remaining).toBeLessThan(240);
  });

  it("keeps background work off a bucket Toggl says is exhausted, without sending anything", async () => {
    const s = await setup();
    const credentialId = await storeCredential(env, db(), {
      personId: s.admin.personId,
      togglUserId: String(s.boss.id),
      apiToken: s.boss.apiToken,
    });
    await control.exhaustQuota(s.boss.apiToken, "organization");
    const first = await togglClientFor(env, db(), credentialId, "background");
    await expect(first.workspaceUsers(s.workspaceId)).rejects.toMatchObject({ kind: "quota" });
    const sent = (await control.requestLog({ token: s.boss.apiToken })).total;

    // A later invocation reads the pause from D1 and does not call Toggl at all.
    const later = await togglClientFor(env, db(), credentialId, "background");
    await expect(later.workspaceUsers(s.workspaceId)).rejects.toMatchObject({ kind: "budget" });
    expect((await control.requestLog({ token: s.boss.apiToken })).total).toBe(sent);
  });
});
