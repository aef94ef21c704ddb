// The one typed client for the Hourline worker. Base URL and session token come from storage;
// every non-2xx answer becomes an ApiError; a network failure becomes code "unreachable".
import type { z } from "zod";
import type {
  Connection,
  Items,
  Me,
  Member,
  MemberInvited,
  Overview,
  Page,
  Role,
  RunningTimer,
  SessionCreated,
  SyncRunSummary,
  TaskTarget,
  TimeLog,
  TogglWorkspace,
  User,
  startTimerSchema,
} from "../../shared/contract";
import { clearSessionData, serverUrlItem, sessionTokenItem, signedOutReasonItem } from "./storage";

export type StartTimerInput = z.input<typeof startTimerSchema>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | null;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, retryAfterSeconds: number | null = null, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = details;
  }
  /** The server could not be reached at all (offline, wrong URL, worker down). */
  get unreachable(): boolean {
    return this.code === "unreachable";
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

function retryAfterFrom(body: unknown, header: string | null): number | null {
  const fromBody = (body as { error?: { retryAfterSeconds?: unknown } } | null)?.error?.retryAfterSeconds;
  if (typeof fromBody === "number" && Number.isFinite(fromBody)) return fromBody;
  const n = header === null ? NaN : Number(header);
  return Number.isFinite(n) ? n : null;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const [base, token] = await Promise.all([serverUrlItem.getValue(), sessionTokenItem.getValue()]);
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(new URL(path, base).toString(), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "unreachable", `Server unreachable at ${base}`);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    // An expired or revoked session signs out every context (popup, options, background).
    if (res.status === 401 && token && path !== "/api/session") {
      await clearSessionData({ keepQueue: true });
      await signedOutReasonItem.setValue(typeof err?.message === "string" ? err.message : "Your session ended: sign in again.");
    }
    throw new ApiError(
      res.status,
      typeof err?.code === "string" ? err.code : `http_${res.status}`,
      typeof err?.message === "string" ? err.message : `Request failed (${res.status})`,
      retryAfterFrom(json, res.headers.get("retry-after")),
      err?.details,
    );
  }
  return json as T;
}

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : "";
};
const enc = encodeURIComponent;

export const api = {
  createSession: (togglApiToken: string) => request<SessionCreated>("POST", "/api/session", { togglApiToken }),
  deleteSession: () => request<unknown>("DELETE", "/api/session"),
  me: () => request<Me>("GET", "/api/me"),

  togglWorkspaces: () => request<Items<TogglWorkspace>>("GET", "/api/toggl/workspaces"),
  connect: (workspaceIds: string[], backfillDays = 0) =>
    request<Items<Connection>>("POST", "/api/connections", { workspaceIds, backfillDays }),
  connections: () => request<Items<Connection>>("GET", "/api/connections"),
  unlink: (id: string) => request<unknown>("DELETE", `/api/connections/${enc(id)}`),
  resync: (id: string) => request<unknown>("POST", `/api/connections/${enc(id)}/sync`),
  connectionRuns: (id: string, limit = 20) =>
    request<Items<SyncRunSummary>>("GET", `/api/connections/${enc(id)}/runs${q({ limit })}`),
  overview: () => request<Overview>("GET", "/api/overview"),

  members: (filter: "all" | "matched" | "unmatched" = "all") => request<Items<Member>>("GET", `/api/members${q({ filter })}`),
  mapMember: (id: string, userId: string | null) => request<Member>("PUT", `/api/members/${enc(id)}/user`, { userId }),
  inviteMember: (id: string) => request<MemberInvited>("POST", `/api/members/${enc(id)}/invite`),
  users: () => request<Items<User>>("GET", "/api/users"),
  addUser: (input: { email: string; name: string; role: Role }) => request<User>("POST", "/api/users", input),
  setRole: (id: string, role: Role) => request<User>("PATCH", `/api/users/${enc(id)}`, { role }),

  tasks: (query = "", limit = 20) => request<Items<TaskTarget>>("GET", `/api/tasks${q({ q: query, limit })}`),
  timer: () => request<RunningTimer | null>("GET", "/api/timer"),
  startTimer: (input: StartTimerInput) => request<RunningTimer>("POST", "/api/timer/start", input),
  stopTimer: (stoppedAt?: string) => request<unknown>("POST", "/api/timer/stop", stoppedAt ? { stoppedAt } : {}),
  timeLogs: (params: { limit?: number; cursor?: string; userId?: string; workspaceId?: string } = {}) =>
    request<Page<TimeLog>>("GET", `/api/time-logs${q(params)}`),
  patchTimeLog: (id: string, patch: { scorable?: boolean; displayable?: boolean }) =>
    request<TimeLog>("PATCH", `/api/time-logs/${enc(id)}`, patch),
};

/** A sentence for the person in front of the popup. */
export function describeError(e: unknown): string {
  if (!isApiError(e)) return e instanceof Error ? e.message : "Something went wrong";
  if (e.unreachable) return "Server unreachable — check your connection or the server URL in the admin page.";
  // Rate limiting is the worker's own sentence; the quota gets the wait in minutes.
  const quota = e.code === "toggl_quota_exhausted" || ((e.status === 503 || e.status === 402) && e.code !== "toggl_rate_limited");
  if (quota && e.retryAfterSeconds !== null) {
    const minutes = Math.max(1, Math.ceil(e.retryAfterSeconds / 60));
    return `Toggl's hourly quota is used up, try again in ${minutes} min.`;
  }
  if (e.code === "toggl_quota_exhausted") return "Toggl's hourly quota is used up, try again later.";
  return e.message;
}
