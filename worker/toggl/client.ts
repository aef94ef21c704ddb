// The only code in the worker that talks to Toggl: Track API v9, Reports API v3, Webhooks API v1.
// One client per API token. It counts every request it sends, reads the quota headers on every
// response, consults the quota budget before sending, backs off on 429, retries 5xx, and turns
// every failure into a TogglError (never carrying the token).
import type * as z from "zod";
import { TogglError, togglMessageFromBody, type TogglErrorKind } from "./errors";
import { idNumber, idNumbers, idPath, parseTogglJson } from "./json";
import {
  bucketForPath,
  bucketKey,
  classify402,
  parseQuotaHeaders,
  type BudgetGuard,
  type Priority,
  type QuotaObservation,
} from "./quota";
import {
  clientSchema,
  eventFiltersSchema,
  limitsSchema,
  meSchema,
  organizationSchema,
  projectSchema,
  projectUserSchema,
  quotaEntrySchema,
  reportRowSchema,
  subscriptionSchema,
  tagSchema,
  tasksPageSchema,
  timeEntrySchema,
  workspaceSchema,
  workspaceUserDetailedSchema,
  workspaceUserSchema,
  type Client,
  type EventFilters,
  type Limits,
  type Me,
  type Organization,
  type Project,
  type ProjectUser,
  type QuotaEntry,
  type ReportPage,
  type ReportTimeEntry,
  type Subscription,
  type SubscriptionInput,
  type Tag,
  type Task,
  type TimeEntry,
  type Workspace,
  type WorkspaceUser,
  type WorkspaceUserDetailed,
} from "./types";
import { nowMs } from "../clock";

export type { Priority, QuotaObservation } from "./quota";

const DEFAULT_TOGGL_API_URL = "https://api.track.toggl.com";
const HOURLINE_USER_AGENT = "Hourline/0.1 (Toggl Track integration)";
/** `created_with` on time entries Hourline creates. */
export const CREATED_WITH = "Hourline";

export interface RetryPolicy {
  /** First 429 backoff; doubles each time. */
  rateLimitBaseMs: number;
  rateLimitCapMs: number;
  /** Give up on 429 once the waits would pass this in total. */
  rateLimitMaxTotalMs: number;
  /** Retries of a 5xx (and of network errors on safe requests). */
  serverRetries: number;
  /** 5xx waits are random between these. */
  serverDelayMinMs: number;
  serverDelayMaxMs: number;
}

/** Interactive calls (timer start/stop) give up sooner than background sync. */
const RETRY_POLICIES: Record<Priority, RetryPolicy> = {
  interactive: {
    rateLimitBaseMs: 1000,
    rateLimitCapMs: 4000,
    rateLimitMaxTotalMs: 8000,
    serverRetries: 2,
    serverDelayMinMs: 300,
    serverDelayMaxMs: 1000,
  },
  background: {
    rateLimitBaseMs: 1000,
    rateLimitCapMs: 60_000,
    rateLimitMaxTotalMs: 180_000,
    serverRetries: 3,
    serverDelayMinMs: 1000,
    serverDelayMaxMs: 5000,
  },
};

export interface TogglClientOptions {
  /** Origin of Toggl's APIs (env.TOGGL_API_URL); /api/v9, /reports/api/v3, /webhooks/api/v1 are appended. */
  baseUrl?: string;
  apiToken: string;
  priority?: Priority;
  fetch?: typeof fetch;
  /** Per attempt, body included. Default 10 s. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ x < 1; drives jitter. */
  random?: () => number;
  now?: () => number;
  /** Consulted (one request taken) before each request; observations are folded in after each response. */
  budget?: BudgetGuard;
  /** Called (and awaited) with the quota state of every response that carried it. */
  onQuota?: (observation: QuotaObservation) => void | Promise<void>;
  /** Workspace id → organization id, so organization buckets get their real key. Learned as we go. */
  organizationIds?: Record<string, string>;
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
}

type Api = "v9" | "reports" | "webhooks";
const API_PREFIX: Record<Api, string> = { v9: "/api/v9", reports: "/reports/api/v3", webhooks: "/webhooks/api/v1" };

interface RequestSpec<S extends z.ZodType | null> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  api: Api;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** null: the body is not read as data (e.g. DELETE, validate's "OK"). */
  schema: S;
  workspaceId?: string;
  /** May be resent after a 5xx or network error without risking a duplicate. */
  safe?: boolean;
  /** 2xx bodies of `null` (or empty) are allowed and give null. */
  nullable?: boolean;
}

