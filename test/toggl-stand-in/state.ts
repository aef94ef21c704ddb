// The stand-in's in-memory Toggl: organisations, users, workspaces, structure and time entries,
// plus the mutations shared by the real API routes and the control surface. Every mutation reports
// a Change so webhooks fire whoever made it.
import { randomBytes } from "node:crypto";

export type Plan = "free" | "starter" | "premium";

export const PLAN_LIMITS: Record<Plan, { quota: number; maxWebhooks: number; maxEventsPerWebhook: number }> = {
  free: { quota: 30, maxWebhooks: 1, maxEventsPerWebhook: 3 },
  starter: { quota: 240, maxWebhooks: 2, maxEventsPerWebhook: 6 },
  premium: { quota: 600, maxWebhooks: 3, maxEventsPerWebhook: 12 },
};

/** A 4xx/5xx answer with Toggl's JSON-string body. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface Organization {
  id: number;
  name: string;
  plan: Plan;
  createdAt: number;
  at: number;
}
export interface User {
  id: number;
  email: string;
  fullname: string;
  timezone: string;
  apiToken: string;
  password: string | null;
  createdAt: number;
  at: number;
  defaultWorkspaceId: number | null;
  accountsId: string;
}
interface Member {
  workspaceUserId: number;
  userId: number;
  admin: boolean;
  /** Deactivated by an admin: listed, no access. */
  inactive: boolean;
  /** Accepted the invitation to the workspace (Toggl's `is_active`); an invitee is listed, with no access. */
  joined: boolean;
  at: number;
}
export interface Workspace {
  id: number;
  organizationId: number;
  name: string;
  members: Map<number, Member>;
  at: number;
}
export interface Client {
  id: number;
  wid: number;
  name: string;
  archived: boolean;
  creatorId: number;
  at: number;
  deletedAt: number | null;
}
export interface Project {
  id: number;
  wid: number;
  clientId: number | null;
  name: string;
  active: boolean;
  billable: boolean;
  color: string;
  isPrivate: boolean;
  createdAt: number;
  at: number;
  deletedAt: number | null;
}
export interface Task {
  id: number;
  wid: number;
  projectId: number;
  name: string;
  active: boolean;
  createdAt: number;
  at: number;
  deletedAt: number | null;
}
export interface Tag {
  id: number;
  wid: number;
  name: string;
  creatorId: number;
  at: number;
  deletedAt: number | null;
}
export interface TimeEntry {
  id: number;
  wid: number;
  uid: number;
  projectId: number | null;
  taskId: number | null;
  billable: boolean;
  start: number;
  stop: number | null;
  duration: number;
  description: string | null;
  tagIds: number[];
  at: number;
  deletedAt: number | null;
}

/** A person's membership of a project (Toggl's project user); what lets them track on a private one. */
export interface ProjectUser {
  id: number;
  wid: number;
  projectId: number;
  userId: number;
  manager: boolean;
  at: number;
}

type Model = "time_entry" | "client" | "project" | "task" | "tag" | "project_user";
export type Action = "created" | "updated" | "deleted";

/** How a change was requested, for webhook metadata (path, request_type, request_body). */
export interface Origin {
  actorId: number;
  path: string;
  requestType: string;
  requestBody: string;
}

export interface Change {
  wid: number;
  model: Model;
  action: Action;
  entityId: number;
  /** The user who owns the entity (time entries) or created it. */
  ownerId: number;
  origin: Origin;
  /** Entity JSON as webhooks carry it. */
  payload: Record<string, unknown>;
  extraMetadata?: Record<string, string>;
}

/** Monotonic id source starting at `first`, so ids look like Toggl's (time entries above 2^31). */
function ids(first: number) {
  let next = first;
  return () => next++;
}

const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** "2024-07-29T12:28:33+00:00": Track v9's usual form. */
export function isoOffset(ms: number): string {
  return new Date(wholeSeconds(ms)).toISOString().replace(".000Z", "+00:00");
}
/** "2024-07-29T12:28:33Z": the form webhook payloads use for start/stop. */
function isoZ(ms: number): string {
  return new Date(wholeSeconds(ms)).toISOString().replace(".000Z", "Z");
}
/** Microsecond-precision UTC, like created_at fields. */
export function isoMicro(ms: number): string {
  const micros = String(Math.floor(Math.random() * 1000)).padStart(3, "0");
  return new Date(ms).toISOString().replace("Z", `${micros}Z`);
}

function parseTime(value: unknown, field: string): number {
  if (typeof value !== "string" || !value) throw new ApiError(400, `Invalid ${field}`);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ApiError(400, `Invalid ${field}`);
  return ms;
}

