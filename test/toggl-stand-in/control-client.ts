// Typed client for the stand-in's control surface (/__control). Plain fetch and JSON only, so it
// runs in Node tests, in the demo and inside workerd tests alike.

export type Plan = "free" | "starter" | "premium";

interface SeedUser {
  key: string;
  email: string;
  fullname?: string;
  /** IANA zone, e.g. "Europe/Berlin"; reports show start/stop in its offset. Default "UTC". */
  timezone?: string;
  /** Enables Basic email:password sign-in for this user. */
  password?: string;
}

interface SeedWorkspace {
  key: string;
  name?: string;
  /** User keys of workspace admins (the first one owns the organisation). */
  admins: string[];
  members?: string[];
  /** Invited but not joined yet (Toggl's is_active false): listed, no access. */
  invited?: string[];
  clients?: { key: string; name: string; archived?: boolean }[];
  /** `client` is a client key of the same workspace. */
  projects?: {
    key: string;
    name: string;
    client?: string;
    active?: boolean;
    billable?: boolean;
    color?: string;
    /** Private: only its `members` (user keys, Toggl's project users) and workspace admins may track on it. */
    private?: boolean;
    members?: string[];
  }[];
  /** `project` is a project key of the same workspace. */
  tasks?: { key: string; name: string; project: string; active?: boolean }[];
  tags?: { key: string; name: string }[];
}

export interface SeedTimeEntry {
  key?: string;
  /** User key. */
  user: string;
  /** Workspace key. */
  workspace: string;
  /** Project / task keys. */
  project?: string;
  task?: string;
  description?: string;
  /** RFC 3339. */
  start: string;
  /** RFC 3339; null or absent = running. */
  stop?: string | null;
  billable?: boolean;
  /** Tag names (created in the workspace when missing). */
  tags?: string[];
  /** Seed as already deleted (server_deleted_at set). */
  deleted?: boolean;
}

export interface SeedSpec {
  plan?: Plan;
  organizationName?: string;
  users: SeedUser[];
  workspaces: SeedWorkspace[];
  timeEntries?: SeedTimeEntry[];
}

export interface SeededUser {
  id: number;
  apiToken: string;
  email: string;
}

export interface Seeded {
  organizationId: number;
  users: Record<string, SeededUser>;
  workspaces: Record<string, { id: number }>;
  clients: Record<string, number>;
  projects: Record<string, number>;
  tasks: Record<string, number>;
  tags: Record<string, number>;
  timeEntries: Record<string, number>;
}

/** A time entry exactly as Toggl's Track v9 returns it. */
export interface TogglTimeEntry {
  id: number;
  workspace_id: number;
  project_id: number | null;
  task_id: number | null;
  billable: boolean;
  start: string;
  stop: string | null;
  duration: number;
  description: string | null;
  tags: string[];
  tag_ids: number[];
  duronly: boolean;
  at: string;
  server_deleted_at: string | null;
  user_id: number;
  uid: number;
  wid: number;
  pid?: number;
  tid?: number;
  permissions: string[] | null;
}

export interface TogglSubscription {
  subscription_id: number;
  workspace_id: number;
  user_id: number;
  enabled: boolean;
  description: string;
  event_filters: { entity: string; action: string }[];
  url_callback: string;
  secret: string;
  validated_at: string | null;
  has_pending_events: boolean;
  created_at: string;
  updated_at: string | null;
  deleted_at: string | null;
}

export interface DeliveryAttempt {
  eventId: number;
  subscriptionId: number;
  /** "ping" for validation pings, else e.g. "time_entry.created". */
  kind: string;
  attempt: number;
  /** HTTP status of the callback's answer; null when unreachable or dropped by chaos. */
  status: number | null;
  ok: boolean;
  /** False when chaos deliberately sent a wrong signature. */
  signatureValid: boolean;
  /** The `timestamp` field sent in this attempt. */
  timestamp: string;
  at: string;
  error?: string;
}

export interface TimeEntryInput {
  userId: number;
  workspaceId: number;
  projectId?: number | null;
  taskId?: number | null;
  description?: string | null;
  start: string;
  stop?: string | null;
  billable?: boolean;
  tags?: string[];
}

export type TimeEntryPatch = Partial<Omit<TimeEntryInput, "userId" | "workspaceId">>;

