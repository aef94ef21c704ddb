import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Me, SessionCreated, User } from "../../../shared/contract";
import { accounts, persons, sessions, togglCredentials, users } from "../../../worker/db/schema";
import { identifyPerson } from "../../../worker/features/people/join";
import { decryptSecret, sha256Hex } from "../../../worker/lib/crypto";
import { StandInControl, type Seeded } from "../../toggl-stand-in/control-client.ts";
import { createMember } from "../members/fixtures";
import { seedConnection } from "../support/connections";
import { call as callWorker } from "../support/http";
import { createAccount, createInvitedUser, createUser, db } from "../support/accounts";

const control = new StandInControl(env.TOGGL_API_URL);
let seeded: Seeded;
/** Every Toggl token this file uses: none may ever appear in a response body. */
const tokens = () => Object.values(seeded.users).map((u) => u.apiToken);

async function call<T = unknown>(method: string, path: string, init: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await callWorker<T>(method, `/api${path}`, headers, init.body);
  for (const t of tokens()) expect(res.text, `${method} ${path} leaked a Toggl token`).not.toContain(t);
  return res;
}

const signIn = (togglApiToken: string) => call("POST", "/session", { body: { togglApiToken } });
const togglRequests = async (token: string) => (await control.requestLog({ token })).total;

beforeAll(async () => {
  seeded = await control.seed({
    plan: "starter",
    users: [
      { key: "founder", email: "Founder@Sign-In.test", fullname: "Fay Founder", timezone: "Europe/Berlin" },
      { key: "invitee", email: "Invitee.Person@Sign-In.TEST", fullname: "Ivo Invitee" },
      { key: "mapped", email: "toggl-name@sign-in.test", fullname: "Mo Mapped" },
      { key: "wrong", email: "wrong@sign-in.test" },
      { key: "quota", email: "quota@sign-in.test" },
      { key: "outage", email: "outage@sign-in.test" },
      { key: "leaver", email: "leaver@sign-in.test" },
      { key: "twin", email: "twin@sign-in.test", fullname: "Tess Twin" },
    ],
    workspaces: [
      {
        key: "ws",
        name: "Sign-in studio",
        admins: ["founder"],
        members: ["invitee", "mapped", "wrong", "quota", "outage", "leaver", "twin"],
      },
    ],
  });
});