const COLORS = [
  "#0b83d9",
  "#9e5bd9",
  "#d94182",
  "#e36a00",
  "#bf7000",
  "#2da608",
  "#06a893",
  "#c9806b",
  "#465bb3",
  "#990099",
];

/** Toggl keeps tag names up to 255 bytes of UTF-8 (its own apps count bytes). */
const TAG_NAME_MAX_BYTES = 255;
const TAG_TOO_LONG = `tag name can't be longer than ${TAG_NAME_MAX_BYTES} bytes`;

export class State {
  readonly organizations = new Map<number, Organization>();
  readonly users = new Map<number, User>();
  readonly workspaces = new Map<number, Workspace>();
  readonly clients = new Map<number, Client>();
  readonly projects = new Map<number, Project>();
  readonly tasks = new Map<number, Task>();
  readonly tags = new Map<number, Tag>();
  readonly projectUsers = new Map<number, ProjectUser>();
  readonly timeEntries = new Map<number, TimeEntry>();
  private readonly byToken = new Map<string, User>();

  readonly nextOrganizationId = ids(8_364_520);
  readonly nextUserId = ids(30_809_356);
  readonly nextWorkspaceId = ids(43_644_207);
  readonly nextWorkspaceUserId = ids(11_200_000);
  readonly nextClientId = ids(61_000_000);
  readonly nextProjectId = ids(202_793_181);
  readonly nextTaskId = ids(91_000_000);
  readonly nextTagId = ids(16_501_871);
  readonly nextProjectUserId = ids(120_000_000);
  readonly nextTimeEntryId = ids(4_000_000_000);

  private listeners: ((change: Change) => void)[] = [];
  /** Clock, replaceable so tests of time-based logic stay deterministic. */
  now: () => number = () => Date.now();

  onChange(listener: (change: Change) => void) {
    this.listeners.push(listener);
  }
  private emit(change: Change) {
    for (const listener of this.listeners) listener(change);
  }

  // People and places

  createOrganization(name: string, plan: Plan): Organization {
    const now = this.now();
    const org = { id: this.nextOrganizationId(), name, plan, createdAt: now, at: now };
    this.organizations.set(org.id, org);
    return org;
  }

  createUser(input: { email: string; fullname?: string; timezone?: string; password?: string }): User {
    if (typeof input.email !== "string" || !input.email.includes("@")) throw new ApiError(400, "Invalid email");
    const timezone = input.timezone ?? "UTC";
    if (!isValidTimeZone(timezone)) throw new ApiError(400, "Invalid timezone");
    const now = this.now();
    const user: User = {
      id: this.nextUserId(),
      email: input.email,
      fullname: input.fullname ?? input.email.split("@")[0]!,
      timezone,
      apiToken: randomBytes(16).toString("hex"),
      password: input.password ?? null,
      createdAt: now,
      at: now,
      defaultWorkspaceId: null,
      accountsId: randomBytes(11).toString("base64url"),
    };
    this.users.set(user.id, user);
    this.byToken.set(user.apiToken, user);
    return user;
  }

  /** A new API token for the user (as Toggl's "reset token" does); the old one stops working. */
  resetToken(userId: number): string {
    const user = this.users.get(userId);
    if (!user) throw new ApiError(404, "User not found");
    this.byToken.delete(user.apiToken);
    user.apiToken = randomBytes(16).toString("hex");
    this.byToken.set(user.apiToken, user);
    user.at = this.now();
    return user.apiToken;
  }

  userByToken(token: string): User | undefined {
    return this.byToken.get(token);
  }
  userByEmailPassword(email: string, password: string): User | undefined {
    let found: User | undefined;
    for (const user of this.users.values())
      if (user.email === email && user.password !== null && user.password === password) found = user;
    return found;
  }

  updateUser(userId: number, patch: { email?: string; fullname?: string; timezone?: string }) {
    const user = this.users.get(userId);
    if (!user) throw new ApiError(404, "User not found");
    if (patch.timezone !== undefined && !isValidTimeZone(patch.timezone)) throw new ApiError(400, "Invalid timezone");
    if (patch.email !== undefined) user.email = patch.email;
    if (patch.fullname !== undefined) user.fullname = patch.fullname;
    if (patch.timezone !== undefined) user.timezone = patch.timezone;
    user.at = this.now();
  }

  createWorkspace(organizationId: number, name: string): Workspace {
    const ws = { id: this.nextWorkspaceId(), organizationId, name, members: new Map<number, Member>(), at: this.now() };
    this.workspaces.set(ws.id, ws);
    return ws;
  }