interface Answer<T> {
  data: T;
  headers: Headers;
}

export interface CreateTimeEntryInput {
  /** RFC 3339; sent as UTC. */
  start: string;
  /** RFC 3339, or null/absent for a running entry. */
  stop?: string | null;
  /** Seconds; defaults to -1 (running) when there is no stop. */
  duration?: number;
  description?: string | null;
  project_id?: string | null;
  task_id?: string | null;
  billable?: boolean;
  /** Tag names; missing ones are created by Toggl. */
  tags?: string[];
  tag_ids?: string[];
  created_with?: string;
}

export type UpdateTimeEntryInput = Partial<Omit<CreateTimeEntryInput, "created_with">> & {
  /** With tags: add or delete the given tags instead of replacing them. */
  tag_action?: "add" | "delete";
};

export interface TimeEntriesQuery {
  /** Modified since (deleted ones included, with server_deleted_at). Date or unix seconds. */
  since?: Date | number;
  /** Start on or after / before (RFC 3339 or YYYY-MM-DD; use full timestamps to avoid the midnight cut-off). */
  startDate?: string;
  endDate?: string;
}

export interface ReportPageQuery {
  /** YYYY-MM-DD, inclusive. */
  startDate: string;
  endDate: string;
  firstRowNumber?: number;
  firstId?: string | null;
  /** Rows per page; default 200 (quota is scarce, pages are not). */
  pageSize?: number;
  userIds?: string[];
}

const PAGE_SIZE = 200;
const MAX_PAGES = 500;

export class TogglClient {
  readonly priority: Priority;
  /** Every HTTP request sent, retries included. */
  requestsSpent = 0;
  /** The last quota observation, any bucket. */
  lastQuota: QuotaObservation | null = null;

  private readonly baseUrl: string;
  /** null when the token cannot be a Toggl token (non-ASCII, spaces): every call then fails as "auth". */
  private readonly authorization: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly budget: BudgetGuard | undefined;
  private readonly onQuota: TogglClientOptions["onQuota"];
  private readonly organizationIds = new Map<string, string>();
  private readonly userAgent: string;
  private readonly policy: RetryPolicy;

  constructor(options: TogglClientOptions) {
    if (!options.apiToken) throw new TypeError("A Toggl API token is required");
    this.baseUrl = (options.baseUrl || DEFAULT_TOGGL_API_URL).replace(/\/+$/, "");
    this.authorization = /^[\x21-\x7e]+$/.test(options.apiToken)
      ? `Basic ${btoa(`${options.apiToken}:api_token`)}`
      : null;
    this.priority = options.priority ?? "background";
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? nowMs;
    this.budget = options.budget;
    this.onQuota = options.onQuota;
    for (const [wid, org] of Object.entries(options.organizationIds ?? {})) this.organizationIds.set(wid, org);
    this.userAgent = options.userAgent ?? HOURLINE_USER_AGENT;
    this.policy = { ...RETRY_POLICIES[this.priority], ...options.retry };
  }

  // ---- Track v9: user ---------------------------------------------------------------------------

  async me(options: { withRelatedData?: boolean } = {}): Promise<Me> {
    const query = options.withRelatedData ? { with_related_data: true } : undefined;
    const me = (await this.request({ method: "GET", api: "v9", path: "/me", query, schema: meSchema, safe: true }))
      .data;
    for (const ws of me.workspaces ?? []) this.learnOrganization(ws.id, ws.organization_id);
    return me;
  }

  /**
   * Whether Toggl still accepts the token. Only /me answering 401/403 says it is dead (a 403
   * elsewhere may mean no access to one workspace); "unknown" when /me could not be asked.
   */
  async tokenStatus(): Promise<"valid" | "rejected" | "unknown"> {
    try {
      await this.me();
      return "valid";
    } catch (err) {
      if (err instanceof TogglError && err.kind === "auth") return "rejected";
      return "unknown";
    }
  }

  async myWorkspaces(): Promise<Workspace[]> {
    const list = await this.get("/me/workspaces", arrayOf(workspaceSchema));
    for (const ws of list) this.learnOrganization(ws.id, ws.organization_id);
    return list;
  }

  myOrganizations(): Promise<Organization[]> {
    return this.get("/me/organizations", arrayOf(organizationSchema));
  }

