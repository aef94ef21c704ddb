// The whole domain in D1. Conventions:
// - Hourline's own ids are random text (crypto.randomUUID()); Toggl ids are int64 and are stored as
//   decimal TEXT so nothing above 2^53 is ever rounded.
// - Every row holding customer data carries account_id; every query filters on it. A person (one
//   Toggl identity) and their Toggl token are not an account's data: they belong to the person,
//   who may be a member of several accounts.
// - Timestamps are integer milliseconds since the epoch (drizzle "timestamp_ms" → Date).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  connectionStatusSchema,
  matchKindSchema,
  ownerProblemSchema,
  roleSchema,
  syncRunKindSchema,
  syncRunStatusSchema,
  taskKindSchema,
  webhookStatusSchema,
  type SyncRunStep,
} from "../../shared/contract";
import { INVITATION_STATUSES } from "../../shared/enums";
import { nowDate } from "../clock";

const id = () => text("id").primaryKey();
const ms = (name: string) => integer(name, { mode: "timestamp_ms" });
const flag = (name: string) => integer(name, { mode: "boolean" });
// Rows written through Drizzle take the worker's clock (worker/clock.ts); the SQL default is for
// rows written by hand.
const createdAt = () =>
  ms("created_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`)
    .$defaultFn(nowDate);
const updatedAt = () =>
  ms("updated_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`)
    .$defaultFn(nowDate);

// Enum columns take their values from the contract's z.enum schemas (Drizzle wants a non-empty tuple).
const values = <T extends string>(schema: { options: T[] }) => schema.options as [T, ...T[]];

export const roles = values(roleSchema);
export type Role = (typeof roles)[number];

export const accounts = sqliteTable("accounts", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/** One Toggl identity. Their memberships are `users` rows; their Toggl token is their credential. */
export const persons = sqliteTable(
  "persons",
  {
    id: id(),
    togglUserId: text("toggl_user_id").notNull(),
    /** Toggl's email from /me at the last sign-in, normalised: invitations addressed to it are theirs. */
    email: text("email").notNull().default(""),
    name: text("name").notNull().default(""),
    /** The account the person last worked in: the next sign-in opens there. */
    lastAccountId: text("last_account_id").references(() => accounts.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("persons_toggl_user").on(t.togglUserId)],
);

/**
 * A person's membership in an account, with their role: the account's "user". Rows are never
 * deleted (Time Logs, mappings and connections point at them). A row without a person is an
 * invited user (the seat an invitation fills); a removed one has `removed_at`.
 */
export const users = sqliteTable(
  "users",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    /** Normalised (trimmed, lower-case). */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    role: text("role", { enum: roles }).notNull().default("member"),
    /** The person who joined; null while invited. Kept after removal (who it was). */
    personId: text("person_id").references(() => persons.id),
    /** The person's Toggl user id while the membership is live (a copy, for matching and Time Logs). */
    togglUserId: text("toggl_user_id"),
    /** Set when the person was removed (or the invitation revoked): no session, no mapping, Time Logs stay. */
    removedAt: ms("removed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Removed rows stay as history: the email may be invited again.
    uniqueIndex("users_account_email")
      .on(t.accountId, t.email)
      .where(sql`removed_at is null`),
    uniqueIndex("users_account_toggl_user").on(t.accountId, t.togglUserId),
    index("users_person").on(t.personId),
  ],
);

export const invitationStatuses = INVITATION_STATUSES.filter((s) => s !== "expired") as [
  "pending",
  "accepted",
  "declined",
  "revoked",
];

/** An invitation to join an account, addressed to an email; it fills its invited user when accepted. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    /** The invited user (the seat) this invitation fills. */
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** Normalised; only the person whose Toggl email this is may accept. */
    email: text("email").notNull(),
    role: text("role", { enum: roles }).notNull(),
    invitedByUserId: text("invited_by_user_id").references(() => users.id),
    status: text("status", { enum: invitationStatuses }).notNull().default("pending"),
    expiresAt: ms("expires_at").notNull(),
    respondedAt: ms("responded_at"),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_email").on(t.email, t.status), index("invitations_user").on(t.accountId, t.userId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    /** SHA-256 (hex) of the opaque bearer token; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    /** The signed-in person; the session only ever moves between their own memberships. */
    personId: text("person_id").references(() => persons.id),
    /** The membership the session is in now (switching accounts moves it). */
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ms("expires_at").notNull(),
    revokedAt: ms("revoked_at"),
  },
  (t) => [
    uniqueIndex("sessions_token_hash").on(t.tokenHash),
    index("sessions_user").on(t.userId),
    index("sessions_person").on(t.personId),
  ],
);

/**
 * A person's Toggl API token, AES-GCM encrypted: one per person, whichever accounts they are in
 * (one Toggl identity, one quota per organisation).
 */
export const togglCredentials = sqliteTable(
  "toggl_credentials",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    togglUserId: text("toggl_user_id").notNull(),
    /** base64(iv ‖ ciphertext) — see worker/lib/crypto.ts. */
    tokenCiphertext: text("token_ciphertext").notNull(),
    /** Toggl's IANA time zone from /me, for display and report dates. */
    timezone: text("timezone"),
    /** Toggl's first day of the week for the person (0 Sunday … 6 Saturday), from /me. */
    beginningOfWeek: integer("beginning_of_week").notNull().default(1),
    /** Set when Toggl's /me rejected the token (401/403); the person must sign in again. */
    invalidAt: ms("invalid_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("toggl_credentials_person").on(t.personId)],
);

export const connectionStatuses = values(connectionStatusSchema);
export const webhookStatuses = values(webhookStatusSchema);

/** One connected Toggl workspace of an account, with its webhook subscription state. */
export const connections = sqliteTable(
  "connections",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    workspaceId: text("workspace_id").notNull(),
    organizationId: text("organization_id").notNull(),
    workspaceName: text("workspace_name").notNull(),
    /** The admin whose Toggl token the connection uses (the integration owner). */
    ownerUserId: text("owner_user_id")
      .notNull()
      .references(() => users.id),
    credentialId: text("credential_id")
      .notNull()
      .references(() => togglCredentials.id),
    status: text("status", { enum: connectionStatuses }).notNull().default("active"),
    /** Days of history to import at connect (0 = none). */
    backfillDays: integer("backfill_days").notNull().default(0),
    /** When the current period of the connection began (connect, reconnect or re-enable). */
    connectedAt: ms("connected_at"),
    /**
     * The history boundary: connected at minus the chosen backfill (or the earlier boundary when a
     * reconnect filled the gap). No Time Log is created for an entry that started before it.
     */
    historyFrom: ms("history_from"),
    /** Where the current period's backfill window starts (null: no backfill); it ends at connectedAt. */
    backfillFrom: ms("backfill_from"),
    /** Entries the current backfill window created or updated so far. */
    backfillImported: integer("backfill_imported").notNull().default(0),
    webhookSubscriptionId: text("webhook_subscription_id"),
    /** Our own per-connection signing secret, encrypted like tokens. */
    webhookSecretCiphertext: text("webhook_secret_ciphertext"),
    webhookStatus: text("webhook_status", { enum: webhookStatuses }).notNull().default("none"),
    /** JSON array of { entity, action } actually subscribed. */
    webhookEventFilters: text("webhook_event_filters", { mode: "json" }).$type<{ entity: string; action: string }[]>(),
    /** The url_callback the subscription was made with (PUBLIC_URL, or the origin that connected). */
    webhookCallbackUrl: text("webhook_callback_url"),
    webhookValidatedAt: ms("webhook_validated_at"),
    webhookLastEventAt: ms("webhook_last_event_at"),
    webhookCheckedAt: ms("webhook_checked_at"),
    webhookRepairedAt: ms("webhook_repaired_at"),
    /** What the last health check found and did, in words for the Overview. */
    webhookNote: text("webhook_note"),
    /** Deliveries acknowledged but not applied (unlinked connection, foreign workspace, ...). */
    ignoredDeliveries: integer("ignored_deliveries").notNull().default(0),
    /** Background work for this connection waits until then (quota exhausted). */
    pausedUntil: ms("paused_until"),
    lastError: text("last_error"),
    /** Why the integration owner cannot run it any more (see OWNER_PROBLEMS); null when fine. */
    ownerProblem: text("owner_problem", { enum: values(ownerProblemSchema) }),
    ownerProblemAt: ms("owner_problem_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    unlinkedAt: ms("unlinked_at"),
  },
  (t) => [
    uniqueIndex("connections_account_workspace").on(t.accountId, t.workspaceId),
    index("connections_status").on(t.status),
  ],
);

/** Mirror of Toggl workspaces seen by connected tokens. */
export const workspaces = sqliteTable(
  "workspaces",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    id: text("id").notNull(),
    organizationId: text("organization_id").notNull(),
    name: text("name").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.id] })],
);

