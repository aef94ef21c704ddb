import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connection, Overview, SyncRunSummary, TogglWorkspace } from "../../../shared/contract";
import { clients, connections, members, projects, tags, tasks, trackTargets } from "../../../worker/db/schema";
import { env } from "cloudflare:workers";
import { markCredentialInvalid, storeCredential } from "../../../worker/toggl/credentials";
import { createSignedInOwner, createUser, db } from "../support/accounts";
import { call } from "../support/http";
import { control, seedOrg } from "./support";

const ADMIN_ROUTES: [string, string, unknown?][] = [
  ["GET", "/api/toggl/workspaces"],
  ["POST", "/api/connections", { workspaceIds: ["1"] }],
  ["GET", "/api/connections"],
  ["DELETE", "/api/connections/some-id"],
  ["POST", "/api/connections/some-id/sync"],
  ["GET", "/api/connections/some-id/runs"],
  ["GET", "/api/overview"],
];

describe("connections API", () => {
  it("answers 401 without a session and 403 to members on every admin route", async () => {
    const org = await seedOrg();
    for (const [method, path, body] of ADMIN_ROUTES) {
      const anonymous = await call(method, path, { "content-type": "application/json" }, body);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      const res = await call<{ error: { code: string } }>(method, path, org.member.headers, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it("lists the workspaces the admin's token sees with their role and connection", async () => {
    const org = await seedOrg();
    const res = await call<{ items: TogglWorkspace[] }>("GET", "/api/toggl/workspaces", org.owner.headers);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((w) => [w.id, w]));
    expect(byId.get(org.ws)).toMatchObject({
      role: "admin",
      connected: false,
      connectionId: null,
      organizationId: String(org.seeded.organizationId),
    });
    expect(byId.get(org.foreign)?.role).not.toBe("admin");
    expect(res.text).not.toContain(org.ownerToken);
  });

  it("refreshes a connected workspace's name when the Toggl list shows it renamed", async () => {
    const org = await seedOrg();
    const created = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws],
    });
    const connectionId = created.body.items[0]!.id;
    const togglName = created.body.items[0]!.workspaceName;
    await env.DB.prepare("update connections set workspace_name = 'Old name' where id = ?").bind(connectionId).run();
    const listed = await call<{ items: TogglWorkspace[] }>("GET", "/api/toggl/workspaces", org.owner.headers);
    expect(listed.status).toBe(200);
    const after = await call<{ items: Connection[] }>("GET", "/api/connections", org.owner.headers);
    expect(after.body.items.find((c) => c.id === connectionId)?.workspaceName).toBe(togglName);
    expect(togglName).not.toBe("Old name");
  });

  it("connects two workspaces: structure, targets and members in D1; connecting again creates nothing", async () => {
    const org = await seedOrg();
    const res = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws, org.ws2],
    });
    expect(res.status).toBe(201);
    expect(res.body.items.map((c) => c.workspaceId)).toEqual([org.ws, org.ws2]);
    expect(res.body.items[0]).toMatchObject({ status: "active", owner: { id: org.owner.id }, backfillDays: 0 });
    expect(res.text).not.toContain(org.ownerToken);

    const acc = org.owner.accountId;
    const clientRows = await db().select().from(clients).where(eq(clients.accountId, acc));
    expect(clientRows.map((c) => [c.name, c.archived]).sort()).toEqual([
      ["Acme", false],
      ["Gone Client", true],
    ]);
    const projectRows = await db()
      .select()
      .from(projects)
      .where(and(eq(projects.accountId, acc), eq(projects.workspaceId, org.ws)));
    expect(projectRows.map((p) => [p.name, p.archived]).sort()).toEqual([
      ["Misc", false],
      ["Old Project", true],
      ["Website", false],
    ]);
    const taskRows = await db().select().from(tasks).where(eq(tasks.accountId, acc));
    expect(taskRows.map((t) => [t.name, t.archived]).sort()).toEqual([
      ["Copy", false],
      ["Done Task", true],
      ["Wireframes", false],
    ]);
    expect((await db().select().from(tags).where(eq(tags.accountId, acc))).map((t) => t.name)).toEqual(["urgent"]);
    const targets = await db()
      .select()
      .from(trackTargets)
      .where(and(eq(trackTargets.accountId, acc), eq(trackTargets.archived, false)));
    expect(targets.map((t) => t.label)).toEqual(
      expect.arrayContaining(["Acme → Website", "Acme → Website → Wireframes", "Misc", "Internal"]),
    );
    expect(targets.map((t) => t.label)).not.toContain("Acme → Website → Done Task");
    const memberRows = await db()
      .select()
      .from(members)
      .where(and(eq(members.accountId, acc), eq(members.workspaceId, org.ws)));
    expect(memberRows).toHaveLength(2);

    const again = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws],
    });
    expect(again.status).toBe(201);
    expect(again.body.items[0]!.id).toBe(res.body.items[0]!.id);
    expect(await db().select().from(connections).where(eq(connections.accountId, acc))).toHaveLength(2);

    const listed = await call<{ items: TogglWorkspace[] }>("GET", "/api/toggl/workspaces", org.owner.headers);
    expect(listed.body.items.find((w) => w.id === org.ws)).toMatchObject({
      connected: true,
      connectionId: res.body.items[0]!.id,
    });

    const list = await call<{ items: Connection[] }>("GET", "/api/connections", org.owner.headers);
    expect(list.body.items).toHaveLength(2);
    const main = list.body.items.find((c) => c.workspaceId === org.ws)!;
    expect(main.lastSync).toMatchObject({ requestsSpent: expect.any(Number) });
    expect(main.lastSync!.requestsSpent).toBeGreaterThan(0);
    expect(main.quota.remaining).toEqual(expect.any(Number));
  });

  it("refuses a workspace where the token is not an admin, and storing nothing", async () => {
    const org = await seedOrg();
    const res = await call<{ error: { code: string; message: string } }>(
      "POST",
      "/api/connections",
      org.owner.headers,
      {
        workspaceIds: [org.ws, org.foreign],
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("not_workspace_admin");
    expect(res.body.error.message).toMatch(/admin/);
    expect(await db().select().from(connections).where(eq(connections.accountId, org.owner.accountId))).toHaveLength(0);
  });

  it("answers 404 for a workspace the token does not see and 400 for bad input", async () => {
    const org = await seedOrg();
    const unknown = await call<{ error: { code: string } }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: ["999999999999"],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("workspace_not_found");
    for (const body of [
      {},
      { workspaceIds: [] },
      { workspaceIds: ["abc"] },
      { workspaceIds: [org.ws], backfillDays: -1 },
    ]) {
      const bad = await call<{ error: { code: string } }>("POST", "/api/connections", org.owner.headers, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe("invalid_input");
    }
    const noType = await call<{ error: { code: string } }>(
      "POST",
      "/api/connections",
      { authorization: org.owner.headers.authorization },
      { workspaceIds: [org.ws] },
    );
    expect(noType.status).toBe(400);
    const notJson = await call("POST", "/api/connections", org.owner.headers, undefined);
    expect(notJson.status).toBe(400);
    expect(await db().select().from(connections).where(eq(connections.accountId, org.owner.accountId))).toHaveLength(0);
  });

  it("answers another account's connection ids exactly like unknown ones", async () => {
    const org = await seedOrg();
    const res = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws2],
    });
    const id = res.body.items[0]!.id;
    const stranger = await createSignedInOwner();
    for (const [method, path] of [
      ["DELETE", `/api/connections/${id}`],
      ["POST", `/api/connections/${id}/sync`],
      ["GET", `/api/connections/${id}/runs`],
    ] as const) {
      const theirs = await call<{ error: { code: string } }>(method, path, stranger.headers);
      const nobody = await call<{ error: { code: string } }>(
        method,
        path.replace(id, crypto.randomUUID()),
        stranger.headers,
      );
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual(nobody.body);
    }
    const list = await call<{ items: Connection[] }>("GET", "/api/connections", stranger.headers);
    expect(list.body.items).toEqual([]);
    const row = await db().select().from(connections).where(eq(connections.id, id)).get();
    expect(row?.status).toBe("active");
  });

  it("unlinks a connection and keeps every imported row; the overview counts what is connected", async () => {
    const org = await seedOrg();
    const res = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws],
    });
    const id = res.body.items[0]!.id;
    const overview = await call<Overview>("GET", "/api/overview", org.owner.headers);
    expect(overview.status).toBe(200);
    expect(overview.body.counts).toMatchObject({ connections: 1, clients: 1, projects: 2, tasks: 2, members: 2 });
    expect(overview.body.owner?.id).toBe(org.owner.id);
    expect(overview.body.lastSync?.requestsSpent).toBeGreaterThan(0);

    const unlinked = await call<Connection>("DELETE", `/api/connections/${id}`, org.owner.headers);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.status).toBe("unlinked");
    expect(await db().select().from(projects).where(eq(projects.accountId, org.owner.accountId))).toHaveLength(3);
    const again = await call<Connection>("DELETE", `/api/connections/${id}`, org.owner.headers);
    expect(again.status).toBe(200);
    const resync = await call<{ error: { code: string } }>("POST", `/api/connections/${id}/sync`, org.owner.headers);
    expect(resync.status).toBe(409);
    const after = await call<Overview>("GET", "/api/overview", org.owner.headers);
    expect(after.body.status).toBe("not_connected");
  });

  it("keeps a sync log per connection: steps, items changed and Toggl requests spent, newest first", async () => {
    const org = await seedOrg();
    const res = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws],
    });
    const id = res.body.items[0]!.id;
    await call("POST", `/api/connections/${id}/sync`, org.owner.headers);
    const log = await call<{ items: SyncRunSummary[] }>(
      "GET",
      `/api/connections/${id}/runs?limit=5`,
      org.owner.headers,
    );
    expect(log.status).toBe(200);
    expect(log.body.items.map((r) => r.kind)).toEqual(["manual", "connect"]);
    const connect = log.body.items[1]!;
    expect(connect.steps.map((s) => s.step)).toEqual(["webhook_repair", "structure", "members"]);
    expect(connect.steps.find((s) => s.step === "structure")).toMatchObject({ ok: true, requests: 5 });
    expect(connect.requestsSpent).toBe(connect.steps.reduce((n, s) => n + s.requests, 0));
    expect(connect.itemsChanged).toBeGreaterThan(0);
    expect(connect.finishedAt).not.toBeNull();
    const bad = await call("GET", `/api/connections/${id}/runs?limit=0`, org.owner.headers);
    expect(bad.status).toBe(400);
  });

  it("re-sync by another admin takes over a connection whose owner's token Toggl rejected", async () => {
    const org = await seedOrg();
    const res = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws],
    });
    const id = res.body.items[0]!.id;
    await markCredentialInvalid(db(), org.credentialId);

    const togglAdmin = await control().createUser({ email: `second-${crypto.randomUUID().slice(0, 8)}@agency.test` });
    await control().addMember(Number(org.ws), { userId: togglAdmin.id, admin: true });
    const admin = await createUser(org.owner.accountId, { role: "admin", togglUserId: String(togglAdmin.id) });
    await storeCredential(env, db(), {
      personId: admin.personId,
      togglUserId: String(togglAdmin.id),
      apiToken: togglAdmin.apiToken,
    });

    const sync = await call<{
      connection: Connection;
      run: { status: string; steps: { step: string; ok: boolean }[] };
    }>("POST", `/api/connections/${id}/sync`, admin.headers);
    expect(sync.status, sync.text).toBe(200);
    expect(sync.body.connection).toMatchObject({ status: "active", owner: { id: admin.id } });
    expect(sync.body.run.steps.find((s) => s.step === "structure")).toMatchObject({ ok: true });
    expect(sync.text).not.toContain(togglAdmin.apiToken);
  });

  it("re-sync never hands a connection to an admin whom Toggl does not call an admin of the workspace", async () => {
    const org = await seedOrg();
    const res = await call<{ items: Connection[] }>("POST", "/api/connections", org.owner.headers, {
      workspaceIds: [org.ws],
    });
    const id = res.body.items[0]!.id;
    await markCredentialInvalid(db(), org.credentialId);
    // An admin of the Hourline account, but only a plain member of the workspace in Toggl.
    const togglMember = await control().createUser({ email: `plain-${crypto.randomUUID().slice(0, 8)}@agency.test` });
    await control().addMember(Number(org.ws), { userId: togglMember.id, admin: false });
    const admin = await createUser(org.owner.accountId, { role: "admin", togglUserId: String(togglMember.id) });
    await storeCredential(env, db(), {
      personId: admin.personId,
      togglUserId: String(togglMember.id),
      apiToken: togglMember.apiToken,
    });

    const sync = await call<{ connection: Connection }>("POST", `/api/connections/${id}/sync`, admin.headers);
    expect(sync.status, sync.text).toBe(200);
    expect(sync.body.connection.owner.id).toBe(org.owner.id);
    expect(sync.body.connection.ownerProblem).toMatchObject({ kind: "token_rejected" });
    const [row] = await db().select().from(connections).where(eq(connections.id, id));
    expect(row).toMatchObject({
      ownerUserId: org.owner.id,
      credentialId: org.credentialId,
      ownerProblem: "token_rejected",
    });
  });

  it("answers 503 with retryAfterSeconds when the admin's Toggl quota is exhausted", async () => {
    const org = await seedOrg();
    await control().exhaustQuota(org.ownerToken, "user");
    const res = await call<{ error: { code: string; retryAfterSeconds?: number } }>(
      "GET",
      "/api/toggl/workspaces",
      org.owner.headers,
    );
    expect(res.status).toBe(503);
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(0);
    await control().resetQuota(org.ownerToken);
  });
});
