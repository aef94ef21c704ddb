// Migration 0003 on a database that lived under the schema before it (migrations 0000–0002), with
// data in it: every user, role, session, token, mapping and Time Log comes through, and the code
// of today works on the result.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { findCaller } from "../../../worker/auth/sessions";
import { getDb } from "../../../worker/db/client";
import type { Caller } from "../../../worker/env";
import { acceptInvitation, listInvitationsFor } from "../../../worker/features/people/invitations";
import { identifyPerson } from "../../../worker/features/people/join";
import { listUsers } from "../../../worker/features/people/store";
import { sha256Hex } from "../../../worker/lib/crypto";

const db = env.MIGRATION_DB;
const before = env.TEST_MIGRATIONS.filter((m) => m.name < "0003");
const T = Date.UTC(2026, 10, 20, 9, 0, 0);
const DAY = 86_400_000;

const rows = async <R>(sql: string, ...params: unknown[]) =>
  (
    await db
      .prepare(sql)
      .bind(...params)
      .all<R>()
  ).results;

beforeAll(async () => {
  expect(before.map((m) => m.name)).toEqual([
    "0000_init.sql",
    "0001_connection_callback_url.sql",
    "0002_private_projects_and_week_start.sql",
  ]);
  await applyD1Migrations(db, before);
  const statements = [
    `insert into accounts (id, name, created_at) values ('acme', 'Acme', ${T}), ('globex', 'Globex', ${T})`,
    // Ada owns Acme and signed in; Bob is an admin who signed in; Carol was added by email and never
    // signed in (her Toggl member is mapped to her by hand); Dan owns Globex; Eve was added as an
    // admin of Globex and never signed in.
    `insert into users (id, account_id, email, name, role, toggl_user_id, created_at, updated_at) values
      ('u-ada', 'acme', 'ada@acme.test', 'Ada', 'owner', '101', ${T}, ${T}),
      ('u-bob', 'acme', 'bob@acme.test', 'Bob', 'admin', '102', ${T}, ${T}),
      ('u-carol', 'acme', 'carol@acme.test', 'Carol', 'member', null, ${T}, ${T}),
      ('u-dan', 'globex', 'dan@globex.test', 'Dan', 'owner', '103', ${T}, ${T}),
      ('u-eve', 'globex', 'eve@globex.test', 'Eve', 'admin', null, ${T}, ${T})`,
    `insert into sessions (id, token_hash, account_id, user_id, created_at, expires_at) values
      ('s-ada', '${await sha256Hex("ada-session")}', 'acme', 'u-ada', ${T}, ${Date.now() + 10 * DAY}),
      ('s-carol', '${await sha256Hex("carol-session")}', 'acme', 'u-carol', ${T}, ${Date.now() + 10 * DAY})`,
    `insert into toggl_credentials (id, account_id, user_id, toggl_user_id, token_ciphertext, timezone, beginning_of_week, created_at, updated_at) values
      ('c-ada', 'acme', 'u-ada', '101', 'sealed-ada', 'Europe/Oslo', 0, ${T}, ${T}),
      ('c-dan', 'globex', 'u-dan', '103', 'sealed-dan', null, 1, ${T}, ${T})`,
    `insert into connections (id, account_id, workspace_id, organization_id, workspace_name, owner_user_id, credential_id, created_at, updated_at) values
      ('k-acme', 'acme', '5001', '7001', 'Acme WS', 'u-ada', 'c-ada', ${T}, ${T}),
      ('k-globex', 'globex', '5002', '7002', 'Globex WS', 'u-dan', 'c-dan', ${T}, ${T})`,
    `insert into quota_budgets (credential_id, bucket, account_id, remaining, total, observed_at) values
      ('c-ada', 'user', 'acme', 21, 30, ${T}), ('c-ada', '7001', 'acme', 200, 240, ${T})`,
    `insert into members (id, account_id, workspace_id, toggl_user_id, email, name, user_id, match, created_at, updated_at) values
      ('m-carol', 'acme', '5001', '104', 'carol.toggl@mail.test', 'Carol', 'u-carol', 'manual', ${T}, ${T}),
      ('m-bob', 'acme', '5001', '102', 'bob@acme.test', 'Bob', 'u-bob', 'email', ${T}, ${T})`,
    `insert into time_logs (id, account_id, connection_id, workspace_id, toggl_id, toggl_user_id, user_id, description, start, stop, duration_seconds, toggl_at) values
      ('t-ada', 'acme', 'k-acme', '5001', '4000000001', '101', 'u-ada', 'Planning', ${T}, ${T + 3600_000}, 3600, ${T}),
      ('t-carol', 'acme', 'k-acme', '5001', '4000000002', '104', 'u-carol', 'Design', ${T}, ${T + 1800_000}, 1800, ${T}),
      ('t-nobody', 'acme', 'k-acme', '5001', '4000000003', '999', null, 'Unmapped', ${T}, ${T + 600_000}, 600, ${T})`,
  ];
  await db.batch(statements.map((s) => db.prepare(s)));
  await applyD1Migrations(db, env.TEST_MIGRATIONS);
});

