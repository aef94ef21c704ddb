// The quota budget of a Toggl credential, kept in D1 (quota_budgets: one row per credential and
// bucket) so that every invocation — cron, queue consumer, API request — sees what Toggl last said.
// A credential is a person's: the accounts they work in share its budget, as Toggl counts it.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../env";
import { quotaBudgets } from "../db/schema";
import { bucketKey, currentState, QuotaBudget, type BucketState, type QuotaObservation } from "./quota";

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

/** Persists one observation (upsert per credential and bucket; a 402 pause is kept). */
export async function recordQuota(db: Db, credentialId: string, o: QuotaObservation): Promise<void> {
  const resetsAt = o.resetsInSeconds !== null ? new Date(o.observedAt + o.resetsInSeconds * 1000) : null;
  const pausedUntil = o.pausedUntil !== undefined ? new Date(o.pausedUntil) : null;
  await db
    .insert(quotaBudgets)
    .values({
      credentialId,
      bucket: bucketKey(o),
      remaining: o.remaining,
      total: o.total ?? null,
      resetsAt,
      observedAt: new Date(o.observedAt),
      pausedUntil,
    })
    .onConflictDoUpdate({
      target: [quotaBudgets.credentialId, quotaBudgets.bucket],
      set: {
        remaining: o.remaining,
        total: sql`coalesce(excluded.total, ${quotaBudgets.total})`,
        resetsAt: sql`coalesce(excluded.resets_at, ${quotaBudgets.resetsAt})`,
        observedAt: new Date(o.observedAt),
        pausedUntil: sql`nullif(max(coalesce(excluded.paused_until, 0), coalesce(${quotaBudgets.pausedUntil}, 0)), 0)`,
      },
    });
}

/** Options to spread into `new TogglClient({...})`: the D1-backed guard and its recorder. */
export async function quotaTracking(
  db: Db,
  credentialId: string,
): Promise<{ budget: QuotaBudget; onQuota: (o: QuotaObservation) => Promise<void> }> {
  return { budget: await loadBudget(db, credentialId), onQuota: (o) => recordQuota(db, credentialId, o) };
}

/** What a connection shows: remaining requests and when the bucket resets (null when unknown). */
export async function quotaSummary(
  db: Db,
  credentialId: string,
  bucket: string,
  now = Date.now(),
): Promise<{ remaining: number | null; resetsAt: Date | null; pausedUntil: Date | null }> {
  const s = currentState((await loadBuckets(db, credentialId))[bucket], now);
  return {
    remaining: s?.remaining ?? null,
    resetsAt: s?.resetsAt ? new Date(s.resetsAt) : null,
    pausedUntil: s?.pausedUntil ? new Date(s.pausedUntil) : null,
  };
}
