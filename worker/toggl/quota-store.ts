// The quota budget of a Toggl credential, kept in D1 (quota_budgets: one row per credential and
// bucket) so that every invocation — cron, queue consumer, API request — sees what Toggl last said.
// A credential is a person's: the accounts they work in share its budget, as Toggl counts it.
// Every client of the credential (cron, up to five queue consumers at once, API requests) takes
// its requests from the same D1 row with one atomic statement: there is no in-memory copy to
// overspend, and background work never takes the interactive reserve.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../env";
import { quotaBudgets } from "../db/schema";
import {
  bucketKey,
  bucketSizeAtLeast,
  checkBudget,
  currentState,
  QuotaBudget,
  type BucketState,
  type BudgetDecision,
  type BudgetGuard,
  type Priority,
  type QuotaObservation,
} from "./quota";
import { nowMs } from "../clock";

/** Stored bucket states of a credential, by bucket key ("user" or an organization id). */
async function loadBuckets(db: Db, credentialId: string): Promise<Record<string, BucketState>> {
  const rows = await db.select().from(quotaBudgets).where(eq(quotaBudgets.credentialId, credentialId));
  const out: Record<string, BucketState> = {};
  for (const r of rows) {
    out[r.bucket] = {
      remaining: r.remaining,
      total: r.total,
      resetsAt: r.resetsAt?.getTime() ?? null,
      pausedUntil: r.pausedUntil?.getTime() ?? null,
      observedAt: r.observedAt.getTime(),
    };
  }
  return out;
}

/** The guard for a credential's client, built from what D1 holds. */
export async function loadBudget(db: Db, credentialId: string): Promise<QuotaBudget> {
  return new QuotaBudget(await loadBuckets(db, credentialId));
}

/**
 * Persists one observation (upsert per credential and bucket; a 402 pause is kept). `answered`:
 * the observation is the answer to a request taken on this bucket, which is no longer in flight.
 * Requests still in flight may not be in Toggl's count yet: they are kept off what is left.
 */
export async function recordQuota(db: Db, credentialId: string, o: QuotaObservation, answered = false): Promise<void> {
  const stillInFlight = answered ? sql`max(0, ${quotaBudgets.inFlight} - 1)` : sql`${quotaBudgets.inFlight}`;
  const resetsAt = o.resetsInSeconds !== null ? new Date(o.observedAt + o.resetsInSeconds * 1000) : null;
  const pausedUntil = o.pausedUntil !== undefined ? new Date(o.pausedUntil) : null;
  await db
    .insert(quotaBudgets)
    .values({
      credentialId,
      bucket: bucketKey(o),
      remaining: o.remaining,
      total: o.total ?? bucketSizeAtLeast(o.remaining, null),
      resetsAt,
      observedAt: new Date(o.observedAt),
      pausedUntil,
    })
    .onConflictDoUpdate({
      target: [quotaBudgets.credentialId, quotaBudgets.bucket],
      set: {
        remaining: sql`${o.remaining} - ${stillInFlight}`,
        inFlight: stillInFlight,
        // Told by /me/quota, or learned from the headers (never smaller than learned before).
        total:
          o.total !== undefined
            ? o.total
            : sql`nullif(max(coalesce(excluded.total, 0), coalesce(${quotaBudgets.total}, 0)), 0)`,
        resetsAt: sql`coalesce(excluded.resets_at, ${quotaBudgets.resetsAt})`,
        observedAt: new Date(o.observedAt),
        pausedUntil: sql`nullif(max(coalesce(excluded.paused_until, 0), coalesce(${quotaBudgets.pausedUntil}, 0)), 0)`,
      },
    });
}

/**
 * The D1-backed guard of one credential. `take` is one UPDATE … RETURNING: it decides against the
 * stored bucket and spends one request in the same statement (a window that has reset counts as
 * full again, an ended pause as lifted). Toggl's next answer then overwrites `remaining` with its
 * own count.
 */
export class SharedQuotaBudget implements BudgetGuard {
  constructor(
    private readonly db: Db,
    private readonly credentialId: string,
  ) {}

  async take(key: string, priority: Priority, now: number): Promise<BudgetDecision> {
    const t = quotaBudgets;
    const reset = sql`(${t.resetsAt} is not null and ${t.resetsAt} <= ${now})`;
    const remaining = sql`(case when ${reset} then ${t.total} else ${t.remaining} end)`;
    const paused = sql`(${t.pausedUntil} is not null and ${t.pausedUntil} > ${now})`;
    // interactiveReserve(total) in SQL: max(3, ceil(total / 10)).
    const reserve = sql`max(3, (coalesce(${t.total}, 0) + 9) / 10)`;
    const allowed =
      priority === "background"
        ? sql`not ${paused} and (${remaining} is null or ${remaining} > ${reserve})`
        : sql`not (${paused} and ${remaining} is not null and ${remaining} <= 0)`;
    const taken = await this.db
      .update(t)
      .set({
        remaining: sql`${remaining} - 1`,
        // A reset window also forgets requests that never settled (an invocation cut off mid-request).
        inFlight: sql`case when ${reset} then 1 else ${t.inFlight} + 1 end`,
        resetsAt: sql`case when ${reset} then null else ${t.resetsAt} end`,
        pausedUntil: sql`case when ${paused} then ${t.pausedUntil} else null end`,
      })
      .where(and(eq(t.credentialId, this.credentialId), eq(t.bucket, key), allowed))
      .returning({ remaining: t.remaining });
    if (taken.length > 0) return { ok: true };
    // Refused, or nothing known about this bucket yet (then the first answer teaches us).
    return checkBudget((await loadBuckets(this.db, this.credentialId))[key], priority, now);
  }

  async settle(key: string, o: QuotaObservation | null): Promise<void> {
    if (o) return recordQuota(this.db, this.credentialId, o, true);
    await this.db
      .update(quotaBudgets)
      .set({ inFlight: sql`max(0, ${quotaBudgets.inFlight} - 1)` })
      .where(and(eq(quotaBudgets.credentialId, this.credentialId), eq(quotaBudgets.bucket, key)));
  }

  observe(o: QuotaObservation): Promise<void> {
    return recordQuota(this.db, this.credentialId, o);
  }

  async pause(key: string, until: number, now: number): Promise<void> {
    await this.db
      .insert(quotaBudgets)
      .values({
        credentialId: this.credentialId,
        bucket: key,
        remaining: null,
        observedAt: new Date(now),
        pausedUntil: new Date(until),
      })
      .onConflictDoUpdate({
        target: [quotaBudgets.credentialId, quotaBudgets.bucket],
        set: { pausedUntil: sql`max(coalesce(${quotaBudgets.pausedUntil}, 0), ${until})` },
      });
  }
}

/** Options to spread into `new TogglClient({...})`: the credential's shared D1 guard. */
export function quotaTracking(db: Db, credentialId: string): { budget: SharedQuotaBudget } {
  return { budget: new SharedQuotaBudget(db, credentialId) };
}

/** What a connection shows: remaining requests and when the bucket resets (null when unknown). */
export async function quotaSummary(
  db: Db,
  credentialId: string,
  bucket: string,
  now = nowMs(),
): Promise<{ remaining: number | null; resetsAt: Date | null; pausedUntil: Date | null }> {
  const s = currentState((await loadBuckets(db, credentialId))[bucket], now);
  return {
    remaining: s?.remaining ?? null,
    resetsAt: s?.resetsAt ? new Date(s.resetsAt) : null,
    pausedUntil: s?.pausedUntil ? new Date(s.pausedUntil) : null,
  };
}