  /** Both buckets as Toggl counts them; also folded into the budget (with bucket sizes). */
  async quota(): Promise<QuotaEntry[]> {
    const entries = await this.get("/me/quota", arrayOf(quotaEntrySchema));
    const observedAt = this.now();
    for (const e of entries) {
      const o: QuotaObservation = {
        bucket: e.organization_id === null ? "user" : "organization",
        ...(e.organization_id !== null ? { organizationId: e.organization_id } : {}),
        remaining: e.remaining,
        resetsInSeconds: e.resets_in_secs,
        ...(typeof e.total === "number" ? { total: e.total } : {}),
        observedAt,
      };
      await this.record(o);
    }
    return entries;
  }

  // ---- Track v9: workspace structure ------------------------------------------------------------

  async workspace(workspaceId: string): Promise<Workspace> {
    const ws = await this.get(`/workspaces/${idPath(workspaceId)}`, workspaceSchema, workspaceId);
    this.learnOrganization(ws.id, ws.organization_id);
    return ws;
  }

  /** GET /workspaces/{wid}/users — `id` is the global Toggl user id. */
  workspaceUsers(workspaceId: string): Promise<WorkspaceUser[]> {
    return this.get(`/workspaces/${idPath(workspaceId)}/users`, arrayOf(workspaceUserSchema), workspaceId);
  }

  /** GET /workspaces/{wid}/workspace_users — `id` is the workspace-user id, `uid` the user id. */
  workspaceUsersDetailed(workspaceId: string): Promise<WorkspaceUserDetailed[]> {
    return this.get(
      `/workspaces/${idPath(workspaceId)}/workspace_users`,
      arrayOf(workspaceUserDetailedSchema),
      workspaceId,
      {
        includeIndirect: true,
      },
    );
  }

  /** Clients; archived ones included by default (Toggl's own default is active only). */
  clients(workspaceId: string, options: { status?: "active" | "archived" | "both" } = {}): Promise<Client[]> {
    return this.get(`/workspaces/${idPath(workspaceId)}/clients`, arrayOf(clientSchema), workspaceId, {
      status: options.status ?? "both",
    });
  }

  /** Every project (active and archived by default), page by page. */
  projects(
    workspaceId: string,
    options: { since?: Date | number; active?: boolean | "both" } = {},
  ): Promise<Project[]> {
    const query = { active: String(options.active ?? "both"), since: unixSeconds(options.since) };
    return this.pages((page) =>
      this.get(`/workspaces/${idPath(workspaceId)}/projects`, arrayOf(projectSchema), workspaceId, {
        ...query,
        page,
        per_page: PAGE_SIZE,
      }),
    );
  }

  /** Every task (done ones included by default); Toggl wraps this listing in { data, ... }. */
  tasks(workspaceId: string, options: { since?: Date | number; active?: boolean | "both" } = {}): Promise<Task[]> {
    const query = { active: String(options.active ?? "both"), since: unixSeconds(options.since) };
    return this.pages(async (page) => {
      const wrapper = await this.get(`/workspaces/${idPath(workspaceId)}/tasks`, tasksPageSchema, workspaceId, {
        ...query,
        page,
        per_page: PAGE_SIZE,
      });
      return wrapper.data;
    });
  }

  /** Who belongs to which project (group members included), one listing for the workspace. */
  projectUsers(workspaceId: string): Promise<ProjectUser[]> {
    return this.get(`/workspaces/${idPath(workspaceId)}/project_users`, arrayOf(projectUserSchema), workspaceId, {
      with_group_members: true,
    });
  }

  tags(workspaceId: string): Promise<Tag[]> {
    return this.pages((page) =>
      this.get(`/workspaces/${idPath(workspaceId)}/tags`, arrayOf(tagSchema), workspaceId, {
        page,
        per_page: PAGE_SIZE,
      }),
    );
  }

  // ---- Track v9: time entries --------------------------------------------------------------------

  /** The token owner's entries (running one included; deleted ones only with `since`). */
  myTimeEntries(query: TimeEntriesQuery = {}): Promise<TimeEntry[]> {
    return this.get("/me/time_entries", arrayOf(timeEntrySchema), undefined, {
      since: unixSeconds(query.since),
      start_date: query.startDate,
      end_date: query.endDate,
    });
  }