export const clients = sqliteTable(
  "clients",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    id: text("id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    name: text("name").notNull(),
    /** Archived in Toggl, deleted in Toggl, or vanished from its listing. Never hard-deleted. */
    archived: flag("archived").notNull().default(false),
    togglAt: text("toggl_at"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.id] }), index("clients_workspace").on(t.accountId, t.workspaceId)],
);

export const projects = sqliteTable(
  "projects",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    id: text("id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    clientId: text("client_id"),
    name: text("name").notNull(),
    billable: flag("billable").notNull().default(false),
    color: text("color"),
    /** Private in Toggl: only its members (and workspace admins) may track on it. */
    private: flag("private").notNull().default(false),
    archived: flag("archived").notNull().default(false),
    togglAt: text("toggl_at"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.id] }), index("projects_workspace").on(t.accountId, t.workspaceId)],
);

export const tasks = sqliteTable(
  "tasks",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    id: text("id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    projectId: text("project_id").notNull(),
    name: text("name").notNull(),
    archived: flag("archived").notNull().default(false),
    togglAt: text("toggl_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.id] }),
    index("tasks_project").on(t.accountId, t.projectId),
    index("tasks_workspace").on(t.accountId, t.workspaceId),
  ],
);

/**
 * Trackable targets for the timer search, one row per workspace / client / project / task,
 * rebuilt from the tree whenever it changes. search_text is the lower-cased path
 * ("workspace client project task") so one indexed-table scan answers any level. A workspace's
 * targets are written in label order, so their rowids (the order the search index hands out
 * matches in) follow their labels.
 */
export const trackTargets = sqliteTable(
  "track_targets",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    /** "<kind>:<toggl id>" — unique within the account. */
    key: text("key").notNull(),
    kind: text("kind", { enum: values(taskKindSchema) }).notNull(),
    workspaceId: text("workspace_id").notNull(),
    clientId: text("client_id"),
    projectId: text("project_id"),
    taskId: text("task_id"),
    label: text("label").notNull(),
    searchText: text("search_text").notNull(),
    billable: flag("billable").notNull().default(false),
    archived: flag("archived").notNull().default(false),
    /** The target's project is private (see features/workspace-mirror/visibility.ts). */
    private: flag("private").notNull().default(false),
    // What the task search's trigram index (track_targets_fts, migration 0007) holds; computed, never
    // stored, and null for archived targets so that the index leaves them out. Every word starts
    // after two spaces, so even a one-letter word has a trigram that marks a word start ("  a");
    // every label part starts after "→ ", so "a part starts with the query" is a substring too.
    searchWords: text("search_words").generatedAlwaysAs(
      sql`case when archived then null else '  ' || replace(search_text, ' ', '  ') end`,
      { mode: "virtual" },
    ),
    searchLabel: text("search_label").generatedAlwaysAs(sql`case when archived then null else '→ ' || label end`, {
      mode: "virtual",
    }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.key] }),
    index("track_targets_search").on(t.accountId, t.archived, t.kind),
    // The search's first page (no query) walks the account's targets in label order and stops.
    index("track_targets_label").on(t.accountId, t.archived, sql`${t.label} collate nocase`, t.key),
  ],
);

