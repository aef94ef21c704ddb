import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Seeded } from "../../toggl-stand-in/control-client.ts";
import { getDb } from "../../../worker/db/client";
import { persons, togglCredentials } from "../../../worker/db/schema";
import { TogglError } from "../../../worker/toggl/errors";
import { QuotaBudget } from "../../../worker/toggl/quota";
import { loadBudget, quotaTracking } from "../../../worker/toggl/quota-store";
import { clientFor, control, seed, str, uniq } from "./helpers";

let s: Seeded;
let freeOrg: Seeded;
const tag = uniq();
const keys = ["u429", "u5xx", "uslow", "uquota", "ureserve", "ucount"] as const;

beforeAll(async () => {
  s = await seed({
    plan: "starter",
    users: keys.map((key) => ({ key, email: `${key}-${tag}@acme.test` })),
    workspaces: [
      {
        key: "w",
        admins: ["u429"],
        members: keys.filter((k) => k !== "u429"),
        projects: [{ key: "p", name: "Website" }],
      },
    ],
  });
  freeOrg = await seed({
    plan: "free",
    users: [{ key: "uplan", email: `uplan-${tag}@acme.test` }],
    workspaces: [{ key: "f", admins: ["uplan"] }],
  });
});

beforeEach(async () => {
  for (const k of keys) {
    await control.clearFaults({ token: s.users[k]!.apiToken });
    await control.resetQuota(s.users[k]!.apiToken);
  }
});

const wid = () => str(s.workspaces.w!.id);
const token = (k: (typeof keys)[number]) => s.users[k]!.apiToken;
const sent = async (k: (typeof keys)[number]) => (await control.requestLog({ token: token(k) })).total;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a TogglError");
    },
    (e: unknown) => {
      if (!(e instanceof TogglError)) throw e;
      return e;
    },
  );

