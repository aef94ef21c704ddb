import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTogglStandIn, type TogglStandIn } from "./server.ts";
import { conforms, startReceiver, swagger, togglClient, waitFor } from "./test-helpers.ts";

let standIn: TogglStandIn;
beforeAll(async () => {
  standIn = await startTogglStandIn({ retryDelayMs: 150 });
});
afterAll(() => standIn.close());

async function studio() {
  const s = await standIn.control.seed({
    plan: "starter",
    users: [
      { key: "admin", email: "admin@p.test" },
      { key: "ann", email: "ann@p.test" },
      { key: "bob", email: "bob@p.test" },
    ],
    workspaces: [
      {
        key: "w",
        admins: ["admin"],
        members: ["ann", "bob"],
        projects: [
          { key: "open", name: "Open" },
          { key: "secret", name: "Secret", private: true, members: ["ann"] },
        ],
        tasks: [{ key: "t", name: "Hidden task", project: "secret" }],
      },
    ],
  });
  const wid = s.workspaces.w!.id;
  const as = (key: "admin" | "ann" | "bob") => togglClient(standIn.url, s.users[key]!.apiToken);
  return { s, wid, as };
}

const start = "2026-11-02T10:00:00Z";

describe("private projects and project users", () => {
  it("lists project users like Toggl, filtered by project and user", async () => {
    const { s, wid, as } = await studio();
    const all = await as("admin")("GET", `/api/v9/workspaces/${wid}/project_users`);
    expect(all.status).toBe(200);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/project_users", "get", all.body)).toEqual([]);
    expect(all.body).toEqual([
      expect.objectContaining({
        project_id: s.projects.secret,
        user_id: s.users.ann!.id,
        workspace_id: wid,
        manager: false,
      }),
    ]);
    const byProject = await as("admin")(
      "GET",
      `/api/v9/workspaces/${wid}/project_users?project_ids=${s.projects.open}`,
    );
    expect(byProject.body).toEqual([]);
    const byUser = await as("admin")(
      "GET",
      `/api/v9/workspaces/${wid}/project_users?user_id=${s.users.ann!.id}&with_group_members=true`,
    );
    expect(byUser.body).toHaveLength(1);
    const bad = await as("admin")("GET", `/api/v9/workspaces/${wid}/project_users?user_id=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body).toBe("Invalid user_id");
  });

  it("marks projects private and hides them from members outside them", async () => {
    const { s, wid, as } = await studio();
    const forAdmin = await as("admin")<{ id: number; is_private: boolean }[]>(
      "GET",
      `/api/v9/workspaces/${wid}/projects`,
    );
    expect(forAdmin.body.find((p) => p.id === s.projects.secret)).toMatchObject({ is_private: true });
    const names = async (who: "ann" | "bob") =>
      ((await as(who)("GET", `/api/v9/workspaces/${wid}/projects`)).body as { name: string }[]).map((p) => p.name);
    expect(await names("ann")).toEqual(["Open", "Secret"]);
    expect(await names("bob")).toEqual(["Open"]);
  });

  it("answers Toggl's 403 to tracking on a private project one does not belong to", async () => {
    const { s, wid, as } = await studio();
    const body = { created_with: "t", workspace_id: wid, start, duration: 600, project_id: s.projects.secret };
    const refused = await as("bob")("POST", `/api/v9/workspaces/${wid}/time_entries`, body);
    expect(refused.status).toBe(403);
    expect(refused.body).toBe("User cannot access the selected project");
    const task = await as("bob")("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      ...body,
      project_id: undefined,
      task_id: s.tasks.t,
    });
    expect(task.status).toBe(403);
    expect((await as("ann")("POST", `/api/v9/workspaces/${wid}/time_entries`, body)).status).toBe(200);
    expect((await as("admin")("POST", `/api/v9/workspaces/${wid}/time_entries`, body)).status).toBe(200);
    // Joining the project through the control surface lets Bob track there.
    await standIn.control.addProjectUser(s.projects.secret!, s.users.bob!.id);
    expect((await as("bob")("POST", `/api/v9/workspaces/${wid}/time_entries`, body)).status).toBe(200);
  });
});

describe("tags on time entries", () => {
  it("creates tags by name and refuses names longer than 255 bytes", async () => {
    const { wid, as } = await studio();
    const body = { created_with: "t", workspace_id: wid, start, duration: 60 };
    const ok = await as("ann")<{ tags: string[]; tag_ids: number[] }>(
      "POST",
      `/api/v9/workspaces/${wid}/time_entries`,
      {
        ...body,
        tags: ["brand new", "é".repeat(127)],
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.tags).toEqual(["brand new", "é".repeat(127)]);
    expect(ok.body.tag_ids).toHaveLength(2);
    const tags = await as("ann")<{ name: string }[]>("GET", `/api/v9/workspaces/${wid}/tags`);
    expect(tags.body.map((t) => t.name)).toContain("brand new");
    const long = await as("ann")("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      ...body,
      tags: ["é".repeat(128)],
    });
    expect(long.status).toBe(400);
    expect(typeof long.body).toBe("string");
  });
});

describe("PUT and DELETE of time entries", () => {
  it("update and delete with Toggl's answers and send the webhooks", async () => {
    const { s, wid, as } = await studio();
    const r = await startReceiver();
    try {
      const sub = await as("admin")("POST", `/webhooks/api/v1/subscriptions/${wid}`, {
        url_callback: r.url,
        event_filters: [{ entity: "time_entry", action: "*" }],
        enabled: true,
        description: "Hourline",
      });
      expect(sub.status).toBe(200);
      const created = await as("ann")<{ id: number }>("POST", `/api/v9/workspaces/${wid}/time_entries`, {
        created_with: "t",
        workspace_id: wid,
        start,
        duration: 600,
      });
      const path = `/api/v9/workspaces/${wid}/time_entries/${created.body.id}`;
      const put = await as("ann")("PUT", path, {
        description: "Edited",
        tags: ["x"],
        start: "2026-11-02T09:00:00Z",
        stop: "2026-11-02T09:30:00Z",
        duration: 1800,
      });
      expect(put.status).toBe(200);
      expect(
        conforms(swagger.track, "/workspaces/{workspace_id}/time_entries/{time_entry_id}", "put", put.body),
      ).toEqual([]);
      expect(put.body).toMatchObject({
        description: "Edited",
        tags: ["x"],
        duration: 1800,
        start: "2026-11-02T09:00:00+00:00",
      });
      expect((await as("bob")("PUT", path, { description: "Not mine" })).status).toBe(403);
      expect((await as("ann")("DELETE", path)).status).toBe(200);
      expect((await as("ann")("DELETE", path)).status).toBe(404);
      await waitFor(() => r.events().length >= 3);
      expect(r.events().map((e) => `${e.json.metadata.action}:${e.json.metadata.request_type}`)).toEqual([
        "created:POST",
        "updated:PUT",
        "deleted:DELETE",
      ]);
      expect(r.events()[1]!.json.payload).toMatchObject({ description: "Edited", duration: 1800 });
      expect(s.users.ann!.id).toBe(r.events()[2]!.json.payload.user_id);
    } finally {
      await r.close();
    }
  });
});