/** Who belongs to a private project (Toggl's project users), mirrored with the structure. */
export const projectMembers = sqliteTable(
  "project_members",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    workspaceId: text("workspace_id").notNull(),
    projectId: text("project_id").notNull(),
    togglUserId: text("toggl_user_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.projectId, t.togglUserId] }),
    index("project_members_workspace").on(t.accountId, t.workspaceId),
  ],
);

export const tags = sqliteTable(
  "tags",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    id: text("id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    name: text("name").notNull(),
    archived: flag("archived").notNull().default(false),
    /** Toggl's `at` of the version stored: an older tag event changes nothing. */
    togglAt: text("toggl_at"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.id] }), index("tags_workspace").on(t.accountId, t.workspaceId)],
);

export const matchKinds = values(matchKindSchema);

/** A Toggl workspace member; mapped to at most one local user (one user may be several members). */
export const members = sqliteTable(
  "members",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    workspaceId: text("workspace_id").notNull(),
    /** Toggl's global user id (not the workspace-user id). */
    togglUserId: text("toggl_user_id").notNull(),
    email: text("email").notNull().default(""),
    name: text("name").notNull().default(""),
    togglRole: text("toggl_role"),
    /** Not deactivated in the workspace (Toggl's `inactive` is false). */
    active: flag("active").notNull().default(true),
    /** Accepted Toggl's invitation to the workspace (Toggl's `is_active`); unknown counts as not. */
    joined: flag("joined").notNull().default(false),
    userId: text("user_id").references(() => users.id),
    /** How user_id was set; "manual" wins over email matching and survives re-imports. */
    match: text("match", { enum: matchKinds }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("members_account_workspace_toggl_user").on(t.accountId, t.workspaceId, t.togglUserId),
    index("members_account_toggl_user").on(t.accountId, t.togglUserId),
    index("members_user").on(t.accountId, t.userId),
  ],
);

