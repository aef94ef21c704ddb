// Typed builders for the contract's shapes, with defaults a test overrides where it matters.
import type {
  Connection,
  Me,
  Member,
  Overview,
  RunningTimer,
  SyncRunSummary,
  TaskTarget,
  TimeLog,
  TogglWorkspace,
  User,
} from "../../../shared/contract";
import { meItem, sessionTokenItem } from "../../../extension/lib/storage";

export const adminMe: Me = {
  user: {
    id: "u-1",
    email: "ada@example.com",
    name: "Ada",
    role: "owner",
    status: "active",
    linked: true,
    invitation: null,
    createdAt: "2026-11-01T10:00:00.000Z",
  },
  account: { id: "a-1", name: "Ada's agency" },
  memberships: [{ account: { id: "a-1", name: "Ada's agency" }, role: "owner", userId: "u-1", current: true }],
};
export const memberMe: Me = {
  ...adminMe,
  user: { ...adminMe.user, id: "u-2", email: "bob@example.com", name: "Bob", role: "member" },
  memberships: [{ account: { id: "a-1", name: "Ada's agency" }, role: "member", userId: "u-2", current: true }],
};

/** Stores a session as a sign-in would (the popup and admin page then open signed in). */
export async function signInAs(me: Me = memberMe): Promise<void> {
  await sessionTokenItem.setValue("session-token");
  await meItem.setValue(me);
}

export function user(over: Partial<User> = {}): User {
  return {
    id: "u-3",
    email: "carol@agency.example",
    name: "Carol",
    role: "member",
    status: "invited",
    linked: false,
    invitation: { id: "i-3", status: "pending", expiresAt: "2026-12-04T10:00:00Z", invitedBy: null },
    createdAt: "2026-11-20T10:00:00Z",
    ...over,
  };
}

/** A Toggl member (unmatched unless told otherwise). */
export function member(over: Partial<Member> = {}): Member {
  return {
    id: "m-3",
    workspaceId: "101",
    workspaceName: "Agency",
    togglUserId: "9003",
    email: "carol.personal@example.net",
    name: "Carol Shaw",
    active: true,
    joined: true,
    match: null,
    user: null,
    ...over,
  };
}

export function task(over: Partial<TaskTarget> = {}): TaskTarget {
  return {
    key: "task:301",
    kind: "task",
    workspaceId: "101",
    workspaceName: "Agency",
    clientId: "201",
    clientName: "Acme",
    projectId: "251",
    projectName: "Website",
    taskId: "301",
    taskName: "Design",
    label: "Acme → Website → Design",
    billable: true,
    ...over,
  };
}

export function runningTimer(over: Partial<RunningTimer> = {}): RunningTimer {
  return {
    togglId: "4000000001",
    workspaceId: "101",
    projectId: "251",
    taskId: "301",
    description: "Homepage",
    billable: true,
    tags: ["design"],
    start: new Date(Date.now() - 5 * 60_000).toISOString(),
    title: "Acme → Website → Design → Homepage",
    ...over,
  };
}

export function timeLog(over: Partial<TimeLog> = {}): TimeLog {
  return {
    id: "tl-1",
    togglTimeEntryId: "3000000001",
    type: "time_log",
    title: "Acme → Website → Design → Wireframes",
    client: "Acme",
    project: "Website",
    task: "Design",
    description: "Wireframes",
    start: "2026-11-24T09:00:00.000Z",
    stop: "2026-11-24T10:30:00.000Z",
    durationSeconds: 5400,
    durationMinutes: 90,
    billable: true,
    tags: ["design", "client"],
    detail: "design, client",
    displayable: true,
    scorable: false,
    deletedInToggl: false,
    workspaceId: "101",
    projectId: "251",
    taskId: "301",
    user: { id: "u-1", name: "Ada", email: "ada@example.com" },
    togglUserId: "9001",
    ...over,
  };
}

export function workspace(over: Partial<TogglWorkspace> = {}): TogglWorkspace {
  return {
    id: "101",
    name: "Agency",
    organizationId: "11",
    role: "admin",
    connected: false,
    connectionId: null,
    ...over,
  };
}

export function connection(over: Partial<Connection> = {}): Connection {
  return {
    id: "c-1",
    workspaceId: "101",
    workspaceName: "Agency",
    status: "active",
    owner: { id: "u-1", name: "Ada", email: "ada@example.com" },
    webhook: { status: "validated", lastEventAt: null, repairedAt: null, note: null },
    ownerProblem: null,
    lastSync: { at: "2026-11-24T08:00:00.000Z", ok: true, requestsSpent: 7, error: null },
    quota: { remaining: 230, resetsAt: null },
    backfillDays: 0,
    createdAt: "2026-11-24T08:00:00.000Z",
    ...over,
  };
}

export function syncRun(over: Partial<SyncRunSummary> = {}): SyncRunSummary {
  return {
    id: "r-1",
    connectionId: "c-1",
    kind: "connect",
    status: "ok",
    startedAt: "2026-11-24T08:00:00.000Z",
    finishedAt: "2026-11-24T08:01:05.000Z",
    itemsChanged: 0,
    requestsSpent: 0,
    error: null,
    steps: [],
    ...over,
  };
}

/** An Overview of the given connections (all well unless told otherwise). */
export function overview(over: Partial<Overview> = {}): Overview {
  const connections = over.connections ?? [];
  return {
    status: "ok",
    owner: { id: "u-1", name: "Ada", email: "ada@example.com" },
    counts: {
      connections: connections.length,
      clients: 0,
      projects: 0,
      tasks: 0,
      members: 0,
      unmatchedMembers: 0,
      timeLogs: 0,
    },
    lastWebhookAt: null,
    lastSync: null,
    requestsSpent24h: 0,
    connections,
    errors: [],
    ...over,
  };
}
