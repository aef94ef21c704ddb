// The worker ↔ extension contract: request schemas (validated by the worker, reused by the
// extension's client) and response shapes. JSON, camelCase; Toggl ids travel as strings.
import { z } from "zod";

export const roleSchema = z.enum(["owner", "admin", "member"]);
export type Role = z.infer<typeof roleSchema>;

/** `{ error: { code, message, details? } }` — every non-2xx answer. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown; retryAfterSeconds?: number };
}

// ---- identity ---------------------------------------------------------------------------------

export const createSessionSchema = z.object({ togglApiToken: z.string().trim().min(1).max(200) });

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Signed in at least once with a Toggl token (false for users added or invited by email). */
  linked: boolean;
  createdAt: string;
}
export interface Account {
  id: string;
  name: string;
}
export interface SessionCreated {
  token: string;
  expiresAt: string;
  user: User;
  account: Account;
}
export interface Me {
  user: User;
  account: Account;
}

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().max(200).default(""),
  role: roleSchema.default("member"),
});
export const updateUserSchema = z.object({ role: roleSchema });

// ---- connections ------------------------------------------------------------------------------

/** A Toggl workspace the admin's token sees (GET /api/toggl/workspaces). */
export interface TogglWorkspace {
  id: string;
  name: string;
  organizationId: string;
  role: string;
  connected: boolean;
  connectionId: string | null;
}

export const createConnectionsSchema = z.object({
  workspaceIds: z.array(z.string().regex(/^\d{1,19}$/, "a Toggl workspace id")).min(1).max(50),
  backfillDays: z.number().int().min(0).max(365).default(0),
});

export type ConnectionStatus = "active" | "paused" | "error" | "unlinked";
export type WebhookStatus = "none" | "pending" | "validated" | "disabled" | "missing" | "failed";

export interface Connection {
  id: string;
  workspaceId: string;
  workspaceName: string;
  status: ConnectionStatus;
  owner: { id: string; name: string; email: string };
  webhook: { status: WebhookStatus; lastEventAt: string | null; repairedAt: string | null; note: string | null };
  lastSync: { at: string; ok: boolean; requestsSpent: number; error: string | null } | null;
  quota: { remaining: number | null; resetsAt: string | null };
  backfillDays: number;
  createdAt: string;
}

export interface SyncRunSummary {
  id: string;
  connectionId: string;
  kind: string;
  status: "running" | "ok" | "partial" | "paused" | "failed";
  startedAt: string;
  finishedAt: string | null;
  itemsChanged: number;
  requestsSpent: number;
  error: string | null;
  steps: { step: string; ok: boolean; itemsChanged: number; requests: number; error?: string }[];
}

export interface Overview {
  status: "not_connected" | "ok" | "attention";
  owner: { id: string; name: string; email: string } | null;
  counts: { connections: number; clients: number; projects: number; tasks: number; members: number; unmatchedMembers: number; timeLogs: number };
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
  active: boolean;
  match: "email" | "manual" | null;
  user: { id: string; name: string; email: string } | null;
}
export const mapMemberSchema = z.object({ userId: z.string().min(1).nullable() });
export const listMembersQuery = z.object({ filter: z.enum(["all", "matched", "unmatched"]).default("all") });
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
  kind: "workspace" | "client" | "project" | "task";
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
export const listTasksQuery = z.object({
  q: z.string().trim().max(200).default(""),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const togglId = z.string().regex(/^\d{1,19}$/, "a Toggl id");
export const startTimerSchema = z.object({
  workspaceId: togglId,
  projectId: togglId.optional(),
  taskId: togglId.optional(),
  description: z.string().max(3000).default(""),
  billable: z.boolean().optional(),
  tags: z.array(z.string().trim().min(1).max(128)).max(50).default([]),
  /** When the user clicked (an offline start replayed later keeps its real time). */
  startedAt: z.iso.datetime({ offset: true }).optional(),
});
export const stopTimerSchema = z.object({ stoppedAt: z.iso.datetime({ offset: true }).optional() }).default({});

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
  user: { id: string; name: string; email: string } | null;
  togglUserId: string;
}
export const listTimeLogsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  /** Admins: a user id, or "all" (default for admins is all; members always see their own). */
  userId: z.string().max(64).optional(),
  workspaceId: z.string().regex(/^\d{1,19}$/).optional(),
});
export const patchTimeLogSchema = z
  .object({ scorable: z.boolean().optional(), displayable: z.boolean().optional() })
  .refine((v) => v.scorable !== undefined || v.displayable !== undefined, "scorable or displayable is required");

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Items<T> {
  items: T[];
}
