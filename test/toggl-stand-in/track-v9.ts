// Track API v9 (/api/v9): the user, workspaces, members, structure and time entries.
import { originOf, type ApiContext } from "./context.ts";
import {
  idParam,
  jsonObject,
  ok,
  optionalBool,
  optionalInt,
  optionalIntArray,
  optionalString,
  optionalStringArray,
  Router,
  type Request,
} from "./http.ts";
import { USER_BUCKET_TOTAL } from "./limits.ts";
import {
  ApiError,
  isoOffset,
  PLAN_LIMITS,
  type State,
  type TimeEntry,
  type TimeEntryFields,
  type User,
  type Workspace,
} from "./state.ts";

const NO_ACCESS = "User does not have access to this resource.";
const MAX_TIME_ENTRIES = 1000;

function workspaceJson(state: State, ws: Workspace, userId: number): Record<string, unknown> {
  const org = state.organizations.get(ws.organizationId)!;
  const admin = ws.members.get(userId)?.admin ?? false;
  return {
    id: ws.id,
    organization_id: ws.organizationId,
    name: ws.name,
    premium: org.plan !== "free",
    business_ws: org.plan === "premium",
    admin,
    role: admin ? "admin" : "user",
    permissions: null,
    suspended_at: null,
    server_deleted_at: null,
    default_hourly_rate: null,
    rate_last_updated: null,
    default_currency: "USD",
    only_admins_may_create_projects: false,
    only_admins_may_create_tags: false,
    only_admins_see_team_dashboard: false,
    projects_billable_by_default: true,
    projects_private_by_default: true,
    projects_enforce_billable: false,
    limit_public_project_data: false,
    rounding: 1,
    rounding_minutes: 0,
    at: isoOffset(ws.at),
    logo_url: "https://assets.track.toggl.com/images/workspace.jpg",
    ical_url: `/ical/workspace_user/${ws.id}`,
    ical_enabled: true,
    csv_upload: null,
    subscription: null,
    working_hours_in_minutes: null,
    reports_collapse: true,
    hide_start_end_times: false,
    disable_approvals: false,
    disable_expenses: false,
    disable_timesheet_view: false,
    te_constraints: null,
    max_data_retention_days: null,
    last_modified: isoOffset(ws.at),
    profile: org.plan === "premium" ? 103 : org.plan === "starter" ? 102 : 0,
  };
}

function meJson(state: State, user: User): Record<string, unknown> {
  return {
    id: user.id,
    api_token: user.apiToken,
    email: user.email,
    fullname: user.fullname,
    timezone: user.timezone,
    toggl_accounts_id: user.accountsId,
    default_workspace_id: user.defaultWorkspaceId,
    beginning_of_week: 1,
    image_url: "https://assets.track.toggl.com/images/profile.png",
    created_at: new Date(user.createdAt).toISOString(),
    updated_at: new Date(user.at).toISOString(),
    openid_email: null,
    openid_enabled: false,
    country_id: null,
    has_password: user.password !== null,
    at: new Date(user.at).toISOString(),
    oauth_providers: ["email"],
    "2fa_enabled": false,
    authorization_updated_at: new Date(user.createdAt).toISOString(),
    clients: null,
    projects: null,
    tags: null,
    tasks: null,
    time_entries: null,
    workspaces: null,
    options: null,
  };
}

function withMeta(state: State, te: TimeEntry, json: Record<string, unknown>) {
  const project = te.projectId === null ? undefined : state.projects.get(te.projectId);
  const client = project?.clientId == null ? undefined : state.clients.get(project.clientId);
  const task = te.taskId === null ? undefined : state.tasks.get(te.taskId);
  const user = state.users.get(te.uid);
  return {
    ...json,
    client_id: client?.id ?? null,
    client_name: client?.name ?? null,
    project_name: project?.name ?? null,
    project_color: project?.color ?? null,
    project_active: project?.active ?? null,
    project_billable: project?.billable ?? null,
    task_name: task?.name ?? null,
    user_name: user?.fullname ?? null,
    user_avatar_url: "",
  };
}