  /** The running entry, or null. */
  async currentTimeEntry(): Promise<TimeEntry | null> {
    try {
      const answer = await this.request({
        method: "GET",
        api: "v9",
        path: "/me/time_entries/current",
        schema: timeEntrySchema,
        safe: true,
        nullable: true,
      });
      return answer.data;
    } catch (err) {
      // Swagger also lists 404 for "nothing running".
      if (err instanceof TogglError && err.kind === "not_found") return null;
      throw err;
    }
  }

  async createTimeEntry(workspaceId: string, input: CreateTimeEntryInput): Promise<TimeEntry> {
    const body = {
      ...timeEntryBody(input),
      created_with: input.created_with ?? CREATED_WITH,
      workspace_id: idNumber(workspaceId),
      start: toUtc(input.start),
      duration: input.duration ?? (input.stop ? secondsBetween(input.start, input.stop) : -1),
    };
    return (
      await this.request({
        method: "POST",
        api: "v9",
        path: `/workspaces/${idPath(workspaceId)}/time_entries`,
        body,
        schema: timeEntrySchema,
        workspaceId,
      })
    ).data;
  }

  /** 409 (kind "conflict") when it is already stopped. */
  async stopTimeEntry(workspaceId: string, timeEntryId: string): Promise<TimeEntry> {
    return (
      await this.request({
        method: "PATCH",
        api: "v9",
        path: `/workspaces/${idPath(workspaceId)}/time_entries/${idPath(timeEntryId)}/stop`,
        schema: timeEntrySchema,
        workspaceId,
        safe: true,
      })
    ).data;
  }

  /** Sends only the fields given. */
  async updateTimeEntry(workspaceId: string, timeEntryId: string, patch: UpdateTimeEntryInput): Promise<TimeEntry> {
    return (
      await this.request({
        method: "PUT",
        api: "v9",
        path: `/workspaces/${idPath(workspaceId)}/time_entries/${idPath(timeEntryId)}`,
        body: timeEntryBody(patch),
        schema: timeEntrySchema,
        workspaceId,
        safe: true,
      })
    ).data;
  }

  async deleteTimeEntry(workspaceId: string, timeEntryId: string): Promise<void> {
    await this.request({
      method: "DELETE",
      api: "v9",
      path: `/workspaces/${idPath(workspaceId)}/time_entries/${idPath(timeEntryId)}`,
      schema: null,
      workspaceId,
      safe: true,
    });
  }

  // ---- Reports v3 --------------------------------------------------------------------------------

  /**
   * One page of the detailed report (all users the token may see). Pass `next` back as the cursor
   * for the following page; null means this was the last page.
   */
  async searchTimeEntriesPage(workspaceId: string, query: ReportPageQuery): Promise<ReportPage> {
    const body: Record<string, unknown> = {
      start_date: query.startDate,
      end_date: query.endDate,
      page_size: query.pageSize ?? PAGE_SIZE,
      order_by: "date",
      order_dir: "ASC",
    };
    if (query.firstRowNumber !== undefined) body.first_row_number = query.firstRowNumber;
    if (query.firstId) body.first_id = idNumber(query.firstId);
    if (query.userIds?.length) body.user_ids = idNumbers(query.userIds);
    const { data: rows, headers } = await this.request({
      method: "POST",
      api: "reports",
      path: `/workspace/${idPath(workspaceId)}/search/time_entries`,
      body,
      schema: arrayOf(reportRowSchema),
      workspaceId,
      safe: true,
    });
    const entries: ReportTimeEntry[] = rows.flatMap((row) =>
      row.time_entries.map((te) => ({
        id: te.id,
        workspace_id: idPath(workspaceId),
        user_id: row.user_id,
        username: row.username,
        project_id: row.project_id,
        task_id: row.task_id,
        description: row.description,
        billable: row.billable,
        tag_ids: row.tag_ids,
        start: te.start,
        stop: te.stop,
        duration: te.seconds,
        at: te.at,
      })),
    );
    const nextRow = headers.get("x-next-row-number");
    const nextId = headers.get("x-next-id");
    const next =
      nextRow && /^\d+$/.test(nextRow.trim())
        ? {
            firstRowNumber: Number(nextRow.trim()),
            firstId: nextId && /^\d+$/.test(nextId.trim()) ? nextId.trim() : null,
          }
        : null;
    return { rows, entries, next };
  }

  // ---- Webhooks v1 -------------------------------------------------------------------------------