  /**
   * Adds a member, or changes one: `pending` is an invitation not accepted yet (listed with
   * is_active false, no access), `inactive` a member an admin deactivated (listed, no access).
   */
  addMember(wid: number, userId: number, admin: boolean, options: { pending?: boolean; inactive?: boolean } = {}) {
    const ws = this.workspace(wid);
    const user = this.users.get(userId);
    if (!user) throw new ApiError(404, "User not found");
    const joined = !options.pending;
    const inactive = options.inactive ?? false;
    const existing = ws.members.get(userId);
    if (existing) {
      existing.admin = admin;
      existing.inactive = inactive;
      existing.joined = joined;
      existing.at = this.now();
    } else {
      ws.members.set(userId, {
        workspaceUserId: this.nextWorkspaceUserId(),
        userId,
        admin,
        inactive,
        joined,
        at: this.now(),
      });
    }
    if (joined && !inactive) user.defaultWorkspaceId ??= wid;
  }

  removeMember(wid: number, userId: number) {
    const ws = this.workspace(wid);
    ws.members.delete(userId);
    const user = this.users.get(userId);
    if (user && user.defaultWorkspaceId === wid) user.defaultWorkspaceId = this.workspacesOf(userId)[0]?.id ?? null;
  }

  workspace(wid: number): Workspace {
    const ws = this.workspaces.get(wid);
    if (!ws) throw new ApiError(404, "Workspace not found");
    return ws;
  }
  organizationOf(wid: number): Organization {
    return this.organizations.get(this.workspace(wid).organizationId)!;
  }
  /** The workspaces the user may use: joined and not deactivated. */
  workspacesOf(userId: number): Workspace[] {
    return [...this.workspaces.values()].filter((ws) => this.isMember(ws.id, userId));
  }
  organizationsOf(userId: number): Organization[] {
    const orgIds = new Set(this.workspacesOf(userId).map((ws) => ws.organizationId));
    return [...orgIds].map((id) => this.organizations.get(id)!);
  }
  /** Has access: joined the workspace and not deactivated (invitees and deactivated members get 403). */
  isMember(wid: number, userId: number) {
    const m = this.workspaces.get(wid)?.members.get(userId);
    return m !== undefined && m.joined && !m.inactive;
  }
  isAdmin(wid: number, userId: number) {
    return this.isMember(wid, userId) && (this.workspaces.get(wid)?.members.get(userId)?.admin ?? false);
  }
  /** The organisation owner is the first admin of its first workspace. */
  isOrganizationOwner(orgId: number, userId: number) {
    const first = [...this.workspaces.values()].find((ws) => ws.organizationId === orgId);
    if (!first) return false;
    const admin = [...first.members.values()].find((m) => m.admin);
    return admin?.userId === userId;
  }

  // Structure

  createClient(wid: number, input: { name: string; archived?: boolean }, origin: Origin): Client {
    this.workspace(wid);
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (!name) throw new ApiError(400, "Client name cannot be empty");
    if (name.length > 100) throw new ApiError(400, "Client name maximum length is 100");
    const client: Client = {
      id: this.nextClientId(),
      wid,
      name,
      archived: input.archived ?? false,
      creatorId: origin.actorId,
      at: this.now(),
      deletedAt: null,
    };
    this.clients.set(client.id, client);
    this.emitStructure("client", "created", client.id, wid, client.creatorId, origin);
    return client;
  }

  updateClient(id: number, patch: { name?: string; archived?: boolean }, origin: Origin): Client {
    const client = this.live(this.clients, id, "client");
    if (patch.name !== undefined) {
      if (!patch.name.trim()) throw new ApiError(400, "Client name cannot be empty");
      client.name = patch.name.trim();
    }
    if (patch.archived !== undefined) {
      client.archived = patch.archived;
      // Archiving a client archives its projects, as in Toggl.
      if (patch.archived)
        for (const p of this.projects.values())
          if (p.clientId === id && p.deletedAt === null && p.active)
            this.updateProject(p.id, { active: false }, origin);
    }
    client.at = this.now();
    this.emitStructure("client", "updated", id, client.wid, client.creatorId, origin);
    return client;
  }

  deleteClient(id: number, origin: Origin) {
    const client = this.live(this.clients, id, "client");
    client.deletedAt = client.at = this.now();
    for (const p of this.projects.values())
      if (p.clientId === id && p.deletedAt === null) {
        p.clientId = null;
        p.at = this.now();
      }
    this.emitStructure("client", "deleted", id, client.wid, client.creatorId, origin);
  }

