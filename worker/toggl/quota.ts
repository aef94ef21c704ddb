// Quota arithmetic, pure: no I/O, times are epoch milliseconds passed in.
//
// Toggl counts requests per user in two sliding-hour buckets: one per organization (workspace,
// organization and report requests; 30/240/600 by plan) and one per user (30/hour for user-level
// calls). Every response carries X-Toggl-Quota-Remaining / X-Toggl-Quota-Resets-In for the bucket
// the request was counted on. When a bucket is empty Toggl answers 402.

export type Priority = "interactive" | "background";
export type QuotaBucketKind = "organization" | "user";

/** What one response (or /me/quota) said about a bucket. */
export interface QuotaObservation {
  bucket: QuotaBucketKind;
  /** For organization buckets, when known (the client learns workspace → organization). */
  organizationId?: string;
  /** The workspace the request named, for organization buckets. */
  workspaceId?: string;
  remaining: number;
  resetsInSeconds: number | null;
  /** /me/quota tells the bucket size; otherwise it is learned from the remaining counts (bucketSizeAtLeast). */
  total?: number;
  observedAt: number;
  /** Set when Toggl answered 402 for an exhausted quota: nothing goes out before this. */
  pausedUntil?: number;
}

/** Our view of one bucket of one token. */
export interface BucketState {
  remaining: number | null;
  total: number | null;
  resetsAt: number | null;
  pausedUntil: number | null;
  observedAt: number;
}

export type BudgetDecision =
  { ok: true } | { ok: false; reason: "exhausted" | "paused" | "reserve"; retryAfterSeconds: number };

/** Stable key of a bucket: "user", the organization id, or "workspace:<id>" when the org is unknown. */
export function bucketKey(o: { bucket: QuotaBucketKind; organizationId?: string; workspaceId?: string }): string {
  if (o.bucket === "user") return "user";
  if (o.organizationId) return o.organizationId;
  return o.workspaceId ? `workspace:${o.workspaceId}` : "organization";
}

/**
 * Which bucket a request path is counted on. Our choice: every Track v9 path under /me (/me,
 * /me/workspaces, /me/organizations, /me/quota, /me/time_entries…) is user-level — none of them
 * names a workspace or organization, and Toggl's rule is that organization-specific requests are
 * those aimed at a workspace or organization. Everything else (/workspaces/…, /organizations/…,
 * reports, webhooks) is counted on the organization of the workspace in the path.
 */
export function bucketForPath(path: string): QuotaBucketKind {
  return /^\/api\/v9\/me(\/|$|\?)/.test(path) ? "user" : "organization";
}

/** Reads the two quota headers; null when the response carried neither. */
export function parseQuotaHeaders(headers: Headers): { remaining: number; resetsInSeconds: number | null } | null {
  const remaining = toInt(headers.get("x-toggl-quota-remaining"));
  if (remaining === null) return null;
  return { remaining, resetsInSeconds: toInt(headers.get("x-toggl-quota-resets-in")) };
}

function toInt(v: string | null): number | null {
  if (v === null || !/^\s*-?\d+(\.\d+)?\s*$/.test(v)) return null;
  return Math.trunc(Number(v));
}

/**
 * A 402 means either "hourly quota used up" or "feature not in this plan". The quota header tells:
 * remaining ≤ 0 is the quota. Without the header, fall back on the wording of the message.
 */
export function classify402(remaining: number | null, message: string | undefined): "quota" | "plan" {
  if (remaining !== null) return remaining <= 0 ? "quota" : "plan";
  return message && /quota|requests/i.test(message) ? "quota" : "plan";
}

/** Toggl's hourly bucket sizes by plan (user bucket: 30). */
const BUCKET_SIZES = [30, 240, 600] as const;

/**
 * The bucket size the quota headers prove: a bucket never holds more than its size, so the smallest
 * plan size that fits the largest `remaining` seen (or that count itself beyond every plan). Never
 * shrinks what was learned before.
 */
export function bucketSizeAtLeast(remaining: number, known: number | null): number | null {
  const fits = remaining <= 0 ? null : (BUCKET_SIZES.find((size) => size >= remaining) ?? remaining);
  if (fits === null) return known;
  return Math.max(fits, known ?? 0);
}

/** Requests kept for interactive timer starts/stops: max(3, 10% of the bucket). */
export function interactiveReserve(total: number | null): number {
  return Math.max(3, total ? Math.ceil(total * 0.1) : 0);
}

/** Fallback wait when Toggl did not say when a bucket resets. */
const UNKNOWN_RESET_SECONDS = 60;

