import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody, Items, Me, Page, SessionCreated, TimeLog } from "../../../shared/contract";
import { ACCOUNT_HEADER } from "../../../shared/headers";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { insertTimeLog } from "../members/fixtures";
import { createAccount, createUser } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";

const control = new StandInControl(env.TOGGL_API_URL);

/** A freelancer in two client teams, each with a Time Log of theirs. */
async function freelancer() {
  const teamA = await createAccount("Acme");
  const teamB = await createAccount("Globex");
  const inA = await createUser(teamA, { role: "member", name: "Fran" });
  const inB = await createUser(teamB, { role: "admin", personId: inA.personId });
  const ownerA = await createUser(teamA, { role: "owner" });
  const ownerB = await createUser(teamB, { role: "owner" });
  const connA = await seedConnection({ accountId: teamA, owner: ownerA });
  const connB = await seedConnection({ accountId: teamB, owner: ownerB });
  const logA = await insertTimeLog(teamA, connA, inA.togglUserId, inA.id);
  const logB = await insertTimeLog(teamB, connB, inA.togglUserId, inB.id);
  return { teamA, teamB, inA, inB, logA, logB, session: inA.headers };
}

describe("one person, several accounts", () => {
  it("GET /api/me lists every membership of the person, the current one marked", async () => {
    const f = await freelancer();
    const me = await call<Me>("GET", "/api/me", f.session);
    expect(me.status).toBe(200);
    expect(me.body.account).toEqual({ id: f.teamA, name: "Acme" });
    expect(me.body.memberships).toEqual([
      { account: { id: f.teamA, name: "Acme" }, role: "member", userId: f.inA.id, current: true },
      { account: { id: f.teamB, name: "Globex" }, role: "admin", userId: f.inB.id, current: false },
    ]);
    expect(me.headers.get(ACCOUNT_HEADER)).toBe(f.teamA);
  });

  it("switching moves the session: the next calls answer for the other account, with that role and data", async () => {
    const f = await freelancer();
    const before = await call<Page<TimeLog>>("GET", "/api/time-logs", f.session);
    expect(before.body.items.map((l) => l.id)).toEqual([f.logA]);
    // A member in Acme: no admin routes.
    expect((await call("GET", "/api/users", f.session)).status).toBe(403);

    const switched = await call<Me>("POST", "/api/session/account", f.session, { accountId: f.teamB });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({
      account: { id: f.teamB, name: "Globex" },
      user: { id: f.inB.id, role: "admin" },
    });
    expect(switched.headers.get(ACCOUNT_HEADER)).toBe(f.teamB);

    const after = await call<Page<TimeLog>>("GET", "/api/time-logs?userId=me", f.session);
    expect(after.body.items.map((l) => l.id)).toEqual([f.logB]);
    expect(after.headers.get(ACCOUNT_HEADER)).toBe(f.teamB);
    expect((await call<Items<unknown>>("GET", "/api/users", f.session)).status).toBe(200);
    expect((await call<Me>("GET", "/api/me", f.session)).body.memberships.find((m) => m.current)?.account.id).toBe(
      f.teamB,
    );
  });

  it("answers 404 for an account the person is not a member of, and leaves the session where it was", async () => {
    const f = await freelancer();
    const stranger = await createAccount("Initech");
    await createUser(stranger, { role: "owner" });
    for (const accountId of [stranger, crypto.randomUUID()]) {
      const res = await call<ApiErrorBody>("POST", "/api/session/account", f.session, { accountId });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const bad = await call<ApiErrorBody>("POST", "/api/session/account", f.session, { accountId: 42 });
    expect(bad.status).toBe(400);
    expect((await call<Me>("GET", "/api/me", f.session)).body.account.id).toBe(f.teamA);
    expect(
      (await call("POST", "/api/session/account", { "content-type": "application/json" }, { accountId: f.teamB }))
        .status,
    ).toBe(401);
  });

  it("signs the person out everywhere: every session in every account answers 401, other people's stay", async () => {
    const f = await freelancer();
    const other = await createUser(f.teamA, { role: "member" });
    const second = f.inB.headers;
    expect((await call("GET", "/api/me", second)).status).toBe(200);

    expect((await call("DELETE", "/api/sessions", f.session)).status).toBe(204);
    for (const headers of [f.session, second]) {
      const res = await call<ApiErrorBody>("GET", "/api/me", headers);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
    expect((await call("GET", "/api/me", other.headers)).status).toBe(200);
  });

  it("the next sign-in opens in the account the person switched to last", async () => {
    const stamp = crypto.randomUUID().slice(0, 8);
    const seeded = await control.seed({
      users: [{ key: "fran", email: `fran-${stamp}@switch.test`, fullname: "Fran Freelance" }],
      workspaces: [{ key: "w", admins: ["fran"] }],
    });
    const token = seeded.users.fran!.apiToken;
    const signIn = () =>
      call<SessionCreated>("POST", "/api/session", { "content-type": "application/json" }, { togglApiToken: token });
    const first = await signIn();
    expect(first.status).toBe(201);
    const own = first.body.account.id;
    // Invited into a team and joined.
    const team = await createAccount("Team");
    const owner = await createUser(team, { role: "owner" });
    await call("POST", "/api/users", owner.headers, { email: `fran-${stamp}@switch.test` });
    const headers = { authorization: `Bearer ${first.body.token}`, "content-type": "application/json" };
    const [invitation] = (await call<Items<{ id: string }>>("GET", "/api/invitations", headers)).body.items;
    expect((await call("POST", `/api/invitations/${invitation!.id}/accept`, headers)).status).toBe(200);

    expect((await signIn()).body.account.id).toBe(team);
    await call("POST", "/api/session/account", headers, { accountId: own });
    const again = await signIn();
    expect(again.body.account.id).toBe(own);
    expect(again.body.memberships.map((m) => m.account.id).sort()).toEqual([own, team].sort());
  });
});