  createProject(
    wid: number,
    input: {
      name: string;
      clientId?: number | null;
      active?: boolean;
      billable?: boolean;
      color?: string;
      isPrivate?: boolean;
    },
    origin: Origin,
  ): Project {
    this.workspace(wid);
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (!name) throw new ApiError(400, "Project name must not be empty");
    for (const p of this.projects.values())
      if (p.wid === wid && p.deletedAt === null && p.name === name)
        throw new ApiError(400, "Name has already been taken");
    if (input.clientId != null) this.checkInWorkspace(this.clients, input.clientId, wid, "client_id");
    const now = this.now();
    const project: Project = {
      id: this.nextProjectId(),
      wid,
      clientId: input.clientId ?? null,
      name,
      active: input.active ?? true,
      billable: input.billable ?? false,
      color: input.color ?? COLORS[this.projects.size % COLORS.length]!,
      isPrivate: input.isPrivate ?? false,
      createdAt: now,
      at: now,
      deletedAt: null,
    };
    this.projects.set(project.id, project);
    this.emitStructure("project", "created", project.id, wid, origin.actorId, origin);
    return project;
  }

  updateProject(
    id: number,
    patch: {
      name?: string;
      clientId?: number | null;
      active?: boolean;
      billable?: boolean;
      color?: string;
      isPrivate?: boolean;
    },
    origin: Origin,
  ): Project {
    const project = this.live(this.projects, id, "project");
    if (patch.name !== undefined) {
      if (!patch.name.trim()) throw new ApiError(400, "Project name must not be empty");
      project.name = patch.name.trim();
    }
    if (patch.clientId !== undefined) {
      if (patch.clientId !== null) this.checkInWorkspace(this.clients, patch.clientId, project.wid, "client_id");
      project.clientId = patch.clientId;
    }
    if (patch.active !== undefined) project.active = patch.active;
    if (patch.billable !== undefined) project.billable = patch.billable;
    if (patch.color !== undefined) project.color = patch.color;
    if (patch.isPrivate !== undefined) project.isPrivate = patch.isPrivate;
    project.at = this.now();
    this.emitStructure("project", "updated", id, project.wid, origin.actorId, origin);
    return project;
  }

  deleteProject(id: number, origin: Origin) {
    const project = this.live(this.projects, id, "project");
    project.deletedAt = project.at = this.now();
    // Toggl detaches the project from its time entries (project_id becomes null).
    for (const te of this.timeEntries.values())
      if (te.projectId === id && te.deletedAt === null) {
        te.projectId = null;
        te.taskId = null;
        te.at = this.now();
      }
    for (const task of this.tasks.values())
      if (task.projectId === id && task.deletedAt === null) task.deletedAt = task.at = this.now();
    this.emitStructure("project", "deleted", id, project.wid, origin.actorId, origin);
  }

  createTask(wid: number, input: { projectId: number; name: string; active?: boolean }, origin: Origin): Task {
    this.workspace(wid);
    this.checkInWorkspace(this.projects, input.projectId, wid, "project_id");
    const name = typeof input.name === "string" ? input.name.trim() : "";
    if (!name) throw new ApiError(400, "Task name must not be empty");
    const now = this.now();
    const task: Task = {
      id: this.nextTaskId(),
      wid,
      projectId: input.projectId,
      name,
      active: input.active ?? true,
      createdAt: now,
      at: now,
      deletedAt: null,
    };
    this.tasks.set(task.id, task);
    this.emitStructure("task", "created", task.id, wid, origin.actorId, origin);
    return task;
  }

  updateTask(id: number, patch: { name?: string; active?: boolean }, origin: Origin): Task {
    const task = this.live(this.tasks, id, "task");
    if (patch.name !== undefined) {
      if (!patch.name.trim()) throw new ApiError(400, "Task name must not be empty");
      task.name = patch.name.trim();
    }
    if (patch.active !== undefined) task.active = patch.active;
    task.at = this.now();
    this.emitStructure("task", "updated", id, task.wid, origin.actorId, origin);
    return task;
  }

  deleteTask(id: number, origin: Origin) {
    const task = this.live(this.tasks, id, "task");
    task.deletedAt = task.at = this.now();
    for (const te of this.timeEntries.values())
      if (te.taskId === id && te.deletedAt === null) {
        te.taskId = null;
        te.at = this.now();
      }
    this.emitStructure("task", "deleted", id, task.wid, origin.actorId, origin);
  }

  createTag(wid: number, name: string, origin: Origin): Tag {
    this.workspace(wid);
    const trimmed = typeof name === "string" ? name.trim() : "";
    if (!trimmed) throw new ApiError(400, "tag name can't be blank");
    if (Buffer.byteLength(trimmed, "utf8") > TAG_NAME_MAX_BYTES) throw new ApiError(400, TAG_TOO_LONG);
    if (this.tagByName(wid, trimmed)) throw new ApiError(400, `a tag with the name '${trimmed}' already exists`);
    const tag: Tag = {
      id: this.nextTagId(),
      wid,
      name: trimmed,
      creatorId: origin.actorId,
      at: this.now(),
      deletedAt: null,
    };
    this.tags.set(tag.id, tag);
    this.emitStructure("tag", "created", tag.id, wid, origin.actorId, origin);
    return tag;
  }

