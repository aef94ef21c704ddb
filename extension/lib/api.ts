// The one typed client for the Hourline worker. It takes what the contract's request schemas
// accept (z.input: defaults may be left out) and answers the contract's response types. Base URL
// and session token come from storage; every non-2xx answer becomes an ApiError; a network failure
// becomes code "unreachable". It sends nothing to a server that is neither https nor on this
// computer, and refuses an account's data answered for another account than the one the extension
// is in now (the person switched meanwhile): no cache ever files one account's data under another.
import type * as z from "zod";
import type { Invitation, InvitationAccepted, switchAccountSchema, UserRemoved } from "../../shared/contract";
import { ACCOUNT_HEADER, BOOKMARK_HEADER } from "../../shared/headers";
import type {
  Connection,
  ConnectionResynced,
  createConnectionsSchema,
  resyncConnectionSchema,
  CreateTimeEntryBody,
  createSessionSchema,
  createUserSchema,
  EditTimerBody,
  Items,
  listMembersQuery,
  listRunsQuery,
  listTasksQuery,
  listTimeLogsQuery,
  mapMemberSchema,
  Me,
  Member,
  MemberInvited,
  NoContent,
  Overview,
  Page,
  PatchTimeEntryBody,
  patchTimeLogSchema,
  RunningTimer,
  SessionCreated,
  StartTimerBody,
  StopTimerBody,
  StoppedTimer,
  Summary,
  SyncRunSummary,
  Tag,
  TaskTarget,
  TimeEntryBeforeHistory,
  TimeLog,
  TogglWorkspace,
  updateUserSchema,
  User,
} from "../../shared/contract";
import { ApiError } from "./api-error";
import { checkServerUrl } from "./server-url";
import {
  clearSessionData,
  d1BookmarkItem,
  meItem,
  serverUrlItem,
  sessionTokenItem,
  signedOutReasonItem,
} from "./storage";

/** What a client sends for a request schema. */
type In<S extends z.ZodType> = z.input<S>;

function retryAfterFrom(body: unknown, header: string | null): number | null {
  const fromBody = (body as { error?: { retryAfterSeconds?: unknown } } | null)?.error?.retryAfterSeconds;
  if (typeof fromBody === "number" && Number.isFinite(fromBody)) return fromBody;
  const n = header === null ? NaN : Number(header);
  return Number.isFinite(n) ? n : null;
}

/**
 * `account: "any"` for the calls about the person (session, me, invitations, switching): their
 * answer is not one account's data.
 */
async function request<T>(method: string, path: string, body?: unknown, options: { account?: "any" } = {}): Promise<T> {
  const [base, token, bookmark] = await Promise.all([
    serverUrlItem.getValue(),
    sessionTokenItem.getValue(),
    d1BookmarkItem.getValue(),
  ]);
  const allowed = checkServerUrl(base);
  if (!allowed.ok) throw new ApiError(0, "insecure_server", allowed.reason);
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  if (bookmark) headers[BOOKMARK_HEADER] = bookmark;
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
  // D1 bookmarks grow in string order; keep the newest one any context has seen.
  const latest = res.headers.get(BOOKMARK_HEADER);
  if (latest && (!bookmark || latest > bookmark)) await d1BookmarkItem.setValue(latest);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    // The error shape is ApiErrorBody, but a proxy or a crash may answer anything: read it warily.
    const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    // An expired or revoked session signs out every context (popup, options, background).
    if (res.status === 401 && token && path !== "/api/session") {
      await clearSessionData({ keepQueue: true });
      await signedOutReasonItem.setValue(
        typeof err?.message === "string" ? err.message : "Your session ended: sign in again.",
      );
    }
    throw new ApiError(
      res.status,
      typeof err?.code === "string" ? err.code : `http_${res.status}`,
      typeof err?.message === "string" ? err.message : `Request failed (${res.status})`,
      retryAfterFrom(json, res.headers.get("retry-after")),
      err?.details,
    );
  }
  if (options.account !== "any" && token) {
    const answeredFor = res.headers.get(ACCOUNT_HEADER);
    const current = (await meItem.getValue())?.account.id;
    if (answeredFor && current && answeredFor !== current) {
      throw new ApiError(409, "account_changed", "The account changed while this was loading");
    }
  }
  return json as T;
}

/** A query string of the parameters that have a value. */
const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : "";
};
const enc = encodeURIComponent;