/** A finished Toggl time entry as a passive "Time Log" activity. */
export const timeLogs = sqliteTable(
  "time_logs",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    workspaceId: text("workspace_id").notNull(),
    togglId: text("toggl_id").notNull(),
    togglUserId: text("toggl_user_id").notNull(),
    /** Local user through the member mapping; re-linked when a mapping changes. */
    userId: text("user_id").references(() => users.id),
    clientId: text("client_id"),
    projectId: text("project_id"),
    taskId: text("task_id"),
    /** Names as Toggl last reported them, used when the tree has no row (yet). */
    clientName: text("client_name"),
    projectName: text("project_name"),
    taskName: text("task_name"),
    description: text("description").notNull().default(""),
    start: ms("start").notNull(),
    stop: ms("stop").notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    billable: flag("billable").notNull().default(false),
    tags: text("tags", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Toggl's `at` (last modified) in ms: an update older than this is ignored. */
    togglAt: integer("toggl_at").notNull(),
    deletedInToggl: flag("deleted_in_toggl").notNull().default(false),
    displayable: flag("displayable").notNull().default(true),
    scorable: flag("scorable").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("time_logs_account_toggl").on(t.accountId, t.togglId),
    index("time_logs_account_start").on(t.accountId, t.start),
    index("time_logs_account_user_start").on(t.accountId, t.userId, t.start),
    index("time_logs_account_toggl_user").on(t.accountId, t.togglUserId),
  ],
);

/** A Toggl user's running timer (never a Time Log until stopped). One per Toggl user. */
export const runningEntries = sqliteTable(
  "running_entries",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    togglUserId: text("toggl_user_id").notNull(),
    togglId: text("toggl_id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    projectId: text("project_id"),
    taskId: text("task_id"),
    description: text("description").notNull().default(""),
    billable: flag("billable").notNull().default(false),
    tags: text("tags", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    start: ms("start").notNull(),
    togglAt: integer("toggl_at").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.togglUserId] })],
);

/**
 * Toggl time entries known to be deleted, kept for good (Toggl never reuses an id): a deletion
 * that arrives before the entry's creation, or a stale "running" delivery after a running timer was
 * deleted, must not bring the entry back.
 */
export const timeEntryTombstones = sqliteTable(
  "time_entry_tombstones",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    togglId: text("toggl_id").notNull(),
    deletedAt: ms("deleted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.togglId] })],
);

export const syncKinds = values(syncRunKindSchema);
export const syncStatuses = values(syncRunStatusSchema);

/** One run of background work for a connection: what it did and what it cost. */
export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    kind: text("kind", { enum: syncKinds }).notNull(),
    status: text("status", { enum: syncStatuses }).notNull().default("running"),
    startedAt: ms("started_at").notNull(),
    finishedAt: ms("finished_at"),
    /** JSON array of { step, ok, itemsChanged, requests, error? }. */
    steps: text("steps", { mode: "json" })
      .$type<SyncRunStep[]>()
      .notNull()
      .default(sql`'[]'`),
    itemsChanged: integer("items_changed").notNull().default(0),
    requestsSpent: integer("requests_spent").notNull().default(0),
    error: text("error"),
  },
  (t) => [index("sync_runs_connection_started").on(t.accountId, t.connectionId, t.startedAt)],
);

export const jobKinds = ["backfill", "reconcile", "structure", "members", "webhook_repair"] as const;
export const jobStates = ["pending", "running", "paused", "done", "failed"] as const;

/** Paced, resumable background work: picks up from `cursor` on the next run. */
export const syncJobs = sqliteTable(
  "sync_jobs",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id),
    kind: text("kind", { enum: jobKinds }).notNull(),
    state: text("state", { enum: jobStates }).notNull().default("pending"),
    /** Opaque JSON resume point (e.g. report window and first_row_number). */
    cursor: text("cursor", { mode: "json" }).$type<Record<string, unknown>>(),
    notBefore: ms("not_before"),
    attempts: integer("attempts").notNull().default(0),
    requestsSpent: integer("requests_spent").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("sync_jobs_state").on(t.state, t.notBefore),
    index("sync_jobs_connection").on(t.accountId, t.connectionId, t.kind),
  ],
);

/**
 * What Toggl last said about a token's quota: one row per credential and bucket
 * (bucket = organization id, or "user" for the per-user /me bucket). A person's budget, shared by
 * every account they work in.
 */
export const quotaBudgets = sqliteTable(
  "quota_budgets",
  {
    credentialId: text("credential_id")
      .notNull()
      .references(() => togglCredentials.id),
    bucket: text("bucket").notNull(),
    remaining: integer("remaining"),
    total: integer("total"),
    resetsAt: ms("resets_at"),
    observedAt: ms("observed_at").notNull(),
    /** Background work on this bucket waits until then (after a 402 or a 429). */
    pausedUntil: ms("paused_until"),
    /**
     * Requests taken from this bucket and not answered yet: Toggl's next count may not include
     * them, so they are kept off what it says is left. Cleared when the window resets.
     */
    inFlight: integer("in_flight").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.credentialId, t.bucket] })],
);
