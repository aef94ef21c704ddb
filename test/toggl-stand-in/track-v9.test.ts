import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeedSpec } from "./control-client.ts";
import { startTogglStandIn, type TogglStandIn } from "./server.ts";
import {
  conforms,
  swagger,
  togglClient,
  type IdJson,
  type NamedJson,
  type ProjectJson,
  type Raw,
  type TasksPageJson,
  type TimeEntryJson,
  type WorkspaceUserJson,
} from "./test-helpers.ts";

let standIn: TogglStandIn;
beforeAll(async () => {
  standIn = await startTogglStandIn();
});
afterAll(() => standIn.close());

const agency = (): SeedSpec => ({
  plan: "premium",
  users: [
    { key: "ann", email: "ann@agency.test", fullname: "Ann Admin", timezone: "Europe/Helsinki" },
    { key: "bob", email: "bob@agency.test", fullname: "Bob Member" },
  ],
  workspaces: [
    {
      key: "main",
      name: "Agency",
      admins: ["ann"],
      members: ["bob"],
      clients: [
        { key: "acme", name: "Acme" },
        { key: "old", name: "Old Client", archived: true },
      ],
      projects: [
        { key: "site", name: "Website", client: "acme" },
        { key: "gone", name: "Archived project", active: false },
      ],
      tasks: [
        { key: "design", name: "Design", project: "site" },
        { key: "done", name: "Done task", project: "site", active: false },
      ],
      tags: [{ key: "dev", name: "dev" }],
    },
  ],
});

