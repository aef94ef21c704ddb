// Two accounts × three people: random but reproducible sequences of sign-ins, invitations (sent,
// mistyped, accepted, accepted by someone else, declined, revoked, expired), mappings, "Invite" on a
// Toggl member, Toggl memberships (invited, joined, gone), member imports, unlinking and removals.
// After every step, each person is a member only of accounts they were allowed into: their own,
// one whose invitation they accepted, or one Toggl vouched for at a sign-in (an active member of a
// connected workspace, as the last import said, mapped by an admin). And whenever Toggl vouched at
// a sign-in, they did join.
import { env } from "cloudflare:workers";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Items, Member, SessionCreated, User } from "../../../shared/contract";
import { connections, invitations, members, persons, togglCredentials, users } from "../../../worker/db/schema";
import { importMembers } from "../../../worker/features/members/import";
import { togglClientFor } from "../../../worker/toggl/credentials";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { seededRandom } from "../../toggl-stand-in/random.ts";
import { db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";

const control = new StandInControl(env.TOGGL_API_URL);
const PEOPLE = ["p1", "p2", "p3"] as const;
const TEAMS = ["A", "B"] as const;
type PersonKey = (typeof PEOPLE)[number];
type Team = (typeof TEAMS)[number];
const json = { "content-type": "application/json" };
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, ...json });

async function world(seed: number) {
  const stamp = `${seed}-${crypto.randomUUID().slice(0, 6)}`;
  const seeded = await control.seed({
    plan: "premium",
    users: [
      { key: "adminA", email: `admin-a-${stamp}@matrix.test`, fullname: "Admin A" },
      { key: "adminB", email: `admin-b-${stamp}@matrix.test`, fullname: "Admin B" },
      ...PEOPLE.map((p) => ({ key: p, email: `${p}-${stamp}@matrix.test`, fullname: `Person ${p}` })),
    ],
    workspaces: [
      { key: "wsA", name: `Team A ${stamp}`, admins: ["adminA"] },
      { key: "wsB", name: `Team B ${stamp}`, admins: ["adminB"] },
    ],
  });
  const team = async (t: Team) => {
    const admin = seeded.users[`admin${t}`]!;
    await control.setRateLimit(admin.apiToken, { perSecond: 1000, burst: 1000 });
    const session = (await call<SessionCreated>("POST", "/api/session", json, { togglApiToken: admin.apiToken })).body;
    const person = await db()
      .select()
      .from(persons)
      .where(eq(persons.togglUserId, String(admin.id)))
      .get();
    const credential = await db()
      .select()
      .from(togglCredentials)
      .where(eq(togglCredentials.personId, person!.id))
      .get();
    const workspaceId = String(seeded.workspaces[`ws${t}`]!.id);
    const connection = await seedConnection({
      accountId: session.account.id,
      owner: { id: session.user.id, personId: person!.id },
      credentialId: credential!.id,
      workspaceId,
      organizationId: String(seeded.organizationId),
    });
    return {
      accountId: session.account.id,
      token: session.token,
      credentialId: credential!.id,
      workspaceId,
      connectionId: connection.id,
    };
  };
  return { seeded, teams: { A: await team("A"), B: await team("B") } };
}

/** What the sequences did, over all of them: the last test checks every way in and out was taken. */
const seen = {
  vouchedJoins: 0,
  accepted: 0,
  refusedToOthers: 0,
  declined: 0,
  revoked: 0,
  expired: 0,
  removed: 0,
  ownAccounts: 0,
};

type Action =
  | "signIn"
  | "invite"
  | "inviteMistyped"
  | "mapMember"
  | "inviteMember"
  | "toggl"
  | "importMembers"
  | "accept"
  | "acceptAsSomeoneElse"
  | "decline"
  | "revoke"
  | "expire"
  | "remove"
  | "unlinkOrRelink";

/** One step; what it leaves out is picked at random. */
interface Step {
  action: Action;
  team?: Team;
  person?: PersonKey;
  /** acceptAsSomeoneElse: who tries. */
  other?: PersonKey;
  toggl?: "none" | "pending" | "active";
  connection?: "unlinked" | "active";
}