/** The workspace, if the caller belongs to it; Toggl answers 403 otherwise (also for unknown ids). */
function memberWorkspace(ctx: ApiContext, req: Request): Workspace {
  const wid = idParam(req, "workspace_id");
  const ws = ctx.state.workspaces.get(wid);
  if (!ws || !ctx.state.isMember(ws.id, ctx.user.id)) throw new ApiError(403, NO_ACCESS);
  return ws;
}

/** Private projects (and their tasks and members) are listed only to those who may track on them. */
function visibleProject(ctx: ApiContext, projectId: number): boolean {
  const project = ctx.state.projects.get(projectId);
  return !project || ctx.state.canTrackOn(ctx.user.id, project);
}

/** "true" | "false" | "both" (default `fallback`); anything else is Toggl's 400. */
function activeFilter(value: string | null, fallback: "true" | "false" | "both"): (active: boolean) => boolean {
  const v = value ?? fallback;
  if (v === "both") return () => true;
  if (v === "true") return (a) => a;
  if (v === "false") return (a) => !a;
  throw new ApiError(400, "Invalid value for active");
}

function sinceParam(req: Request): number | null {
  const raw = req.url.searchParams.get("since");
  if (raw === null) return null;
  if (!/^\d+$/.test(raw)) throw new ApiError(400, "Invalid since");
  return Number(raw) * 1000;
}

function pageParams(req: Request, defaultPerPage: number, maxPerPage: number) {
  const pageRaw = req.url.searchParams.get("page");
  const perRaw = req.url.searchParams.get("per_page");
  const page = pageRaw === null ? 1 : Number(pageRaw);
  const perPage = perRaw === null ? defaultPerPage : Number(perRaw);
  if (!Number.isInteger(page) || page < 1) throw new ApiError(400, "Invalid page");
  if (!Number.isInteger(perPage) || perPage < 1) throw new ApiError(400, "Invalid per_page");
  return { page, perPage: Math.min(perPage, maxPerPage) };
}

/** Date-only values count as midnight UTC, so an end_date of a day excludes that day. */
function dateParam(value: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  if (Number.isNaN(ms)) throw new ApiError(400, `Invalid ${field}`);
  return ms;
}

function timeEntryFields(body: Record<string, unknown>): TimeEntryFields {
  const fields: TimeEntryFields = {};
  const projectId = body.project_id !== undefined ? optionalInt(body, "project_id") : optionalInt(body, "pid");
  if (projectId !== undefined) fields.projectId = projectId;
  const taskId = body.task_id !== undefined ? optionalInt(body, "task_id") : optionalInt(body, "tid");
  if (taskId !== undefined) fields.taskId = taskId;
  const billable = optionalBool(body, "billable");
  if (billable !== undefined) fields.billable = billable;
  if (body.description !== undefined) fields.description = optionalString(body, "description") ?? null;
  const start = optionalString(body, "start");
  if (start != null) fields.start = start;
  if (body.stop !== undefined) fields.stop = optionalString(body, "stop") ?? null;
  const duration = optionalInt(body, "duration");
  if (duration !== undefined) fields.duration = duration;
  const tags = optionalStringArray(body, "tags");
  if (tags !== undefined) fields.tags = tags;
  const tagIds = optionalIntArray(body, "tag_ids");
  if (tagIds !== undefined) fields.tagIds = tagIds;
  const tagAction = optionalString(body, "tag_action");
  if (tagAction != null) {
    if (tagAction !== "add" && tagAction !== "delete") throw new ApiError(400, "Invalid tag_action");
    fields.tagAction = tagAction;
  }
  // Replacing tags by an empty list arrives as `tags: []`.
  if (Array.isArray(body.tags) && body.tags.length === 0 && fields.tagIds === undefined) fields.tagIds = [];
  return fields;
}

