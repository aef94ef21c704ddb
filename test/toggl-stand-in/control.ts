// The control surface (/__control): seeding, acting as people, truth for assertions, faults and
// webhook chaos. Plain JSON over HTTP so tests inside workerd can drive it too.
import type { SeedSpec, Seeded } from "./control-client.ts";
import type { Services } from "./context.ts";
import { idParam, jsonBody, jsonObject, ok, Router } from "./http.ts";
import { USER_BUCKET_TOTAL, type BucketRef } from "./limits.ts";
import { ApiError, PLAN_LIMITS, type Origin, type Plan, type State, type TimeEntryFields, type User } from "./state.ts";

const PLANS: Plan[] = ["free", "starter", "premium"];
let organizationCounter = 0;

function origin(actorId: number, requestType: string, path: string, body: unknown): Origin {
  return { actorId, path, requestType, requestBody: body === undefined ? "" : JSON.stringify(body) };
}

function str(value: unknown, field: string): string {
  if (typeof value !== "string" || !value) throw new ApiError(400, `${field} must be a non-empty string`);
  return value;
}
function num(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw new ApiError(400, `${field} must be an integer`);
  return value;
}

function userByToken(state: State, token: unknown): User {
  const user = typeof token === "string" ? state.userByToken(token) : undefined;
  if (!user) throw new ApiError(404, "no user with that token");
  return user;
}

/** Buckets of a token's user: the user bucket or every organisation bucket it belongs to. */
function bucketsOf(state: State, user: User, bucket: unknown): BucketRef[] {
  if (bucket === "user") return [{ userId: user.id, organizationId: null, total: USER_BUCKET_TOTAL }];
  if (bucket !== undefined && bucket !== "organization")
    throw new ApiError(400, 'bucket must be "organization" or "user"');
  return state
    .organizationsOf(user.id)
    .map((org) => ({ userId: user.id, organizationId: org.id, total: PLAN_LIMITS[org.plan].quota }));
}

/** Control-side time entry fields use the client's camelCase names. */
function entryFields(body: Record<string, unknown>): TimeEntryFields {
  const fields: TimeEntryFields = {};
  if (body.projectId !== undefined)
    fields.projectId = body.projectId === null ? null : num(body.projectId, "projectId");
  if (body.taskId !== undefined) fields.taskId = body.taskId === null ? null : num(body.taskId, "taskId");
  if (body.description !== undefined) fields.description = body.description as string | null;
  if (body.start !== undefined) fields.start = str(body.start, "start");
  if (body.stop !== undefined) fields.stop = body.stop === null ? null : str(body.stop, "stop");
  if (body.billable !== undefined) fields.billable = body.billable as boolean;
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags)) throw new ApiError(400, "tags must be an array of names");
    fields.tags = body.tags as string[];
    if (body.tags.length === 0) fields.tagIds = [];
  }
  return fields;
}

/** The Track v9 body a person would have sent, for webhook metadata.request_body. */
function trackBody(wid: number, fields: TimeEntryFields) {
  return {
    created_with: "toggl-track-web",
    workspace_id: wid,
    project_id: fields.projectId,
    task_id: fields.taskId,
    description: fields.description,
    start: fields.start,
    stop: fields.stop,
    billable: fields.billable,
    tags: fields.tags,
  };
}

