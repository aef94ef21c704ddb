import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "./control-client.ts";
import { startTogglStandIn, type TogglStandIn } from "./server.ts";
import { conforms, swagger, togglClient } from "./test-helpers.ts";

let standIn: TogglStandIn;
beforeAll(async () => {
  standIn = await startTogglStandIn();
});
afterAll(() => standIn.close());

const team = (plan: Plan) =>
  standIn.control.seed({
    plan,
    users: [
      { key: "a", email: "a@q.test" },
      { key: "b", email: "b@q.test" },
    ],
    workspaces: [{ key: "w", admins: ["a"], members: ["b"] }],
  });

describe("hourly quota", () => {
  it("sends the quota headers on every response and counts down per organisation", async () => {
    const s = await team("starter");
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    const wid = s.workspaces.w!.id;
    const first = await a("GET", `/api/v9/workspaces/${wid}/projects`);
    const second = await a("GET", `/api/v9/workspaces/${wid}/clients`);
    expect(first.headers.get("x-toggl-quota-remaining")).toBe("239");
    expect(second.headers.get("x-toggl-quota-remaining")).toBe("238");
    expect(Number(second.headers.get("x-toggl-quota-resets-in"))).toBeGreaterThan(3500);
    // An error still carries the headers.
    const bad = await a("GET", `/api/v9/workspaces/${wid}/clients?status=nope`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-toggl-quota-remaining")).toBe("237");
  });

  it("answers 402 once the free organisation quota (30/hour) is spent, and /me/quota agrees", async () => {
    const s = await team("free");
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    const wid = s.workspaces.w!.id;
    for (let i = 0; i < 30; i++) expect((await a("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(200);
    const over = await a("GET", `/api/v9/workspaces/${wid}/tags`);
    expect(over.status).toBe(402);
    expect(over.headers.get("x-toggl-quota-remaining")).toBe("0");
    expect(Number(over.headers.get("x-toggl-quota-resets-in"))).toBeGreaterThan(0);
    expect(typeof over.body).toBe("string");

    // The quota is per user: the colleague still has theirs.
    const b = togglClient(standIn.url, s.users.b!.apiToken);
    expect((await b("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(200);

    const quota = await a("GET", "/api/v9/me/quota");
    expect(conforms(swagger.track, "/me/quota", "get", quota.body)).toEqual([]);
    expect(quota.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organization_id: s.organizationId, remaining: 0, total: 30 }),
        expect.objectContaining({ organization_id: null, total: 30 }),
      ]),
    );
    await standIn.control.resetQuota(s.users.a!.apiToken);
    expect((await a("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(200);
  });

  it("gives /me requests their own 30/hour bucket whatever the plan", async () => {
    const s = await team("premium");
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    await standIn.control.setQuota(s.users.a!.apiToken, { bucket: "user", remaining: 1, resetsInSeconds: 120 });
    const last = await a("GET", "/api/v9/me");
    expect(last.status).toBe(200);
    expect(last.headers.get("x-toggl-quota-remaining")).toBe("0");
    const over = await a("GET", "/api/v9/me/workspaces");
    expect(over.status).toBe(402);
    expect(Number(over.headers.get("x-toggl-quota-resets-in"))).toBeLessThanOrEqual(120);
    // The organisation bucket is untouched.
    const ws = await a("GET", `/api/v9/workspaces/${s.workspaces.w!.id}`);
    expect(ws.status).toBe(200);
    expect(ws.headers.get("x-toggl-quota-remaining")).toBe("599");
  });

  it("exhausts a bucket on demand", async () => {
    const s = await team("starter");
    await standIn.control.exhaustQuota(s.users.a!.apiToken, "organization");
    const res = await togglClient(standIn.url, s.users.a!.apiToken)(
      "GET",
      `/api/v9/workspaces/${s.workspaces.w!.id}/projects`,
    );
    expect(res.status).toBe(402);
    expect(res.headers.get("x-toggl-quota-remaining")).toBe("0");
  });

  it("keeps a plan-feature 402 distinguishable: quota left, nothing stored", async () => {
    const s = await team("free");
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    const wid = s.workspaces.w!.id;
    const res = await a("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      workspace_id: wid,
      start: "2026-11-01T10:00:00Z",
      duration: 60,
      billable: true,
    });
    expect(res.status).toBe(402);
    expect(Number(res.headers.get("x-toggl-quota-remaining"))).toBeGreaterThan(0);
    expect(await standIn.control.listTimeEntries(wid)).toEqual([]);
  });
});

describe("leaky bucket and faults", () => {
  it("answers 429 with nginx HTML when a token goes over its bucket", async () => {
    const s = await team("premium");
    await standIn.control.setRateLimit(s.users.a!.apiToken, { perSecond: 1, burst: 3 });
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    const statuses: number[] = [];
    let html = "";
    for (let i = 0; i < 5; i++) {
      const res = await a("GET", `/api/v9/workspaces/${s.workspaces.w!.id}/tags`);
      statuses.push(res.status);
      if (res.status === 429) html = res.text;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(html).toContain("<title>429 Too Many Requests</title>");
    // Other tokens are unaffected.
    expect((await togglClient(standIn.url, s.users.b!.apiToken)("GET", "/api/v9/me")).status).toBe(200);
  });

  it("fails exactly `count` matching requests, scoped to a token and path", async () => {
    const s = await team("premium");
    const wid = s.workspaces.w!.id;
    await standIn.control.fail({ token: s.users.a!.apiToken, pathPrefix: "/api/v9/workspaces", status: 503, count: 2 });
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    expect((await a("GET", "/api/v9/me")).status).toBe(200);
    expect((await a("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(503);
    expect((await togglClient(standIn.url, s.users.b!.apiToken)("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(
      200,
    );
    expect((await a("GET", `/api/v9/workspaces/${wid}/clients`)).status).toBe(503);
    expect((await a("GET", `/api/v9/workspaces/${wid}/clients`)).status).toBe(200);
  });

  it("can fail by workspace with a quota-style 402", async () => {
    const s = await team("premium");
    const wid = s.workspaces.w!.id;
    await standIn.control.fail({ workspaceId: wid, status: 402, count: 1 });
    const res = await togglClient(standIn.url, s.users.b!.apiToken)(
      "POST",
      `/reports/api/v3/workspace/${wid}/search/time_entries`,
      { start_date: "2026-11-01" },
    );
    expect(res.status).toBe(402);
    expect(res.headers.get("x-toggl-quota-remaining")).toBe("0");
  });

  it("counts requests per path for a token", async () => {
    const s = await team("premium");
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    await a("GET", "/api/v9/me");
    await a("GET", "/api/v9/me");
    await a("GET", `/api/v9/workspaces/${s.workspaces.w!.id}/projects?active=both`);
    const log = await standIn.control.requestLog({ token: s.users.a!.apiToken });
    expect(log).toEqual({
      total: 3,
      byPath: { "GET /api/v9/me": 2, [`GET /api/v9/workspaces/${s.workspaces.w!.id}/projects`]: 1 },
    });
  });

  it("answers 403 with a JSON string for a bad token", async () => {
    const res = await togglClient(standIn.url, "0123456789abcdef0123456789abcdef")("GET", "/api/v9/me");
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(typeof res.body).toBe("string");
  });
});
