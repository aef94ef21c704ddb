import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type {
  ApiErrorBody,
  Connection,
  InvitationAccepted,
  Items,
  Member,
  Overview,
  Page,
  SessionCreated,
  TimeLog,
  User,
  UserRemoved,
} from "../../../shared/contract";
import { connections, members, togglCredentials, users } from "../../../worker/db/schema";
import { ensureJob } from "../../../worker/sync/jobs";
import { runConnectionWork } from "../../../worker/sync/runner";
import { storeCredential } from "../../../worker/toggl/credentials";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { createMember, insertTimeLog } from "../members/fixtures";
import { createAccount, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";

const control = new StandInControl(env.TOGGL_API_URL);
const json = { "content-type": "application/json" };
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, ...json });
const signIn = (togglApiToken: string) => call<SessionCreated>("POST", "/api/session", json, { togglApiToken });
const sent = async (token: string) => (await control.requestLog({ token })).total;

/**
 * A Toggl workspace with its admins Olga and Bob and a plain member Carl, and a Hourline account
 * owned by Ozzy (not in the workspace) where all three are admins with their own tokens. Olga owns
 * the connection.
 */
async function team() {
  const stamp = crypto.randomUUID().slice(0, 8);
  const seeded = await control.seed({
    plan: "starter",
    users: [
      { key: "olga", email: `olga-${stamp}@removal.test`, fullname: "Olga Owner" },
      { key: "carl", email: `carl-${stamp}@removal.test`, fullname: "Carl Plain" },
      { key: "bob", email: `bob-${stamp}@removal.test`, fullname: "Bob Admin" },
    ],
    workspaces: [{ key: "w", name: `Studio ${stamp}`, admins: ["olga", "bob"], members: ["carl"] }],
  });
  const accountId = await createAccount("Studio team");
  const ozzy = await createUser(accountId, { role: "owner", name: "Ozzy" });
  const joined = async (key: "olga" | "carl" | "bob") => {
    const t = seeded.users[key]!;
    const user = await createUser(accountId, { role: "admin", togglUserId: String(t.id), name: key, email: t.email });
    const credentialId = await storeCredential(env, db(), {
      personId: user.personId,
      togglUserId: String(t.id),
      apiToken: t.apiToken,
    });
    return { ...user, credentialId, token: t.apiToken };
  };
  const olga = await joined("olga");
  const carl = await joined("carl");
  const bob = await joined("bob");
  const workspaceId = String(seeded.workspaces.w!.id);
  const connection = await seedConnection({
    accountId,
    owner: olga,
    credentialId: olga.credentialId,
    workspaceId,
    organizationId: String(seeded.organizationId),
    workspaceName: `Studio ${stamp}`,
  });
  return { seeded, accountId, ozzy, olga, carl, bob, workspaceId, connection };
}

