// The worker ↔ extension contract. JSON, camelCase; Toggl ids travel as strings.
// - Enums: one z.enum per list (values in ./enums.ts); every type, request schema and Drizzle
//   column derives from these.
// - Requests: zod schemas. The worker validates with them; the extension's client takes
//   `z.input<typeof schema>` (what a client may send, defaults left out).
// - Responses: plain TypeScript types. Nothing checks answers at runtime, so they cost the
//   worker's bundle nothing.
import * as z from "zod";
import {
  CONNECTION_STATUSES,
  INVITATION_STATUSES,
  MATCH_KINDS,
  MEMBER_FILTERS,
  OVERVIEW_STATUSES,
  OWNER_PROBLEMS,
  ROLES,
  SYNC_RUN_KINDS,
  SYNC_RUN_STATUSES,
  TASK_KINDS,
  USER_STATUSES,
  WEBHOOK_STATUSES,
} from "./enums.ts";
import { TAG_NAME_MAX_BYTES, tagNameFits } from "./tags.ts";

// ---- enums ------------------------------------------------------------------------------------

export const roleSchema = /* @__PURE__ */ z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export const connectionStatusSchema = /* @__PURE__ */ z.enum(CONNECTION_STATUSES);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
export const webhookStatusSchema = /* @__PURE__ */ z.enum(WEBHOOK_STATUSES);
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;
export const matchKindSchema = /* @__PURE__ */ z.enum(MATCH_KINDS);
export type MatchKind = z.infer<typeof matchKindSchema>;
const memberFilterSchema = /* @__PURE__ */ z.enum(MEMBER_FILTERS);
export type MemberFilter = z.infer<typeof memberFilterSchema>;
export const taskKindSchema = /* @__PURE__ */ z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof taskKindSchema>;
export const syncRunKindSchema = /* @__PURE__ */ z.enum(SYNC_RUN_KINDS);
export type SyncRunKind = z.infer<typeof syncRunKindSchema>;
export const syncRunStatusSchema = /* @__PURE__ */ z.enum(SYNC_RUN_STATUSES);
export type SyncRunStatus = z.infer<typeof syncRunStatusSchema>;
/** Answered only; "expired" is never stored, so the database takes its values from the list directly. */
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
/** Answered only: derived from the membership row, never stored. */
export type UserStatus = (typeof USER_STATUSES)[number];
export const ownerProblemSchema = /* @__PURE__ */ z.enum(OWNER_PROBLEMS);
export type OwnerProblem = z.infer<typeof ownerProblemSchema>;
/** Only ever answered, never sent or stored: no schema to check it with. */
export type OverviewStatus = (typeof OVERVIEW_STATUSES)[number];

// ---- common shapes ----------------------------------------------------------------------------

/** `{ error: { code, message, details? } }` — every non-2xx answer. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown; retryAfterSeconds?: number };
}

/** A 204 answer: no body (the extension's client resolves to null). */
export type NoContent = null;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Items<T> {
  items: T[];
}

/** A user as other resources name them (connection owner, mapped user, Time Log author). */
interface UserRef {
  id: string;
  name: string;
  email: string;
}

const togglId = z.string().regex(/^\d{1,19}$/, "a Toggl id");
const timestamp = z.iso.datetime({ offset: true });
/** A tag name as Toggl takes it: trimmed, not blank, at most 255 bytes of UTF-8. */
const tagName = z.string().trim().refine(tagNameFits, `A tag name must be 1 to ${TAG_NAME_MAX_BYTES} bytes long`);
const tagList = z.array(tagName).max(50);
const description = z.string().max(3000);

// ---- identity ---------------------------------------------------------------------------------

/** POST /api/session → 201 SessionCreated; DELETE /api/session → 204. */
export const createSessionSchema = z.object({ togglApiToken: z.string().trim().min(1).max(200) });