  updateTag(id: number, name: string, origin: Origin): Tag {
    const tag = this.live(this.tags, id, "tag");
    const trimmed = typeof name === "string" ? name.trim() : "";
    if (!trimmed) throw new ApiError(400, "tag name can't be blank");
    const clash = this.tagByName(tag.wid, trimmed);
    if (clash && clash.id !== id) throw new ApiError(400, `a tag with the name '${trimmed}' already exists`);
    tag.name = trimmed;
    tag.at = this.now();
    this.emitStructure("tag", "updated", id, tag.wid, origin.actorId, origin);
    return tag;
  }

  deleteTag(id: number, origin: Origin) {
    const tag = this.live(this.tags, id, "tag");
    tag.deletedAt = tag.at = this.now();
    for (const te of this.timeEntries.values())
      if (te.tagIds.includes(id)) te.tagIds = te.tagIds.filter((t) => t !== id);
    this.emitStructure("tag", "deleted", id, tag.wid, origin.actorId, origin);
  }

  // Project users

  /** Public projects are open to every member; private ones to workspace admins and their project users. */
  canTrackOn(userId: number, project: Project): boolean {
    if (!project.isPrivate || this.isAdmin(project.wid, userId)) return true;
    for (const pu of this.projectUsers.values()) if (pu.projectId === project.id && pu.userId === userId) return true;
    return false;
  }

  addProjectUser(projectId: number, userId: number, manager: boolean, origin: Origin): ProjectUser {
    const project = this.live(this.projects, projectId, "project");
    if (!this.isMember(project.wid, userId)) throw new ApiError(400, "User not found in workspace");
    for (const pu of this.projectUsers.values()) if (pu.projectId === projectId && pu.userId === userId) return pu;
    const pu: ProjectUser = {
      id: this.nextProjectUserId(),
      wid: project.wid,
      projectId,
      userId,
      manager,
      at: this.now(),
    };
    this.projectUsers.set(pu.id, pu);
    this.emit({
      wid: pu.wid,
      model: "project_user",
      action: "created",
      entityId: pu.id,
      ownerId: origin.actorId,
      origin,
      payload: this.projectUserJson(pu),
      extraMetadata: { project_user_id: String(pu.id), project_id: String(projectId) },
    });
    return pu;
  }

  removeProjectUser(projectId: number, userId: number, origin: Origin) {
    for (const pu of this.projectUsers.values()) {
      if (pu.projectId !== projectId || pu.userId !== userId) continue;
      this.projectUsers.delete(pu.id);
      this.emit({
        wid: pu.wid,
        model: "project_user",
        action: "deleted",
        entityId: pu.id,
        ownerId: origin.actorId,
        origin,
        payload: this.projectUserJson(pu),
        extraMetadata: { project_user_id: String(pu.id), project_id: String(projectId) },
      });
    }
  }

  projectUserJson(pu: ProjectUser): Record<string, unknown> {
    return {
      id: pu.id,
      project_id: pu.projectId,
      user_id: pu.userId,
      workspace_id: pu.wid,
      manager: pu.manager,
      rate: null,
      rate_last_updated: null,
      labor_cost: null,
      labor_cost_last_updated: null,
      at: isoOffset(pu.at),
      gid: null,
      group_id: null,
    };
  }

  tagByName(wid: number, name: string): Tag | undefined {
    for (const tag of this.tags.values())
      if (tag.wid === wid && tag.deletedAt === null && tag.name === name) return tag;
    return undefined;
  }

  // Time entries

  runningEntryOf(userId: number): TimeEntry | undefined {
    for (const te of this.timeEntries.values())
      if (te.uid === userId && te.stop === null && te.deletedAt === null) return te;
    return undefined;
  }