describe("migration 0003: users become persons and memberships", () => {
  it("makes a person of everyone who signed in, keeping every role and membership row", async () => {
    expect(await rows("select id, toggl_user_id, email, last_account_id from persons order by id")).toEqual([
      { id: "u-ada", toggl_user_id: "101", email: "ada@acme.test", last_account_id: "acme" },
      { id: "u-bob", toggl_user_id: "102", email: "bob@acme.test", last_account_id: "acme" },
      { id: "u-dan", toggl_user_id: "103", email: "dan@globex.test", last_account_id: "globex" },
    ]);
    expect(
      await rows("select id, account_id, role, person_id, toggl_user_id, removed_at from users order by id"),
    ).toEqual([
      { id: "u-ada", account_id: "acme", role: "owner", person_id: "u-ada", toggl_user_id: "101", removed_at: null },
      { id: "u-bob", account_id: "acme", role: "admin", person_id: "u-bob", toggl_user_id: "102", removed_at: null },
      { id: "u-carol", account_id: "acme", role: "member", person_id: null, toggl_user_id: null, removed_at: null },
      { id: "u-dan", account_id: "globex", role: "owner", person_id: "u-dan", toggl_user_id: "103", removed_at: null },
      { id: "u-eve", account_id: "globex", role: "admin", person_id: null, toggl_user_id: null, removed_at: null },
    ]);
  });

  it("turns users who never signed in into pending 14-day invitations with their role", async () => {
    const invitations = await rows<{
      user_id: string;
      email: string;
      role: string;
      status: string;
      expires_at: number;
    }>("select user_id, email, role, status, expires_at from invitations order by user_id");
    expect(invitations.map(({ expires_at: _, ...i }) => i)).toEqual([
      { user_id: "u-carol", email: "carol@acme.test", role: "member", status: "pending" },
      { user_id: "u-eve", email: "eve@globex.test", role: "admin", status: "pending" },
    ]);
    for (const i of invitations) {
      expect(i.expires_at - Date.now()).toBeGreaterThan(14 * DAY - 10 * 60_000);
      expect(i.expires_at - Date.now()).toBeLessThanOrEqual(14 * DAY);
    }
  });

  it("moves each token and its quota budget to its person; connections keep their credential", async () => {
    expect(
      await rows(
        "select id, person_id, toggl_user_id, token_ciphertext, timezone, beginning_of_week from toggl_credentials order by id",
      ),
    ).toEqual([
      {
        id: "c-ada",
        person_id: "u-ada",
        toggl_user_id: "101",
        token_ciphertext: "sealed-ada",
        timezone: "Europe/Oslo",
        beginning_of_week: 0,
      },
      {
        id: "c-dan",
        person_id: "u-dan",
        toggl_user_id: "103",
        token_ciphertext: "sealed-dan",
        timezone: null,
        beginning_of_week: 1,
      },
    ]);
    expect(await rows("select id, credential_id, owner_user_id, owner_problem from connections order by id")).toEqual([
      { id: "k-acme", credential_id: "c-ada", owner_user_id: "u-ada", owner_problem: null },
      { id: "k-globex", credential_id: "c-dan", owner_user_id: "u-dan", owner_problem: null },
    ]);
    expect(await rows("select credential_id, bucket, remaining, total from quota_budgets order by bucket")).toEqual([
      { credential_id: "c-ada", bucket: "7001", remaining: 200, total: 240 },
      { credential_id: "c-ada", bucket: "user", remaining: 21, total: 30 },
    ]);
    expect(await rows("pragma foreign_key_check")).toEqual([]);
  });

  it("keeps every mapping and Time Log attribution", async () => {
    expect(await rows("select id, user_id, match, joined from members order by id")).toEqual([
      // Whether they accepted Toggl's invitation is unknown until the next import: not vouched for yet.
      { id: "m-bob", user_id: "u-bob", match: "email", joined: 0 },
      { id: "m-carol", user_id: "u-carol", match: "manual", joined: 0 },
    ]);
    expect(await rows("select id, user_id from time_logs order by id")).toEqual([
      { id: "t-ada", user_id: "u-ada" },
      { id: "t-carol", user_id: "u-carol" },
      { id: "t-nobody", user_id: null },
    ]);
  });

  it("keeps the sessions of people who signed in; ends any of a user who never did", async () => {
    const drizzle = getDb(db);
    const ada = await findCaller(drizzle, "ada-session");
    expect(ada).toEqual({ sessionId: "s-ada", personId: "u-ada", userId: "u-ada", accountId: "acme", role: "owner" });
    expect(await findCaller(drizzle, "carol-session")).toBeNull();
  });

  it("works with today's code: a returning person finds their membership; Carol joins by accepting, with her mapping and Time Log", async () => {
    const drizzle = getDb(db);
    const returning = await identifyPerson(drizzle, { togglUserId: "101", email: "ada@acme.test", name: "Ada" });
    expect(returning).toMatchObject({ person: { id: "u-ada" }, user: { id: "u-ada" }, createdAccount: false });

    // Carol signs in with a Toggl email matching the invitation: her own account, and the invitation waiting.
    const carol = await identifyPerson(drizzle, { togglUserId: "104", email: "carol@acme.test", name: "Carol" });
    expect(carol.createdAccount).toBe(true);
    const [invitation] = await listInvitationsFor(drizzle, carol.person.id);
    expect(invitation).toMatchObject({ account: { id: "acme", name: "Acme" }, role: "member", status: "pending" });
    const caller: Caller = {
      sessionId: "none",
      personId: carol.person.id,
      userId: carol.user.id,
      accountId: carol.user.accountId,
      role: "owner",
    };
    const accepted = await acceptInvitation(drizzle, caller, invitation!.id);
    expect(accepted.membership).toMatchObject({ userId: "u-carol", role: "member" });
    const acme = await listUsers(drizzle, "acme");
    expect(acme.find((u) => u.id === "u-carol")).toMatchObject({ status: "active", linked: true });
    expect(await rows("select user_id from members where id = 'm-carol'")).toEqual([{ user_id: "u-carol" }]);
    expect(await rows("select user_id from time_logs where id = 't-carol'")).toEqual([{ user_id: "u-carol" }]);
  });
});