/**
 * A person's place in one account (the account's "user"). Invited users have not joined yet: they
 * carry their invitation, and member mappings may already point at them.
 */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** Joined with a Toggl identity (false while invited). */
  linked: boolean;
  /** The latest invitation of an invited user; null once they joined. */
  invitation: { id: string; status: InvitationStatus; expiresAt: string; invitedBy: UserRef | null } | null;
  createdAt: string;
}
interface Account {
  id: string;
  name: string;
}
/** One of the signed-in person's accounts (GET /api/me lists them all). */
export interface Membership {
  account: Account;
  role: Role;
  /** The person's user in that account. */
  userId: string;
  /** The account the session is in now. */
  current: boolean;
}
export interface SessionCreated {
  token: string;
  expiresAt: string;
  user: User;
  account: Account;
  memberships: Membership[];
}
/** GET /api/me; POST /api/session/account answers it too, for the account switched to. */
export interface Me {
  user: User;
  account: Account;
  memberships: Membership[];
}
/** POST /api/session/account: switch the session to another of the person's accounts. */
export const switchAccountSchema = z.object({ accountId: z.string().min(1).max(64) });

/**
 * An invitation as its invitee sees it (GET /api/invitations: pending ones addressed to the
 * signed-in person's Toggl email).
 */
export interface Invitation {
  id: string;
  account: Account;
  role: Role;
  email: string;
  invitedBy: { name: string; email: string } | null;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
}
/** POST /api/invitations/:id/accept: the invitation, and the person's membership in its account. */
export interface InvitationAccepted {
  invitation: Invitation;
  membership: Membership;
}

/** POST /api/users → 201 User (invited: a pending invitation until that person accepts). */
export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().max(200).default(""),
  role: roleSchema.default("member"),
});
/** PATCH /api/users/:id → User. */
export const updateUserSchema = z.object({ role: roleSchema });
/**
 * DELETE /api/users/:id: the person is out of the account (an invited user: the invitation is
 * revoked), and what became of the connections they owned.
 */
export interface UserRemoved {
  user: User;
  connections: { id: string; workspaceName: string; newOwner: UserRef | null }[];
}

// ---- connections ------------------------------------------------------------------------------

/** A Toggl workspace the admin's token sees (GET /api/toggl/workspaces). */
export interface TogglWorkspace {
  id: string;
  name: string;
  organizationId: string;
  /** Toggl's own name for the token owner's role there ("admin", "user", …). */
  role: string;
  connected: boolean;
  connectionId: string | null;
}

/** POST /api/connections → 201 Items<Connection>. */
export const createConnectionsSchema = z.object({
  workspaceIds: z
    .array(z.string().regex(/^\d{1,19}$/, "a Toggl workspace id"))
    .min(1)
    .max(50),
  backfillDays: z.number().int().min(0).max(365).default(0),
  /** A workspace unlinked before: also import the time between the unlink and now. */
  fillGap: z.boolean().default(false),
});

/** POST /api/connections/:id/sync body (optional): how a re-enable sets the history, as connect does. */
export const resyncConnectionSchema = z.object({
  backfillDays: z.number().int().min(0).max(365).default(0),
  fillGap: z.boolean().default(false),
});

/** GET /api/connections/:id/runs → Items<SyncRunSummary>, newest first. */
export const listRunsQuery = z.object({ limit: z.coerce.number<number>().int().min(1).max(100).default(20) });

/** A connection (GET /api/connections; DELETE /api/connections/:id answers it, now unlinked). */
export interface Connection {
  id: string;
  workspaceId: string;
  workspaceName: string;
  status: ConnectionStatus;
  owner: UserRef;
  webhook: { status: WebhookStatus; lastEventAt: string | null; repairedAt: string | null; note: string | null };
  /**
   * Set when the integration owner can no longer run this connection: what happened, in words, and
   * the account's admins whom Toggl's member list shows as admins of the workspace (they can take
   * over with a re-sync).
   */
  ownerProblem: { kind: OwnerProblem; message: string; canFix: UserRef[] } | null;
  lastSync: { at: string; ok: boolean; requestsSpent: number; error: string | null } | null;
  quota: { remaining: number | null; resetsAt: string | null };
  backfillDays: number;
  /** The history boundary: nothing that started before it is imported. */
  historyFrom: string | null;
  /** How the current period's history window is filling; null when none was asked for. */
  backfill: BackfillProgress | null;
  unlinkedAt: string | null;
  createdAt: string;
}

/** A connection's history backfill: its window, what it imported and what is left. */
export interface BackfillProgress {
  from: string;
  to: string;
  /** Entries created or updated so far. */
  imported: number;
  state: "running" | "waiting" | "paused" | "done" | "failed";
  pagesDone: number;
  /** An estimate from how far into the window the pages got (reports do not say); 0 once done. */
  pagesLeft: number | null;
  /** Waiting for the Toggl quota to reset until then. */
  pausedUntil: string | null;
}