describe("removing a person from an account", () => {
  it("ends their sessions there at once, clears their mapping, keeps their Time Logs, and they cannot sign back in there", async () => {
    const stamp = crypto.randomUUID().slice(0, 8);
    const seeded = await control.seed({
      users: [
        { key: "boss", email: `boss-${stamp}@leave.test`, fullname: "Bea Boss" },
        { key: "ann", email: `ann-${stamp}@leave.test`, fullname: "Ann Leaver" },
      ],
      workspaces: [{ key: "w", admins: ["boss"], members: ["ann"] }],
    });
    const boss = (await signIn(seeded.users.boss!.apiToken)).body;
    const ann = (await signIn(seeded.users.ann!.apiToken)).body;
    const annOwn = ann.account.id;
    await call("POST", "/api/users", bearer(boss.token), { email: seeded.users.ann!.email });
    const [invitation] = (await call<Items<{ id: string }>>("GET", "/api/invitations", bearer(ann.token))).body.items;
    const joined = await call<InvitationAccepted>(
      "POST",
      `/api/invitations/${invitation!.id}/accept`,
      bearer(ann.token),
    );
    const annUserId = joined.body.membership.userId;
    await call("POST", "/api/session/account", bearer(ann.token), { accountId: boss.account.id });
    // A second session of Ann, opened in the team's account (where she worked last).
    const annAgain = (await signIn(seeded.users.ann!.apiToken)).body;
    expect(annAgain.account.id).toBe(boss.account.id);

    const [bossCredential] = await db()
      .select({ id: togglCredentials.id })
      .from(togglCredentials)
      .where(eq(togglCredentials.togglUserId, String(seeded.users.boss!.id)));
    const conn = await seedConnection({
      accountId: boss.account.id,
      owner: { id: boss.user.id, personId: "" },
      credentialId: bossCredential!.id,
      workspaceId: String(seeded.workspaces.w!.id),
    });
    const member = await createMember(boss.account.id, conn.workspaceId, {
      togglUserId: String(seeded.users.ann!.id),
      userId: annUserId,
      match: "email",
    });
    const logId = await insertTimeLog(boss.account.id, conn, String(seeded.users.ann!.id), annUserId);

    const removed = await call<UserRemoved>("DELETE", `/api/users/${annUserId}`, bearer(boss.token));
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body).toEqual({
      user: expect.objectContaining({ id: annUserId, status: "removed" }),
      connections: [],
    });

    for (const token of [ann.token, annAgain.token]) {
      const next = await call<ApiErrorBody>("GET", "/api/me", bearer(token));
      expect(next.status).toBe(401);
      expect(next.body.error.code).toBe("unauthenticated");
    }
    const [mapping] = await db().select().from(members).where(eq(members.id, member.id));
    expect(mapping).toMatchObject({ userId: null, match: null });
    const logs = await call<Page<TimeLog>>("GET", "/api/time-logs?userId=all", bearer(boss.token));
    expect(logs.body.items.find((l) => l.id === logId)?.user).toMatchObject({ id: annUserId });
    const listed = await call<Items<User>>("GET", "/api/users", bearer(boss.token));
    expect(listed.body.items.map((u) => u.id)).not.toContain(annUserId);
    // The member import maps her to nobody again, not even by email.
    const members_ = await call<Items<Member>>("GET", "/api/members", bearer(boss.token));
    expect(members_.body.items.find((m) => m.id === member.id)?.user).toBeNull();

    // Signing in again opens her own account; the team's is not hers any more.
    const back = await signIn(seeded.users.ann!.apiToken);
    expect(back.status).toBe(201);
    expect(back.body.account.id).toBe(annOwn);
    expect(back.body.memberships.map((m) => m.account.id)).toEqual([annOwn]);
    expect(
      (await call("POST", "/api/session/account", bearer(back.body.token), { accountId: boss.account.id })).status,
    ).toBe(404);
  });

  it("hands the connections they owned to an admin whom Toggl confirms as a workspace admin; they keep syncing with that token", async () => {
    const t = await team();
    const removed = await call<UserRemoved>("DELETE", `/api/users/${t.olga.id}`, t.ozzy.headers);
    expect(removed.status, removed.text).toBe(200);
    // Ozzy (who asked) is not in the workspace and Carl is a plain member there: Toggl says so.
    expect(removed.body.connections).toEqual([
      {
        id: t.connection.id,
        workspaceName: t.connection.workspaceName,
        newOwner: { id: t.bob.id, name: "bob", email: t.bob.email },
      },
    ]);
    const [row] = await db().select().from(connections).where(eq(connections.id, t.connection.id));
    expect(row).toMatchObject({
      ownerUserId: t.bob.id,
      credentialId: t.bob.credentialId,
      ownerProblem: null,
      status: "active",
    });

    const olgaBefore = await sent(t.olga.token);
    const bobBefore = await sent(t.bob.token);
    await ensureJob(db(), { accountId: t.accountId, connectionId: t.connection.id }, "structure", new Date(), {
      restart: true,
    });
    const run = await runConnectionWork(
      env,
      db(),
      { accountId: t.accountId, connectionId: t.connection.id, reason: "manual" },
      { kinds: ["structure"] },
    );
    expect(run?.status).toBe("ok");
    expect(await sent(t.bob.token)).toBeGreaterThan(bobBefore);
    expect(await sent(t.olga.token)).toBe(olgaBefore);
    // Olga's token is still hers (she may work in other accounts): nothing marks it invalid.
    const [olgaCredential] = await db()
      .select()
      .from(togglCredentials)
      .where(eq(togglCredentials.id, t.olga.credentialId));
    expect(olgaCredential!.invalidAt).toBeNull();
  });

  it("without an admin Toggl confirms, the connection needs a new owner and the departed owner's token is never used again", async () => {
    const t = await team();
    // Bob is gone first (a plain removal of an admin who owns nothing).
    expect((await call("DELETE", `/api/users/${t.bob.id}`, t.ozzy.headers)).status).toBe(200);
    const removed = await call<UserRemoved>("DELETE", `/api/users/${t.olga.id}`, t.ozzy.headers);
    expect(removed.body.connections).toEqual([expect.objectContaining({ id: t.connection.id, newOwner: null })]);

    const overview = await call<Overview>("GET", "/api/overview", t.ozzy.headers);
    expect(overview.body.status).toBe("attention");
    expect(overview.body.errors.map((e) => e.message).join(" ")).toMatch(/^Needs a new owner: olga left this account/);
    const listed = await call<Items<Connection>>("GET", "/api/connections", t.ozzy.headers);
    expect(listed.body.items[0]).toMatchObject({ status: "error", ownerProblem: { kind: "owner_left" } });

    const olgaBefore = await sent(t.olga.token);
    await ensureJob(db(), { accountId: t.accountId, connectionId: t.connection.id }, "structure", new Date(), {
      restart: true,
    });
    const run = await runConnectionWork(env, db(), {
      accountId: t.accountId,
      connectionId: t.connection.id,
      reason: "manual",
    });
    expect(run?.status).toBe("failed");
    expect(await sent(t.olga.token)).toBe(olgaBefore);

    // A re-sync by someone Toggl does not call an admin there cannot take it over…
    const refused = await call<ApiErrorBody>("POST", `/api/connections/${t.connection.id}/sync`, t.ozzy.headers);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("needs_new_owner");
    // …a Toggl admin of the workspace who joins the account can.
    const dora = await control.createUser({
      email: `dora-${crypto.randomUUID().slice(0, 8)}@removal.test`,
      fullname: "Dora",
    });
    await control.addMember(Number(t.workspaceId), { userId: dora.id, admin: true });
    const doraUser = await createUser(t.accountId, { role: "admin", togglUserId: String(dora.id), name: "Dora" });
    await storeCredential(env, db(), {
      personId: doraUser.personId,
      togglUserId: String(dora.id),
      apiToken: dora.apiToken,
    });
    const taken = await call<{ connection: Connection }>(
      "POST",
      `/api/connections/${t.connection.id}/sync`,
      doraUser.headers,
    );
    expect(taken.status, taken.text).toBe(200);
    expect(taken.body.connection).toMatchObject({ owner: { id: doraUser.id }, ownerProblem: null });
  });

  it("follows the owner rules: only owners remove owners, and never the last one", async () => {
    const accountId = await createAccount();
    const owner = await createUser(accountId, { role: "owner" });
    const admin = await createUser(accountId, { role: "admin" });
    const member = await createUser(accountId, { role: "member" });

    const byAdmin = await call<ApiErrorBody>("DELETE", `/api/users/${owner.id}`, admin.headers);
    expect(byAdmin.status).toBe(403);
    const last = await call<ApiErrorBody>("DELETE", `/api/users/${owner.id}`, owner.headers);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("last_owner");
    expect((await call("GET", "/api/me", owner.headers)).status).toBe(200);

    // An admin may remove a member, and leave themselves.
    expect((await call("DELETE", `/api/users/${member.id}`, admin.headers)).status).toBe(200);
    expect((await call("GET", "/api/me", member.headers)).status).toBe(401);
    expect((await call("DELETE", `/api/users/${admin.id}`, admin.headers)).status).toBe(200);
    expect((await call("GET", "/api/me", admin.headers)).status).toBe(401);
    const rows = await db().select().from(users).where(eq(users.accountId, accountId));
    expect(rows.filter((u) => u.removedAt === null).map((u) => u.id)).toEqual([owner.id]);
  });

  it("ends only the sessions in that account: the person keeps working in their other accounts", async () => {
    const teamA = await createAccount("A");
    const teamB = await createAccount("B");
    const ownerA = await createUser(teamA, { role: "owner" });
    const inA = await createUser(teamA, { role: "member" });
    const inB = await createUser(teamB, { role: "owner", personId: inA.personId });
    expect((await call("DELETE", `/api/users/${inA.id}`, ownerA.headers)).status).toBe(200);
    expect((await call("GET", "/api/me", inA.headers)).status).toBe(401);
    const me = await call<{ account: { id: string }; memberships: unknown[] }>("GET", "/api/me", inB.headers);
    expect(me.status).toBe(200);
    expect(me.body.account.id).toBe(teamB);
    expect(me.body.memberships).toHaveLength(1);
  });
});