export const api = {
  createSession: (body: In<typeof createSessionSchema>) =>
    request<SessionCreated>("POST", "/api/session", body, { account: "any" }),
  deleteSession: () => request<NoContent>("DELETE", "/api/session", undefined, { account: "any" }),
  /** Sign out everywhere: every session of the person, in every account. */
  deleteAllSessions: () => request<NoContent>("DELETE", "/api/sessions", undefined, { account: "any" }),
  me: () => request<Me>("GET", "/api/me", undefined, { account: "any" }),
  switchAccount: (body: In<typeof switchAccountSchema>) =>
    request<Me>("POST", "/api/session/account", body, { account: "any" }),
  invitations: () => request<Items<Invitation>>("GET", "/api/invitations", undefined, { account: "any" }),
  acceptInvitation: (id: string) =>
    request<InvitationAccepted>("POST", `/api/invitations/${enc(id)}/accept`, undefined, { account: "any" }),
  declineInvitation: (id: string) =>
    request<Invitation>("POST", `/api/invitations/${enc(id)}/decline`, undefined, { account: "any" }),

  togglWorkspaces: () => request<Items<TogglWorkspace>>("GET", "/api/toggl/workspaces"),
  connect: (body: In<typeof createConnectionsSchema>) => request<Items<Connection>>("POST", "/api/connections", body),
  connections: () => request<Items<Connection>>("GET", "/api/connections"),
  /** Answers the connection, now unlinked. */
  unlink: (id: string) => request<Connection>("DELETE", `/api/connections/${enc(id)}`),
  resync: (id: string, body: In<typeof resyncConnectionSchema> = {}) =>
    request<ConnectionResynced>("POST", `/api/connections/${enc(id)}/sync`, body),
  connectionRuns: (id: string, query: In<typeof listRunsQuery> = {}) =>
    request<Items<SyncRunSummary>>("GET", `/api/connections/${enc(id)}/runs${q(query)}`),
  overview: () => request<Overview>("GET", "/api/overview"),

  members: (query: In<typeof listMembersQuery> = {}) => request<Items<Member>>("GET", `/api/members${q(query)}`),
  mapMember: (id: string, body: In<typeof mapMemberSchema>) =>
    request<Member>("PUT", `/api/members/${enc(id)}/user`, body),
  inviteMember: (id: string) => request<MemberInvited>("POST", `/api/members/${enc(id)}/invite`),
  users: () => request<Items<User>>("GET", "/api/users"),
  addUser: (body: In<typeof createUserSchema>) => request<User>("POST", "/api/users", body),
  setRole: (id: string, body: In<typeof updateUserSchema>) => request<User>("PATCH", `/api/users/${enc(id)}`, body),
  /** Removes a person from the account (an invited one: revokes the invitation). */
  removeUser: (id: string) => request<UserRemoved>("DELETE", `/api/users/${enc(id)}`),

  tasks: (query: In<typeof listTasksQuery> = {}) => request<Items<TaskTarget>>("GET", `/api/tasks${q(query)}`),
  timer: () => request<RunningTimer | null>("GET", "/api/timer"),
  startTimer: (body: StartTimerBody) => request<RunningTimer>("POST", "/api/timer/start", body),
  stopTimer: (body: StopTimerBody = {}) => request<StoppedTimer>("POST", "/api/timer/stop", body),
  editTimer: (body: EditTimerBody) => request<RunningTimer>("PATCH", "/api/timer", body),
  discardTimer: () => request<NoContent>("DELETE", "/api/timer"),
  createTimeEntry: (body: CreateTimeEntryBody) =>
    request<TimeLog | TimeEntryBeforeHistory>("POST", "/api/time-entries", body),
  patchTimeEntry: (togglId: string, body: PatchTimeEntryBody) =>
    request<TimeLog>("PATCH", `/api/time-entries/${enc(togglId)}`, body),
  deleteTimeEntry: (togglId: string) => request<NoContent>("DELETE", `/api/time-entries/${enc(togglId)}`),
  tags: (workspaceId: string) => request<Items<Tag>>("GET", `/api/tags${q({ workspaceId })}`),
  /** `timeZone`: the browser's, used only when Toggl has none for the person. */
  summary: (timeZone?: string) => request<Summary>("GET", `/api/summary${q({ timeZone })}`),
  timeLogs: (query: In<typeof listTimeLogsQuery> = {}) => request<Page<TimeLog>>("GET", `/api/time-logs${q(query)}`),
  patchTimeLog: (id: string, body: In<typeof patchTimeLogSchema>) =>
    request<TimeLog>("PATCH", `/api/time-logs/${enc(id)}`, body),
};
