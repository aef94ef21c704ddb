import { and, eq } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody, RunningTimer } from "../../../shared/contract";
import { runningEntries, timeLogs, togglCredentials } from "../../../worker/db/schema";
import { storeCredential } from "../../../worker/toggl/credentials";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { createUser, db } from "../support/accounts";
import { call } from "../support/http";
import { entriesOf, studio } from "./support";
import { deliver, timeEntryEvent } from "../webhooks/support";

const control = () => new StandInControl(env.TOGGL_API_URL);

const logsOf = (accountId: string) => db().select().from(timeLogs).where(eq(timeLogs.accountId, accountId)).all();

describe("POST /api/timer/start", () => {
  it("starts a running entry in Toggl with the caller's token and answers it at once", async () => {
    const s = await studio();
    const started = await call("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      taskId: s.tree.tasks.wire,
      description: "Homepage",
      tags: ["design"],
    });
    expect(started.status).toBe(201);
    const timer = started.body as RunningTimer;
    expect(timer).toMatchObject({
      workspaceId: s.tree.workspaceId,
      projectId: s.tree.projects.site,
      taskId: s.tree.tasks.wire,
      description: "Homepage",
      billable: true, // from the project
      tags: ["design"],
      title: "Acme → Website → Wireframes → Homepage",
    });

    // The stand-in holds it as Ann's running entry.
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry).toMatchObject({
      id: Number(timer.togglId),
      stop: null,
      task_id: Number(s.tree.tasks.wire),
      billable: true,
    });
    expect(entry!.duration).toBeLessThan(0);

    // GET /api/timer answers from D1 without waiting for a webhook.
    const current = await call("GET", "/api/timer", s.ann.headers);
    expect(current.status).toBe(200);
    expect(current.body).toEqual(timer);
    // Only Ann's: the owner has nothing running.
    expect((await call("GET", "/api/timer", s.owner.headers)).body).toBeNull();
  });

  it("takes billable from the caller when given, and works without a project", async () => {
    const s = await studio();
    const started = await call("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      description: "Email",
      billable: true,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ projectId: null, taskId: null, billable: true, title: "Email" });
    const plain = await call("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      projectId: s.tree.projects.site,
      billable: false,
    });
    expect(plain.body).toMatchObject({ projectId: s.tree.projects.site, billable: false, title: "Acme → Website" });
  });

  it("stops the running timer first, as Toggl does, and turns it into a Time Log", async () => {
    const s = await studio();
    const first = (
      await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, {
        workspaceId: s.tree.workspaceId,
        projectId: s.tree.projects.admin,
        description: "First",
      })
    ).body;
    const second = await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      taskId: s.tree.tasks.wire,
      description: "Second",
    });
    expect(second.status).toBe(201);

    const entries = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entries).toHaveLength(2);
    const old = entries.find((e) => String(e.id) === first.togglId)!;
    expect(old.stop).not.toBeNull();
    expect(old.duration).toBeGreaterThanOrEqual(0);
    expect(entries.find((e) => String(e.id) === second.body.togglId)!.stop).toBeNull();

    const [log] = await logsOf(s.owner.accountId);
    expect(log).toMatchObject({ togglId: first.togglId, description: "First", userId: s.ann.id });
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toMatchObject({
      togglId: second.body.togglId,
      description: "Second",
    });
  });

  it("refuses an archived project or task with 409 and starts nothing", async () => {
    const s = await studio();
    const task = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      taskId: s.tree.tasks.done,
    });
    expect(task.status).toBe(409);
    expect(task.body.error).toMatchObject({
      code: "archived",
      message: expect.stringContaining('Task "Done Task" is archived'),
    });
    const project = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      projectId: s.tree.projects.old,
    });
    expect(project.status).toBe(409);
    expect(project.body.error.message).toContain('Project "Old Project" is archived');
    expect(await entriesOf(s.workspaceId, s.annToggl.id)).toEqual([]);
    expect((await control().requestLog({ token: s.annToggl.apiToken })).total).toBe(0);
  });

  it("answers 404 for another account's or an unknown workspace, 400 for a task or project not in it", async () => {
    const s = await studio();
    const other = await studio();
    const foreignWorkspace = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: other.tree.workspaceId,
    });
    expect(foreignWorkspace.status).toBe(404);
    expect(foreignWorkspace.body.error.code).toBe("not_found");
    const foreignTask = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      taskId: other.tree.tasks.wire,
    });
    expect(foreignTask.status).toBe(400);
    expect(foreignTask.body.error.code).toBe("unknown_task");
    const foreignProject = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      projectId: other.tree.projects.site,
    });
    expect(foreignProject.status).toBe(400);
    expect(foreignProject.body.error.code).toBe("unknown_project");
    const unknown = await call("POST", "/api/timer/start", s.ann.headers, { workspaceId: "123456789" });
    expect(unknown.status).toBe(404);
    expect(await entriesOf(s.workspaceId, s.annToggl.id)).toEqual([]);
    expect(await entriesOf(other.workspaceId, other.annToggl.id)).toEqual([]);
  });

  it("answers 503 with the wait and the reset time when Toggl's quota is used up", async () => {
    const s = await studio();
    await control().exhaustQuota(s.annToggl.apiToken, "organization");
    // A quota answer's details carry the reset time.
    const res = await call<ApiErrorBody & { error: { details: { resetsAt: string } } }>(
      "POST",
      "/api/timer/start",
      s.ann.headers,
      {
        workspaceId: s.tree.workspaceId,
        taskId: s.tree.tasks.wire,
      },
    );
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: "toggl_quota_exhausted", retryAfterSeconds: expect.any(Number) });
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(res.headers.get("retry-after")).toBe(String(res.body.error.retryAfterSeconds));
    expect(Date.parse(res.body.error.details.resetsAt)).toBeGreaterThan(Date.now());
    expect(res.body.error.message).toContain("quota");
    expect(await entriesOf(s.workspaceId, s.annToggl.id)).toEqual([]);
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toBeNull();
  });

  it("answers 401 toggl_token_rejected when Toggl no longer accepts the token, and asks for a new sign-in", async () => {
    const s = await studio();
    const stranger = await createUser(s.owner.accountId, { role: "member" });
    await storeCredential(env, db(), {
      personId: stranger.personId,
      togglUserId: "999999999",
      apiToken: "revoked-token",
    });
    const res = await call<ApiErrorBody>("POST", "/api/timer/start", stranger.headers, {
      workspaceId: s.tree.workspaceId,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("toggl_token_rejected");
    const [cred] = await db()
      .select()
      .from(togglCredentials)
      .where(eq(togglCredentials.personId, stranger.personId))
      .all();
    expect(cred!.invalidAt).toBeInstanceOf(Date);
    // Later clicks say the same (not a 409, which would make a queued click look done).
    const again = await call<ApiErrorBody>("POST", "/api/timer/stop", stranger.headers);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("toggl_token_rejected");
  });

  it("asks a user without a stored Toggl token to sign in with one", async () => {
    const s = await studio();
    const invited = await createUser(s.owner.accountId, { role: "member" });
    const res = await call<ApiErrorBody>("POST", "/api/timer/start", invited.headers, {
      workspaceId: s.tree.workspaceId,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("toggl_token_missing");
    expect((await call("GET", "/api/timer", invited.headers)).body).toBeNull();
  });

  it("answers 403 when Toggl denies a valid token access to the workspace, and keeps the token", async () => {
    const s = await studio();
    // A real Toggl user of another organisation: the token works, the workspace is not theirs.
    const outsider = await control().seed({
      users: [{ key: "x", email: `x-${crypto.randomUUID().slice(0, 8)}@else.test` }],
      workspaces: [{ key: "w", admins: ["x"] }],
    });
    const x = outsider.users.x!;
    const user = await createUser(s.owner.accountId, { role: "member", togglUserId: String(x.id) });
    await storeCredential(env, db(), {
      personId: user.personId,
      togglUserId: String(x.id),
      apiToken: x.apiToken,
    });
    const res = await call<ApiErrorBody>("POST", "/api/timer/start", user.headers, { workspaceId: s.tree.workspaceId });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("toggl_forbidden");
    const [cred] = await db().select().from(togglCredentials).where(eq(togglCredentials.personId, user.personId)).all();
    expect(cred!.invalidAt).toBeNull();
    expect(await entriesOf(s.workspaceId, x.id)).toEqual([]);
  });

  it("rejects bad input with 400 and the error shape", async () => {
    const s = await studio();
    const missing = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("invalid_input");
    const notJson = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, "{nope");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("invalid_input");
    const { "content-type": _, ...noType } = s.ann.headers;
    const untyped = await call<ApiErrorBody>(
      "POST",
      "/api/timer/start",
      noType,
      JSON.stringify({ workspaceId: s.tree.workspaceId }),
    );
    expect(untyped.status).toBe(400);
    const wrongPair = await call("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      projectId: s.tree.projects.admin,
      taskId: s.tree.tasks.wire,
    });
    expect(wrongPair.status).toBe(400);
    const future = await call<ApiErrorBody>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      startedAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain("startedAt is in the future");
    expect(await entriesOf(s.workspaceId, s.annToggl.id)).toEqual([]);
    const futureStop = await call("POST", "/api/timer/stop", s.ann.headers, {
      stoppedAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(futureStop.status).toBe(400);
    expect((await call("POST", "/api/timer/stop", s.ann.headers, "{nope")).status).toBe(400);
  });
});

describe("POST /api/timer/stop", () => {
  it("stops the running entry in Toggl and stores the Time Log at once", async () => {
    const s = await studio();
    const started = (
      await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, {
        workspaceId: s.tree.workspaceId,
        taskId: s.tree.tasks.wire,
        description: "Grid",
      })
    ).body;
    const stopped = await call("POST", "/api/timer/stop", s.ann.headers);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({
      togglId: started.togglId,
      title: "Acme → Website → Wireframes → Grid",
      durationSeconds: expect.any(Number),
    });

    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(entry!.stop).not.toBeNull();
    const [log] = await logsOf(s.owner.accountId);
    expect(log).toMatchObject({
      togglId: started.togglId,
      taskId: s.tree.tasks.wire,
      billable: true,
      description: "Grid",
      userId: s.ann.id,
    });
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toBeNull();
  });

  it("takes a stop with no body at all (as the extension sends it) or {}, and refuses a body not sent as JSON", async () => {
    const s = await studio();
    const { "content-type": _, ...sessionOnly } = s.ann.headers;
    await call("POST", "/api/timer/start", s.ann.headers, { workspaceId: s.tree.workspaceId });
    const untyped = await call<ApiErrorBody>(
      "POST",
      "/api/timer/stop",
      sessionOnly,
      JSON.stringify({ stoppedAt: new Date().toISOString() }),
    );
    expect(untyped.status).toBe(400);
    expect(untyped.body.error.code).toBe("invalid_input");
    expect((await call("GET", "/api/timer", s.ann.headers)).body).not.toBeNull();
    expect((await call("POST", "/api/timer/stop", sessionOnly)).status).toBe(200);

    await call("POST", "/api/timer/start", s.ann.headers, { workspaceId: s.tree.workspaceId });
    expect((await call("POST", "/api/timer/stop", s.ann.headers, {})).status).toBe(200);
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toBeNull();
  });

  it("replays an offline stop at the time it was clicked", async () => {
    const s = await studio();
    // Toggl keeps whole seconds.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const startedAt = new Date(now - 30 * 60_000).toISOString();
    const stoppedAt = new Date(now - 5 * 60_000).toISOString();
    const started = (
      await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, {
        workspaceId: s.tree.workspaceId,
        startedAt,
      })
    ).body;
    expect(started.start).toBe(startedAt);
    const stopped = await call("POST", "/api/timer/stop", s.ann.headers, { stoppedAt });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ stop: stoppedAt, durationSeconds: 25 * 60 });
    const [entry] = await entriesOf(s.workspaceId, s.annToggl.id);
    expect(Date.parse(entry!.stop!)).toBe(Date.parse(stoppedAt));
    expect(entry!.duration).toBe(25 * 60);
    const [log] = await logsOf(s.owner.accountId);
    expect(log!.durationSeconds).toBe(25 * 60);
  });

  it("replays queued clicks in order: a later start stops the earlier timer at its own time", async () => {
    const s = await studio();
    const now = Math.floor(Date.now() / 1000) * 1000;
    const firstAt = new Date(now - 20 * 60_000).toISOString();
    const secondAt = new Date(now - 8 * 60_000).toISOString();
    const first = (
      await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, {
        workspaceId: s.tree.workspaceId,
        description: "Queued 1",
        startedAt: firstAt,
      })
    ).body;
    const second = await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      description: "Queued 2",
      startedAt: secondAt,
    });
    expect(second.status).toBe(201);
    const old = (await entriesOf(s.workspaceId, s.annToggl.id)).find((e) => String(e.id) === first.togglId)!;
    expect(Date.parse(old.stop!)).toBe(Date.parse(secondAt));
    expect(old.duration).toBe(12 * 60);
    const [log] = await logsOf(s.owner.accountId);
    expect(log).toMatchObject({ togglId: first.togglId, durationSeconds: 12 * 60 });

    // A queued stop from before the running timer began belongs to a timer that is gone.
    const stale = await call<ApiErrorBody>("POST", "/api/timer/stop", s.ann.headers, {
      stoppedAt: new Date(now - 15 * 60_000).toISOString(),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("not_running");
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toMatchObject({ togglId: second.body.togglId });
  });

  it("answers 409 already_stopped when the timer was stopped elsewhere, and forgets it", async () => {
    const s = await studio();
    const started = (
      await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, { workspaceId: s.tree.workspaceId })
    ).body;
    // Stopped in Toggl's own app; the webhook has not arrived yet.
    await control().stopTimeEntry(Number(started.togglId));
    const res = await call<ApiErrorBody>("POST", "/api/timer/stop", s.ann.headers);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "already_stopped" });
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toBeNull();
  });

  it("keeps the timer running and says so when Toggl fails or the quota is used up", async () => {
    const s = await studio();
    const started = (
      await call<RunningTimer>("POST", "/api/timer/start", s.ann.headers, { workspaceId: s.tree.workspaceId })
    ).body;
    await control().fail({ token: s.annToggl.apiToken, status: 500, count: 5 });
    const broken = await call<ApiErrorBody>("POST", "/api/timer/stop", s.ann.headers);
    expect(broken.status).toBe(502);
    expect(broken.body.error.code).toBe("toggl_failed");
    await control().clearFaults({ token: s.annToggl.apiToken });
    await control().exhaustQuota(s.annToggl.apiToken, "organization");
    const quota = await call<ApiErrorBody>("POST", "/api/timer/stop", s.ann.headers);
    expect(quota.status).toBe(503);
    expect(quota.body.error).toMatchObject({ code: "toggl_quota_exhausted", retryAfterSeconds: expect.any(Number) });
    // Nothing was stopped: Toggl and Hourline still show it running.
    expect((await entriesOf(s.workspaceId, s.annToggl.id))[0]!.stop).toBeNull();
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toMatchObject({ togglId: started.togglId });
    expect(await logsOf(s.owner.accountId)).toEqual([]);
  });

  it("answers 409 not_running when nothing runs, in D1 or in Toggl", async () => {
    const s = await studio();
    const res = await call<ApiErrorBody>("POST", "/api/timer/stop", s.ann.headers);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("not_running");
  });

  it("stops a timer started in Toggl whose webhook has not come yet", async () => {
    const s = await studio();
    const entry = await control().createTimeEntry({
      userId: s.annToggl.id,
      workspaceId: s.workspaceId,
      start: new Date(Date.now() - 60_000).toISOString(),
      description: "From the desktop app",
    });
    const res = await call<ApiErrorBody>("POST", "/api/timer/stop", s.ann.headers);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ togglId: String(entry.id), title: "From the desktop app" });
    const [log] = await logsOf(s.owner.accountId);
    expect(log).toMatchObject({ togglId: String(entry.id) });
  });
});