describe("TogglClient: rate limits and outages", () => {
  it("backs off exponentially on 429 (HTML body) and then succeeds", async () => {
    await control.fail({ token: token("u429"), status: 429, count: 2 });
    const { client, sleeps } = clientFor(token("u429"));
    const projects = await client.projects(wid());
    expect(projects.map((p) => p.name)).toEqual(["Website"]);
    expect(sleeps).toEqual([1000, 2000]);
    expect(client.requestsSpent).toBe(3);
  });

  it("gives up on 429 once the interactive wait budget is spent", async () => {
    await control.fail({ token: token("u429"), status: 429, count: 10 });
    const budget = new QuotaBudget();
    const { client, sleeps } = clientFor(token("u429"), { priority: "interactive", budget });
    const err = await failure(client.projects(wid()));
    expect(err).toMatchObject({
      kind: "rate_limited",
      status: 429,
      togglMessage: "429 Too Many Requests",
      retryAfterSeconds: 60,
    });
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(client.requestsSpent).toBe(4);

    // Background work on that bucket now rests instead of hammering Toggl.
    const before = await sent("u429");
    const background = clientFor(token("u429"), { budget }).client;
    expect(await failure(background.projects(wid()))).toMatchObject({ kind: "budget", retryAfterSeconds: 60 });
    expect(await sent("u429")).toBe(before);
  });

  it("adds jitter to the 429 backoff", async () => {
    await control.fail({ token: token("u429"), status: 429, count: 1 });
    const { client, sleeps } = clientFor(token("u429"), { random: () => 0.5 });
    await client.tags(wid());
    expect(sleeps).toEqual([1125]);
  });

  it("retries a 5xx after a random delay and then succeeds", async () => {
    await control.fail({ token: token("u5xx"), status: 500, count: 2 });
    const { client, sleeps } = clientFor(token("u5xx"), { random: () => 0.5 });
    expect((await client.clients(wid())).length).toBe(0);
    expect(sleeps).toEqual([3000, 3000]);
    expect(client.requestsSpent).toBe(3);
  });

  it("reports a server error once the 5xx retries are used up", async () => {
    await control.fail({ token: token("u5xx"), status: 503, count: 10 });
    const { client, sleeps } = clientFor(token("u5xx"));
    const before = await sent("u5xx");
    const err = await failure(client.tags(wid()));
    expect(err).toMatchObject({ kind: "server", status: 503, togglMessage: "503 Service Temporarily Unavailable" });
    expect(sleeps).toHaveLength(3);
    expect(client.requestsSpent).toBe(4);
    expect((await sent("u5xx")) - before).toBe(4);
  });

  it("times out a request that takes too long", async () => {
    await control.fail({ token: token("uslow"), status: 503, count: 1, delayMs: 1500 });
    const { client } = clientFor(token("uslow"), { timeoutMs: 200 });
    const started = Date.now();
    const err = await failure(client.tags(wid()));
    expect(err.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it("reports a rejected token as auth, without the token in the message", async () => {
    const bogus = `bogus${tag}0123456789abcdef`;
    const { client } = clientFor(bogus);
    const err = await failure(client.me());
    expect(err).toMatchObject({ kind: "auth", status: 403 });
    expect(`${err.message} ${err.stack ?? ""} ${JSON.stringify(err)}`).not.toContain(bogus);
  });

  it("reports a 403 on a workspace as forbidden, and only /me tells whether the token itself is dead", async () => {
    // A workspace of another organisation: this token works, but not there.
    const { client } = clientFor(token("u5xx"));
    const err = await failure(client.tags(str(freeOrg.workspaces.f!.id)));
    expect(err).toMatchObject({ kind: "forbidden", status: 403 });
    expect(await client.tokenStatus()).toBe("valid");
    expect(await clientFor(`bogus${tag}fedcba9876543210`).client.tokenStatus()).toBe("rejected");
  });

  it("refuses a token that cannot be a Toggl token as auth, without sending it", async () => {
    const { client } = clientFor("not a token ✓");
    const err = await failure(client.me());
    expect(err).toMatchObject({ kind: "auth" });
    expect(err.message).not.toContain("not a token");
    expect(client.requestsSpent).toBe(0);
  });

  it("answers not_found for an unknown time entry", async () => {
    const { client } = clientFor(token("u5xx"));
    const err = await failure(client.stopTimeEntry(wid(), "4999999999"));
    expect(err.kind).toBe("not_found");
    expect(err.status).toBe(404);
  });
});

describe("TogglClient: quota", () => {
  it("tells an exhausted quota (retry after the reset) from a plan limit", async () => {
    await control.setQuota(token("uquota"), { remaining: 0, resetsInSeconds: 1234 });
    const quota = await failure(clientFor(token("uquota")).client.tags(wid()));
    expect(quota).toMatchObject({ kind: "quota", status: 402 });
    expect(quota.retryAfterSeconds).toBeGreaterThan(1200);
    expect(quota.retryAfterSeconds).toBeLessThanOrEqual(1234);

    // Billable entries are not in the Free plan: 402 with quota left.
    const { client, sleeps } = clientFor(freeOrg.users.uplan!.apiToken);
    const plan = await failure(
      client.createTimeEntry(str(freeOrg.workspaces.f!.id), {
        start: "2026-11-01T10:00:00Z",
        duration: 60,
        billable: true,
      }),
    );
    expect(plan).toMatchObject({ kind: "plan", status: 402 });
    expect(plan.retryAfterSeconds).toBeUndefined();
    // Neither is retried.
    expect(sleeps).toEqual([]);
    expect(client.requestsSpent).toBe(1);
  });

  it("keeps background work off the interactive reserve without sending anything", async () => {
    await control.setQuota(token("ureserve"), { remaining: 5, resetsInSeconds: 900 });
    const budget = new QuotaBudget();
    const organizationIds = { [wid()]: str(s.organizationId) };
    const background = clientFor(token("ureserve"), { budget, organizationIds }).client;
    const interactive = clientFor(token("ureserve"), { budget, organizationIds, priority: "interactive" }).client;

    await background.tags(wid()); // 4 left
    await background.tags(wid()); // 3 left = the reserve (starter 240 unknown here → 3)
    const before = await sent("ureserve");
    const refused = await failure(background.tags(wid()));
    expect(refused.kind).toBe("budget");
    expect(refused.retryAfterSeconds).toBeGreaterThan(800);
    expect(await sent("ureserve")).toBe(before);
    expect(background.requestsSpent).toBe(2);

    const entry = await interactive.createTimeEntry(wid(), {
      start: new Date().toISOString(),
      description: "Still allowed",
    });
    expect(entry.description).toBe("Still allowed");
    expect(await sent("ureserve")).toBe(before + 1);
  });

  it("pauses a credential's background work in D1 after a 402 until the reset", async () => {
    const db = getDb(env.DB);
    const personId = crypto.randomUUID();
    const credentialId = crypto.randomUUID();
    const togglUserId = str(s.users.uquota!.id);
    await db.batch([
      db.insert(persons).values({ id: personId, togglUserId }),
      db.insert(togglCredentials).values({ id: credentialId, personId, togglUserId, tokenCiphertext: "x" }),
    ]);
    const ref = credentialId;
    const organizationIds = { [wid()]: str(s.organizationId) };

    await control.exhaustQuota(token("uquota"), "organization");
    const first = clientFor(token("uquota"), { ...(await quotaTracking(db, ref)), organizationIds }).client;
    expect((await failure(first.clients(wid()))).kind).toBe("quota");

    // A later invocation builds its guard from D1 and sends nothing.
    const before = await sent("uquota");
    const later = clientFor(token("uquota"), { ...(await quotaTracking(db, ref)), organizationIds }).client;
    const refused = await failure(later.clients(wid()));
    expect(refused).toMatchObject({ kind: "budget" });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await sent("uquota")).toBe(before);
    expect((await loadBudget(db, ref)).state(str(s.organizationId))).toMatchObject({ remaining: 0 });
  });

  it("counts every request it sends, retries included, as the stand-in does", async () => {
    await control.fail({ token: token("ucount"), status: 502, count: 1 });
    await control.fail({ token: token("ucount"), status: 429, count: 1 });
    const { client } = clientFor(token("ucount"));
    const before = await sent("ucount");
    await client.me();
    await client.tags(wid());
    await client.projects(wid());
    await client.tasks(wid());
    await client.clients(wid());
    expect(client.requestsSpent).toBe(7);
    expect((await sent("ucount")) - before).toBe(7);
  });
});