/** Runs a script of steps, or 30 random ones, checking after each step who is in which account. */
async function runSequence(seed: number, script?: Step[]) {
  const rng = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const { seeded, teams } = await world(seed);
  const person = (p: PersonKey) => seeded.users[p]!;
  const accountOf = (t: Team) => teams[t].accountId;

  const allowed = new Set<string>();
  const own = new Map<PersonKey, string>();
  const sessions = new Map<PersonKey, string>();
  const dead = new Set<string>(); // invitations declined, revoked or expired
  const imported = new Map<string, boolean>(); // "team|person": joined per the last import
  const toggl = new Map<string, "none" | "pending" | "active">(); // "team|person": the truth in Toggl
  const log: string[] = [];
  const key = (p: PersonKey, account: string) => `${p}|${account}`;

  const personId = async (p: PersonKey) =>
    (
      await db()
        .select()
        .from(persons)
        .where(eq(persons.togglUserId, String(person(p).id)))
        .get()
    )?.id ?? null;
  const memberships = async (p: PersonKey) => {
    const id = await personId(p);
    if (!id) return [];
    const rows = await db()
      .select({ accountId: users.accountId })
      .from(users)
      .where(and(eq(users.personId, id), isNull(users.removedAt)));
    return rows.map((r) => r.accountId);
  };
  /** Teams where Toggl vouches for `p` now: D1's mapping and joined flag, confirmed by what the last import saw. */
  const vouching = async (p: PersonKey) => {
    const out: string[] = [];
    for (const t of TEAMS) {
      const rows = await db()
        .select({
          joined: members.joined,
          active: members.active,
          seatPerson: users.personId,
          removedAt: users.removedAt,
          status: connections.status,
        })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .innerJoin(
          connections,
          and(eq(connections.accountId, members.accountId), eq(connections.workspaceId, members.workspaceId)),
        )
        .where(and(eq(members.accountId, accountOf(t)), eq(members.togglUserId, String(person(p).id))));
      const vouched = rows.some(
        (r) => r.joined && r.active && r.seatPerson === null && r.removedAt === null && r.status !== "unlinked",
      );
      if (vouched) {
        expect(
          imported.get(`${t}|${p}`),
          `${log.join("\n")}\nD1 says ${p} joined ${t} but the last import did not`,
        ).toBe(true);
        out.push(accountOf(t));
      }
    }
    return out;
  };
  const memberRow = async (t: Team, p: PersonKey) =>
    (await call<Items<Member>>("GET", "/api/members", bearer(teams[t].token))).body.items.find(
      (m) => m.togglUserId === String(person(p).id),
    );

  const actions: Record<Action, (step: Step) => Promise<void>> = {
    async signIn(step) {
      const p = step.person ?? pick(PEOPLE);
      await control.resetQuota(person(p).apiToken);
      const before = await memberships(p);
      const vouched = await vouching(p);
      const res = await call<SessionCreated>("POST", "/api/session", json, { togglApiToken: person(p).apiToken });
      expect(res.status, res.text).toBe(201);
      sessions.set(p, res.body.token);
      const after = await memberships(p);
      for (const a of vouched) allowed.add(key(p, a));
      seen.vouchedJoins += vouched.filter((a) => !before.includes(a)).length;
      for (const a of after.filter((x) => !before.includes(x) && !vouched.includes(x))) {
        // A new account of their own, only when they had nowhere to go.
        expect(before.length + vouched.length, `${log.join("\n")}\n${p} got account ${a}`).toBe(0);
        expect(Object.values(teams).map((x) => x.accountId)).not.toContain(a);
        own.set(p, a);
        allowed.add(key(p, a));
        seen.ownAccounts++;
      }
      for (const a of vouched) expect(after, `${log.join("\n")}\nToggl vouched for ${p} in ${a}`).toContain(a);
      log.push(`signIn ${p}: vouched ${vouched.length}`);
    },
    async invite(step) {
      const [t, p] = [step.team ?? pick(TEAMS), step.person ?? pick(PEOPLE)];
      const res = await call("POST", "/api/users", bearer(teams[t].token), {
        email: person(p).email.toUpperCase(),
        role: pick(["member", "admin"]),
      });
      log.push(`invite ${p} to ${t}: ${res.status}`);
    },
    async inviteMistyped(step) {
      const [t, p] = [step.team ?? pick(TEAMS), step.person ?? pick(PEOPLE)];
      const res = await call("POST", "/api/users", bearer(teams[t].token), { email: `x${person(p).email}` });
      log.push(`invite x${p} to ${t}: ${res.status}`);
    },
    async mapMember(step) {
      const [t, p] = [step.team ?? pick(TEAMS), step.person ?? pick(PEOPLE)];
      const member = await memberRow(t, p);
      if (!member) return void log.push(`map ${p} in ${t}: no member row`);
      // An invited user whose email has nothing to do with the person.
      const seat = await call<User>("POST", "/api/users", bearer(teams[t].token), {
        email: `seat-${crypto.randomUUID().slice(0, 6)}@matrix.test`,
      });
      const res = await call("PUT", `/api/members/${member.id}/user`, bearer(teams[t].token), {
        userId: seat.body.id,
      });
      log.push(`map ${p} in ${t} to a seat: ${res.status}`);
    },
    async inviteMember(step) {
      const [t, p] = [step.team ?? pick(TEAMS), step.person ?? pick(PEOPLE)];
      const member = await memberRow(t, p);
      if (!member) return void log.push(`invite member ${p} in ${t}: no member row`);
      const res = await call("POST", `/api/members/${member.id}/invite`, bearer(teams[t].token));
      log.push(`invite member ${p} in ${t}: ${res.status}`);
    },
    async toggl(step) {
      const [t, p] = [step.team ?? pick(TEAMS), step.person ?? pick(PEOPLE)];
      const state = step.toggl ?? pick(["none", "pending", "active"] as const);
      const wid = Number(teams[t].workspaceId);
      if (state === "none") await control.removeMember(wid, person(p).id);
      else await control.addMember(wid, { userId: person(p).id, pending: state === "pending" });
      toggl.set(`${t}|${p}`, state);
      log.push(`toggl ${p} in ${t}: ${state}`);
    },
    async importMembers(step) {
      const t = step.team ?? pick(TEAMS);
      const client = await togglClientFor(env, db(), teams[t].credentialId, "background");
      await importMembers({
        db: db(),
        accountId: accountOf(t),
        workspaceId: teams[t].workspaceId,
        toggl: client,
        now: new Date(),
      });
      for (const p of PEOPLE) imported.set(`${t}|${p}`, toggl.get(`${t}|${p}`) === "active");
      log.push(`import ${t}`);
    },
    async accept(step) {
      const p = step.person ?? pick(PEOPLE);
      const token = sessions.get(p);
      if (!token) return void log.push(`accept ${p}: not signed in`);
      const listed = (
        await call<Items<{ id: string; account: { id: string } }>>("GET", "/api/invitations", bearer(token))
      ).body.items;
      if (listed.length === 0) return void log.push(`accept ${p}: nothing pending`);
      const invitation = pick(listed);
      expect(dead.has(invitation.id), `${log.join("\n")}\n${invitation.id} is not pending`).toBe(false);
      const res = await call("POST", `/api/invitations/${invitation.id}/accept`, bearer(token));
      if (res.status === 401) return void log.push(`accept ${p}: session ended`);
      expect(res.status, res.text).toBe(200);
      const row = await db().select().from(invitations).where(eq(invitations.id, invitation.id)).get();
      expect(row!.email).toBe(person(p).email.toLowerCase());
      allowed.add(key(p, invitation.account.id));
      seen.accepted++;
      log.push(`accept ${p} into ${invitation.account.id}`);
    },
    async acceptAsSomeoneElse(step) {
      const [p, q] = [step.person ?? pick(PEOPLE), step.other ?? pick(PEOPLE)];
      const token = sessions.get(q);
      const invitation = await db()
        .select()
        .from(invitations)
        .where(and(eq(invitations.email, person(p).email.toLowerCase()), eq(invitations.status, "pending")))
        .get();
      if (!token || !invitation || p === q) return void log.push(`accept as other: skipped`);
      const res = await call("POST", `/api/invitations/${invitation.id}/accept`, bearer(token));
      expect([404, 401], `${log.join("\n")}\n${q} accepted ${p}'s invitation`).toContain(res.status);
      if (res.status === 404) seen.refusedToOthers++;
      log.push(`accept ${p}'s invitation as ${q}: ${res.status}`);
    },
    async decline(step) {
      const p = step.person ?? pick(PEOPLE);
      const token = sessions.get(p);
      if (!token) return void log.push(`decline ${p}: not signed in`);
      const listed = (await call<Items<{ id: string }>>("GET", "/api/invitations", bearer(token))).body.items;
      if (listed.length === 0) return void log.push(`decline ${p}: nothing pending`);
      const invitation = pick(listed);
      const res = await call("POST", `/api/invitations/${invitation.id}/decline`, bearer(token));
      if (res.status === 200) {
        dead.add(invitation.id);
        seen.declined++;
      }
      log.push(`decline ${p}: ${res.status}`);
    },
    async revoke(step) {
      const [t, p] = [step.team ?? pick(TEAMS), step.person ?? pick(PEOPLE)];
      const seat = await db()
        .select()
        .from(users)
        .where(
          and(
            eq(users.accountId, accountOf(t)),
            eq(users.email, person(p).email.toLowerCase()),
            isNull(users.personId),
            isNull(users.removedAt),
          ),
        )
        .get();
      if (!seat) return void log.push(`revoke ${p} in ${t}: no seat`);
      const pending = await db().select().from(invitations).where(eq(invitations.userId, seat.id));
      const res = await call("DELETE", `/api/users/${seat.id}`, bearer(teams[t].token));
      expect(res.status).toBe(200);
      for (const i of pending) dead.add(i.id);
      seen.revoked++;
      log.push(`revoke ${p} in ${t}`);
    },
    async expire(step) {
      const p = step.person ?? pick(PEOPLE);
      const invitation = await db()
        .select()
        .from(invitations)
        .where(and(eq(invitations.email, person(p).email.toLowerCase()), eq(invitations.status, "pending")))
        .get();
      if (!invitation) return void log.push(`expire ${p}: none`);
      await db()
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, invitation.id));
      dead.add(invitation.id);
      seen.expired++;
      log.push(`expire an invitation of ${p}`);
    },
    async remove(step) {
      const [t, p] = [step.team ?? pick(TEAMS), step.person ?? pick(PEOPLE)];
      const id = await personId(p);
      const membership = id
        ? await db()
            .select()
            .from(users)
            .where(and(eq(users.accountId, accountOf(t)), eq(users.personId, id), isNull(users.removedAt)))
            .get()
        : undefined;
      if (!membership) return void log.push(`remove ${p} from ${t}: not a member`);
      const res = await call("DELETE", `/api/users/${membership.id}`, bearer(teams[t].token));
      expect(res.status, res.text).toBe(200);
      allowed.delete(key(p, accountOf(t)));
      seen.removed++;
      log.push(`remove ${p} from ${t}`);
    },
    async unlinkOrRelink(step) {
      const t = step.team ?? pick(TEAMS);
      const status = step.connection ?? pick(["unlinked", "active"] as const);
      await db().update(connections).set({ status }).where(eq(connections.id, teams[t].connectionId));
      log.push(`connection of ${t}: ${status}`);
    },
  };

  const check = async () => {
    for (const p of PEOPLE) {
      for (const account of await memberships(p)) {
        expect(
          allowed.has(key(p, account)),
          `seed ${seed}, after:\n${log.join("\n")}\n${p} is in ${account} without consent or Toggl's word`,
        ).toBe(true);
      }
    }
  };
  if (script) {
    for (const step of script) {
      await actions[step.action](step);
      await check();
    }
    return { log, memberships, accountOf };
  }
  // The ways in take several steps in a row, so they come up more often than the rest.
  const weights: Partial<Record<Action, number>> = {
    signIn: 3,
    toggl: 3,
    importMembers: 3,
    mapMember: 2,
    inviteMember: 2,
    invite: 2,
    accept: 2,
  };
  const names = (Object.keys(actions) as Action[]).flatMap((n) => Array<Action>(weights[n] ?? 1).fill(n));
  for (let i = 0; i < 30; i++) {
    const action = i < 2 ? "signIn" : pick(names);
    await actions[action]({ action });
    await check();
  }
  return { log, memberships, accountOf };
}

