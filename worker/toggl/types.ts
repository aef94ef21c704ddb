// What Hourline relies on in Toggl's answers. Lenient where Toggl is loose (extra fields are kept,
// null is accepted wherever Toggl sends it), strict about the fields Hourline reads. Field names stay
// Toggl's (snake_case); every id becomes a decimal string and every timestamp a UTC ISO string.
import * as z from "zod";

/** A Toggl id: a JSON number (or the exact digits kept by parseTogglJson) → decimal string. */
export const togglId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,19}$/)])
  .transform((v) => (typeof v === "number" ? String(v) : String(BigInt(v))));

/** Any RFC 3339 timestamp Toggl sends (`Z`, `+00:00`, user offsets, nanoseconds) → UTC ISO. */
const utcTimestamp = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "Expected an RFC 3339 timestamp")
  .transform((s) => new Date(s).toISOString());

const nullableId = togglId.nullish().transform((v) => v ?? null);
const idList = z
  .array(togglId)
  .nullish()
  .transform((v) => v ?? []);
const stringList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

// ---- user, workspaces, organizations -----------------------------------------------------------

export const workspaceSchema = z.looseObject({
  id: togglId,
  organization_id: togglId,
  name: z.string(),
  /** The requesting user's role in this workspace ("admin", "user", ...). */
  role: z.string().nullish(),
  /** Deprecated by Toggl but still sent; true for workspace admins. */
  admin: z.boolean().nullish(),
  premium: z.boolean().nullish(),
  business_ws: z.boolean().nullish(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const organizationSchema = z.looseObject({
  id: togglId,
  name: z.string(),
  admin: z.boolean().nullish(),
  owner: z.boolean().nullish(),
  pricing_plan_name: z.string().nullish(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const clientSchema = z.looseObject({
  id: togglId,
  wid: togglId,
  name: z.string(),
  archived: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  at: utcTimestamp.nullish(),
  server_deleted_at: utcTimestamp.nullish(),
});
export type Client = z.infer<typeof clientSchema>;

export const projectSchema = z.looseObject({
  id: togglId,
  workspace_id: togglId,
  client_id: nullableId,
  name: z.string(),
  active: z.boolean(),
  /** upcoming | active | ended | archived | deleted */
  status: z.string().nullish(),
  billable: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  color: z.string().nullish(),
  /** Only its members (project users) and workspace admins may track on it. */
  is_private: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  at: utcTimestamp.nullish(),
  server_deleted_at: utcTimestamp.nullish(),
});
export type Project = z.infer<typeof projectSchema>;

export const taskSchema = z.looseObject({
  id: togglId,
  workspace_id: togglId,
  project_id: togglId,
  name: z.string(),
  /** false means the task is done. */
  active: z.boolean(),
  at: utcTimestamp.nullish(),
  server_deleted_at: utcTimestamp.nullish(),
});
export type Task = z.infer<typeof taskSchema>;

/** GET /workspaces/{wid}/tasks answers a wrapper object, not an array. */
export const tasksPageSchema = z.looseObject({
  data: z
    .array(taskSchema)
    .nullish()
    .transform((v) => v ?? []),
  page: z.number().int().nullish(),
  per_page: z.number().int().nullish(),
  total_count: z.number().int().nullish(),
});

/** GET /workspaces/{wid}/project_users: who belongs to which project. */
export const projectUserSchema = z.looseObject({
  id: togglId,
  project_id: togglId,
  user_id: togglId,
  workspace_id: togglId.nullish(),
  manager: z.boolean().nullish(),
});
export type ProjectUser = z.infer<typeof projectUserSchema>;

export const tagSchema = z.looseObject({
  id: togglId,
  workspace_id: togglId,
  name: z.string(),
  at: utcTimestamp.nullish(),
  deleted_at: utcTimestamp.nullish(),
});
export type Tag = z.infer<typeof tagSchema>;

/** GET /workspaces/{wid}/users: `id` is the global user id. */
export const workspaceUserSchema = z.looseObject({
  id: togglId,
  email: z.string(),
  fullname: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  /** Deactivated in this workspace. */
  inactive: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  /** Has accepted the invitation. */
  is_active: z.boolean().nullish(),
  is_admin: z.boolean().nullish(),
  role: z.string().nullish(),
});
export type WorkspaceUser = z.infer<typeof workspaceUserSchema>;

/** GET /workspaces/{wid}/workspace_users: `id` is the WORKSPACE-USER id; `uid` is the user id. */
export const workspaceUserDetailedSchema = z.looseObject({
  id: togglId,
  uid: togglId,
  wid: togglId.nullish(),
  email: z.string(),
  name: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  active: z.boolean().nullish(),
  inactive: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  admin: z.boolean().nullish(),
  role: z.string().nullish(),
});
export type WorkspaceUserDetailed = z.infer<typeof workspaceUserDetailedSchema>;

// ---- time entries ------------------------------------------------------------------------------

export const timeEntrySchema = z.looseObject({
  id: togglId,
  workspace_id: togglId,
  user_id: togglId,
  project_id: nullableId,
  task_id: nullableId,
  billable: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  description: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  start: utcTimestamp,
  /** null while running. */
  stop: utcTimestamp.nullish().transform((v) => v ?? null),
  /** Seconds; negative while running (-1 or -<unix start>). */
  duration: z.number().int(),
  tags: stringList,
  tag_ids: idList,
  at: utcTimestamp,
  server_deleted_at: utcTimestamp.nullish().transform((v) => v ?? null),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

export const meSchema = z.looseObject({
  id: togglId,
  email: z.string(),
  fullname: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  timezone: z.string().nullish(),
  /** The person's first day of the week, 0 Sunday … 6 Saturday. */
  beginning_of_week: z.number().int().min(0).max(6).nullish(),
  default_workspace_id: nullableId,
  // Only with with_related_data=true (null otherwise, or when there are none).
  workspaces: z.array(workspaceSchema).nullish(),
  clients: z.array(clientSchema).nullish(),
  projects: z.array(projectSchema).nullish(),
  tasks: z.array(taskSchema).nullish(),
  tags: z.array(tagSchema).nullish(),
  time_entries: z.array(timeEntrySchema).nullish(),
});
export type Me = z.infer<typeof meSchema>;

// ---- Reports API v3 (detailed search) ----------------------------------------------------------

const reportTimeEntrySchema = z.looseObject({
  id: togglId,
  seconds: z.number().int(),
  start: utcTimestamp,
  stop: utcTimestamp.nullish().transform((v) => v ?? null),
  at: utcTimestamp,
});

/** One grouped row: entries sharing user, project, task, description, billable and tags. */
export const reportRowSchema = z.looseObject({
  user_id: togglId,
  username: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  project_id: nullableId,
  task_id: nullableId,
  description: z
    .string()
    .nullish()
    .transform((v) => v ?? ""),
  billable: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  tag_ids: idList,
  row_number: z.number().int().nullish(),
  time_entries: z.array(reportTimeEntrySchema),
});
type ReportRow = z.infer<typeof reportRowSchema>;

/** A report entry flattened out of its row, in the vocabulary of TimeEntry. */
export interface ReportTimeEntry {
  id: string;
  workspace_id: string;
  user_id: string;
  username: string;
  project_id: string | null;
  task_id: string | null;
  description: string;
  billable: boolean;
  tag_ids: string[];
  /** UTC ISO (reports send the user's offset). */
  start: string;
  stop: string | null;
  /** Seconds. */
  duration: number;
  at: string;
}

/** Resume point for the next page; persist it as is. */
export interface ReportCursor {
  firstRowNumber: number;
  firstId: string | null;
}

export interface ReportPage {
  rows: ReportRow[];
  entries: ReportTimeEntry[];
  next: ReportCursor | null;
}

// ---- quota ------------------------------------------------------------------------------------

/** GET /me/quota: organization_id null is the per-user bucket. */
export const quotaEntrySchema = z.looseObject({
  organization_id: nullableId,
  /** Can go negative while Toggl does not enforce the quota. */
  remaining: z.number().int(),
  resets_in_secs: z.number().int(),
  total: z.number().int().nullish(),
});
export type QuotaEntry = z.infer<typeof quotaEntrySchema>;

// ---- Webhooks API v1 --------------------------------------------------------------------------

const eventFilterSchema = z.object({ entity: z.string(), action: z.string() });
export type EventFilter = z.infer<typeof eventFilterSchema>;

export const subscriptionSchema = z.looseObject({
  subscription_id: togglId,
  workspace_id: togglId,
  user_id: togglId.nullish(),
  enabled: z.boolean(),
  description: z.string(),
  event_filters: z.array(eventFilterSchema),
  url_callback: z.string(),
  secret: z.string().nullish(),
  validated_at: utcTimestamp.nullish().transform((v) => v ?? null),
  has_pending_events: z.boolean().nullish(),
  created_at: utcTimestamp.nullish(),
  updated_at: utcTimestamp.nullish(),
  deleted_at: utcTimestamp.nullish(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export interface SubscriptionInput {
  description: string;
  url_callback: string;
  event_filters: EventFilter[];
  enabled: boolean;
  /** Generated by Toggl when left out. */
  secret?: string;
}

export const limitsSchema = z.looseObject({
  max_webhooks: z.number().int(),
  max_events_per_webhook: z.number().int(),
});
export type Limits = z.infer<typeof limitsSchema>;

/** GET /event_filters: entity → allowed actions. */
export const eventFiltersSchema = z.record(z.string(), z.array(z.string()));
export type EventFilters = z.infer<typeof eventFiltersSchema>;

/** Metadata values are strings on real events (ids included); the ping sends a number. */
const metadataSchema = z.record(z.string(), z.unknown()).transform((m) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m))
    if (v !== null && v !== undefined) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
});

const webhookEnvelope = {
  event_id: togglId,
  created_at: utcTimestamp,
  creator_id: togglId.nullish(),
  metadata: metadataSchema,
  subscription_id: togglId,
  /** Send time of this delivery attempt (changes on each retry). */
  timestamp: z.string(),
  url_callback: z.string(),
};

/** The PING sent at creation and by POST /ping; validation fields only while not validated. */
export const webhookPingSchema = z.looseObject({
  ...webhookEnvelope,
  payload: z.literal("ping"),
  validation_code: z.string().nullish(),
  validation_code_url: z.string().nullish(),
});
export type WebhookPing = z.infer<typeof webhookPingSchema>;

/** A real event: metadata.model / metadata.action say what payload holds. */
export const webhookEventSchema = z.looseObject({
  ...webhookEnvelope,
  payload: z.record(z.string(), z.unknown()),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