describe("Track v9 reads", () => {
  it("answers /me like Toggl, with related data only on request", async () => {
    const s = await standIn.control.seed(agency());
    const ann = togglClient(standIn.url, s.users.ann!.apiToken);
    const plain = await ann<Raw<{ workspaces: null }>>("GET", "/api/v9/me");
    expect(plain.status).toBe(200);
    expect(conforms(swagger.track, "/me", "get", plain.body)).toEqual([]);
    expect(plain.body).toMatchObject({
      id: s.users.ann!.id,
      email: "ann@agency.test",
      fullname: "Ann Admin",
      timezone: "Europe/Helsinki",
      default_workspace_id: s.workspaces.main!.id,
    });
    expect(plain.body.workspaces).toBeNull();

    const related = await ann<Raw<{ workspaces: IdJson[]; projects: IdJson[] }>>(
      "GET",
      "/api/v9/me?with_related_data=true",
    );
    expect(conforms(swagger.track, "/me", "get", related.body)).toEqual([]);
    expect(related.body.workspaces.map((w: { id: number }) => w.id)).toEqual([s.workspaces.main!.id]);
    expect(related.body.projects).toHaveLength(2);
  });

  it("lists workspaces and organisations with roles and plan", async () => {
    const s = await standIn.control.seed(agency());
    const bob = togglClient(standIn.url, s.users.bob!.apiToken);
    const wss = await bob("GET", "/api/v9/me/workspaces");
    expect(conforms(swagger.track, "/me/workspaces", "get", wss.body)).toEqual([]);
    expect(wss.body).toEqual([
      expect.objectContaining({
        id: s.workspaces.main!.id,
        organization_id: s.organizationId,
        role: "user",
        admin: false,
        business_ws: true,
      }),
    ]);
    const orgs = await bob<IdJson[]>("GET", "/api/v9/me/organizations");
    expect(conforms(swagger.track, "/me/organizations", "get", orgs.body)).toEqual([]);
    expect(orgs.body[0]).toMatchObject({
      id: s.organizationId,
      pricing_plan_name: "Premium",
      user_count: 2,
      admin: false,
    });
    const one = await bob<NamedJson>("GET", `/api/v9/workspaces/${s.workspaces.main!.id}`);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}", "get", one.body)).toEqual([]);
    expect(one.body.name).toBe("Agency");
  });

  it("keeps user ids and workspace-user ids apart", async () => {
    const s = await standIn.control.seed(agency());
    const ann = togglClient(standIn.url, s.users.ann!.apiToken);
    const wid = s.workspaces.main!.id;
    const users = await ann<IdJson[]>("GET", `/api/v9/workspaces/${wid}/users`);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/users", "get", users.body)).toEqual([]);
    expect(users.body.map((u: { id: number }) => u.id).sort()).toEqual([s.users.ann!.id, s.users.bob!.id].sort());
    const wsUsers = await ann<WorkspaceUserJson[]>("GET", `/api/v9/workspaces/${wid}/workspace_users`);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/workspace_users", "get", wsUsers.body)).toEqual([]);
    const bobRow = wsUsers.body.find((u: { uid: number }) => u.uid === s.users.bob!.id);
    expect(bobRow).toMatchObject({ email: "bob@agency.test", admin: false, wid });
    expect(bobRow!.id).not.toBe(s.users.bob!.id);
  });

  it("filters clients by status and rejects an unknown status", async () => {
    const s = await standIn.control.seed(agency());
    const ann = togglClient(standIn.url, s.users.ann!.apiToken);
    const wid = s.workspaces.main!.id;
    const names = async (q: string) =>
      ((await ann("GET", `/api/v9/workspaces/${wid}/clients${q}`)).body as { name: string }[]).map((c) => c.name);
    expect(await names("")).toEqual(["Acme"]);
    expect(await names("?status=archived")).toEqual(["Old Client"]);
    expect(await names("?status=both")).toEqual(["Acme", "Old Client"]);
    const all = await ann("GET", `/api/v9/workspaces/${wid}/clients?status=both`);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/clients", "get", all.body)).toEqual([]);
    const bad = await ann("GET", `/api/v9/workspaces/${wid}/clients?status=gone`);
    expect(bad.status).toBe(400);
    expect(bad.body).toBe("Client status is invalid");
  });

  it("pages projects (default 151, at most 200) and returns deleted ones with since", async () => {
    const s = await standIn.control.seed({
      plan: "premium",
      users: [{ key: "a", email: "a@p.test" }],
      workspaces: [{ key: "w", admins: ["a"] }],
    });
    const wid = s.workspaces.w!.id;
    const before = Math.floor(Date.now() / 1000);
    const ids: number[] = [];
    for (let i = 0; i < 205; i++)
      ids.push((await standIn.control.createProject({ workspaceId: wid, name: `P${String(i).padStart(3, "0")}` })).id);
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    const first = await a("GET", `/api/v9/workspaces/${wid}/projects`);
    expect(first.body).toHaveLength(151);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/projects", "get", first.body)).toEqual([]);
    const page2 = await a("GET", `/api/v9/workspaces/${wid}/projects?page=2`);
    expect(page2.body).toHaveLength(54);
    const capped = await a("GET", `/api/v9/workspaces/${wid}/projects?per_page=500`);
    expect(capped.body).toHaveLength(200);

    await standIn.control.deleteProject(ids[0]!);
    await standIn.control.updateProject(ids[1]!, { active: false });
    const live = await a<ProjectJson[]>("GET", `/api/v9/workspaces/${wid}/projects?per_page=200&page=1`);
    expect(live.body.some((p: { id: number }) => p.id === ids[0])).toBe(false);
    expect(live.body.some((p: { id: number }) => p.id === ids[1])).toBe(false);
    const both = await a<ProjectJson[]>("GET", `/api/v9/workspaces/${wid}/projects?active=both&per_page=200`);
    expect(both.body.find((p: { id: number }) => p.id === ids[1])).toMatchObject({ active: false, status: "archived" });
    const since = await a<ProjectJson[]>("GET", `/api/v9/workspaces/${wid}/projects?since=${before}&per_page=200`);
    expect(since.body.find((p: { id: number }) => p.id === ids[0])!.server_deleted_at).toEqual(expect.any(String));
  });

  it("wraps tasks in a paged object and filters by active", async () => {
    const s = await standIn.control.seed(agency());
    const ann = togglClient(standIn.url, s.users.ann!.apiToken);
    const wid = s.workspaces.main!.id;
    const res = await ann<TasksPageJson>("GET", `/api/v9/workspaces/${wid}/tasks`);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/tasks", "get", res.body)).toEqual([]);
    expect(res.body).toMatchObject({ page: 1, per_page: 50, sort_field: "name", sort_order: "ASC", total_count: 1 });
    expect(res.body.data.map((t: { name: string }) => t.name)).toEqual(["Design"]);
    const both = await ann<TasksPageJson>("GET", `/api/v9/workspaces/${wid}/tasks?active=both&per_page=1&page=2`);
    expect(both.body).toMatchObject({ page: 2, per_page: 1, total_count: 2 });
    expect(both.body.data[0]).toMatchObject({ name: "Done task", active: false, project_id: s.projects.site });
  });

  it("answers 403 for a workspace the caller does not belong to", async () => {
    const one = await standIn.control.seed(agency());
    const other = await standIn.control.seed(agency());
    const ann = togglClient(standIn.url, one.users.ann!.apiToken);
    const res = await ann("GET", `/api/v9/workspaces/${other.workspaces.main!.id}/projects`);
    expect(res.status).toBe(403);
    expect(typeof res.body).toBe("string");
  });
});

