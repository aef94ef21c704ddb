// The value lists of the contract's enums, each written once (and the one rule over roles). shared/contract.ts wraps every list
// in its z.enum schema, and everything else derives from those schemas (types, request
// validation, the worker's Drizzle columns). The lists themselves are plain data with no zod
// import, so the extension can show them (a role picker, a filter) without bundling zod.

/** A person's role in an account. */
export const ROLES = ["owner", "admin", "member"] as const;

/** Owners and admins run the account: connections, users, members, everyone's Time Logs. */
export const isAdminRole = (role: (typeof ROLES)[number]): boolean => role === "owner" || role === "admin";

/**
 * Where a person stands in an account. "invited": an admin added them (by email, or from a Toggl
 * member) and they have not joined yet; "active": they joined; "removed": they left or were
 * removed (or their invitation was revoked) and only their history stays.
 */
export const USER_STATUSES = ["active", "invited", "removed"] as const;

/** An invitation's state; "expired" is a pending one past its expiry (never stored). */
export const INVITATION_STATUSES = ["pending", "accepted", "declined", "revoked", "expired"] as const;

/**
 * Why a connection's integration owner can no longer run it: Toggl denies them this workspace (403
 * there, their token works elsewhere), Toggl rejects their token altogether (/me answers 401/403),
 * or they left the account and no other admin could take over.
 */
export const OWNER_PROBLEMS = ["lost_workspace_access", "token_rejected", "owner_left"] as const;

/** A connection's state; "paused" while a Toggl quota pause holds its background work back. */
export const CONNECTION_STATUSES = ["active", "paused", "error", "unlinked"] as const;

/** The health of a connection's Toggl webhook subscription. */
export const WEBHOOK_STATUSES = ["none", "pending", "validated", "disabled", "missing", "failed"] as const;

/** How a Toggl member was matched to a user: by email, or mapped by hand (which wins). */
export const MATCH_KINDS = ["email", "manual"] as const;

/** Which members GET /api/members lists, in the order the admin page offers them. */
export const MEMBER_FILTERS = ["all", "unmatched", "matched"] as const;

/** The level of the imported tree a trackable target stands for. */
export const TASK_KINDS = ["workspace", "client", "project", "task"] as const;

/** What started a sync run. */
export const SYNC_RUN_KINDS = [
  "connect",
  "nightly",
  "manual",
  "drain",
  "backfill",
  "reconcile",
  "structure",
  "members",
  "webhook",
] as const;

/** How a sync run ended (or that it still runs). */
export const SYNC_RUN_STATUSES = ["running", "ok", "partial", "paused", "failed"] as const;

/** The Overview's one-line verdict. */
export const OVERVIEW_STATUSES = ["not_connected", "ok", "attention"] as const;