/** The bucket as of `now`: a window that has reset is full again and its pause is over. */
export function currentState(state: BucketState | undefined, now: number): BucketState | undefined {
  if (!state) return undefined;
  let s = state;
  if (s.resetsAt !== null && now >= s.resetsAt) s = { ...s, remaining: s.total, resetsAt: null };
  if (s.pausedUntil !== null && now >= s.pausedUntil) s = { ...s, pausedUntil: null };
  return s;
}

/**
 * May a request of this priority go out on this bucket now? Background work stops while the
 * bucket is paused and never spends the interactive reserve. Interactive calls are refused only
 * after Toggl itself said the quota is used up (a 402 pause with nothing left): a negative
 * remaining alone is not enough, since Toggl lets it go negative while it does not enforce.
 */
export function checkBudget(state: BucketState | undefined, priority: Priority, now: number): BudgetDecision {
  const s = currentState(state, now);
  if (!s) return { ok: true };
  const untilReset = s.resetsAt !== null ? secondsUntil(s.resetsAt, now) : UNKNOWN_RESET_SECONDS;
  const empty = s.remaining !== null && s.remaining <= 0;
  if (s.pausedUntil !== null) {
    const retryAfterSeconds = secondsUntil(s.pausedUntil, now);
    if (empty) return { ok: false, reason: "exhausted", retryAfterSeconds };
    if (priority === "background") return { ok: false, reason: "paused", retryAfterSeconds };
    return { ok: true };
  }
  if (priority === "interactive") return { ok: true };
  if (s.remaining !== null && s.remaining <= interactiveReserve(s.total)) {
    return { ok: false, reason: empty ? "exhausted" : "reserve", retryAfterSeconds: untilReset };
  }
  return { ok: true };
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/** Folds an observation into the bucket state. */
export function applyObservation(state: BucketState | undefined, o: QuotaObservation): BucketState {
  const prev = currentState(state, o.observedAt);
  const resetsAt = o.resetsInSeconds !== null ? o.observedAt + o.resetsInSeconds * 1000 : (prev?.resetsAt ?? null);
  const pausedUntil = Math.max(o.pausedUntil ?? 0, prev?.pausedUntil ?? 0) || null;
  return {
    remaining: o.remaining,
    total: o.total ?? bucketSizeAtLeast(o.remaining, prev?.total ?? null),
    resetsAt,
    pausedUntil,
    observedAt: o.observedAt,
  };
}

/** Background work on a bucket waits until `until` (after a 402 quota or persistent 429). */
function pauseBucket(state: BucketState | undefined, until: number, now: number): BucketState {
  const s = currentState(state, now);
  return {
    remaining: s?.remaining ?? null,
    total: s?.total ?? null,
    resetsAt: s?.resetsAt ?? null,
    pausedUntil: Math.max(until, s?.pausedUntil ?? 0),
    observedAt: now,
  };
}

/**
 * What the client consults before each request and tells after each response. `take` decides and
 * spends one request in one step, so concurrent users of one budget cannot both take the last one.
 */
export interface BudgetGuard {
  take(key: string, priority: Priority, now: number): BudgetDecision | Promise<BudgetDecision>;
  /** The request taken on `key` was answered (`o`: what its quota headers said) or failed without an answer (null). */
  settle(key: string, o: QuotaObservation | null): unknown;
  /** What Toggl said about a bucket outside a request taken on it (/me/quota). */
  observe(o: QuotaObservation): unknown;
  pause(key: string, until: number, now: number): unknown;
}

/** In-memory budget for one token, per bucket key (one process; D1's SharedQuotaBudget is shared). */
export class QuotaBudget implements BudgetGuard {
  private readonly buckets = new Map<string, BucketState>();

  constructor(initial: Record<string, BucketState> = {}) {
    for (const [k, v] of Object.entries(initial)) this.buckets.set(k, v);
  }

  state(key: string): BucketState | undefined {
    return this.buckets.get(key);
  }

  check(key: string, priority: Priority, now: number): BudgetDecision {
    return checkBudget(this.buckets.get(key), priority, now);
  }

  take(key: string, priority: Priority, now: number): BudgetDecision {
    const decision = this.check(key, priority, now);
    const s = currentState(this.buckets.get(key), now);
    if (decision.ok && s && s.remaining !== null) this.buckets.set(key, { ...s, remaining: s.remaining - 1 });
    return decision;
  }

  settle(_key: string, o: QuotaObservation | null): void {
    if (o) this.observe(o);
  }

  observe(o: QuotaObservation): BucketState {
    const key = bucketKey(o);
    const next = applyObservation(this.buckets.get(key), o);
    this.buckets.set(key, next);
    return next;
  }

  pause(key: string, until: number, now: number): BucketState {
    const next = pauseBucket(this.buckets.get(key), until, now);
    this.buckets.set(key, next);
    return next;
  }

  snapshot(): Record<string, BucketState> {
    return Object.fromEntries(this.buckets);
  }
}
