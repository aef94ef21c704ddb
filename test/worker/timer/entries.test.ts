// POST /api/time-entries, PATCH and DELETE /api/time-entries/:togglId: finished entries of the
// caller's own, in Toggl with their own token; Toggl's own state is checked afterwards.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Page, TimeLog, ApiErrorBody, TimeEntryBeforeHistory } from "../../../shared/contract";
import { connections, timeLogs } from "../../../worker/db/schema";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { deliver, timeEntryEvent } from "../webhooks/support";
import { db } from "../support/accounts";
import { call } from "../support/http";
import { entriesOf, studio } from "./support";

const control = () => new StandInControl(env.TOGGL_API_URL);
const at = (minutesAgo: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - minutesAgo * 60_000).toISOString();

async function added(s: Awaited<ReturnType<typeof studio>>, body: object = {}) {
  const res = await call<TimeLog>("POST", "/api/time-entries", s.ann.headers, {
    workspaceId: s.tree.workspaceId,
    taskId: s.tree.tasks.wire,
    description: "Review",
    start: at(90),
    stop: at(30),
    tags: ["design"],
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe("POST /api/time-entries", () => {
  it("adds an entry from before the workspace's history boundary in Toggl, and imports no Time Log for it", async () => {
    const s = await studio();
    // The workspace was connected (with no history) two hours ago.
    const historyFrom = new Date(Date.parse(at(120)));
    await db().update(connections).set({ historyFrom }).where(eq(connections.id, s.tree.connectionId));

    const res = await call<TimeEntryBeforeHistory>("POST", "/api/time-entries", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      description: "Yesterday's call",
      start: at(180),
      stop: at(150),
    });
    expect(res.status, res.text).toBe(202);
    expect(res.body).toMatchObject({ workspaceId: s.tree.workspaceId, historyFrom: historyFrom.toISOString() });
    // It is the person's Toggl: the entry is there.
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({ id: Number(res.body.togglId), description: "Yesterday's call" });
    // Nothing from before the boundary becomes a Time Log, not even when Toggl's webhook for it comes.
    const delivered = await deliver(s.tree.connectionId, timeEntryEvent(s.tree.connectionId, "created", entry!), {
      secret: s.secret,
    });
    expect(delivered.status).toBe(200);
    const logs = await db().select().from(timeLogs).where(eq(timeLogs.togglId, res.body.togglId));
    expect(logs).toEqual([]);

    // One that starts after the boundary is a Time Log at once.
    const after = await added(s, { start: at(90), stop: at(60) });
    expect(after.togglTimeEntryId).not.toBe(res.body.togglId);
  });

  it("creates the finished entry in Toggl and lists it at once, once, also after its webhook", async () => {
    const s = await studio();
    const start = at(90);
    const stop = at(30);
    const log = await added(s, { start, stop });
    expect(log).toMatchObject({
      title: "Acme → Website → Wireframes → Review",
      start,
      stop,
      durationSeconds: 3600,
      durationMinutes: 60,
      billable: true,
      tags: ["design"],
      user: { id: s.ann.id },
      deletedInToggl: false,
    });
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({
      id: Number(log.togglTimeEntryId),
      start: start.replace(".000Z", "+00:00"),
      stop: stop.replace(".000Z", "+00:00"),
      duration: 3600,
    });
    expect(entry).toMatchObject({ description: "Review", task_id: Number(s.tree.tasks.wire), tags: ["design"] });

    const list = async () => (await call<Page<TimeLog>>("GET", "/api/time-logs?userId=me", s.ann.headers)).body.items;
    expect((await list()).map((l) => l.togglTimeEntryId)).toEqual([log.togglTimeEntryId]);
    // Toggl's webhook for the same entry (the created event) changes nothing and adds nothing.
    const delivered = await deliver(s.tree.connectionId, timeEntryEvent(s.tree.connectionId, "created", entry!), {
      secret: s.secret,
    });
    expect(delivered.status).toBe(200);
    expect(await list()).toEqual([log]);
  });

  it("refuses start after stop, a future stop, unknown tasks and tags Toggl would refuse, with 400 and nothing in Toggl", async () => {
    const s = await studio();
    const other = await studio();
    const base = { workspaceId: s.tree.workspaceId, start: at(60), stop: at(30) };
    const bad = [
      { ...base, start: at(10), stop: at(40) },
      { ...base, stop: base.start },
      { ...base, stop: new Date(Date.now() + 3_600_000).toISOString() },
      { ...base, start: new Date(Date.now() - 1000 * 3_600_000).toISOString() },
      { ...base, taskId: "987654321" },
      { ...base, taskId: other.tree.tasks.wire },
      { ...base, projectId: other.tree.projects.site },
      { ...base, tags: ["t".repeat(256)] },
      { ...base, start: "yesterday" },
      { workspaceId: s.tree.workspaceId },
    ];
    for (const body of bad) {
      const res = await call<ApiErrorBody>("POST", "/api/time-entries", s.ann.headers, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect(
      (await call("POST", "/api/time-entries", s.ann.headers, { ...base, workspaceId: other.tree.workspaceId })).status,
    ).toBe(404);
    expect(await entriesOf(s.workspaceId, s.annToggl.id)).toEqual([]);
    expect((await control().requestLog({ token: s.annToggl.apiToken })).total).toBe(0);
  });

  it("answers 503 when Toggl's quota is used up and stores nothing", async () => {
    const s = await studio();
    await control().exhaustQuota(s.annToggl.apiToken, "organization");
    const res = await call<ApiErrorBody>("POST", "/api/time-entries", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      start: at(60),
      stop: at(30),
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("toggl_quota_exhausted");
    await control().resetQuota(s.annToggl.apiToken);
    expect(await entriesOf(s.workspaceId, s.annToggl.id)).toEqual([]);
    expect(await db().select().from(timeLogs).where(eq(timeLogs.accountId, s.owner.accountId)).all()).toEqual([]);
  });
});

describe("PATCH /api/time-entries/:togglId", () => {
  it("edits the caller's own entry in Toggl: times, target, description, tags, billable", async () => {
    const s = await studio();
    const log = await added(s);
    const start = at(120);
    const stop = at(100);
    const res = await call<TimeLog>("PATCH", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers, {
      start,
      stop,
      projectId: s.tree.projects.admin,
      description: "Invoices",
      tags: [],
      billable: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: log.id,
      title: "Admin → Invoices",
      start,
      stop,
      durationSeconds: 1200,
      tags: [],
      billable: false,
      taskId: null,
    });
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({
      project_id: Number(s.tree.projects.admin),
      task_id: null,
      description: "Invoices",
      duration: 1200,
      tags: [],
      billable: false,
    });
    expect(Date.parse(entry!.start)).toBe(Date.parse(start));
    expect(Date.parse(entry!.stop!)).toBe(Date.parse(stop));
  });

  it("answers 404 for another person's entry, even an admin's, and for unknown ids", async () => {
    const s = await studio();
    const log = await added(s);
    const byOwner = await call<ApiErrorBody>("PATCH", `/api/time-entries/${log.togglTimeEntryId}`, s.owner.headers, {
      description: "Mine now",
    });
    expect(byOwner.status).toBe(404);
    expect(byOwner.body.error.code).toBe("not_found");
    const other = await studio();
    expect(
      (await call("PATCH", `/api/time-entries/${log.togglTimeEntryId}`, other.ann.headers, { description: "x" }))
        .status,
    ).toBe(404);
    expect((await call("DELETE", `/api/time-entries/${log.togglTimeEntryId}`, other.ann.headers)).status).toBe(404);
    expect((await call("PATCH", "/api/time-entries/4999999999", s.ann.headers, { description: "x" })).status).toBe(404);
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry!.description).toBe("Review");
  });

  it("refuses a stop before the start and an unknown task with 400", async () => {
    const s = await studio();
    const log = await added(s);
    const before = await call("PATCH", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers, { stop: at(100) });
    expect(before.status).toBe(400);
    const unknown = await call<ApiErrorBody>("PATCH", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers, {
      taskId: "123123123",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("unknown_task");
  });

  it("answers 503 when the quota is used up, and the entry stays as it was", async () => {
    const s = await studio();
    const log = await added(s);
    await control().exhaustQuota(s.annToggl.apiToken, "organization");
    const res = await call<ApiErrorBody>("PATCH", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers, {
      description: "Later",
    });
    expect(res.status).toBe(503);
    await control().resetQuota(s.annToggl.apiToken);
    const [row] = await db()
      .select()
      .from(timeLogs)
      .where(and(eq(timeLogs.accountId, s.owner.accountId), eq(timeLogs.togglId, log.togglTimeEntryId)))
      .all();
    expect(row!.description).toBe("Review");
  });
});

describe("DELETE /api/time-entries/:togglId", () => {
  it("deletes the caller's own entry in Toggl; its Time Log stays, flagged deleted", async () => {
    const s = await studio();
    const log = await added(s);
    const res = await call<ApiErrorBody>("DELETE", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers);
    expect(res.status).toBe(204);
    const all = await control().listTimeEntries(s.workspaceId);
    expect(all.find((e) => String(e.id) === log.togglTimeEntryId)!.server_deleted_at).not.toBeNull();
    const [row] = await db()
      .select()
      .from(timeLogs)
      .where(and(eq(timeLogs.accountId, s.owner.accountId), eq(timeLogs.togglId, log.togglTimeEntryId)))
      .all();
    expect(row).toMatchObject({ deletedInToggl: true, scorable: false });
    // Deleting twice is harmless; editing a deleted entry is a conflict.
    expect((await call("DELETE", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers)).status).toBe(204);
    expect(
      (await call("PATCH", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers, { description: "x" })).status,
    ).toBe(409);
  });

  it("answers 503 when the quota is used up, and nothing is deleted", async () => {
    const s = await studio();
    const log = await added(s);
    await control().exhaustQuota(s.annToggl.apiToken, "organization");
    expect((await call("DELETE", `/api/time-entries/${log.togglTimeEntryId}`, s.ann.headers)).status).toBe(503);
    await control().resetQuota(s.annToggl.apiToken);
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry!.server_deleted_at).toBeNull();
  });
});