describe("who may enter an account: two accounts × three people", () => {
  it("Toggl's word: an active member of a connected workspace, mapped by an admin, joins at sign-in", async () => {
    const { memberships, accountOf } = await runSequence(1, [
      { action: "signIn", person: "p1" },
      { action: "toggl", team: "A", person: "p1", toggl: "active" },
      { action: "importMembers", team: "A" },
      { action: "inviteMember", team: "A", person: "p1" },
      { action: "signIn", person: "p1" },
    ]);
    expect(await memberships("p1")).toContain(accountOf("A"));
  });

  it("an invited (not yet joined) Toggl member, or an unlinked workspace, vouches for nobody", async () => {
    const { memberships, accountOf } = await runSequence(2, [
      { action: "toggl", team: "A", person: "p2", toggl: "pending" },
      { action: "importMembers", team: "A" },
      { action: "mapMember", team: "A", person: "p2" },
      { action: "signIn", person: "p2" },
      // Joined in Toggl, but Hourline has not heard it yet: still no.
      { action: "toggl", team: "A", person: "p2", toggl: "active" },
      { action: "signIn", person: "p2" },
      { action: "unlinkOrRelink", team: "A", connection: "unlinked" },
      { action: "importMembers", team: "A" },
      { action: "signIn", person: "p2" },
    ]);
    expect(await memberships("p2")).not.toContain(accountOf("A"));
    const { memberships: after, accountOf: teamOf } = await runSequence(3, [
      { action: "toggl", team: "B", person: "p2", toggl: "active" },
      { action: "importMembers", team: "B" },
      { action: "mapMember", team: "B", person: "p2" },
      { action: "signIn", person: "p2" },
    ]);
    expect(await after("p2")).toContain(teamOf("B"));
  });

  it("invitations: mistyped, declined, revoked, expired or another's never join; accepted ones do", async () => {
    const { memberships, accountOf } = await runSequence(4, [
      { action: "signIn", person: "p1" },
      { action: "signIn", person: "p2" },
      { action: "inviteMistyped", team: "A", person: "p1" },
      { action: "invite", team: "A", person: "p1" },
      { action: "acceptAsSomeoneElse", person: "p1", other: "p2" },
      { action: "decline", person: "p1" },
      { action: "invite", team: "A", person: "p1" },
      { action: "revoke", team: "A", person: "p1" },
      { action: "invite", team: "B", person: "p1" },
      { action: "expire", person: "p1" },
      { action: "signIn", person: "p1" },
    ]);
    expect(await memberships("p1")).not.toContain(accountOf("A"));
    expect(await memberships("p1")).not.toContain(accountOf("B"));
    const second = await runSequence(5, [
      { action: "signIn", person: "p3" },
      { action: "invite", team: "B", person: "p3" },
      { action: "accept", person: "p3" },
    ]);
    expect(await second.memberships("p3")).toContain(second.accountOf("B"));
  });

  it("a removed person does not come back by signing in, only by a new invitation they accept", async () => {
    const { memberships, accountOf } = await runSequence(6, [
      { action: "toggl", team: "A", person: "p3", toggl: "active" },
      { action: "importMembers", team: "A" },
      { action: "inviteMember", team: "A", person: "p3" },
      { action: "signIn", person: "p3" },
      { action: "remove", team: "A", person: "p3" },
      { action: "importMembers", team: "A" },
      { action: "signIn", person: "p3" },
    ]);
    expect(await memberships("p3")).not.toContain(accountOf("A"));
  });

  for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
    it(
      `random sequence ${seed}: nobody enters without accepting or without Toggl's active membership`,
      { timeout: 120_000 },
      async () => {
        await runSequence(seed);
      },
    );
  }

  it("took every way in and out across the sequences", () => {
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });
});