describe("POST /api/session", () => {
  it("signs a new person in as the owner of a new account named after them, with one Toggl request", async () => {
    const founder = seeded.users.founder!;
    const res = await signIn(founder.apiToken);
    expect(res.status).toBe(201);
    const body = res.body as SessionCreated;
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    expect(body.user).toMatchObject({
      email: "founder@sign-in.test",
      name: "Fay Founder",
      role: "owner",
      linked: true,
    });
    expect(body.account).toEqual({ id: expect.any(String), name: "Fay Founder" });
    expect(await togglRequests(founder.apiToken)).toBe(1);

    expect(body.memberships).toEqual([{ account: body.account, role: "owner", userId: body.user.id, current: true }]);
    const me = await call("GET", "/me", { token: body.token });
    expect(me.status).toBe(200);
    expect(me.body as Me).toEqual({ user: body.user, account: body.account, memberships: body.memberships });

    const [row] = await db().select().from(users).where(eq(users.id, body.user.id));
    expect(row).toMatchObject({ accountId: body.account.id, togglUserId: String(founder.id), role: "owner" });

    // Signing in again finds the same person: same user, same account, one credential, one more request.
    const again = await signIn(founder.apiToken);
    expect(again.status).toBe(201);
    expect((again.body as SessionCreated).user.id).toBe(body.user.id);
    expect((again.body as SessionCreated).account.id).toBe(body.account.id);
    const [person] = await db()
      .select()
      .from(persons)
      .where(eq(persons.togglUserId, String(founder.id)));
    expect(await db().select().from(togglCredentials).where(eq(togglCredentials.personId, person!.id))).toHaveLength(1);
    expect(await togglRequests(founder.apiToken)).toBe(2);
  });

  it("stores the Toggl token encrypted: the raw token is nowhere in D1, and it decrypts back", async () => {
    const founder = seeded.users.founder!;
    const res = await signIn(founder.apiToken);
    expect(res.status).toBe(201);
    const [credential] = await db()
      .select({ c: togglCredentials })
      .from(togglCredentials)
      .innerJoin(persons, eq(persons.id, togglCredentials.personId))
      .where(eq(persons.togglUserId, String(founder.id)))
      .then((rows) => rows.map((r) => r.c));
    expect(credential).toMatchObject({ togglUserId: String(founder.id), timezone: "Europe/Berlin", invalidAt: null });
    expect(credential!.tokenCiphertext).not.toContain(founder.apiToken);
    expect(await decryptSecret(env.TOKEN_ENCRYPTION_KEY, credential!.tokenCiphertext)).toBe(founder.apiToken);

    const tables = await env.DB.prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%'",
    ).all<{ name: string }>();
    expect(tables.results.length).toBeGreaterThan(5);
    for (const { name } of tables.results) {
      const rows = await env.DB.prepare(`select * from "${name}"`).all();
      const dump = JSON.stringify(rows.results);
      for (const t of tokens()) expect(dump, `table ${name}`).not.toContain(t);
    }
  });

  it("never joins an account by email at sign-in: the invitation waits for the person to accept it", async () => {
    const owner = (await signIn(seeded.users.founder!.apiToken)).body as SessionCreated;
    const added = await call<User>("POST", "/users", {
      token: owner.token,
      body: { email: "  invitee.person@sign-in.test ", name: "Ivo", role: "admin" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ status: "invited", linked: false, invitation: { status: "pending" } });

    // Toggl's email matches in another case and spacing: the person gets their own account, not the inviter's.
    const res = await signIn(seeded.users.invitee!.apiToken);
    expect(res.status).toBe(201);
    const body = res.body as SessionCreated;
    expect(body.account.id).not.toBe(owner.account.id);
    expect(body.memberships.map((m) => m.account.id)).toEqual([body.account.id]);
    expect(await togglRequests(seeded.users.invitee!.apiToken)).toBe(1);
    const [seat] = await db().select().from(users).where(eq(users.id, added.body.id));
    expect(seat).toMatchObject({ personId: null, togglUserId: null, removedAt: null });

    // It is theirs to accept: then they are in, with the role they were invited with.
    const pending = await call<{ items: { id: string; account: { id: string }; role: string }[] }>(
      "GET",
      "/invitations",
      {
        token: body.token,
      },
    );
    expect(pending.body.items).toEqual([expect.objectContaining({ account: owner.account, role: "admin" })]);
    const accepted = await call("POST", `/invitations/${pending.body.items[0]!.id}/accept`, { token: body.token });
    expect(accepted.status).toBe(200);
    const [joined] = await db().select().from(users).where(eq(users.id, added.body.id));
    expect(joined).toMatchObject({ role: "admin", togglUserId: String(seeded.users.invitee!.id) });
    expect(joined!.personId).not.toBeNull();
  });

  it("signs a member Toggl vouches for in as the user an admin mapped them to, whatever the emails", async () => {
    const accountId = await createAccount("Agency");
    const admin = await createUser(accountId, { role: "admin" });
    const seat = await createInvitedUser(accountId, { role: "member", email: "local-name@agency.test" });
    const connection = await seedConnection({
      accountId,
      owner: admin,
      workspaceId: String(seeded.workspaces.ws!.id),
      workspaceName: "Sign-in studio",
    });
    await createMember(accountId, connection.workspaceId, {
      togglUserId: String(seeded.users.mapped!.id),
      email: "toggl-name@sign-in.test",
      userId: seat.id,
      match: "manual",
      joined: true,
    });

    const res = await signIn(seeded.users.mapped!.apiToken);
    expect(res.status).toBe(201);
    const body = res.body as SessionCreated;
    expect(body.user).toMatchObject({ id: seat.id, email: "local-name@agency.test", role: "member", linked: true });
    expect(body.account).toEqual({ id: accountId, name: "Agency" });
    expect(await db().select().from(accounts).where(eq(accounts.name, "Mo Mapped"))).toHaveLength(0);
  });

  it("gives two first sign-ins sent together the same user and one account", async () => {
    const twin = seeded.users.twin!;
    const [a, b] = await Promise.all([signIn(twin.apiToken), signIn(twin.apiToken)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((a.body as SessionCreated).user.id).toBe((b.body as SessionCreated).user.id);
    expect(await db().select().from(accounts).where(eq(accounts.name, "Tess Twin"))).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(users)
        .where(eq(users.togglUserId, String(twin.id))),
    ).toHaveLength(1);
  });

  it("resolves a race between two first sign-ins of one person to one user and one account", async () => {
    const person = { togglUserId: "9100000001", email: "racer@sign-in.test", name: "Rae Racer" };
    const results = await Promise.all([
      identifyPerson(db(), person),
      identifyPerson(db(), person),
      identifyPerson(db(), person),
    ]);
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.person.id)).size).toBe(1);
    expect(await db().select().from(accounts).where(eq(accounts.name, "Rae Racer"))).toHaveLength(1);
  });

  it("answers 401 toggl_token_rejected for a token Toggl does not know, and stores nothing", async () => {
    const before = await db()
      .select({ n: sql<number>`count(*)` })
      .from(users);
    const res = await signIn("0123456789abcdef0123456789abcdef");
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      error: { code: "toggl_token_rejected", message: expect.stringContaining("Toggl") },
    });
    expect(
      await db()
        .select({ n: sql<number>`count(*)` })
        .from(users),
    ).toEqual(before);
  });

  it("answers 503 with retryAfterSeconds when the person's Toggl quota is used up", async () => {
    const quota = seeded.users.quota!;
    await control.exhaustQuota(quota.apiToken, "user");
    const res = await signIn(quota.apiToken);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: "toggl_quota_exhausted", retryAfterSeconds: expect.any(Number) } });
    const wait = (res.body as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(res.headers.get("retry-after")).toBe(String(wait));
    expect(await togglRequests(quota.apiToken)).toBe(1);
    expect(
      await db()
        .select()
        .from(users)
        .where(eq(users.togglUserId, String(quota.id))),
    ).toHaveLength(0);
  });

  it("answers 502 when Toggl keeps failing", async () => {
    const outage = seeded.users.outage!;
    await control.fail({ token: outage.apiToken, status: 500, count: 10 });
    const res = await signIn(outage.apiToken);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: { code: "toggl_unavailable" } });
    await control.clearFaults({ token: outage.apiToken });
  });

  it("answers 400 for a missing or empty token", async () => {
    for (const body of [{}, { togglApiToken: "   " }, { togglApiToken: 42 }]) {
      const res = await call("POST", "/session", { body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "invalid_input" } });
    }
  });
});