export interface FaultSpec {
  /** Only requests authenticated with this token. */
  token?: string;
  /** Only requests whose path names this workspace. */
  workspaceId?: number;
  /** Only paths starting with this, e.g. "/api/v9/me" or "/reports/api/v3". */
  pathPrefix?: string;
  status: 402 | 429 | 500 | 502 | 503;
  /** How many matching requests fail before the fault is used up. */
  count: number;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface DeliveryMode {
  /** Probability (0..1) that an attempt is never sent (counts as failed, retried later). */
  drop?: number;
  /** Probability that a successful event is sent a second time. */
  duplicate?: number;
  /** Deliver queued events in a shuffled order. */
  reorder?: boolean;
  /** Probability that an attempt carries a wrong signature. */
  badSignature?: number;
  /** Queue events without sending them until flushDeliveries (or hold: false). */
  hold?: boolean;
  /** PRNG seed so chaos is reproducible. */
  seed?: number;
  /** Deliveries in flight at once (default 1); the seed decides the same chances either way. */
  concurrency?: number;
}

export interface WorkspaceStructure {
  clients: { id: number; name: string; archived: boolean }[];
  projects: { id: number; name: string; clientId: number | null; active: boolean }[];
  tasks: { id: number; name: string; projectId: number; active: boolean }[];
  tags: { id: number; name: string }[];
}

export interface RequestLog {
  total: number;
  /** "GET /api/v9/me" → count. Paths keep their ids. */
  byPath: Record<string, number>;
}

class StandInControlError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`stand-in control call failed with ${status}: ${typeof body === "string" ? body : JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export class StandInControl {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__control${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new StandInControlError(res.status, parsed);
    return parsed as T;
  }

  // Seeding (additive; every call gets fresh ids and tokens)
  seed(spec: SeedSpec): Promise<Seeded> {
    return this.call("POST", "/seed", spec);
  }
  createUser(user: { email: string; fullname?: string; timezone?: string }): Promise<SeededUser> {
    return this.call("POST", "/users", user);
  }
  updateUser(userId: number, patch: { email?: string; fullname?: string; timezone?: string }): Promise<void> {
    return this.call("PATCH", `/users/${userId}`, patch);
  }
  /** The user resets their API token in Toggl: the old one is rejected (403) from now on. */
  resetToken(userId: number): Promise<{ apiToken: string }> {
    return this.call("POST", `/users/${userId}/reset-token`);
  }
  setPlan(organizationId: number, plan: Plan): Promise<void> {
    return this.call("PUT", `/organizations/${organizationId}/plan`, { plan });
  }
  /**
   * Adds or changes a member: `pending` is an invitation they have not accepted (is_active false,
   * no access); `inactive` a member an admin deactivated. Adding again with neither joins them.
   */
  addMember(
    workspaceId: number,
    member: { userId: number; admin?: boolean; pending?: boolean; inactive?: boolean },
  ): Promise<void> {
    return this.call("POST", `/workspaces/${workspaceId}/members`, member);
  }
  removeMember(workspaceId: number, userId: number): Promise<void> {
    return this.call("DELETE", `/workspaces/${workspaceId}/members/${userId}`);
  }

  // Acting as people: each emits the webhooks a real change would, and costs no quota
  createTimeEntry(input: TimeEntryInput): Promise<TogglTimeEntry> {
    return this.call("POST", "/time-entries", input);
  }
  updateTimeEntry(id: number, patch: TimeEntryPatch): Promise<TogglTimeEntry> {
    return this.call("PATCH", `/time-entries/${id}`, patch);
  }
  stopTimeEntry(id: number, stopAt?: string): Promise<TogglTimeEntry> {
    return this.call("POST", `/time-entries/${id}/stop`, stopAt ? { stop: stopAt } : {});
  }
  deleteTimeEntry(id: number): Promise<void> {
    return this.call("DELETE", `/time-entries/${id}`);
  }
  createClient(input: { workspaceId: number; name: string; archived?: boolean }): Promise<{ id: number }> {
    return this.call("POST", "/clients", input);
  }
  updateClient(id: number, patch: { name?: string; archived?: boolean }): Promise<{ id: number }> {
    return this.call("PATCH", `/clients/${id}`, patch);
  }
  deleteClient(id: number): Promise<void> {
    return this.call("DELETE", `/clients/${id}`);
  }
  createProject(input: {
    workspaceId: number;
    name: string;
    clientId?: number | null;
    active?: boolean;
    billable?: boolean;
    color?: string;
    isPrivate?: boolean;
  }): Promise<{ id: number }> {
    return this.call("POST", "/projects", input);
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
  ): Promise<{ id: number }> {
    return this.call("PATCH", `/projects/${id}`, patch);
  }
  /** Makes a workspace member one of the project's users (what lets them track on a private project). */
  addProjectUser(projectId: number, userId: number, manager = false): Promise<{ id: number }> {
    return this.call("POST", `/projects/${projectId}/users`, { userId, manager });
  }
  removeProjectUser(projectId: number, userId: number): Promise<void> {
    return this.call("DELETE", `/projects/${projectId}/users/${userId}`);
  }
  deleteProject(id: number): Promise<void> {
    return this.call("DELETE", `/projects/${id}`);
  }
  createTask(input: {
    workspaceId: number;
    projectId: number;
    name: string;
    active?: boolean;
  }): Promise<{ id: number }> {
    return this.call("POST", "/tasks", input);
  }
  updateTask(id: number, patch: { name?: string; active?: boolean }): Promise<{ id: number }> {
    return this.call("PATCH", `/tasks/${id}`, patch);
  }
  deleteTask(id: number): Promise<void> {
    return this.call("DELETE", `/tasks/${id}`);
  }
  createTag(input: { workspaceId: number; name: string }): Promise<{ id: number }> {
    return this.call("POST", "/tags", input);
  }
  updateTag(id: number, patch: { name: string }): Promise<{ id: number }> {
    return this.call("PATCH", `/tags/${id}`, patch);
  }
  deleteTag(id: number): Promise<void> {
    return this.call("DELETE", `/tags/${id}`);
  }

  // Truth for assertions
  listTimeEntries(workspaceId: number): Promise<TogglTimeEntry[]> {
    return this.call("GET", `/workspaces/${workspaceId}/time-entries`);
  }
  listSubscriptions(workspaceId: number): Promise<TogglSubscription[]> {
    return this.call("GET", `/workspaces/${workspaceId}/subscriptions`);
  }
  deliveries(workspaceId: number): Promise<DeliveryAttempt[]> {
    return this.call("GET", `/workspaces/${workspaceId}/deliveries`);
  }
  listMembers(workspaceId: number): Promise<{ userId: number; email: string; admin: boolean }[]> {
    return this.call("GET", `/workspaces/${workspaceId}/members`);
  }
  /** Live (not deleted) clients, projects, tasks and tags of a workspace, archived ones included. */
  structure(workspaceId: number): Promise<WorkspaceStructure> {
    return this.call("GET", `/workspaces/${workspaceId}/structure`);
  }
  requestLog(filter: { token: string }): Promise<RequestLog> {
    return this.call("GET", `/request-log?token=${encodeURIComponent(filter.token)}`);
  }

  // Faults, always scoped (token, workspace) so parallel test files never disturb each other
  fail(fault: FaultSpec): Promise<{ id: number }> {
    return this.call("POST", "/faults", fault);
  }
  clearFaults(scope: { token?: string; workspaceId?: number }): Promise<void> {
    return this.call("DELETE", "/faults", scope);
  }
  exhaustQuota(token: string, bucket: "organization" | "user"): Promise<void> {
    return this.call("POST", "/quota/exhaust", { token, bucket });
  }
  /** Toggl's clock (ISO). */
  async clock(): Promise<string> {
    return (await this.call<{ now: string }>("GET", "/clock")).now;
  }
  /** Sets Toggl's clock to `now` (never back): entries, quota windows and webhooks follow it. */
  async setClock(now: string | Date): Promise<string> {
    const iso = typeof now === "string" ? now : now.toISOString();
    return (await this.call<{ now: string }>("POST", "/clock", { now: iso })).now;
  }
  /** Moves Toggl's clock on. */
  async advanceClock(ms: number): Promise<string> {
    return (await this.call<{ now: string }>("POST", "/clock", { advanceMs: ms })).now;
  }
  /** As if the hour had passed: both buckets full again. */
  resetQuota(token: string): Promise<void> {
    return this.call("POST", "/quota/reset", { token });
  }
  /** Sets the organisation bucket (or the user bucket) of this token's user. */
  setQuota(
    token: string,
    quota: { remaining: number; resetsInSeconds: number; bucket?: "organization" | "user" },
  ): Promise<void> {
    return this.call("POST", "/quota/set", { token, ...quota });
  }
  /** Leaky bucket for this token only (429 with nginx HTML when over). */
  setRateLimit(token: string, limit: { perSecond: number; burst: number }): Promise<void> {
    return this.call("POST", "/rate-limit", { token, ...limit });
  }

  // Webhook chaos
  setDeliveryMode(workspaceId: number, mode: DeliveryMode): Promise<void> {
    return this.call("PUT", `/workspaces/${workspaceId}/delivery-mode`, mode);
  }
  /** Sends held and pending events and due-or-not retries now; resolves when the attempts finished. */
  flushDeliveries(workspaceId: number): Promise<{ attempted: number }> {
    return this.call("POST", `/workspaces/${workspaceId}/flush`);
  }
  /** Disables a subscription behind Hourline's back. */
  disableSubscription(workspaceId: number, subscriptionId: number): Promise<void> {
    return this.call("POST", `/workspaces/${workspaceId}/subscriptions/${subscriptionId}/disable`);
  }
  /** Deletes a subscription behind Hourline's back. */
  deleteSubscription(workspaceId: number, subscriptionId: number): Promise<void> {
    return this.call("DELETE", `/workspaces/${workspaceId}/subscriptions/${subscriptionId}`);
  }
}
