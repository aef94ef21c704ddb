// Private projects, as Toggl has them: the structure sync mirrors who belongs to each private
// project, members see, search and start only on public projects and their own private ones,
// admins see everything, and Toggl's refusal says which project and why.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Items, RunningTimer, TaskTarget, ApiErrorBody } from "../../../shared/contract";
import { projectMembers } from "../../../worker/db/schema";
import { syncStructure } from "../../../worker/features/workspace-mirror/structure";
import { storeCredential, togglClientFor } from "../../../worker/toggl/credentials";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { createSignedInOwner, createUser, db } from "../support/accounts";
import { call } from "../support/http";
import { seedConnectedTree } from "../support/tree";

const control = () => new StandInControl(env.TOGGL_API_URL);

async function agency() {
  const stamp = crypto.randomUUID().slice(0, 8);
  const seeded = await control().seed({
    plan: "starter",
    users: [
      { key: "boss", email: `boss-${stamp}@private.test` },
      { key: "kim", email: `kim-${stamp}@private.test` },
      { key: "lee", email: `lee-${stamp}@private.test` },
    ],
    workspaces: [
      {
        key: "ws",
        name: "Agency",
        admins: ["boss"],
        members: ["kim", "lee"],
        projects: [
          { key: "open", name: "Open Project" },
          { key: "secret", name: "Secret Project", private: true, members: ["lee"] },
        ],
        tasks: [{ key: "plan", name: "Plan", project: "secret" }],
      },
    ],
  });
  const boss = seeded.users.boss!;
  const owner = await createSignedInOwner({ togglUserId: String(boss.id) });
  const person = async (key: "kim" | "lee", role: "member" | "admin") => {
    const t = seeded.users[key]!;
    const user = await createUser(owner.accountId, { role, togglUserId: String(t.id) });
    await storeCredential(env, db(), {
      personId: user.personId,
      togglUserId: String(t.id),
      apiToken: t.apiToken,
    });
    return user;
  };
  const workspaceId = String(seeded.workspaces.ws!.id);
  const conn = await seedConnectedTree(
    owner,
    { workspace: { id: workspaceId, name: "Agency" } },
    { apiToken: boss.apiToken, togglUserId: String(boss.id), organizationId: String(seeded.organizationId) },
  );
  const sync = async () => {
    const toggl = await togglClientFor(env, db(), conn.credentialId, "background");
    return syncStructure({
      db: db(),
      accountId: owner.accountId,
      workspaceId,
      toggl,
      now: new Date(),
      workspaceName: "Agency",
    });
  };
  return { seeded, owner, person, workspaceId, sync };
}

const labels = async (headers: Record<string, string>, q = "") =>
  (await call<Items<TaskTarget>>("GET", `/api/tasks?q=${q}&limit=100`, headers)).body.items.map((t) => t.label).sort();

describe("private projects", () => {
  it("a member sees, searches and starts only on public projects and private ones they belong to", async () => {
    const a = await agency();
    const kim = await a.person("kim", "member");
    const lee = await a.person("lee", "member");
    await a.sync();
    expect(await labels(kim.headers)).toEqual(["Agency", "Open Project"]);
    expect(await labels(kim.headers, "secret")).toEqual([]);
    expect(await labels(lee.headers)).toEqual(["Agency", "Open Project", "Secret Project", "Secret Project → Plan"]);
    expect(await labels(a.owner.headers, "secret")).toEqual(["Secret Project", "Secret Project → Plan"]);

    const hidden = await call<ApiErrorBody>("POST", "/api/timer/start", kim.headers, {
      workspaceId: a.workspaceId,
      taskId: String(a.seeded.tasks.plan),
    });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.code).toBe("unknown_task");
    const past = await call<ApiErrorBody>("POST", "/api/time-entries", kim.headers, {
      workspaceId: a.workspaceId,
      projectId: String(a.seeded.projects.secret),
      start: new Date(Date.now() - 3_600_000).toISOString(),
      stop: new Date(Date.now() - 1_800_000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe("unknown_project");
    const allowed = await call<RunningTimer>("POST", "/api/timer/start", lee.headers, {
      workspaceId: a.workspaceId,
      taskId: String(a.seeded.tasks.plan),
    });
    expect(allowed.status).toBe(201);
    expect(allowed.body.title).toBe("Secret Project → Plan");
  });

  it("follows Toggl's project users at the next sync", async () => {
    const a = await agency();
    const kim = await a.person("kim", "member");
    await a.sync();
    await control().addProjectUser(a.seeded.projects.secret!, a.seeded.users.kim!.id);
    await a.sync();
    expect(await labels(kim.headers, "secret")).toEqual(["Secret Project", "Secret Project → Plan"]);
    await control().removeProjectUser(a.seeded.projects.secret!, a.seeded.users.kim!.id);
    await control().updateProject(a.seeded.projects.open!, { isPrivate: true });
    await a.sync();
    expect(await labels(kim.headers)).toEqual(["Agency"]);
    const rows = await db().select().from(projectMembers).where(eq(projectMembers.accountId, a.owner.accountId)).all();
    expect(rows.map((r) => r.togglUserId).sort()).toEqual([String(a.seeded.users.lee!.id)]);
  });

  it("an admin outside a private project sees it, and Toggl's refusal names the project and says why", async () => {
    const a = await agency();
    const kimAdmin = await a.person("kim", "admin");
    await a.sync();
    expect(await labels(kimAdmin.headers, "secret")).toEqual(["Secret Project", "Secret Project → Plan"]);
    const res = await call<ApiErrorBody>("POST", "/api/timer/start", kimAdmin.headers, {
      workspaceId: a.workspaceId,
      projectId: String(a.seeded.projects.secret),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("toggl_forbidden");
    expect(res.body.error.message).toContain('project "Secret Project"');
    expect(res.body.error.message).toContain("private project");
    expect(res.body.error.message).toContain("User cannot access the selected project");
    // The token still works: the session and the credential stay.
    expect((await call("GET", "/api/timer", kimAdmin.headers)).status).toBe(200);
    expect(
      (await control().listTimeEntries(Number(a.workspaceId))).filter((e) => e.user_id === a.seeded.users.kim!.id),
    ).toEqual([]);
  });
});