export interface SyncRunStep {
  step: string;
  ok: boolean;
  itemsChanged: number;
  requests: number;
  error?: string;
}

export interface SyncRunSummary {
  id: string;
  connectionId: string;
  kind: SyncRunKind;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  itemsChanged: number;
  requestsSpent: number;
  error: string | null;
  steps: SyncRunStep[];
}

/** POST /api/connections/:id/sync: the connection after the re-sync, and the run it made (if any). */
export interface ConnectionResynced {
  connection: Connection;
  run: SyncRunSummary | null;
}

/** GET /api/overview */
export interface Overview {
  status: OverviewStatus;
  owner: UserRef | null;
  counts: {
    connections: number;
    clients: number;
    projects: number;
    tasks: number;
    members: number;
    unmatchedMembers: number;
    timeLogs: number;
  };
  lastWebhookAt: string | null;
  lastSync: SyncRunSummary | null;
  requestsSpent24h: number;
  connections: Connection[];
  errors: { connectionId: string; workspaceName: string; message: string; at: string | null }[];
}

// ---- members ----------------------------------------------------------------------------------

export interface Member {
  id: string;
  workspaceId: string;
  workspaceName: string;
  togglUserId: string;
  email: string;
  name: string;
  /** Not deactivated in the workspace. */
  active: boolean;
  /** Accepted Toggl's invitation to the workspace: then Toggl vouches for them joining this account. */
  joined: boolean;
  match: MatchKind | null;
  user: UserRef | null;
}
/** GET /api/members → Items<Member>. */
export const listMembersQuery = z.object({ filter: memberFilterSchema.default("all") });
/** PUT /api/members/:id/user → Member; null unmaps. */
export const mapMemberSchema = z.object({ userId: z.string().min(1).nullable() });
/** POST /api/members/:id/invite: the member, now mapped by hand to the (new or existing) user. */
export interface MemberInvited {
  member: Member;
  user: User;
  /** False when a user with the member's email already existed (inviting twice is harmless). */
  created: boolean;
}

// ---- tasks and timer --------------------------------------------------------------------------

/** A trackable target from the imported tree (GET /api/tasks). */
export interface TaskTarget {
  key: string;
  kind: TaskKind;
  workspaceId: string;
  workspaceName: string;
  clientId: string | null;
  clientName: string | null;
  projectId: string | null;
  projectName: string | null;
  taskId: string | null;
  taskName: string | null;
  /** "Client → Project → Task" (workspace name when nothing below it). */
  label: string;
  billable: boolean;
}
/** GET /api/tasks → Items<TaskTarget>. */
export const listTasksQuery = z.object({
  q: z.string().trim().max(200).default(""),
  limit: z.coerce.number<number>().int().min(1).max(100).default(20),
});

/** POST /api/timer/start → 201 RunningTimer. */
export const startTimerSchema = z.object({
  workspaceId: togglId,
  projectId: togglId.optional(),
  taskId: togglId.optional(),
  description: description.default(""),
  billable: z.boolean().optional(),
  tags: tagList.default([]),
  /** When the user clicked (an offline start replayed later keeps its real time). */
  startedAt: z.iso.datetime({ offset: true }).optional(),
});
/** What a client sends to start a timer. */
export type StartTimerBody = z.input<typeof startTimerSchema>;

/** POST /api/timer/stop → StoppedTimer; no body (or {}) stops now. */
export const stopTimerSchema = z.object({ stoppedAt: z.iso.datetime({ offset: true }).optional() }).default({});
/** What a client sends to stop the running timer. */
export type StopTimerBody = z.input<typeof stopTimerSchema>;

/** GET /api/timer: the caller's running entry, or null. */
export interface RunningTimer {
  togglId: string;
  workspaceId: string;
  projectId: string | null;
  taskId: string | null;
  description: string;
  billable: boolean;
  tags: string[];
  start: string;
  /** Same title rule as a Time Log. */
  title: string;
}

/** POST /api/timer/stop: the entry just stopped (already stored as a Time Log). */
export interface StoppedTimer {
  togglId: string;
  workspaceId: string;
  start: string;
  stop: string;
  durationSeconds: number;
  /** Same title rule as a Time Log. */
  title: string;
}