describe("GET /api/timer", () => {
  it("shows a timer started directly in Toggl once its webhook is delivered", async () => {
    const s = await studio();
    expect((await call("GET", "/api/timer", s.ann.headers)).body).toBeNull();
    const entry = await control().createTimeEntry({
      userId: s.annToggl.id,
      workspaceId: s.workspaceId,
      projectId: Number(s.tree.projects.site),
      taskId: Number(s.tree.tasks.wire),
      description: "Started in Toggl",
      start: new Date(Date.now() - 5 * 60_000).toISOString(),
    });
    const delivered = await deliver(s.tree.connectionId, timeEntryEvent(s.tree.connectionId, "created", entry), {
      secret: s.secret,
    });
    expect(delivered.status).toBe(200);

    const current = await call("GET", "/api/timer", s.ann.headers);
    expect(current.body).toMatchObject({
      togglId: String(entry.id),
      taskId: s.tree.tasks.wire,
      title: "Acme → Website → Wireframes → Started in Toggl",
      start: new Date(entry.start).toISOString(),
    });
    const rows = await db()
      .select()
      .from(runningEntries)
      .where(
        and(eq(runningEntries.accountId, s.owner.accountId), eq(runningEntries.togglUserId, String(s.annToggl.id))),
      )
      .all();
    expect(rows).toHaveLength(1);
  });

  it("needs a session", async () => {
    const res = await call<ApiErrorBody>("GET", "/api/timer");
    expect(res.status).toBe(401);
  });
});