  listSubscriptions(workspaceId: string): Promise<Subscription[]> {
    return this.webhooks("GET", `/subscriptions/${idPath(workspaceId)}`, workspaceId, arrayOf(subscriptionSchema));
  }

  /** Toggl pings url_callback synchronously and answers 400 unless it replies 2xx. */
  createSubscription(workspaceId: string, input: SubscriptionInput): Promise<Subscription> {
    return this.webhooks(
      "POST",
      `/subscriptions/${idPath(workspaceId)}`,
      workspaceId,
      subscriptionSchema,
      subscriptionBody(input),
    );
  }

  updateSubscription(workspaceId: string, subscriptionId: string, input: SubscriptionInput): Promise<Subscription> {
    return this.webhooks(
      "PUT",
      `/subscriptions/${idPath(workspaceId)}/${idPath(subscriptionId)}`,
      workspaceId,
      subscriptionSchema,
      subscriptionBody(input),
    );
  }

  setSubscriptionEnabled(workspaceId: string, subscriptionId: string, enabled: boolean): Promise<Subscription> {
    return this.webhooks(
      "PATCH",
      `/subscriptions/${idPath(workspaceId)}/${idPath(subscriptionId)}`,
      workspaceId,
      subscriptionSchema,
      {
        enabled,
      },
    );
  }

  /**
   * Deletes a subscription. Toggl refuses to delete a disabled one ("enable it first"), so that
   * case enables it and deletes again (enabling pings the callback, which must answer 2xx).
   */
  async deleteSubscription(workspaceId: string, subscriptionId: string): Promise<void> {
    const path = `/subscriptions/${idPath(workspaceId)}/${idPath(subscriptionId)}`;
    try {
      await this.webhooks("DELETE", path, workspaceId, null);
    } catch (err) {
      if (!(err instanceof TogglError && err.kind === "bad_request" && /disabled/i.test(err.togglMessage ?? "")))
        throw err;
      await this.setSubscriptionEnabled(workspaceId, subscriptionId, true);
      await this.webhooks("DELETE", path, workspaceId, null);
    }
  }

  /** Asks Toggl to send the PING (with validation_code while not validated) again. */
  async pingSubscription(workspaceId: string, subscriptionId: string): Promise<void> {
    await this.webhooks("POST", `/ping/${idPath(workspaceId)}/${idPath(subscriptionId)}`, workspaceId, null);
  }