// ---- time logs --------------------------------------------------------------------------------

export interface TimeLog {
  id: string;
  togglTimeEntryId: string;
  type: "time_log";
  title: string;
  client: string | null;
  project: string | null;
  task: string | null;
  description: string;
  start: string;
  stop: string;
  durationSeconds: number;
  durationMinutes: number;
  billable: boolean;
  tags: string[];
  detail: string;
  displayable: boolean;
  scorable: boolean;
  deletedInToggl: boolean;
  workspaceId: string;
  projectId: string | null;
  taskId: string | null;
  user: UserRef | null;
  togglUserId: string;
}
/** GET /api/time-logs → Page<TimeLog>, newest first. */
export const listTimeLogsQuery = z.object({
  limit: z.coerce.number<number>().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  /** Admins: a user id, or "all" (default for admins is all; members always see their own). */
  userId: z.string().max(64).optional(),
  workspaceId: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});
/** PATCH /api/time-logs/:id → TimeLog (admins). */
export const patchTimeLogSchema = z
  .object({ scorable: z.boolean().optional(), displayable: z.boolean().optional() })
  .refine((v) => v.scorable !== undefined || v.displayable !== undefined, "scorable or displayable is required");

// ---- editing entries, tags and totals ----------------------------------------------------------

const changesSomething = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const NOTHING_TO_CHANGE = "Send at least one field to change";

/** What an edit may change; `null` clears the project (and task); at least one field is sent. */
const entryChanges = {
  description: description.optional(),
  projectId: togglId.nullable().optional(),
  taskId: togglId.nullable().optional(),
  tags: tagList.optional(),
  billable: z.boolean().optional(),
  /** A new start (for the running entry: not after now). */
  start: timestamp.optional(),
};

/** PATCH /api/timer → RunningTimer. */
export const editTimerSchema = z.object(entryChanges).refine(changesSomething, NOTHING_TO_CHANGE);
export type EditTimerBody = z.input<typeof editTimerSchema>;

/**
 * POST /api/time-entries → 201 TimeLog: a finished entry added after the fact; or 202
 * TimeEntryBeforeHistory when it started before the workspace's history boundary in Hourline.
 */
export const createTimeEntrySchema = z.object({
  workspaceId: togglId,
  projectId: togglId.optional(),
  taskId: togglId.optional(),
  description: description.default(""),
  start: timestamp,
  stop: timestamp,
  billable: z.boolean().optional(),
  tags: tagList.default([]),
});
export type CreateTimeEntryBody = z.input<typeof createTimeEntrySchema>;

/**
 * POST /api/time-entries → 202: the entry was added in Toggl (it is the person's own Toggl), but it
 * started before the connection's history boundary, so Hourline imports no Time Log for it.
 */
export interface TimeEntryBeforeHistory {
  togglId: string;
  workspaceId: string;
  historyFrom: string;
  message: string;
}

/** PATCH /api/time-entries/:togglId → TimeLog (the caller's own entries only). */
export const patchTimeEntrySchema = z
  .object({ ...entryChanges, stop: timestamp.optional() })
  .refine(changesSomething, NOTHING_TO_CHANGE);
export type PatchTimeEntryBody = z.input<typeof patchTimeEntrySchema>;
/** `:togglId` of /api/time-entries/:togglId. */
export const togglIdParam = z.object({ togglId });

/** A mirrored Toggl tag (GET /api/tags?workspaceId= → Items<Tag>, by name). */
export interface Tag {
  id: string;
  workspaceId: string;
  name: string;
}
export const listTagsQuery = z.object({ workspaceId: togglId });

/** GET /api/summary: `timeZone` is used only when Toggl does not tell the person's own. */
export const summaryQuery = z.object({ timeZone: z.string().max(64).optional() });

/** The caller's tracked time today and this week, running timer included, in their time zone. */
export interface Summary {
  /** IANA zone the days are cut in (the person's Toggl time zone). */
  timeZone: string;
  /** "YYYY-MM-DD" of today there. */
  today: string;
  todaySeconds: number;
  weekSeconds: number;
  /** The seven days of this week from the person's first day of the week. */
  days: { date: string; seconds: number }[];
  /** The running timer's start when one runs (its time up to `asOf` is counted above). */
  runningSince: string | null;
  asOf: string;
}