  /**
   * Creates a time entry for `userId`. A running one (no stop, negative duration) stops the
   * user's current timer first, as Toggl does.
   */
  createTimeEntry(userId: number, wid: number, input: TimeEntryFields, origin: Origin): TimeEntry {
    if (!this.isMember(wid, userId)) throw new ApiError(403, "User does not have access to this resource.");
    const fields = this.resolveFields(wid, userId, input, origin);
    if (fields.start === undefined) throw new ApiError(400, "Start time must be provided");
    const start = fields.start;
    let stop = fields.stop ?? null;
    let duration: number;
    if (stop === null && input.duration !== undefined && input.duration !== null && input.duration >= 0) {
      stop = start + input.duration * 1000;
    }
    if (stop !== null) {
      if (stop < start) throw new ApiError(400, "Stop time must be after start time");
      duration = Math.round((wholeSeconds(stop) - wholeSeconds(start)) / 1000);
      if (
        input.duration !== undefined &&
        input.duration !== null &&
        input.duration >= 0 &&
        fields.stop != null &&
        input.duration !== duration
      ) {
        throw new ApiError(400, "Duration and stop time do not match");
      }
    } else {
      // Running: keep the negative duration as sent (-1 or -epoch); default to -epoch.
      duration =
        input.duration !== undefined && input.duration !== null && input.duration < 0
          ? input.duration
          : -Math.floor(start / 1000);
      const running = this.runningEntryOf(userId);
      if (running) this.stopTimeEntry(running.id, Math.max(running.start, start), origin);
    }
    const te: TimeEntry = {
      id: this.nextTimeEntryId(),
      wid,
      uid: userId,
      projectId: fields.projectId ?? null,
      taskId: fields.taskId ?? null,
      billable: fields.billable ?? false,
      start: wholeSeconds(start),
      stop: stop === null ? null : wholeSeconds(stop),
      duration,
      description: fields.description ?? null,
      tagIds: fields.tagIds ?? [],
      at: this.now(),
      deletedAt: null,
    };
    this.timeEntries.set(te.id, te);
    this.emitTimeEntry(te, "created", origin);
    return te;
  }

  updateTimeEntry(id: number, input: TimeEntryFields, origin: Origin): TimeEntry {
    const te = this.liveEntry(id);
    const fields = this.resolveFields(te.wid, te.uid, input, origin, te);
    if (fields.projectId !== undefined) te.projectId = fields.projectId;
    if (fields.taskId !== undefined) te.taskId = fields.taskId;
    if (fields.billable !== undefined) te.billable = fields.billable;
    if (fields.description !== undefined) te.description = fields.description;
    if (fields.tagIds !== undefined) te.tagIds = fields.tagIds;
    if (fields.start !== undefined) te.start = wholeSeconds(fields.start);
    if (fields.stop !== undefined && fields.stop !== null) te.stop = wholeSeconds(fields.stop);
    // A positive duration without a stop sets the stop (this also stops a running entry).
    else if (fields.stop === undefined && input.duration != null && input.duration >= 0)
      te.stop = te.start + input.duration * 1000;
    if (te.stop !== null) {
      if (te.stop < te.start) throw new ApiError(400, "Stop time must be after start time");
      te.duration = Math.round((te.stop - te.start) / 1000);
    } else if (fields.start !== undefined && te.duration < -1) {
      te.duration = -Math.floor(te.start / 1000);
    }
    te.at = this.now();
    this.emitTimeEntry(te, "updated", origin);
    return te;
  }

  stopTimeEntry(id: number, stopAt: number, origin: Origin): TimeEntry {
    const te = this.liveEntry(id);
    if (te.stop !== null) throw new ApiError(409, "Time entry already stopped");
    te.stop = Math.max(wholeSeconds(stopAt), te.start);
    te.duration = Math.round((te.stop - te.start) / 1000);
    te.at = this.now();
    this.emitTimeEntry(te, "updated", origin);
    return te;
  }

  deleteTimeEntry(id: number, origin: Origin) {
    const te = this.liveEntry(id);
    te.deletedAt = te.at = this.now();
    this.emitTimeEntry(te, "deleted", origin);
  }

  liveEntry(id: number): TimeEntry {
    const te = this.timeEntries.get(id);
    if (!te || te.deletedAt !== null) throw new ApiError(404, "Time entry not found");
    return te;
  }

