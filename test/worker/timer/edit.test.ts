// PATCH /api/timer and DELETE /api/timer: the caller's running entry edited or discarded in Toggl
// with their own token; Toggl's own state is checked afterwards.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { RunningTimer, ApiErrorBody } from "../../../shared/contract";
import { connections, runningEntries, timeLogs } from "../../../worker/db/schema";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { db } from "../support/accounts";
import { call } from "../support/http";
import { entriesOf, studio } from "./support";

const control = () => new StandInControl(env.TOGGL_API_URL);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function running(s: Awaited<ReturnType<typeof studio>>, body: object = {}) {
  const res = await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, {
    workspaceId: s.tree.workspaceId,
    description: "Draft",
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe("PATCH /api/timer", () => {
  it("edits description, task, tags, billable and start in Toggl and answers the running entry", async () => {
    const s = await studio();
    const timer = await running(s);
    const start = minutesAgo(10);
    const res = await call<RunningTimer>("PATCH", "/api/timer", s.ann.headers, {
      description: "Homepage",
      taskId: s.tree.tasks.wire,
      tags: ["design", "new tag"],
      billable: true,
      start: start.toISOString(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      togglId: timer.togglId,
      projectId: s.tree.projects.site,
      taskId: s.tree.tasks.wire,
      description: "Homepage",
      tags: ["design", "new tag"],
      billable: true,
      title: "Acme → Website → Wireframes → Homepage",
    });
    expect(Math.abs(Date.parse(res.body.start) - start.getTime())).toBeLessThan(1000);

    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({
      id: Number(timer.togglId),
      stop: null,
      description: "Homepage",
      project_id: Number(s.tree.projects.site),
      task_id: Number(s.tree.tasks.wire),
      billable: true,
    });
    expect([...entry!.tags].sort()).toEqual(["design", "new tag"]);
    expect(Math.abs(Date.parse(entry!.start) - start.getTime())).toBeLessThan(1000);
    // The new tag exists in Toggl now, created from the name.
    expect((await control().structure(s.workspaceId)).tags.map((t) => t.name)).toContain("new tag");
    // D1 holds the edit at once (GET /api/timer needs no webhook).
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toEqual(res.body);
  });

  it("clears the project with null and keeps what was not sent", async () => {
    const s = await studio();
    await running(s, { taskId: s.tree.tasks.wire, tags: ["keep"] });
    const res = await call<RunningTimer>("PATCH", "/api/timer", s.ann.headers, { projectId: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      projectId: null,
      taskId: null,
      description: "Draft",
      tags: ["keep"],
      title: "Draft",
    });
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({ project_id: null, task_id: null, description: "Draft", tags: ["keep"] });
  });

  it("answers 409 when nothing is running", async () => {
    const s = await studio();
    const res = await call<ApiErrorBody>("PATCH", "/api/timer", s.ann.headers, { description: "x" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("not_running");
  });

  it("refuses a start in the future, bad tags, unknown targets and empty edits with 400, changing nothing", async () => {
    const s = await studio();
    await running(s);
    const spent = (await control().requestLog({ token: s.annToggl.apiToken })).total;
    const bad = [
      { start: new Date(Date.now() + 5 * 60_000).toISOString() },
      { tags: ["x".repeat(256)] },
      { tags: ["ü".repeat(128)] },
      { tags: ["  "] },
      { taskId: "123456789" },
      { projectId: "not-an-id" },
      { billable: "yes" },
      {},
    ];
    for (const body of bad) {
      const res = await call<ApiErrorBody>("PATCH", "/api/timer", s.ann.headers, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await call("PATCH", "/api/timer", s.ann.headers, "{not json")).status).toBe(400);
    // None of these reached Toggl.
    expect((await control().requestLog({ token: s.annToggl.apiToken })).total).toBe(spent);
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({ description: "Draft", tags: [] });
  });

  it("refuses another account's task with 400, and an archived one with 409", async () => {
    const s = await studio();
    const other = await studio();
    await running(s);
    const foreign = await call<ApiErrorBody>("PATCH", "/api/timer", s.ann.headers, { taskId: other.tree.tasks.wire });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe("unknown_task");
    const archived = await call("PATCH", "/api/timer", s.ann.headers, { taskId: s.tree.tasks.done });
    expect(archived.status).toBe(409);
  });

  it("answers 503 with the wait when Toggl's quota is used up, and keeps the entry as it was", async () => {
    const s = await studio();
    await running(s);
    await control().exhaustQuota(s.annToggl.apiToken, "organization");
    const res = await call<ApiErrorBody>("PATCH", "/api/timer", s.ann.headers, { description: "Later" });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: "toggl_quota_exhausted", retryAfterSeconds: expect.any(Number) });
    await control().resetQuota(s.annToggl.apiToken);
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry!.description).toBe("Draft");
  });
});

describe("a running timer moved before the history boundary", () => {
  it("keeps running with its new start, and once stopped is in Toggl but never a Time Log", async () => {
    const s = await studio();
    // The workspace was connected (with no history) an hour ago.
    const historyFrom = minutesAgo(60);
    await db().update(connections).set({ historyFrom }).where(eq(connections.id, s.tree.connectionId));
    const timer = await running(s);
    const start = minutesAgo(90);
    const moved = await call<RunningTimer>("PATCH", "/api/timer", s.ann.headers, { start: start.toISOString() });
    expect(moved.status, moved.text).toBe(200);
    expect(Math.abs(Date.parse(moved.body.start) - start.getTime())).toBeLessThan(1000);

    const stopped = await call("POST", "/api/timer/stop", s.ann.headers);
    expect(stopped.status, stopped.text).toBe(200);
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({ id: Number(timer.togglId) });
    expect(entry!.stop).not.toBeNull();
    // Nothing that started before the boundary becomes a Time Log, and nothing stays running.
    expect(await db().select().from(timeLogs).where(eq(timeLogs.togglId, timer.togglId))).toEqual([]);
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toBeNull();
  });
});

describe("DELETE /api/timer", () => {
  it("deletes the running entry in Toggl; it never becomes a Time Log", async () => {
    const s = await studio();
    const timer = await running(s);
    const res = await call<ApiErrorBody>("DELETE", "/api/timer", s.ann.headers);
    expect(res.status).toBe(204);
    const all = await control().listTimeEntries(s.workspaceId);
    expect(all.find((e) => String(e.id) === timer.togglId)!.server_deleted_at).not.toBeNull();
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toBeNull();
    const rows = await db().select().from(runningEntries).where(eq(runningEntries.accountId, s.owner.accountId)).all();
    expect(rows).toEqual([]);
    const logs = await db()
      .select()
      .from(timeLogs)
      .where(and(eq(timeLogs.accountId, s.owner.accountId), eq(timeLogs.togglId, timer.togglId)))
      .all();
    expect(logs).toEqual([]);
    // Nothing left to discard.
    const again = await call<ApiErrorBody>("DELETE", "/api/timer", s.ann.headers);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("not_running");
  });

  it("discards only the caller's own timer", async () => {
    const s = await studio();
    const timer = await running(s);
    const owner = await call("DELETE", "/api/timer", s.owner.headers);
    expect(owner.status).toBe(409);
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({ id: Number(timer.togglId), server_deleted_at: null });
  });

  it("answers 503 when Toggl's quota is used up, and the timer keeps running", async () => {
    const s = await studio();
    await running(s);
    await control().exhaustQuota(s.annToggl.apiToken, "organization");
    const res = await call<ApiErrorBody>("DELETE", "/api/timer", s.ann.headers);
    expect(res.status).toBe(503);
    await control().resetQuota(s.annToggl.apiToken);
    expect(await entriesOf(s.workspaceId, s.annToggl.id)).toHaveLength(1);
    expect((await call("GET", "/api/timer", s.ann.headers)).body).not.toBeNull();
  });
});