function seed(state: State, spec: SeedSpec): Seeded {
  if (!spec || !Array.isArray(spec.users) || !Array.isArray(spec.workspaces))
    throw new ApiError(400, "seed needs users[] and workspaces[]");
  const plan = spec.plan ?? "free";
  if (!PLANS.includes(plan)) throw new ApiError(400, `plan must be one of ${PLANS.join(", ")}`);
  const seeded: Seeded = {
    organizationId: 0,
    users: {},
    workspaces: {},
    clients: {},
    projects: {},
    tasks: {},
    tags: {},
    timeEntries: {},
  };
  const users = new Map<string, User>();
  for (const u of spec.users) {
    if (users.has(u.key)) throw new ApiError(400, `duplicate user key ${u.key}`);
    users.set(
      u.key,
      state.createUser({
        email: str(u.email, "email"),
        fullname: u.fullname,
        timezone: u.timezone,
        password: u.password,
      }),
    );
  }
  const userOf = (key: string) => {
    const user = users.get(key);
    if (!user) throw new ApiError(400, `unknown user key ${key}`);
    return user;
  };
  const org = state.createOrganization(spec.organizationName ?? `Organization ${++organizationCounter}`, plan);
  seeded.organizationId = org.id;
  for (const [key, user] of users) seeded.users[key] = { id: user.id, apiToken: user.apiToken, email: user.email };

  const wsByKey = new Map<string, number>();
  const keyed = (kind: string, map: Record<string, number>, key: string, id: number) => {
    if (key in map) throw new ApiError(400, `duplicate ${kind} key ${key}`);
    map[key] = id;
  };
  for (const w of spec.workspaces) {
    if (!Array.isArray(w.admins) || w.admins.length === 0)
      throw new ApiError(400, `workspace ${w.key} needs at least one admin`);
    const ws = state.createWorkspace(org.id, w.name ?? w.key);
    wsByKey.set(w.key, ws.id);
    seeded.workspaces[w.key] = { id: ws.id };
    for (const key of w.admins) state.addMember(ws.id, userOf(key).id, true);
    for (const key of w.members ?? []) state.addMember(ws.id, userOf(key).id, false);
    for (const key of w.invited ?? []) state.addMember(ws.id, userOf(key).id, false, { pending: true });
    const owner = userOf(w.admins[0]!).id;
    const o = (path: string, body: unknown) => origin(owner, "POST", `/api/v9/workspaces/${ws.id}/${path}`, body);
    for (const c of w.clients ?? [])
      keyed(
        "client",
        seeded.clients,
        c.key,
        state.createClient(ws.id, { name: c.name, archived: c.archived }, o("clients", c)).id,
      );
    for (const p of w.projects ?? []) {
      const clientId = p.client === undefined ? null : seeded.clients[p.client];
      if (clientId === undefined) throw new ApiError(400, `unknown client key ${p.client}`);
      const project = state.createProject(
        ws.id,
        { name: p.name, clientId, active: p.active, billable: p.billable, color: p.color, isPrivate: p.private },
        o("projects", p),
      );
      keyed("project", seeded.projects, p.key, project.id);
      for (const key of p.members ?? []) {
        state.addProjectUser(
          project.id,
          userOf(key).id,
          false,
          o(`projects/${project.id}/project_users`, { user_id: userOf(key).id }),
        );
      }
    }
    for (const t of w.tasks ?? []) {
      const projectId = seeded.projects[t.project];
      if (projectId === undefined) throw new ApiError(400, `unknown project key ${t.project}`);
      keyed(
        "task",
        seeded.tasks,
        t.key,
        state.createTask(ws.id, { projectId, name: t.name, active: t.active }, o(`projects/${projectId}/tasks`, t)).id,
      );
    }
    for (const t of w.tags ?? []) keyed("tag", seeded.tags, t.key, state.createTag(ws.id, t.name, o("tags", t)).id);
  }
  for (const e of spec.timeEntries ?? []) {
    const user = userOf(e.user);
    const wid = wsByKey.get(e.workspace);
    if (wid === undefined) throw new ApiError(400, `unknown workspace key ${e.workspace}`);
    const projectId = e.project === undefined ? undefined : seeded.projects[e.project];
    const taskId = e.task === undefined ? undefined : seeded.tasks[e.task];
    if (e.project !== undefined && projectId === undefined) throw new ApiError(400, `unknown project key ${e.project}`);
    if (e.task !== undefined && taskId === undefined) throw new ApiError(400, `unknown task key ${e.task}`);
    const fields: TimeEntryFields = {
      projectId,
      taskId,
      description: e.description ?? null,
      start: e.start,
      stop: e.stop ?? null,
      billable: e.billable,
      tags: e.tags,
    };
    const path = `/api/v9/workspaces/${wid}/time_entries`;
    const te = state.createTimeEntry(user.id, wid, fields, origin(user.id, "POST", path, trackBody(wid, fields)));
    if (e.deleted) state.deleteTimeEntry(te.id, origin(user.id, "DELETE", `${path}/${te.id}`, undefined));
    if (e.key !== undefined) keyed("time entry", seeded.timeEntries, e.key, te.id);
  }
  return seeded;
}

