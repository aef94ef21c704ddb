import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Page, TimeLog } from "../../../shared/contract";
import { clients, projects, tasks, timeLogs } from "../../../worker/db/schema";
import { applyTimeEntry, normalizeTogglTimeEntry, type ApplyScope } from "../../../worker/features/time-logs/apply";
import { timeEntrySchema } from "../../../worker/toggl/types";
import { createUser, db } from "../support/accounts";
import { togglId } from "../../support/toggl-ids.ts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";
import { mapMember, seedTree, togglEntry, type EntryOptions } from "./support";

async function addLog(scope: ApplyScope, o: Omit<EntryOptions, "workspaceId">) {
  const entry = togglEntry({ ...o, workspaceId: scope.workspaceId });
  await applyTimeEntry(db(), scope, normalizeTogglTimeEntry(timeEntrySchema.parse(entry)));
  return String(entry.id);
}

async function list(headers: Record<string, string>, query = "") {
  const res = await call("GET", `/api/time-logs${query}`, headers);
  expect(res.status).toBe(200);
  return res.body as Page<TimeLog>;
}

/** An account with an admin, two mapped members and Time Logs for each. */
async function team() {
  const c = await seedConnection();
  const admin = await createUser(c.accountId, { role: "admin" });
  const ann = await createUser(c.accountId, { name: "Ann" });
  const bob = await createUser(c.accountId, { name: "Bob" });
  await mapMember(c.accountId, c.workspaceId, "101", ann.id);
  await mapMember(c.accountId, c.workspaceId, "102", bob.id);
  return { c, admin, ann, bob };
}

