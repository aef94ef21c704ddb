import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clients, projects, runningEntries, timeEntryTombstones, timeLogs } from "../../../worker/db/schema";
import {
  applyTimeEntries,
  applyTimeEntry,
  markTimeEntryDeleted,
  normalizeReportEntry,
  normalizeTogglTimeEntry,
  type ApplyScope,
  type NormalizedTimeEntry,
} from "../../../worker/features/time-logs/apply";
import { timeEntrySchema } from "../../../worker/toggl/types";
import { createUser, db } from "../support/accounts";
import { togglId } from "../../support/toggl-ids.ts";
import { seedConnection } from "../support/connections";
import { mapMember, seedTree, togglEntry, type EntryOptions } from "./support";

const normalized = (o: EntryOptions) => normalizeTogglTimeEntry(timeEntrySchema.parse(togglEntry(o)));

async function logOf(accountId: string, id: string) {
  return db()
    .select()
    .from(timeLogs)
    .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.togglId, id)))
    .get();
}
async function runningOf(accountId: string) {
  return db().select().from(runningEntries).where(eq(runningEntries.accountId, accountId)).all();
}

describe("normalizeTogglTimeEntry", () => {
  it("reads a running entry with a negative-epoch duration as running", () => {
    const e = normalized({ workspaceId: "7435584", stop: null, start: "2023-07-17T10:57:40Z" });
    expect(e.stop).toBeNull();
    expect(e.start).toBe(Date.parse("2023-07-17T10:57:40Z"));
  });

  it("accepts +00:00 and Z timestamps alike and keeps seconds", () => {
    const e = normalized({
      workspaceId: "1",
      start: "2023-08-22T11:50:51Z",
      stop: "2023-08-22T12:40:52+00:00",
      at: "2023-08-22T12:43:35+00:00",
    });
    expect(e.durationSeconds).toBe(3001);
    expect(e.at).toBe(Date.parse("2023-08-22T12:43:35Z"));
  });

  it("normalizes a report entry, naming tags from the mirrored tag list", () => {
    const e = normalizeReportEntry(
      {
        id: "3545645770",
        workspace_id: "43644207",
        user_id: "30809356",
        username: "Test",
        project_id: null,
        task_id: null,
        description: "sample",
        billable: true,
        tag_ids: ["16501871", "99"],
        start: "2024-07-30T08:13:46.000Z",
        stop: "2024-07-30T08:14:38.000Z",
        duration: 52,
        at: "2024-07-30T08:14:38.000Z",
      },
      (id) => (id === "16501871" ? "design" : undefined),
    );
    expect(e).toMatchObject({
      togglId: "3545645770",
      durationSeconds: 52,
      billable: true,
      tags: ["design"],
      deleted: false,
    });
  });
});