  private resolveFields(wid: number, userId: number, input: TimeEntryFields, origin: Origin, existing?: TimeEntry) {
    const out: {
      projectId?: number | null;
      taskId?: number | null;
      billable?: boolean;
      description?: string | null;
      tagIds?: number[];
      start?: number;
      stop?: number | null;
    } = {};
    if (input.projectId !== undefined) {
      if (input.projectId !== null) {
        const p = this.projects.get(input.projectId);
        if (!p || p.wid !== wid || p.deletedAt !== null)
          throw new ApiError(400, "User cannot access the selected project");
        if (!this.canTrackOn(userId, p)) throw new ApiError(403, "User cannot access the selected project");
      }
      out.projectId = input.projectId;
    }
    if (input.taskId !== undefined) {
      if (input.taskId !== null) {
        const t = this.tasks.get(input.taskId);
        const projectId = out.projectId !== undefined ? out.projectId : existing?.projectId;
        if (!t || t.wid !== wid || t.deletedAt !== null) throw new ApiError(400, "User cannot access selected task");
        if (projectId != null && t.projectId !== projectId) throw new ApiError(400, "User cannot access selected task");
        const project = this.projects.get(t.projectId);
        if (project && !this.canTrackOn(userId, project)) throw new ApiError(403, "User cannot access selected task");
        // A task implies its project.
        out.projectId = t.projectId;
      }
      out.taskId = input.taskId;
    }
    if (input.billable !== undefined) {
      if (typeof input.billable !== "boolean") throw new ApiError(400, 'Unexpected "billable" type');
      out.billable = input.billable;
    }
    if (input.description !== undefined) {
      if (input.description !== null && typeof input.description !== "string")
        throw new ApiError(400, 'Unexpected "description" type');
      if (typeof input.description === "string" && input.description.length > 3000)
        throw new ApiError(400, "Description is too long");
      out.description = input.description;
    }
    if (input.start !== undefined) out.start = parseTime(input.start, "start");
    if (input.stop !== undefined) out.stop = input.stop === null ? null : parseTime(input.stop, "stop");
    if (input.tags !== undefined || input.tagIds !== undefined) {
      let tagIds: number[] = [];
      for (const id of input.tagIds ?? []) {
        const tag = this.tags.get(id);
        if (!tag || tag.wid !== wid || tag.deletedAt !== null) throw new ApiError(400, "Invalid tag_ids");
        tagIds.push(id);
      }
      for (const name of input.tags ?? []) {
        if (typeof name !== "string" || !name.trim()) throw new ApiError(400, "tag name can't be blank");
        if (Buffer.byteLength(name.trim(), "utf8") > TAG_NAME_MAX_BYTES) throw new ApiError(400, TAG_TOO_LONG);
        // Unknown tag names are created on the fly, as Toggl does.
        const tag =
          this.tagByName(wid, name.trim()) ?? this.createTag(wid, name.trim(), { ...origin, actorId: userId });
        tagIds.push(tag.id);
      }
      tagIds = [...new Set(tagIds)];
      if (input.tagAction === "add" && existing) tagIds = [...new Set([...existing.tagIds, ...tagIds])];
      else if (input.tagAction === "delete" && existing) tagIds = existing.tagIds.filter((id) => !tagIds.includes(id));
      out.tagIds = tagIds;
    }
    return out;
  }

  // Shapes

  timeEntryJson(te: TimeEntry, style: "api" | "webhook" = "api"): Record<string, unknown> {
    const stamp = style === "api" ? isoOffset : isoZ;
    const json: Record<string, unknown> = {
      id: te.id,
      workspace_id: te.wid,
      project_id: te.projectId,
      task_id: te.taskId,
      billable: te.billable,
      start: stamp(te.start),
      stop: te.stop === null ? null : stamp(te.stop),
      duration: te.duration,
      description: te.description,
      tags: te.tagIds.map((id) => this.tags.get(id)?.name).filter((n): n is string => n !== undefined),
      tag_ids: te.tagIds,
      duronly: true,
      at: isoOffset(te.at),
      server_deleted_at: te.deletedAt === null ? null : isoOffset(te.deletedAt),
      user_id: te.uid,
      uid: te.uid,
      wid: te.wid,
    };
    // Legacy pid/tid only appear when set.
    if (te.projectId !== null) json.pid = te.projectId;
    if (te.taskId !== null) json.tid = te.taskId;
    json.permissions = null;
    return json;
  }

  clientJson(c: Client): Record<string, unknown> {
    return {
      id: c.id,
      wid: c.wid,
      archived: c.archived,
      name: c.name,
      at: isoOffset(c.at),
      creator_id: c.creatorId,
      notes: null,
      external_reference: null,
      integration_provider: null,
      permissions: null,
      server_deleted_at: c.deletedAt === null ? null : isoOffset(c.deletedAt),
    };
  }

  projectJson(p: Project): Record<string, unknown> {
    const client = p.clientId === null ? undefined : this.clients.get(p.clientId);
    let actualSeconds = 0;
    for (const te of this.timeEntries.values())
      if (te.projectId === p.id && te.deletedAt === null && te.stop !== null) actualSeconds += te.duration;
    const status = p.deletedAt !== null ? "deleted" : p.active ? "active" : "archived";
    return {
      id: p.id,
      workspace_id: p.wid,
      wid: p.wid,
      client_id: p.clientId,
      cid: p.clientId,
      client_name: client?.name ?? null,
      name: p.name,
      active: p.active,
      status,
      is_private: p.isPrivate,
      is_shared: false,
      billable: p.billable,
      template: false,
      template_id: null,
      color: p.color,
      currency: null,
      rate: null,
      rate_last_updated: null,
      fixed_fee: null,
      estimated_hours: null,
      estimated_seconds: null,
      actual_hours: Math.floor(actualSeconds / 3600),
      actual_seconds: actualSeconds,
      auto_estimates: null,
      recurring: false,
      recurring_parameters: null,
      current_period: null,
      start_date: new Date(p.createdAt).toISOString().slice(0, 10),
      end_date: null,
      created_at: isoOffset(p.createdAt),
      at: isoOffset(p.at),
      server_deleted_at: p.deletedAt === null ? null : isoOffset(p.deletedAt),
      pinned: false,
      can_track_time: true,
      permissions: null,
      external_reference: null,
      integration_provider: null,
    };
  }