describe("GET /api/time-logs", () => {
  it("needs a session", async () => {
    expect((await call("GET", "/api/time-logs")).status).toBe(401);
  });

  it("pages newest first with an opaque cursor, without gaps or repeats", async () => {
    const { c, admin } = await team();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Two entries share a start so the id tie-break is exercised.
      const start = `2026-11-2${Math.min(i, 5)}T08:00:00Z`;
      ids.push(await addLog(c.scope, { userId: "101", start, stop: `2026-11-2${Math.min(i, 5)}T09:00:00Z` }));
    }
    const seen: TimeLog[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<TimeLog> = await list(admin.headers, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((l) => l.togglTimeEntryId).sort()).toEqual([...ids].sort());
    const starts = seen.map((l) => l.start);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it("answers 400 to a forged cursor and to a bad limit", async () => {
    const { admin } = await team();
    expect((await call("GET", "/api/time-logs?cursor=nonsense", admin.headers)).status).toBe(400);
    expect((await call("GET", "/api/time-logs?limit=0", admin.headers)).status).toBe(400);
  });

  it("answers 400 to a crafted cursor whose start no date can hold, instead of binding NaN", async () => {
    const { admin } = await team();
    const encode = (value: unknown) =>
      btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    for (const start of [Number.MAX_SAFE_INTEGER, -9e15]) {
      const res = await call<{ error: { code: string } }>(
        "GET",
        `/api/time-logs?cursor=${encode([start, "x"])}`,
        admin.headers,
      );
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
    }
  });

  it("shows members their own Time Logs only; admins anyone's or all", async () => {
    const { c, admin, ann, bob } = await team();
    const annLog = await addLog(c.scope, { userId: "101" });
    const bobLog = await addLog(c.scope, { userId: "102" });
    expect((await list(ann.headers)).items.map((l) => l.togglTimeEntryId)).toEqual([annLog]);
    expect((await list(bob.headers, "?userId=me")).items.map((l) => l.togglTimeEntryId)).toEqual([bobLog]);
    expect((await call("GET", `/api/time-logs?userId=${bob.id}`, ann.headers)).status).toBe(403);
    expect((await list(admin.headers)).items).toHaveLength(2);
    const onlyBob = await list(admin.headers, `?userId=${bob.id}`);
    expect(onlyBob.items).toMatchObject([{ togglTimeEntryId: bobLog, user: { id: bob.id, name: "Bob" } }]);
  });

  it("never shows another account's Time Logs", async () => {
    const { c } = await team();
    await addLog(c.scope, { userId: "101" });
    const other = await team();
    expect((await list(other.admin.headers)).items).toHaveLength(0);
  });

  it("filters by workspace", async () => {
    const { c, admin } = await team();
    await addLog(c.scope, {});
    expect((await list(admin.headers, `?workspaceId=${c.workspaceId}`)).items).toHaveLength(1);
    expect((await list(admin.headers, `?workspaceId=${togglId()}`)).items).toHaveLength(0);
  });
});

describe("the Time Log shape", () => {
  it("builds the title from the tree, rounds minutes, joins tags into the detail", async () => {
    const { c, admin } = await team();
    const tree = await seedTree(c.accountId, c.workspaceId, { client: "Acme", project: "Website", task: "Design" });
    await addLog(c.scope, {
      projectId: tree.projectId,
      taskId: tree.taskId,
      description: "Hero banner",
      start: "2026-11-24T09:00:00Z",
      stop: "2026-11-24T09:01:30Z",
      tags: ["design", "urgent"],
      billable: true,
    });
    const [log] = (await list(admin.headers)).items;
    expect(log).toMatchObject({
      type: "time_log",
      title: "Acme → Website → Design → Hero banner",
      client: "Acme",
      project: "Website",
      task: "Design",
      durationSeconds: 90,
      durationMinutes: 2,
      detail: "design, urgent",
      billable: true,
      displayable: true,
      scorable: false,
      deletedInToggl: false,
      start: "2026-11-24T09:00:00.000Z",
      stop: "2026-11-24T09:01:30.000Z",
    });
  });

  it("skips missing parts of the title", async () => {
    const { c, admin } = await team();
    const noClient = await seedTree(c.accountId, c.workspaceId, { project: "Internal" });
    await addLog(c.scope, {
      projectId: noClient.projectId,
      description: "",
      start: "2026-11-24T08:00:00Z",
      stop: "2026-11-24T08:00:29Z",
    });
    await addLog(c.scope, { description: "Just a note", start: "2026-11-24T07:00:00Z", stop: "2026-11-24T07:00:30Z" });
    const titles = (await list(admin.headers)).items.map((l) => [l.title, l.durationMinutes]);
    expect(titles).toEqual([
      ["Internal", 0],
      ["Just a note", 1],
    ]);
  });

  it("follows renames of clients, projects and tasks", async () => {
    const { c, admin } = await team();
    const tree = await seedTree(c.accountId, c.workspaceId, { client: "Acme", project: "Website", task: "Design" });
    await addLog(c.scope, { projectId: tree.projectId, taskId: tree.taskId, description: "Work" });
    await db().update(clients).set({ name: "Acme Corp" }).where(eq(clients.id, tree.clientId!));
    await db().update(projects).set({ name: "Site" }).where(eq(projects.id, tree.projectId));
    await db().update(tasks).set({ name: "UX" }).where(eq(tasks.id, tree.taskId!));
    expect((await list(admin.headers)).items[0]?.title).toBe("Acme Corp → Site → UX → Work");
  });

  it("falls back to the stored names when the tree has no such item", async () => {
    const { c, admin } = await team();
    const tree = await seedTree(c.accountId, c.workspaceId, { client: "Acme", project: "Website" });
    await addLog(c.scope, { projectId: tree.projectId, description: "Work" });
    await db().delete(projects).where(eq(projects.id, tree.projectId));
    expect((await list(admin.headers)).items[0]?.title).toBe("Acme → Website → Work");
  });
});

describe("PATCH /api/time-logs/:id", () => {
  const patch = (id: string, headers: Record<string, string>, body: unknown) =>
    call("PATCH", `/api/time-logs/${id}`, headers, body);

  it("lets admins toggle scorable and displayable", async () => {
    const { c, admin, ann } = await team();
    await addLog(c.scope, { userId: "101" });
    const [log] = (await list(admin.headers)).items;
    const res = await patch(log!.id, admin.headers, { scorable: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: log!.id, scorable: true, displayable: true });
    const hidden = await patch(log!.id, admin.headers, { displayable: false });
    expect(hidden.body).toMatchObject({ scorable: true, displayable: false });
    // A hidden entry leaves the member's own list.
    expect((await list(ann.headers)).items).toHaveLength(0);
  });

  it("refuses members (403), bad bodies (400) and unknown or foreign ids (404)", async () => {
    const { c, admin, ann } = await team();
    await addLog(c.scope, { userId: "101" });
    const [log] = (await list(admin.headers)).items;
    expect((await patch(log!.id, ann.headers, { scorable: true })).status).toBe(403);
    expect((await patch(log!.id, admin.headers, {})).status).toBe(400);
    expect((await patch(log!.id, admin.headers, { scorable: "yes" })).status).toBe(400);
    const malformed = await call("PATCH", `/api/time-logs/${log!.id}`, admin.headers, "{");
    expect(malformed.status).toBe(400);
    expect((await patch(crypto.randomUUID(), admin.headers, { scorable: true })).status).toBe(404);
    const other = await team();
    const foreign = await patch(log!.id, other.admin.headers, { scorable: true });
    expect(foreign.status).toBe(404);
    const row = await db().select().from(timeLogs).where(eq(timeLogs.id, log!.id)).get();
    expect(row?.scorable).toBe(false);
  });

  it("never makes an entry deleted in Toggl scorable (409)", async () => {
    const { c, admin } = await team();
    await addLog(c.scope, { deleted: true });
    const [log] = (await list(admin.headers)).items;
    expect(log?.deletedInToggl).toBe(true);
    const res = await patch(log!.id, admin.headers, { scorable: true });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: "deleted_in_toggl" } });
    expect((await patch(log!.id, admin.headers, { displayable: false })).status).toBe(200);
  });
});