/** Billable needs a paid plan: a plan-feature 402 (quota untouched, so the headers show room left). */
function requireBillablePlan(ctx: ApiContext, wid: number, fields: TimeEntryFields) {
  if (fields.billable === true && ctx.state.organizationOf(wid).plan === "free") {
    throw new ApiError(402, "Request tried to utilized Premium functionality on workspace which is not Premium!");
  }
}

function ownEntryInWorkspace(ctx: ApiContext, req: Request, ws: Workspace): TimeEntry {
  const id = idParam(req, "time_entry_id");
  const te = ctx.state.timeEntries.get(id);
  if (!te || te.wid !== ws.id || te.deletedAt !== null) throw new ApiError(404, "Time entry not found");
  // Admins may edit their members' entries; others only their own.
  if (te.uid !== ctx.user.id && !ctx.state.isAdmin(ws.id, ctx.user.id)) throw new ApiError(403, NO_ACCESS);
  return te;
}

export function trackRoutes(router: Router<ApiContext>) {
  router
    .on("GET", "/api/v9/me", (req, ctx) => {
      const me = meJson(ctx.state, ctx.user);
      if (req.url.searchParams.get("with_related_data") === "true") {
        const wss = ctx.state.workspacesOf(ctx.user.id);
        const wids = new Set(wss.map((w) => w.id));
        me.workspaces = wss.map((ws) => workspaceJson(ctx.state, ws, ctx.user.id));
        me.clients = [...ctx.state.clients.values()]
          .filter((c) => wids.has(c.wid) && c.deletedAt === null)
          .map((c) => ctx.state.clientJson(c));
        me.projects = [...ctx.state.projects.values()]
          .filter((p) => wids.has(p.wid) && p.deletedAt === null)
          .map((p) => ctx.state.projectJson(p));
        me.tasks = [...ctx.state.tasks.values()]
          .filter((t) => wids.has(t.wid) && t.deletedAt === null)
          .map((t) => ctx.state.taskJson(t));
        me.tags = [...ctx.state.tags.values()]
          .filter((t) => wids.has(t.wid) && t.deletedAt === null)
          .map((t) => ctx.state.tagJson(t));
        me.time_entries = [...ctx.state.timeEntries.values()]
          .filter((te) => te.uid === ctx.user.id && te.deletedAt === null)
          .sort((a, b) => b.start - a.start)
          .slice(0, MAX_TIME_ENTRIES)
          .map((te) => ctx.state.timeEntryJson(te));
      }
      return ok(me);
    })
    .on("GET", "/api/v9/me/workspaces", (_req, ctx) =>
      ok(
        ctx.state.workspacesOf(ctx.user.id).map((ws) => ({
          ...workspaceJson(ctx.state, ws, ctx.user.id),
          active_project_count: [...ctx.state.projects.values()].filter(
            (p) => p.wid === ws.id && p.active && p.deletedAt === null,
          ).length,
        })),
      ),
    )
    .on("GET", "/api/v9/me/organizations", (_req, ctx) =>
      ok(
        ctx.state.organizationsOf(ctx.user.id).map((org) => {
          const wss = [...ctx.state.workspaces.values()].filter((w) => w.organizationId === org.id);
          const people = new Set(wss.flatMap((w) => [...w.members.keys()]));
          const admin = wss.some((w) => ctx.state.isAdmin(w.id, ctx.user.id));
          return {
            id: org.id,
            name: org.name,
            pricing_plan_id: { free: 0, starter: 1, premium: 2 }[org.plan],
            pricing_plan_name: { free: "Free", starter: "Starter", premium: "Premium" }[org.plan],
            pricing_plan_enterprise: false,
            admin,
            owner: ctx.state.isOrganizationOwner(org.id, ctx.user.id),
            user_count: people.size,
            is_multi_workspace_enabled: org.plan !== "free",
            is_unified: true,
            max_workspaces: org.plan === "free" ? 1 : 20,
            suspended_at: null,
            server_deleted_at: null,
            trial_info: null,
            permissions: null,
            at: isoOffset(org.at),
            created_at: isoOffset(org.createdAt),
            max_data_retention_days: null,
          };
        }),
      ),
    )
    .on("GET", "/api/v9/me/quota", (_req, ctx) => {
      const userBucket = ctx.quotas.read({ userId: ctx.user.id, organizationId: null, total: USER_BUCKET_TOTAL });
      return ok([
        {
          organization_id: null,
          remaining: userBucket.remaining,
          resets_in_secs: userBucket.resetsInSeconds,
          total: userBucket.total,
        },
        ...ctx.state.organizationsOf(ctx.user.id).map((org) => {
          const q = ctx.quotas.read({
            userId: ctx.user.id,
            organizationId: org.id,
            total: PLAN_LIMITS[org.plan].quota,
          });
          return { organization_id: org.id, remaining: q.remaining, resets_in_secs: q.resetsInSeconds, total: q.total };
        }),
      ]);
    })
    .on("GET", "/api/v9/me/time_entries", (req, ctx) => {
      const q = req.url.searchParams;
      const since = sinceParam(req);
      const before = q.get("before");
      const startDate = q.get("start_date");
      const endDate = q.get("end_date");
      if ((startDate === null) !== (endDate === null))
        throw new ApiError(400, "Both start_date and end_date must be specified");
      const from = startDate === null ? null : dateParam(startDate, "start_date");
      const to = endDate === null ? null : dateParam(endDate, "end_date");
      if (from !== null && to !== null && from > to)
        throw new ApiError(400, "start_date must not be later than end_date");
      const beforeMs = before === null ? null : dateParam(before, "before");
      const meta = q.get("meta") === "true";
      const list = [...ctx.state.timeEntries.values()]
        .filter((te) => te.uid === ctx.user.id)
        .filter((te) => (since === null ? te.deletedAt === null : te.at >= since))
        .filter((te) => (from === null || te.start >= from) && (to === null || te.start <= to))
        .filter((te) => beforeMs === null || te.start < beforeMs)
        .sort((a, b) => b.start - a.start || b.id - a.id)
        .slice(0, MAX_TIME_ENTRIES)
        .map((te) => (meta ? withMeta(ctx.state, te, ctx.state.timeEntryJson(te)) : ctx.state.timeEntryJson(te)));
      return ok(list);
    })
    .on("GET", "/api/v9/me/time_entries/current", (req, ctx) => {
      const running = ctx.state.runningEntryOf(ctx.user.id);
      if (!running) return ok(null);
      const json = ctx.state.timeEntryJson(running);
      return ok(req.url.searchParams.get("meta") === "true" ? withMeta(ctx.state, running, json) : json);
    })
    .on("GET", "/api/v9/me/time_entries/:time_entry_id", (req, ctx) => {
      const te = ctx.state.timeEntries.get(idParam(req, "time_entry_id"));
      if (!te || te.uid !== ctx.user.id || te.deletedAt !== null) throw new ApiError(404, "Resource can not be found");
      return ok(ctx.state.timeEntryJson(te));
    })
    .on("GET", "/api/v9/workspaces/:workspace_id", (req, ctx) =>
      ok(workspaceJson(ctx.state, memberWorkspace(ctx, req), ctx.user.id)),
    )
    .on("GET", "/api/v9/workspaces/:workspace_id/users", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      return ok(
        [...ws.members.values()].map((m) => {
          const u = ctx.state.users.get(m.userId)!;
          return {
            id: u.id,
            email: u.email,
            fullname: u.fullname,
            inactive: m.inactive,
            is_active: m.joined,
            is_admin: m.admin,
            role: m.admin ? "admin" : "user",
          };
        }),
      );
    })
    .on("GET", "/api/v9/workspaces/:workspace_id/workspace_users", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      return ok(
        [...ws.members.values()].map((m) => {
          const u = ctx.state.users.get(m.userId)!;
          return {
            id: m.workspaceUserId,
            uid: u.id,
            wid: ws.id,
            user_id: null,
            workspace_id: null,
            email: u.email,
            name: u.fullname,
            timezone: u.timezone,
            active: m.joined,
            inactive: m.inactive,
            admin: m.admin,
            workspace_admin: m.admin,
            organization_admin: ctx.state.isOrganizationOwner(ws.organizationId, u.id),
            role: m.admin ? "admin" : "user",
            role_id: m.admin ? 2 : 3,
            is_direct: true,
            group_ids: null,
            rate: null,
            rate_last_updated: null,
            labor_cost: null,
            labor_cost_last_updated: null,
            working_hours_in_minutes: null,
            avatar_file_name: null,
            "2fa_enabled": false,
            at: isoOffset(m.at),
            view_edit_billable_rates: m.admin,
            view_edit_labor_costs: m.admin,
          };
        }),
      );
    })
    .on("GET", "/api/v9/workspaces/:workspace_id/clients", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const status = req.url.searchParams.get("status") ?? "active";
      if (!["active", "archived", "both"].includes(status)) throw new ApiError(400, "Client status is invalid");
      const name = req.url.searchParams.get("name")?.toLowerCase();
      return ok(
        [...ctx.state.clients.values()]
          .filter((c) => c.wid === ws.id && c.deletedAt === null)
          .filter((c) => status === "both" || (status === "archived") === c.archived)
          .filter((c) => !name || c.name.toLowerCase().includes(name))
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => ctx.state.clientJson(c)),
      );
    })
    .on("GET", "/api/v9/workspaces/:workspace_id/projects", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const since = sinceParam(req);
      const active = activeFilter(req.url.searchParams.get("active"), "true");
      const { page, perPage } = pageParams(req, 151, 200);
      const all = [...ctx.state.projects.values()]
        .filter((p) => p.wid === ws.id && ctx.state.canTrackOn(ctx.user.id, p))
        // With since, deleted projects come back too (server_deleted_at set) so syncs can see them go.
        .filter((p) => (since === null ? p.deletedAt === null && active(p.active) : p.at >= since))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
      return ok(
        all
          .slice((page - 1) * perPage, page * perPage)
          .map((p) => ({ ...ctx.state.projectJson(p), total_count: all.length })),
      );
    })
    .on("GET", "/api/v9/workspaces/:workspace_id/tasks", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const since = sinceParam(req);
      const active = activeFilter(req.url.searchParams.get("active"), "true");
      const { page, perPage } = pageParams(req, 50, 200);
      const pid = req.url.searchParams.get("pid");
      const sortField = req.url.searchParams.get("sort_field") ?? "name";
      const sortOrder = (req.url.searchParams.get("sort_order") ?? "ASC").toUpperCase();
      if (sortField !== "name" && sortField !== "created_at") throw new ApiError(400, "Invalid sort_field");
      if (sortOrder !== "ASC" && sortOrder !== "DESC") throw new ApiError(400, "Invalid sort_order");
      const dir = sortOrder === "ASC" ? 1 : -1;
      const all = [...ctx.state.tasks.values()]
        .filter((t) => t.wid === ws.id && visibleProject(ctx, t.projectId))
        .filter((t) => (since === null ? t.deletedAt === null && active(t.active) : t.at >= since))
        .filter((t) => pid === null || String(t.projectId) === pid)
        .sort(
          (a, b) =>
            dir *
            (sortField === "name"
              ? a.name.localeCompare(b.name) || a.id - b.id
              : a.createdAt - b.createdAt || a.id - b.id),
        );
      return ok({
        data: all.slice((page - 1) * perPage, page * perPage).map((t) => ctx.state.taskJson(t)),
        page,
        per_page: perPage,
        sort_field: sortField,
        sort_order: sortOrder,
        total_count: all.length,
      });
    })
    .on("GET", "/api/v9/workspaces/:workspace_id/project_users", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const q = req.url.searchParams;
      const ids = q.get("project_ids");
      const projectIds = ids === null ? null : ids.split(",").filter(Boolean);
      if (projectIds && projectIds.length > 200) throw new ApiError(400, "project_ids cannot exceed 200 elements.");
      if (projectIds?.some((id) => !/^\d+$/.test(id))) throw new ApiError(400, "Invalid project_ids");
      const userId = q.get("user_id");
      if (userId !== null && !/^\d+$/.test(userId)) throw new ApiError(400, "Invalid user_id");
      return ok(
        [...ctx.state.projectUsers.values()]
          .filter((pu) => pu.wid === ws.id && visibleProject(ctx, pu.projectId))
          .filter((pu) => projectIds === null || projectIds.includes(String(pu.projectId)))
          .filter((pu) => userId === null || String(pu.userId) === userId)
          .sort((a, b) => a.id - b.id)
          .map((pu) => ctx.state.projectUserJson(pu)),
      );
    })
    .on("GET", "/api/v9/workspaces/:workspace_id/tags", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      return ok(
        [...ctx.state.tags.values()]
          .filter((t) => t.wid === ws.id && t.deletedAt === null)
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((t) => ctx.state.tagJson(t)),
      );
    })
    .on("POST", "/api/v9/workspaces/:workspace_id/time_entries", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const body = jsonObject(req);
      if (typeof body.created_with !== "string" || !body.created_with.trim())
        throw new ApiError(400, "created_with needs to be provided an a valid string");
      const wid = body.workspace_id !== undefined ? optionalInt(body, "workspace_id") : optionalInt(body, "wid");
      if (wid == null) throw new ApiError(400, "workspace_id is required");
      if (wid !== ws.id) throw new ApiError(400, "Invalid workspace_id");
      if (typeof body.start !== "string") throw new ApiError(400, "Start time must be provided");
      const fields = timeEntryFields(body);
      requireBillablePlan(ctx, ws.id, fields);
      const asUser = body.user_id !== undefined ? optionalInt(body, "user_id") : optionalInt(body, "uid");
      let userId = ctx.user.id;
      if (asUser != null && asUser !== ctx.user.id) {
        if (!ctx.state.isAdmin(ws.id, ctx.user.id) || !ctx.state.isMember(ws.id, asUser))
          throw new ApiError(403, NO_ACCESS);
        userId = asUser;
      }
      const te = ctx.state.createTimeEntry(userId, ws.id, fields, originOf(ctx.user, "POST", req.path, req.rawBody));
      return ok(ctx.state.timeEntryJson(te));
    })
    .on("PUT", "/api/v9/workspaces/:workspace_id/time_entries/:time_entry_id", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const te = ownEntryInWorkspace(ctx, req, ws);
      const body = jsonObject(req);
      const fields = timeEntryFields(body);
      requireBillablePlan(ctx, ws.id, fields);
      const updated = ctx.state.updateTimeEntry(te.id, fields, originOf(ctx.user, "PUT", req.path, req.rawBody));
      return ok(ctx.state.timeEntryJson(updated));
    })
    .on("PATCH", "/api/v9/workspaces/:workspace_id/time_entries/:time_entry_id/stop", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const te = ownEntryInWorkspace(ctx, req, ws);
      const stopped = ctx.state.stopTimeEntry(
        te.id,
        ctx.state.now(),
        originOf(ctx.user, "PATCH", req.path, req.rawBody),
      );
      return ok(ctx.state.timeEntryJson(stopped));
    })
    .on("DELETE", "/api/v9/workspaces/:workspace_id/time_entries/:time_entry_id", (req, ctx) => {
      const ws = memberWorkspace(ctx, req);
      const te = ownEntryInWorkspace(ctx, req, ws);
      ctx.state.deleteTimeEntry(te.id, originOf(ctx.user, "DELETE", req.path, req.rawBody));
      return { status: 200 };
    });
}