describe("applyTimeEntry", () => {
  it("creates a Time Log for a stopped entry with its local user and snapshot names", async () => {
    const c = await seedConnection();
    const user = await createUser(c.accountId);
    await mapMember(c.accountId, c.workspaceId, "777", user.id);
    const tree = await seedTree(c.accountId, c.workspaceId, { client: "Acme", project: "Website", task: "Design" });
    const id = togglId();
    const entry = normalized({
      id,
      workspaceId: c.workspaceId,
      userId: "777",
      projectId: tree.projectId,
      taskId: tree.taskId,
      tags: ["a", "b"],
    });
    expect(await applyTimeEntry(db(), c.scope, entry)).toBe("created");
    const row = await logOf(c.accountId, id);
    expect(row).toMatchObject({
      userId: user.id,
      clientId: tree.clientId,
      clientName: "Acme",
      projectName: "Website",
      taskName: "Design",
      durationSeconds: 3000,
      tags: ["a", "b"],
      displayable: true,
      scorable: false,
      deletedInToggl: false,
    });
  });

  it("changes nothing for a duplicate or an older delivery", async () => {
    const c = await seedConnection();
    const id = togglId();
    const v2 = normalized({ id, workspaceId: c.workspaceId, description: "new", at: "2026-11-24T10:05:00Z" });
    const v1 = normalized({ id, workspaceId: c.workspaceId, description: "old", at: "2026-11-24T10:00:00Z" });
    expect(await applyTimeEntry(db(), c.scope, v2)).toBe("created");
    expect(await applyTimeEntry(db(), c.scope, v2)).toBe("unchanged");
    expect(await applyTimeEntry(db(), c.scope, v1)).toBe("unchanged");
    expect((await logOf(c.accountId, id))?.description).toBe("new");
    const v3 = normalized({ id, workspaceId: c.workspaceId, description: "newest", at: "2026-11-24T10:06:00Z" });
    expect(await applyTimeEntry(db(), c.scope, v3)).toBe("updated");
    expect((await logOf(c.accountId, id))?.description).toBe("newest");
  });

  it("applies a second edit made in the same second (Toggl's at has one-second resolution)", async () => {
    const c = await seedConnection();
    const id = togglId();
    const at = "2026-11-24T10:00:00+00:00";
    expect(
      await applyTimeEntry(db(), c.scope, normalized({ id, workspaceId: c.workspaceId, description: "first", at })),
    ).toBe("created");
    expect(
      await applyTimeEntry(db(), c.scope, normalized({ id, workspaceId: c.workspaceId, description: "second", at })),
    ).toBe("updated");
    expect(
      await applyTimeEntry(db(), c.scope, normalized({ id, workspaceId: c.workspaceId, description: "second", at })),
    ).toBe("unchanged");
    expect((await logOf(c.accountId, id))?.description).toBe("second");
  });

  it("lets a report settle same-second edits, and a stale retry cannot undo it", async () => {
    const c = await seedConnection();
    const id = togglId();
    const at = "2026-11-24T10:00:00+00:00";
    // The first of two same-second edits arrived; the second was lost.
    await applyTimeEntry(db(), c.scope, {
      ...normalized({ id, workspaceId: c.workspaceId, description: "first", at }),
      at: Date.parse(at) + 200,
    });
    const report = normalizeReportEntry(
      {
        id,
        workspace_id: c.workspaceId,
        user_id: "9547721",
        username: "",
        project_id: null,
        task_id: null,
        description: "second",
        billable: false,
        tag_ids: [],
        start: "2026-11-24T09:00:00Z",
        stop: "2026-11-24T09:50:00Z",
        duration: 3000,
        at,
      },
      () => undefined,
    );
    expect(await applyTimeEntry(db(), c.scope, report)).toBe("updated");
    const retry = {
      ...normalized({ id, workspaceId: c.workspaceId, description: "first", at }),
      at: Date.parse(at) + 200,
    };
    expect(await applyTimeEntry(db(), c.scope, retry)).toBe("unchanged");
    expect((await logOf(c.accountId, id))?.description).toBe("second");
  });

  it("keeps a running entry out of Time Logs until it stops, in either order", async () => {
    const c = await seedConnection();
    const id = togglId();
    const running = normalized({
      id,
      workspaceId: c.workspaceId,
      userId: "55",
      stop: null,
      at: "2026-11-24T09:00:01Z",
    });
    const stopped = normalized({ id, workspaceId: c.workspaceId, userId: "55", at: "2026-11-24T09:50:01Z" });
    expect(await applyTimeEntry(db(), c.scope, running)).toBe("running");
    expect(await logOf(c.accountId, id)).toBeUndefined();
    expect(await runningOf(c.accountId)).toHaveLength(1);
    expect(await applyTimeEntry(db(), c.scope, stopped)).toBe("created");
    expect(await runningOf(c.accountId)).toHaveLength(0);
    // The "running" delivery arriving late changes nothing.
    expect(await applyTimeEntry(db(), c.scope, running)).toBe("unchanged");
    expect(await runningOf(c.accountId)).toHaveLength(0);
  });

  it("flags a deletion, keeps it after older updates, and never lets it be scorable", async () => {
    const c = await seedConnection();
    const id = togglId();
    await applyTimeEntry(db(), c.scope, normalized({ id, workspaceId: c.workspaceId, at: "2026-11-24T10:00:00Z" }));
    await db().update(timeLogs).set({ scorable: true }).where(eq(timeLogs.togglId, id));
    const deleted = normalized({ id, workspaceId: c.workspaceId, at: "2026-11-24T11:00:00Z", deleted: true });
    expect(await applyTimeEntry(db(), c.scope, deleted)).toBe("deleted");
    const older = normalized({ id, workspaceId: c.workspaceId, description: "older", at: "2026-11-24T10:30:00Z" });
    expect(await applyTimeEntry(db(), c.scope, older)).toBe("unchanged");
    expect(await logOf(c.accountId, id)).toMatchObject({ deletedInToggl: true, scorable: false, description: "Work" });
  });

  it("scopes entries by account: the same Toggl id in two accounts makes two Time Logs, each with its own names", async () => {
    const a = await seedConnection();
    const b = await seedConnection();
    const treeA = await seedTree(a.accountId, a.workspaceId, { client: "Acme", project: "Website", task: "Design" });
    const treeB = await seedTree(b.accountId, b.workspaceId, { project: "Intranet" });
    const id = togglId();
    const entryOf = (workspaceId: string, tree: { projectId: string; taskId: string | null }) =>
      normalized({ id, workspaceId, projectId: tree.projectId, taskId: tree.taskId });
    expect(await applyTimeEntry(db(), a.scope, entryOf(a.workspaceId, treeA))).toBe("created");
    expect(await applyTimeEntry(db(), b.scope, entryOf(b.workspaceId, treeB))).toBe("created");
    expect(await logOf(a.accountId, id)).toMatchObject({
      connectionId: a.scope.connectionId,
      clientName: "Acme",
      projectName: "Website",
      taskName: "Design",
    });
    expect(await logOf(b.accountId, id)).toMatchObject({
      connectionId: b.scope.connectionId,
      clientName: null,
      projectName: "Intranet",
      taskName: null,
    });
  });

  it("applies a large page in bulk (past D1's 100 bound parameters), once per id", async () => {
    const c = await seedConnection();
    const entries = Array.from({ length: 250 }, (_, i) =>
      normalized({
        workspaceId: c.workspaceId,
        description: `bulk ${i}`,
        start: new Date(Date.parse("2026-11-20T08:00:00Z") + i * 60_000).toISOString(),
      }),
    );
    const duplicate = { ...entries[0]!, description: "bulk 0 edited", at: entries[0]!.at + 1000 };
    expect(await applyTimeEntries(db(), c.scope, [...entries, duplicate])).toEqual({
      created: 250,
      updated: 0,
      unchanged: 0,
      running: 0,
      deleted: 0,
      before_history: 0,
    });
    expect(await applyTimeEntries(db(), c.scope, entries)).toMatchObject({ created: 0, unchanged: 250 });
    const rows = await db().select().from(timeLogs).where(eq(timeLogs.accountId, c.accountId)).all();
    expect(rows).toHaveLength(250);
    expect(rows.find((r) => r.togglId === entries[0]!.togglId)?.description).toBe("bulk 0 edited");
  });

  it("writes a mixed page in bulk with the same rows and outcomes as one entry at a time", async () => {
    const workspaceId = togglId();
    const [clientId, projectId] = [togglId(), togglId()];
    const ids = Object.fromEntries(
      ["older", "edited", "guessed", "fresh", "deleted", "early", "stopped", "buried", "running"].map((k) => [
        k,
        togglId(),
      ]),
    );
    const at = (minute: number) => new Date(Date.parse("2026-11-24T10:00:00Z") + minute * 60_000).toISOString();
    const entry = (key: string, o: Partial<Parameters<typeof normalized>[0]> = {}) =>
      normalized({ id: ids[key], workspaceId, userId: "777", projectId, ...o });
    const before = [
      entry("older", { description: "stored", at: at(10) }),
      entry("edited", { description: "stored", at: at(1) }),
      entry("guessed", { description: "stored", at: at(1) }),
      entry("stopped", { stop: null, start: "2026-11-24T09:00:00Z", at: at(1) }),
    ];
    const page: NormalizedTimeEntry[] = [
      entry("older", { description: "older than stored", at: at(5) }),
      entry("edited", { description: "edited", tags: ["b", "a"], billable: true, at: at(5) }),
      entry("guessed", { description: "still there", at: at(5) }),
      entry("fresh", { description: "new", at: at(5) }),
      entry("fresh", { description: "new, older copy", at: at(2) }),
      entry("deleted", { deleted: true, at: at(5) }),
      entry("early", { start: "2026-11-09T09:00:00Z", stop: "2026-11-09T10:00:00Z", at: at(5) }),
      entry("stopped", { start: "2026-11-24T09:00:00Z", stop: "2026-11-24T09:30:00Z", at: at(5) }),
      entry("buried", { at: at(5) }),
      entry("running", { userId: "888", stop: null, at: at(5) }),
    ];

    /** One account as both ways find it: same tree, mapping, Time Logs, guess and tombstone. */
    async function prepare() {
      const c = await seedConnection({ workspaceId });
      const scope: ApplyScope = { ...c.scope, historyFrom: Date.parse("2026-11-10T00:00:00Z") };
      const user = await createUser(c.accountId);
      await mapMember(c.accountId, workspaceId, "777", user.id);
      await db().insert(clients).values({ accountId: c.accountId, id: clientId, workspaceId, name: "Acme" });
      await db()
        .insert(projects)
        .values({ accountId: c.accountId, id: projectId, workspaceId, clientId, name: "Site" });
      for (const e of before) await applyTimeEntry(db(), scope, e);
      await db()
        .update(timeLogs)
        .set({ deletedInToggl: true })
        .where(and(eq(timeLogs.accountId, c.accountId), eq(timeLogs.togglId, ids.guessed!)));
      await markTimeEntryDeleted(db(), c.accountId, ids.buried!, Date.parse(at(3)));
      return { c, scope, user };
    }
    async function stored(accountId: string) {
      const logs = await db().select().from(timeLogs).where(eq(timeLogs.accountId, accountId)).all();
      const running = await runningOf(accountId);
      const buried = await db()
        .select()
        .from(timeEntryTombstones)
        .where(eq(timeEntryTombstones.accountId, accountId))
        .all();
      return {
        logs: logs
          .map(({ id: _id, accountId: _a, connectionId: _c, userId, createdAt: _cr, updatedAt: _u, ...rest }) => ({
            ...rest,
            attributed: userId !== null,
          }))
          .sort((a, b) => a.togglId.localeCompare(b.togglId)),
        running: running.map(({ accountId: _a, updatedAt: _u, ...rest }) => rest),
        tombstones: buried.map(({ accountId: _a, ...rest }) => rest).sort((a, b) => a.togglId.localeCompare(b.togglId)),
      };
    }

    const bulk = await prepare();
    const counts = await applyTimeEntries(db(), bulk.scope, page);
    const single = await prepare();
    const outcomes: string[] = [];
    for (const e of [page[0]!, page[1]!, page[2]!, page[3]!, ...page.slice(5)])
      outcomes.push(await applyTimeEntry(db(), single.scope, e));

    expect(counts).toEqual({ created: 2, updated: 2, unchanged: 1, running: 1, deleted: 2, before_history: 1 });
    expect(outcomes).toEqual([
      "unchanged",
      "updated",
      "updated",
      "created",
      "deleted",
      "before_history",
      "created",
      "deleted",
      "running",
    ]);
    const [b, s] = [await stored(bulk.c.accountId), await stored(single.c.accountId)];
    expect(b).toEqual(s);
    const log = (key: string) => b.logs.find((l) => l.togglId === ids[key]);
    expect(log("older")?.description).toBe("stored");
    expect(log("edited")).toMatchObject({ description: "edited", tags: ["a", "b"], billable: true });
    expect(log("guessed")).toMatchObject({ description: "still there", deletedInToggl: false });
    expect(log("fresh")?.description).toBe("new");
    expect(log("deleted")?.deletedInToggl).toBe(true);
    expect(log("buried")?.deletedInToggl).toBe(true);
    expect(log("stopped")?.durationSeconds).toBe(1800);
    expect([log("early"), log("running")]).toEqual([undefined, undefined]);
    expect(b.logs.every((l) => l.clientName === "Acme" && l.projectName === "Site" && l.attributed)).toBe(true);
    expect(b.tombstones.map((t) => t.togglId).sort()).toEqual([ids.deleted, ids.buried].sort());
    expect(b.running.map((r) => r.togglId)).toEqual([ids.running]);
  });
});