describe("sessions", () => {
  it("signs out: the session is revoked and the token answers 401 afterwards", async () => {
    const { token } = (await signIn(seeded.users.leaver!.apiToken)).body as SessionCreated;
    expect((await call("GET", "/me", { token })).status).toBe(200);
    expect((await call("DELETE", "/session", { token })).status).toBe(204);
    const after = await call("GET", "/me", { token });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: "unauthenticated" } });
    const [row] = await db()
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, await sha256Hex(token)));
    expect(row!.revokedAt).not.toBeNull();
  });

  it("refuses an expired session with 401", async () => {
    const user = await createUser(await createAccount(), { role: "owner" });
    const token = "expired-session-token-for-a-test-0123456789";
    await db()
      .insert(sessions)
      .values({
        id: crypto.randomUUID(),
        tokenHash: await sha256Hex(token),
        personId: user.personId,
        accountId: user.accountId,
        userId: user.id,
        createdAt: new Date(Date.now() - 40 * 86_400_000),
        expiresAt: new Date(Date.now() - 1000),
      });
    const res = await call("GET", "/me", { token });
    expect(res.status).toBe(401);
    expect((await call("GET", "/me", { token: user.token })).status).toBe(200);
  });

  it("answers 401 without a session on /me and sign-out", async () => {
    expect((await call("GET", "/me")).status).toBe(401);
    expect((await call("DELETE", "/session")).status).toBe(401);
  });
});