export function controlRoutes(router: Router<Services>) {
  router
    .on("POST", "/__control/seed", (req, s) => ok(seed(s.state, jsonBody(req) as SeedSpec)))
    .on("POST", "/__control/users", (req, s) => {
      const body = jsonObject(req);
      const user = s.state.createUser({
        email: str(body.email, "email"),
        fullname: body.fullname as string | undefined,
        timezone: body.timezone as string | undefined,
        password: body.password as string | undefined,
      });
      return ok({ id: user.id, apiToken: user.apiToken, email: user.email });
    })
    .on("POST", "/__control/users/:id/reset-token", (req, s) =>
      ok({ apiToken: s.state.resetToken(idParam(req, "id")) }),
    )
    .on("PATCH", "/__control/users/:id", (req, s) => {
      s.state.updateUser(idParam(req, "id"), jsonObject(req));
      return ok(null);
    })
    .on("PUT", "/__control/organizations/:id/plan", (req, s) => {
      const org = s.state.organizations.get(idParam(req, "id"));
      const plan = jsonObject(req).plan as Plan;
      if (!org) throw new ApiError(404, "organization not found");
      if (!PLANS.includes(plan)) throw new ApiError(400, `plan must be one of ${PLANS.join(", ")}`);
      org.plan = plan;
      return ok(null);
    })
    .on("POST", "/__control/workspaces/:wid/members", (req, s) => {
      const body = jsonObject(req);
      s.state.addMember(idParam(req, "wid"), num(body.userId, "userId"), body.admin === true, {
        pending: body.pending === true,
        inactive: body.inactive === true,
      });
      return ok(null);
    })
    .on("DELETE", "/__control/workspaces/:wid/members/:uid", (req, s) => {
      s.state.removeMember(idParam(req, "wid"), idParam(req, "uid"));
      return ok(null);
    })

    // Acting as people
    .on("POST", "/__control/time-entries", (req, s) => {
      const body = jsonObject(req);
      const userId = num(body.userId, "userId");
      const wid = num(body.workspaceId, "workspaceId");
      const fields = entryFields(body);
      if (!fields.start) throw new ApiError(400, "start must be a non-empty string");
      const te = s.state.createTimeEntry(
        userId,
        wid,
        fields,
        origin(userId, "POST", `/api/v9/workspaces/${wid}/time_entries`, trackBody(wid, fields)),
      );
      return ok(s.state.timeEntryJson(te));
    })
    .on("PATCH", "/__control/time-entries/:id", (req, s) => {
      const te = s.state.liveEntry(idParam(req, "id"));
      const fields = entryFields(jsonObject(req));
      const path = `/api/v9/workspaces/${te.wid}/time_entries/${te.id}`;
      return ok(
        s.state.timeEntryJson(
          s.state.updateTimeEntry(te.id, fields, origin(te.uid, "PUT", path, trackBody(te.wid, fields))),
        ),
      );
    })
    .on("POST", "/__control/time-entries/:id/stop", (req, s) => {
      const te = s.state.liveEntry(idParam(req, "id"));
      const body = jsonObject(req);
      const stopAt = body.stop === undefined ? s.state.now() : Date.parse(str(body.stop, "stop"));
      if (Number.isNaN(stopAt)) throw new ApiError(400, "stop must be RFC 3339");
      const path = `/api/v9/workspaces/${te.wid}/time_entries/${te.id}/stop`;
      return ok(s.state.timeEntryJson(s.state.stopTimeEntry(te.id, stopAt, origin(te.uid, "PATCH", path, undefined))));
    })
    .on("DELETE", "/__control/time-entries/:id", (req, s) => {
      const te = s.state.liveEntry(idParam(req, "id"));
      s.state.deleteTimeEntry(
        te.id,
        origin(te.uid, "DELETE", `/api/v9/workspaces/${te.wid}/time_entries/${te.id}`, undefined),
      );
      return ok(null);
    })
    .on("POST", "/__control/clients", (req, s) => {
      const body = jsonObject(req);
      const wid = num(body.workspaceId, "workspaceId");
      const actor = adminOf(s.state, wid);
      return ok({
        id: s.state.createClient(
          wid,
          { name: str(body.name, "name"), archived: body.archived === true },
          origin(actor, "POST", `/api/v9/workspaces/${wid}/clients`, body),
        ).id,
      });
    })
    .on("PATCH", "/__control/clients/:id", (req, s) => {
      const c = s.state.clients.get(idParam(req, "id"));
      if (!c) throw new ApiError(404, "client not found");
      const body = jsonObject(req);
      const o = origin(adminOf(s.state, c.wid), "PUT", `/api/v9/workspaces/${c.wid}/clients/${c.id}`, body);
      return ok({
        id: s.state.updateClient(
          c.id,
          { name: body.name as string | undefined, archived: body.archived as boolean | undefined },
          o,
        ).id,
      });
    })
    .on("DELETE", "/__control/clients/:id", (req, s) => {
      const c = s.state.clients.get(idParam(req, "id"));
      if (!c) throw new ApiError(404, "client not found");
      s.state.deleteClient(
        c.id,
        origin(adminOf(s.state, c.wid), "DELETE", `/api/v9/workspaces/${c.wid}/clients/${c.id}`, undefined),
      );
      return ok(null);
    })
    .on("POST", "/__control/projects/:id/users", (req, s) => {
      const p = s.state.projects.get(idParam(req, "id"));
      if (!p) throw new ApiError(404, "project not found");
      const body = jsonObject(req);
      const o = origin(adminOf(s.state, p.wid), "POST", `/api/v9/workspaces/${p.wid}/project_users`, body);
      return ok({ id: s.state.addProjectUser(p.id, num(body.userId, "userId"), body.manager === true, o).id });
    })
    .on("DELETE", "/__control/projects/:id/users/:uid", (req, s) => {
      const p = s.state.projects.get(idParam(req, "id"));
      if (!p) throw new ApiError(404, "project not found");
      s.state.removeProjectUser(
        p.id,
        idParam(req, "uid"),
        origin(adminOf(s.state, p.wid), "DELETE", `/api/v9/workspaces/${p.wid}/project_users`, undefined),
      );
      return ok(null);
    })
    .on("POST", "/__control/projects", (req, s) => {
      const body = jsonObject(req);
      const wid = num(body.workspaceId, "workspaceId");
      const input = {
        name: str(body.name, "name"),
        clientId: body.clientId as number | null | undefined,
        active: body.active as boolean | undefined,
        billable: body.billable as boolean | undefined,
        color: body.color as string | undefined,
        isPrivate: body.isPrivate as boolean | undefined,
      };
      return ok({
        id: s.state.createProject(
          wid,
          input,
          origin(adminOf(s.state, wid), "POST", `/api/v9/workspaces/${wid}/projects`, body),
        ).id,
      });
    })
    .on("PATCH", "/__control/projects/:id", (req, s) => {
      const p = s.state.projects.get(idParam(req, "id"));
      if (!p) throw new ApiError(404, "project not found");
      const body = jsonObject(req);
      const o = origin(adminOf(s.state, p.wid), "PUT", `/api/v9/workspaces/${p.wid}/projects/${p.id}`, body);
      return ok({
        id: s.state.updateProject(p.id, body, o).id,
      });
    })
    .on("DELETE", "/__control/projects/:id", (req, s) => {
      const p = s.state.projects.get(idParam(req, "id"));
      if (!p) throw new ApiError(404, "project not found");
      s.state.deleteProject(
        p.id,
        origin(adminOf(s.state, p.wid), "DELETE", `/api/v9/workspaces/${p.wid}/projects/${p.id}`, undefined),
      );
      return ok(null);
    })
    .on("POST", "/__control/tasks", (req, s) => {
      const body = jsonObject(req);
      const wid = num(body.workspaceId, "workspaceId");
      const projectId = num(body.projectId, "projectId");
      const o = origin(adminOf(s.state, wid), "POST", `/api/v9/workspaces/${wid}/projects/${projectId}/tasks`, body);
      return ok({
        id: s.state.createTask(
          wid,
          { projectId, name: str(body.name, "name"), active: body.active as boolean | undefined },
          o,
        ).id,
      });
    })
    .on("PATCH", "/__control/tasks/:id", (req, s) => {
      const t = s.state.tasks.get(idParam(req, "id"));
      if (!t) throw new ApiError(404, "task not found");
      const body = jsonObject(req);
      const o = origin(
        adminOf(s.state, t.wid),
        "PUT",
        `/api/v9/workspaces/${t.wid}/projects/${t.projectId}/tasks/${t.id}`,
        body,
      );
      return ok({
        id: s.state.updateTask(
          t.id,
          { name: body.name as string | undefined, active: body.active as boolean | undefined },
          o,
        ).id,
      });
    })
    .on("DELETE", "/__control/tasks/:id", (req, s) => {
      const t = s.state.tasks.get(idParam(req, "id"));
      if (!t) throw new ApiError(404, "task not found");
      s.state.deleteTask(
        t.id,
        origin(
          adminOf(s.state, t.wid),
          "DELETE",
          `/api/v9/workspaces/${t.wid}/projects/${t.projectId}/tasks/${t.id}`,
          undefined,
        ),
      );
      return ok(null);
    })
    .on("POST", "/__control/tags", (req, s) => {
      const body = jsonObject(req);
      const wid = num(body.workspaceId, "workspaceId");
      return ok({
        id: s.state.createTag(
          wid,
          str(body.name, "name"),
          origin(adminOf(s.state, wid), "POST", `/api/v9/workspaces/${wid}/tags`, body),
        ).id,
      });
    })
    .on("PATCH", "/__control/tags/:id", (req, s) => {
      const t = s.state.tags.get(idParam(req, "id"));
      if (!t) throw new ApiError(404, "tag not found");
      const body = jsonObject(req);
      return ok({
        id: s.state.updateTag(
          t.id,
          str(body.name, "name"),
          origin(adminOf(s.state, t.wid), "PUT", `/api/v9/workspaces/${t.wid}/tags/${t.id}`, body),
        ).id,
      });
    })
    .on("DELETE", "/__control/tags/:id", (req, s) => {
      const t = s.state.tags.get(idParam(req, "id"));
      if (!t) throw new ApiError(404, "tag not found");
      s.state.deleteTag(
        t.id,
        origin(adminOf(s.state, t.wid), "DELETE", `/api/v9/workspaces/${t.wid}/tags/${t.id}`, undefined),
      );
      return ok(null);
    })

    // Truth for assertions
    .on("GET", "/__control/workspaces/:wid/time-entries", (req, s) => {
      const wid = idParam(req, "wid");
      return ok(
        [...s.state.timeEntries.values()]
          .filter((te) => te.wid === wid)
          .sort((a, b) => a.id - b.id)
          .map((te) => s.state.timeEntryJson(te)),
      );
    })
    .on("GET", "/__control/workspaces/:wid/members", (req, s) =>
      ok(
        [...s.state.workspace(idParam(req, "wid")).members.values()].map((m) => ({
          userId: m.userId,
          email: s.state.users.get(m.userId)!.email,
          admin: m.admin,
        })),
      ),
    )
    .on("GET", "/__control/workspaces/:wid/structure", (req, s) => {
      const wid = s.state.workspace(idParam(req, "wid")).id;
      const live = <T extends { wid: number; deletedAt: number | null }>(map: Map<number, T>) =>
        [...map.values()].filter((x) => x.wid === wid && x.deletedAt === null);
      return ok({
        clients: live(s.state.clients).map((c) => ({ id: c.id, name: c.name, archived: c.archived })),
        projects: live(s.state.projects).map((p) => ({
          id: p.id,
          name: p.name,
          clientId: p.clientId,
          active: p.active,
        })),
        tasks: live(s.state.tasks).map((t) => ({ id: t.id, name: t.name, projectId: t.projectId, active: t.active })),
        tags: live(s.state.tags).map((t) => ({ id: t.id, name: t.name })),
      });
    })
    .on("GET", "/__control/workspaces/:wid/subscriptions", (req, s) =>
      ok(s.webhooks.listFor(idParam(req, "wid")).map((sub) => s.webhooks.json(sub))),
    )
    .on("GET", "/__control/workspaces/:wid/deliveries", (req, s) => ok(s.webhooks.deliveries(idParam(req, "wid"))))
    .on("GET", "/__control/request-log", (req, s) => {
      const token = req.url.searchParams.get("token");
      if (!token) throw new ApiError(400, "token query parameter is required");
      return ok(s.requestLog.of(token));
    })

    // Faults and quotas
    .on("POST", "/__control/faults", (req, s) => {
      const body = jsonObject(req);
      try {
        return ok({ id: s.faults.add(body as never).id });
      } catch (err) {
        throw new ApiError(400, (err as Error).message);
      }
    })
    .on("DELETE", "/__control/faults", (req, s) => {
      s.faults.clear(jsonObject(req));
      return ok(null);
    })
    .on("POST", "/__control/quota/exhaust", (req, s) => {
      const body = jsonObject(req);
      const user = userByToken(s.state, body.token);
      for (const ref of bucketsOf(s.state, user, body.bucket ?? "organization")) s.quotas.set(ref, 0, 3600);
      return ok(null);
    })
    .on("POST", "/__control/quota/reset", (req, s) => {
      s.quotas.resetUser(userByToken(s.state, jsonObject(req).token).id);
      return ok(null);
    })
    .on("POST", "/__control/quota/set", (req, s) => {
      const body = jsonObject(req);
      const user = userByToken(s.state, body.token);
      const remaining = num(body.remaining, "remaining");
      const resetsIn = num(body.resetsInSeconds, "resetsInSeconds");
      for (const ref of bucketsOf(s.state, user, body.bucket ?? "organization")) s.quotas.set(ref, remaining, resetsIn);
      return ok(null);
    })
    .on("POST", "/__control/rate-limit", (req, s) => {
      const body = jsonObject(req);
      s.rateLimits.setLimit(str(body.token, "token"), { perSecond: Number(body.perSecond), burst: Number(body.burst) });
      return ok(null);
    })

    // Webhook chaos
    .on("PUT", "/__control/workspaces/:wid/delivery-mode", (req, s) => {
      s.webhooks.setMode(idParam(req, "wid"), jsonObject(req));
      return ok(null);
    })
    .on("POST", "/__control/workspaces/:wid/flush", async (req, s) =>
      ok({ attempted: await s.webhooks.flush(idParam(req, "wid")) }),
    )
    .on("POST", "/__control/workspaces/:wid/subscriptions/:sid/disable", (req, s) => {
      s.webhooks.disable(idParam(req, "wid"), idParam(req, "sid"));
      return ok(null);
    })
    .on("DELETE", "/__control/workspaces/:wid/subscriptions/:sid", (req, s) => {
      s.webhooks.remove(idParam(req, "wid"), idParam(req, "sid"));
      return ok(null);
    });
}

/** Structure changes made "by a person" are attributed to the workspace's first admin. */
function adminOf(state: State, wid: number): number {
  const ws = state.workspace(wid);
  const admin = [...ws.members.values()].find((m) => m.admin);
  if (!admin) throw new ApiError(400, `workspace ${wid} has no admin`);
  return admin.userId;
}
