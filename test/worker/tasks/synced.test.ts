// The search over a tree imported by the real structure sync from the Toggl stand-in (not seeded
// rows): what the sync builds is what the timer offers, and renames and archiving show up.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Items, TaskTarget } from "../../../shared/contract";
import { syncStructure } from "../../../worker/features/workspace-mirror/structure";
import { storeCredential, togglClientFor } from "../../../worker/toggl/credentials";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { createSignedInOwner, createUser, db } from "../support/accounts";
import { call } from "../support/http";
import { seedConnectedTree } from "../support/tree";

const control = () => new StandInControl(env.TOGGL_API_URL);

async function search(headers: Record<string, string>, q: string) {
  const res = await call<Items<TaskTarget>>("GET", `/api/tasks?q=${encodeURIComponent(q)}&limit=100`, headers);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe("GET /api/tasks after a structure sync", () => {
  it("offers what Toggl has, without archived or done items, and follows renames", async () => {
    const stamp = crypto.randomUUID().slice(0, 8);
    const seeded = await control().seed({
      plan: "starter",
      users: [
        { key: "boss", email: `boss-${stamp}@sync.test` },
        { key: "kim", email: `kim-${stamp}@sync.test` },
      ],
      workspaces: [
        {
          key: "ws",
          name: "Harbour",
          admins: ["boss"],
          members: ["kim"],
          clients: [
            { key: "dock", name: "Dockside" },
            { key: "gone", name: "Former Client", archived: true },
          ],
          projects: [
            { key: "crane", name: "Crane Retrofit", client: "dock", billable: true },
            { key: "old", name: "Old Pier", client: "dock", active: false },
          ],
          tasks: [
            { key: "bolts", name: "Bolt Survey", project: "crane" },
            { key: "done", name: "Paint Job", project: "crane", active: false },
          ],
        },
      ],
    });
    const boss = seeded.users.boss!;
    const kimToggl = seeded.users.kim!;
    const owner = await createSignedInOwner({ togglUserId: String(boss.id) });
    const kim = await createUser(owner.accountId, { togglUserId: String(kimToggl.id) });
    await storeCredential(env, db(), {
      personId: kim.personId,
      togglUserId: String(kimToggl.id),
      apiToken: kimToggl.apiToken,
    });
    const workspaceId = String(seeded.workspaces.ws!.id);
    const conn = await seedConnectedTree(
      owner,
      { workspace: { id: workspaceId, name: "Harbour" } },
      { apiToken: boss.apiToken, togglUserId: String(boss.id), organizationId: String(seeded.organizationId) },
    );
    const sync = async () => {
      const toggl = await togglClientFor(env, db(), conn.credentialId, "background");
      await syncStructure({
        db: db(),
        accountId: owner.accountId,
        workspaceId,
        toggl,
        now: new Date(),
        workspaceName: "Harbour",
      });
    };
    await sync();

    const all = await search(kim.headers, "");
    expect(all.map((t) => t.label)).toEqual([
      "Dockside",
      "Dockside → Crane Retrofit",
      "Dockside → Crane Retrofit → Bolt Survey",
      "Harbour",
    ]);
    const bolts = all.find((t) => t.kind === "task")!;
    expect(bolts).toMatchObject({
      taskId: String(seeded.tasks.bolts),
      projectId: String(seeded.projects.crane),
      workspaceName: "Harbour",
      clientName: "Dockside",
      billable: true,
    });

    // The synced ids are what the timer starts on.
    const started = await call("POST", "/api/timer/start", kim.headers, { workspaceId, taskId: bolts.taskId });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ title: "Dockside → Crane Retrofit → Bolt Survey", billable: true });

    // Renamed and marked done in Toggl: the next sync changes what the search offers.
    await control().updateTask(seeded.tasks.bolts!, { name: "Weld Inspection" });
    await control().updateProject(seeded.projects.old!, { active: true });
    await sync();
    expect((await search(kim.headers, "bolt")).map((t) => t.label)).toEqual([]);
    expect((await search(kim.headers, "weld")).map((t) => t.label)).toEqual([
      "Dockside → Crane Retrofit → Weld Inspection",
    ]);
    expect((await search(kim.headers, "pier")).map((t) => t.label)).toEqual(["Dockside → Old Pier"]);
    await control().updateTask(seeded.tasks.bolts!, { active: false });
    await sync();
    expect(await search(kim.headers, "weld")).toEqual([]);
  });
});