describe("Track v9 time entries", () => {
  it("creates a running entry with an int64 id, stops it, and answers 409 on a second stop", async () => {
    const s = await standIn.control.seed(agency());
    const bob = togglClient(standIn.url, s.users.bob!.apiToken);
    const wid = s.workspaces.main!.id;
    expect((await bob("GET", "/api/v9/me/time_entries/current")).body).toBeNull();

    const created = await bob<TimeEntryJson>("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "hourline-test",
      workspace_id: wid,
      start: new Date().toISOString(),
      duration: -1,
      stop: null,
      project_id: s.projects.site,
      task_id: s.tasks.design,
      description: "Mockups",
      tags: ["dev", "new-tag"],
    });
    expect(created.status).toBe(200);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/time_entries", "post", created.body)).toEqual([]);
    expect(created.body.id).toBeGreaterThan(2 ** 31);
    expect(created.body).toMatchObject({
      stop: null,
      duration: -1,
      workspace_id: wid,
      wid,
      user_id: s.users.bob!.id,
      pid: s.projects.site,
      tags: ["dev", "new-tag"],
      server_deleted_at: null,
    });

    const current = await bob<TimeEntryJson>("GET", "/api/v9/me/time_entries/current");
    expect(conforms(swagger.track, "/me/time_entries/current", "get", current.body)).toEqual([]);
    expect(current.body.id).toBe(created.body.id);

    const stopped = await bob<TimeEntryJson>("PATCH", `/api/v9/workspaces/${wid}/time_entries/${created.body.id}/stop`);
    expect(stopped.status).toBe(200);
    expect(
      conforms(swagger.track, "/workspaces/{workspace_id}/time_entries/{time_entry_id}/stop", "patch", stopped.body),
    ).toEqual([]);
    expect(stopped.body.stop).toEqual(expect.any(String));
    expect(stopped.body.duration).toBeGreaterThanOrEqual(0);
    const again = await bob("PATCH", `/api/v9/workspaces/${wid}/time_entries/${created.body.id}/stop`);
    expect(again.status).toBe(409);
    expect(again.body).toBe("Time entry already stopped");
    expect((await bob("GET", "/api/v9/me/time_entries/current")).body).toBeNull();
  });

  it("stops the running entry when another one starts", async () => {
    const s = await standIn.control.seed(agency());
    const bob = togglClient(standIn.url, s.users.bob!.apiToken);
    const wid = s.workspaces.main!.id;
    const start = (offsetMs: number) => new Date(Date.now() - offsetMs).toISOString();
    const first = await bob<TimeEntryJson>("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      workspace_id: wid,
      start: start(60_000),
      duration: -1,
    });
    const second = await bob<TimeEntryJson>("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      workspace_id: wid,
      start: start(0),
      duration: -1,
    });
    const truth = await standIn.control.listTimeEntries(wid);
    expect(truth.find((e) => e.id === first.body.id)?.stop).not.toBeNull();
    expect(truth.find((e) => e.id === second.body.id)?.stop).toBeNull();
  });

  it("refuses creation without created_with or workspace_id, storing nothing", async () => {
    const s = await standIn.control.seed(agency());
    const bob = togglClient(standIn.url, s.users.bob!.apiToken);
    const wid = s.workspaces.main!.id;
    const noApp = await bob("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      workspace_id: wid,
      start: new Date().toISOString(),
    });
    expect(noApp.status).toBe(400);
    expect(noApp.body).toBe("created_with needs to be provided an a valid string");
    const noWs = await bob("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      start: new Date().toISOString(),
    });
    expect(noWs.status).toBe(400);
    expect(noWs.body).toBe("workspace_id is required");
    const wrongType = await bob("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      workspace_id: String(wid),
      start: new Date().toISOString(),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatch(/^Unexpected "workspace_id" type string/);
    const notJson = await bob("POST", `/api/v9/workspaces/${wid}/time_entries`, "{not json");
    expect(notJson.status).toBe(400);
    expect(await standIn.control.listTimeEntries(wid)).toEqual([]);
  });

  it("updates with PUT and deletes; since returns the deleted entry with server_deleted_at", async () => {
    const s = await standIn.control.seed(agency());
    const bob = togglClient(standIn.url, s.users.bob!.apiToken);
    const wid = s.workspaces.main!.id;
    const since = Math.floor(Date.now() / 1000) - 1;
    const te = await bob<TimeEntryJson>("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      workspace_id: wid,
      start: "2026-11-02T09:00:00Z",
      stop: "2026-11-02T10:00:00Z",
    });
    expect(te.body.duration).toBe(3600);
    const put = await bob("PUT", `/api/v9/workspaces/${wid}/time_entries/${te.body.id}`, {
      description: "Renamed",
      stop: "2026-11-02T10:30:00Z",
    });
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/time_entries/{time_entry_id}", "put", put.body)).toEqual(
      [],
    );
    expect(put.body).toMatchObject({ description: "Renamed", duration: 5400 });
    const del = await bob("DELETE", `/api/v9/workspaces/${wid}/time_entries/${te.body.id}`);
    expect(del.status).toBe(200);
    expect(del.text).toBe("");

    const plain = await bob<TimeEntryJson[]>("GET", "/api/v9/me/time_entries");
    expect(plain.body.some((e: { id: number }) => e.id === te.body.id)).toBe(false);
    const changed = await bob<TimeEntryJson[]>("GET", `/api/v9/me/time_entries?since=${since}`);
    expect(conforms(swagger.track, "/me/time_entries", "get", changed.body)).toEqual([]);
    expect(changed.body.find((e: { id: number }) => e.id === te.body.id)!.server_deleted_at).toEqual(
      expect.any(String),
    );
  });

  it("treats a date-only end_date as midnight", async () => {
    const s = await standIn.control.seed({
      ...agency(),
      timeEntries: [
        {
          user: "bob",
          workspace: "main",
          start: "2026-11-10T08:00:00Z",
          stop: "2026-11-10T09:00:00Z",
          description: "early on the 10th",
        },
        {
          user: "bob",
          workspace: "main",
          start: "2026-11-11T15:00:00Z",
          stop: "2026-11-11T16:00:00Z",
          description: "on the 11th",
        },
      ],
    });
    const bob = togglClient(standIn.url, s.users.bob!.apiToken);
    const cut = await bob<TimeEntryJson[]>("GET", "/api/v9/me/time_entries?start_date=2026-11-10&end_date=2026-11-11");
    expect(cut.body.map((e: { description: string }) => e.description)).toEqual(["early on the 10th"]);
    const full = await bob<TimeEntryJson[]>(
      "GET",
      "/api/v9/me/time_entries?start_date=2026-11-10&end_date=2026-11-11T23:59:59Z",
    );
    expect(full.body.map((e: { description: string }) => e.description)).toEqual(["on the 11th", "early on the 10th"]);
  });

  it("signs in with email and password as well as the token", async () => {
    const s = await standIn.control.seed({
      users: [{ key: "p", email: "pw@x.test", password: "s3cret-pass" }],
      workspaces: [{ key: "w", admins: ["p"] }],
    });
    const res = await fetch(`${standIn.url}/api/v9/me`, {
      headers: { authorization: `Basic ${Buffer.from("pw@x.test:s3cret-pass").toString("base64")}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: number }).id).toBe(s.users.p!.id);
    const wrong = await fetch(`${standIn.url}/api/v9/me`, {
      headers: { authorization: `Basic ${Buffer.from("pw@x.test:nope").toString("base64")}` },
    });
    expect(wrong.status).toBe(403);
  });

  it("follows membership changes made through the control surface", async () => {
    const s = await standIn.control.seed(agency());
    const wid = s.workspaces.main!.id;
    const newcomer = await standIn.control.createUser({
      email: "new@agency.test",
      fullname: "New Person",
      timezone: "Asia/Tokyo",
    });
    const call = togglClient(standIn.url, newcomer.apiToken);
    expect((await call("GET", "/api/v9/me/workspaces")).body).toEqual([]);
    await standIn.control.addMember(wid, { userId: newcomer.id });
    expect((await call<IdJson[]>("GET", "/api/v9/me/workspaces")).body.map((w: { id: number }) => w.id)).toEqual([wid]);
    await standIn.control.updateUser(newcomer.id, { email: "renamed@agency.test" });
    const users = await togglClient(standIn.url, s.users.ann!.apiToken)<IdJson[]>(
      "GET",
      `/api/v9/workspaces/${wid}/users`,
    );
    expect(users.body.find((u: { id: number }) => u.id === newcomer.id)).toMatchObject({
      email: "renamed@agency.test",
      fullname: "New Person",
    });
    await standIn.control.removeMember(wid, newcomer.id);
    expect((await call("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(403);
  });

  it("lists an invitee who has not joined (is_active false) and a deactivated member, neither with access", async () => {
    const s = await standIn.control.seed({
      ...agency(),
      users: [...agency().users, { key: "ivy", email: "ivy@agency.test" }],
    });
    const wid = s.workspaces.main!.id;
    const ann = togglClient(standIn.url, s.users.ann!.apiToken);
    const ivy = togglClient(standIn.url, s.users.ivy!.apiToken);
    const bob = togglClient(standIn.url, s.users.bob!.apiToken);
    await standIn.control.addMember(wid, { userId: s.users.ivy!.id, pending: true });
    await standIn.control.addMember(wid, { userId: s.users.bob!.id, inactive: true });

    const users = await ann<Raw<{ id: number; is_active: boolean; inactive: boolean }>[]>(
      "GET",
      `/api/v9/workspaces/${wid}/users`,
    );
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/users", "get", users.body)).toEqual([]);
    const byId = new Map(users.body.map((u) => [u.id, u]));
    expect(byId.get(s.users.ann!.id)).toMatchObject({ is_active: true, inactive: false });
    expect(byId.get(s.users.ivy!.id)).toMatchObject({ is_active: false, inactive: false });
    expect(byId.get(s.users.bob!.id)).toMatchObject({ is_active: true, inactive: true });
    const detailed = await ann<Raw<{ uid: number; active: boolean }>[]>(
      "GET",
      `/api/v9/workspaces/${wid}/workspace_users`,
    );
    expect(detailed.body.find((u) => u.uid === s.users.ivy!.id)?.active).toBe(false);

    for (const outsider of [ivy, bob]) {
      expect((await outsider("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(403);
      expect((await outsider<IdJson[]>("GET", "/api/v9/me/workspaces")).body).toEqual([]);
    }
    // Accepting the invitation joins.
    await standIn.control.addMember(wid, { userId: s.users.ivy!.id });
    expect((await ivy("GET", `/api/v9/workspaces/${wid}/tags`)).status).toBe(200);
  });

  it("rejects a token its user reset, and takes the new one", async () => {
    const s = await standIn.control.seed(agency());
    const old = s.users.bob!.apiToken;
    const { apiToken } = await standIn.control.resetToken(s.users.bob!.id);
    expect(apiToken).not.toBe(old);
    expect((await togglClient(standIn.url, old)("GET", "/api/v9/me")).status).toBe(403);
    expect((await togglClient(standIn.url, apiToken)<IdJson>("GET", "/api/v9/me")).body.id).toBe(s.users.bob!.id);
  });

  it("returns at most 1000 time entries, newest first", async () => {
    const day = Date.parse("2026-01-01T00:00:00Z");
    const timeEntries = Array.from({ length: 1005 }, (_, i) => ({
      user: "bob",
      workspace: "main",
      description: `#${i}`,
      start: new Date(day + i * 3_600_000).toISOString(),
      stop: new Date(day + i * 3_600_000 + 600_000).toISOString(),
    }));
    const s = await standIn.control.seed({ ...agency(), timeEntries });
    const res = await togglClient(standIn.url, s.users.bob!.apiToken)<TimeEntryJson[]>(
      "GET",
      "/api/v9/me/time_entries?start_date=2026-01-01&end_date=2026-12-31",
    );
    expect(res.body).toHaveLength(1000);
    expect(res.body[0]!.description).toBe("#1004");
  });
});