  taskJson(t: Task): Record<string, unknown> {
    const project = this.projects.get(t.projectId);
    const client = project?.clientId == null ? undefined : this.clients.get(project.clientId);
    let tracked = 0;
    for (const te of this.timeEntries.values())
      if (te.taskId === t.id && te.deletedAt === null && te.stop !== null) tracked += te.duration;
    return {
      id: t.id,
      name: t.name,
      workspace_id: t.wid,
      project_id: t.projectId,
      user_id: null,
      user_name: null,
      active: t.active,
      at: isoOffset(t.at),
      estimated_seconds: null,
      tracked_seconds: tracked * 1000,
      rate: null,
      rate_last_updated: null,
      recurring: false,
      project_name: project?.name ?? null,
      project_color: project?.color ?? null,
      project_billable: project?.billable ?? false,
      project_is_private: project?.isPrivate ?? false,
      client_id: client?.id ?? null,
      client_name: client?.name ?? null,
      external_reference: null,
      integration_provider: null,
      permissions: null,
      server_deleted_at: t.deletedAt === null ? null : isoOffset(t.deletedAt),
    };
  }

  tagJson(t: Tag): Record<string, unknown> {
    return {
      id: t.id,
      workspace_id: t.wid,
      name: t.name,
      at: isoOffset(t.at),
      creator_id: t.creatorId,
      deleted_at: t.deletedAt === null ? null : isoOffset(t.deletedAt),
      integration_provider: null,
      permissions: null,
    };
  }

  private emitTimeEntry(te: TimeEntry, action: Action, origin: Origin) {
    this.emit({
      wid: te.wid,
      model: "time_entry",
      action,
      entityId: te.id,
      ownerId: te.uid,
      origin,
      payload: this.timeEntryJson(te, "webhook"),
      extraMetadata: { time_entry_id: String(te.id) },
    });
  }

  private emitStructure(
    model: "client" | "project" | "task" | "tag",
    action: Action,
    id: number,
    wid: number,
    ownerId: number,
    origin: Origin,
  ) {
    let payload: Record<string, unknown>;
    const extra: Record<string, string> = { [`${model}_id`]: String(id) };
    if (model === "client") payload = this.clientJson(this.clients.get(id)!);
    else if (model === "project") {
      const p = this.projects.get(id)!;
      payload = this.projectJson(p);
      extra.project_is_private = String(p.isPrivate);
    } else if (model === "task") payload = this.taskJson(this.tasks.get(id)!);
    else payload = this.tagJson(this.tags.get(id)!);
    this.emit({ wid, model, action, entityId: id, ownerId, origin, payload, extraMetadata: extra });
  }

  private live<T extends { wid: number; deletedAt: number | null }>(map: Map<number, T>, id: number, what: string): T {
    const item = map.get(id);
    if (!item || item.deletedAt !== null) throw new ApiError(404, `No ${what} with ID ${id} was found`);
    return item;
  }

  private checkInWorkspace<T extends { wid: number; deletedAt: number | null }>(
    map: Map<number, T>,
    id: number,
    wid: number,
    field: string,
  ) {
    const item = map.get(id);
    if (!item || item.wid !== wid || item.deletedAt !== null) throw new ApiError(400, `Invalid ${field}`);
  }
}

export interface TimeEntryFields {
  projectId?: number | null;
  taskId?: number | null;
  billable?: boolean;
  description?: string | null;
  start?: string;
  stop?: string | null;
  duration?: number | null;
  tags?: string[];
  tagIds?: number[];
  tagAction?: "add" | "delete";
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `tz` at instant `ms`, in minutes east of UTC. */
function zoneOffsetMinutes(tz: string, ms: number): number {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
      .formatToParts(new Date(ms))
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** "2024-07-30T11:13:46+03:00": the instant in the zone's local time with its offset. */
export function isoInZone(ms: number, tz: string): string {
  const offset = zoneOffsetMinutes(tz, ms);
  const local = new Date(wholeSeconds(ms) + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Midnight starting `date` (YYYY-MM-DD) in zone `tz`, as epoch ms. */
export function startOfDayInZone(date: string, tz: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const first = guess - zoneOffsetMinutes(tz, guess) * 60_000;
  return guess - zoneOffsetMinutes(tz, first) * 60_000;
}