  async validateSubscription(workspaceId: string, subscriptionId: string, validationCode: string): Promise<void> {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(validationCode)) {
      throw new TogglError({ kind: "bad_request", togglMessage: "Malformed validation code" });
    }
    await this.webhooks(
      "GET",
      `/validate/${idPath(workspaceId)}/${idPath(subscriptionId)}/${validationCode}`,
      workspaceId,
      null,
    );
  }

  limits(workspaceId: string): Promise<Limits> {
    return this.webhooks("GET", `/limits/${idPath(workspaceId)}`, workspaceId, limitsSchema);
  }

  eventFilters(): Promise<EventFilters> {
    return this.request({
      method: "GET",
      api: "webhooks",
      path: "/event_filters",
      schema: eventFiltersSchema,
      safe: true,
    }).then((a) => a.data);
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /** Organization id of a workspace, once learned (or given in the options). */
  organizationOf(workspaceId: string): string | undefined {
    return this.organizationIds.get(workspaceId);
  }

  private learnOrganization(workspaceId: string, organizationId: string) {
    this.organizationIds.set(workspaceId, organizationId);
  }

  private async get<S extends z.ZodType>(
    path: string,
    schema: S,
    workspaceId?: string,
    query?: RequestSpec<S>["query"],
  ): Promise<z.output<S>> {
    return (await this.request({ method: "GET", api: "v9", path, query, schema, workspaceId, safe: true }))
      .data as z.output<S>;
  }

  private async webhooks<S extends z.ZodType | null>(
    method: RequestSpec<S>["method"],
    path: string,
    workspaceId: string,
    schema: S,
    body?: unknown,
  ): Promise<S extends z.ZodType ? z.output<S> : null> {
    const safe = method !== "POST";
    return (await this.request({ method, api: "webhooks", path, schema, workspaceId, body, safe })).data;
  }

  /** Pages until a short page; stops early if a page brings nothing new (servers that ignore paging). */
  private async pages<T extends { id: string }>(fetchPage: (page: number) => Promise<T[]>): Promise<T[]> {
    const seen = new Map<string, T>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const items = await fetchPage(page);
      let fresh = 0;
      for (const item of items) {
        if (!seen.has(item.id)) fresh++;
        seen.set(item.id, item);
      }
      if (items.length < PAGE_SIZE || fresh === 0) break;
    }
    return [...seen.values()];
  }

  private async record(o: QuotaObservation): Promise<void> {
    this.lastQuota = o;
    await this.budget?.observe(o);
    await this.onQuota?.(o);
  }

  private async request<S extends z.ZodType | null>(
    spec: RequestSpec<S>,
  ): Promise<Answer<S extends z.ZodType ? z.output<S> : null>> {
    const fullPath = API_PREFIX[spec.api] + spec.path;
    const url = new URL(this.baseUrl + fullPath);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const bucket = bucketForPath(fullPath);
    const where = {
      bucket,
      ...(bucket === "organization" && spec.workspaceId ? { workspaceId: spec.workspaceId } : {}),
      ...(bucket === "organization" && spec.workspaceId && this.organizationIds.has(spec.workspaceId)
        ? { organizationId: this.organizationIds.get(spec.workspaceId) }
        : {}),
    };
    const key = bucketKey(where);
    const fail = (kind: TogglErrorKind, extra: Partial<ConstructorParameters<typeof TogglError>[0]> = {}) =>
      new TogglError({ kind, method: spec.method, path: fullPath, ...extra });

    if (this.authorization === null) throw fail("auth", { togglMessage: "The API token is malformed" });

    let rateLimitWaited = 0;
    let rateLimitAttempt = 0;
    let serverRetries = 0;
    for (;;) {
      if (this.budget) {
        const decision = await this.budget.take(key, this.priority, this.now());
        if (!decision.ok) {
          throw fail("budget", {
            retryAfterSeconds: decision.retryAfterSeconds,
            togglMessage: decision.reason === "reserve" ? "kept for interactive use" : `quota ${decision.reason}`,
          });
        }
      }

      const headers: Record<string, string> = {
        authorization: this.authorization,
        "user-agent": this.userAgent,
        accept: "application/json",
      };
      let payload: string | undefined;
      if (spec.body !== undefined) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(spec.body);
      }

      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeoutMs);
      let status: number;
      let responseHeaders: Headers;
      let text: string;
      this.requestsSpent++;
      try {
        const res = await this.fetchImpl(url.toString(), {
          method: spec.method,
          headers,
          body: payload,
          signal: controller.signal,
        });
        status = res.status;
        responseHeaders = res.headers;
        text = await res.text();
      } catch (err) {
        await this.budget?.settle(key, null);
        if (controller.signal.aborted) throw fail("timeout", { cause: err });
        if (spec.safe && serverRetries < this.policy.serverRetries) {
          serverRetries++;
          await this.sleep(this.serverDelay());
          continue;
        }
        throw fail("network", { togglMessage: err instanceof Error ? err.message : String(err), cause: err });
      } finally {
        clearTimeout(timer);
      }

      const quota = parseQuotaHeaders(responseHeaders);
      const observedAt = this.now();
      const togglMessage = status >= 300 ? togglMessageFromBody(text) : undefined;
      const quota402 = status === 402 && classify402(quota?.remaining ?? null, togglMessage) === "quota";
      let retryAfterSeconds = quota402 ? Math.max(1, quota?.resetsInSeconds ?? 60) : undefined;
      // 429: the next wait, and whether the backoff budget is spent (then background work on this
      // bucket rests for at least a minute, as Toggl asks to back off "a few minutes").
      let rateLimitWait = 0;
      let rateLimitGiveUp = false;
      if (status === 429) {
        const wait = Math.min(this.policy.rateLimitCapMs, this.policy.rateLimitBaseMs * 2 ** rateLimitAttempt);
        rateLimitWait = wait + Math.floor(this.random() * wait * 0.25);
        rateLimitGiveUp = rateLimitWaited + rateLimitWait > this.policy.rateLimitMaxTotalMs;
        if (rateLimitGiveUp) retryAfterSeconds = Math.max(60, Math.ceil(rateLimitWait / 1000));
      }
      const pausedUntil =
        (quota402 || rateLimitGiveUp) && retryAfterSeconds !== undefined
          ? observedAt + retryAfterSeconds * 1000
          : undefined;
      const observation: QuotaObservation | null = quota
        ? {
            ...where,
            remaining: quota.remaining,
            resetsInSeconds: quota.resetsInSeconds,
            observedAt,
            ...(pausedUntil !== undefined ? { pausedUntil } : {}),
          }
        : null;
      await this.budget?.settle(key, observation);
      if (observation) {
        this.lastQuota = observation;
        await this.onQuota?.(observation);
      } else if (pausedUntil !== undefined) {
        await this.budget?.pause(key, pausedUntil, observedAt);
      }

      if (status >= 200 && status < 300) {
        return { data: this.parseBody(spec, text, fail) as never, headers: responseHeaders };
      }
      if (status === 429) {
        if (rateLimitGiveUp) throw fail("rate_limited", { status, togglMessage, retryAfterSeconds });
        rateLimitAttempt++;
        rateLimitWaited += rateLimitWait;
        await this.sleep(rateLimitWait);
        continue;
      }
      if (status >= 500) {
        if (serverRetries < this.policy.serverRetries && (spec.safe || status === 502 || status === 503)) {
          serverRetries++;
          await this.sleep(this.serverDelay());
          continue;
        }
        throw fail("server", { status, togglMessage });
      }
      throw fail(kindForStatus(status, quota402, bucket === "user"), {
        status,
        togglMessage,
        ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
      });
    }
  }

  private parseBody<S extends z.ZodType | null>(
    spec: RequestSpec<S>,
    text: string,
    fail: (k: TogglErrorKind, e?: object) => TogglError,
  ) {
    if (spec.schema === null) return null;
    const trimmed = text.trim();
    let json: unknown;
    try {
      json = trimmed === "" ? null : parseTogglJson(trimmed);
    } catch (err) {
      throw fail("invalid_response", { togglMessage: "body is not JSON", cause: err });
    }
    if (json === null && spec.nullable) return null;
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fail("invalid_response", {
        togglMessage: issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unexpected shape",
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private serverDelay(): number {
    const { serverDelayMinMs: min, serverDelayMaxMs: max } = this.policy;
    return Math.floor(min + this.random() * (max - min));
  }
}

/** `userLevel`: a /me path, the only kind whose 401/403 says the token itself is dead. */
function kindForStatus(status: number, quota402: boolean, userLevel: boolean): TogglErrorKind {
  switch (status) {
    case 401:
    case 403:
      return userLevel ? "auth" : "forbidden";
    case 402:
      return quota402 ? "quota" : "plan";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 410:
      return "gone";
    default:
      return "bad_request";
  }
}

function arrayOf<S extends z.ZodType>(schema: S) {
  // null for an empty list is common in Toggl's answers.
  return schema
    .array()
    .nullable()
    .transform((v) => v ?? []);
}

function unixSeconds(v: Date | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === "number" ? Math.floor(v) : Math.floor(v.getTime() / 1000);
}

function toUtc(s: string): string {
  const t = Date.parse(s);
  if (Number.isNaN(t))
    throw new TogglError({ kind: "bad_request", togglMessage: `Invalid timestamp: ${s.slice(0, 40)}` });
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function secondsBetween(start: string, stop: string): number {
  return Math.round((Date.parse(stop) - Date.parse(start)) / 1000);
}

function timeEntryBody(input: UpdateTimeEntryInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.start !== undefined) body.start = toUtc(input.start);
  if (input.stop !== undefined) body.stop = input.stop === null ? null : toUtc(input.stop);
  if (input.duration !== undefined) body.duration = input.duration;
  if (input.description !== undefined) body.description = input.description;
  if (input.project_id !== undefined) body.project_id = input.project_id === null ? null : idNumber(input.project_id);
  if (input.task_id !== undefined) body.task_id = input.task_id === null ? null : idNumber(input.task_id);
  if (input.billable !== undefined) body.billable = input.billable;
  if (input.tags !== undefined) body.tags = input.tags;
  if (input.tag_ids !== undefined) body.tag_ids = idNumbers(input.tag_ids);
  if (input.tag_action !== undefined) body.tag_action = input.tag_action;
  return body;
}

function subscriptionBody(input: SubscriptionInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    description: input.description,
    url_callback: input.url_callback,
    event_filters: input.event_filters.map((f) => ({ entity: f.entity, action: f.action })),
    enabled: input.enabled,
  };
  if (input.secret !== undefined) body.secret = input.secret;
  return body;
}
