import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../worker/db/client";
import { persons, quotaBudgets, togglCredentials } from "../../../worker/db/schema";
import { loadBudget, quotaSummary, quotaTracking, recordQuota } from "../../../worker/toggl/quota-store";

const db = getDb(env.DB);
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A person's credential (the budget is the person's, whichever accounts they work in). */
async function credential(): Promise<string> {
  const personId = crypto.randomUUID();
  const credentialId = crypto.randomUUID();
  const togglUserId = String(9_000_000_000 + Math.floor(Math.random() * 1e9));
  await db.batch([
    db.insert(persons).values({ id: personId, togglUserId }),
    db.insert(togglCredentials).values({ id: credentialId, personId, togglUserId, tokenCiphertext: "x" }),
  ]);
  return credentialId;
}

describe("quota budget in D1", () => {
  it("stores one row per credential and bucket, and rebuilds the guard from it", async () => {
    const ref = await credential();
    await recordQuota(db, ref, { bucket: "user", remaining: 27, resetsInSeconds: 1800, total: 30, observedAt: T0 });
    await recordQuota(db, ref, {
      bucket: "organization",
      organizationId: "8364520",
      remaining: 30,
      resetsInSeconds: 100,
      observedAt: T0,
    });
    await recordQuota(db, ref, {
      bucket: "organization",
      organizationId: "8364520",
      remaining: 20,
      resetsInSeconds: 90,
      observedAt: T0 + 10_000,
    });

    const rows = await db.select().from(quotaBudgets).all();
    const mine = rows.filter((r) => r.credentialId === ref).sort((a, b) => a.bucket.localeCompare(b.bucket));
    expect(mine.map((r) => [r.bucket, r.remaining, r.total, r.resetsAt?.getTime()])).toEqual([
      ["8364520", 20, null, T0 + 100_000],
      ["user", 27, 30, T0 + 1_800_000],
    ]);

    const budget = await loadBudget(db, ref);
    // 20 left, unknown size → reserve 3: background may still go.
    expect(budget.check("8364520", "background", T0 + 11_000)).toEqual({ ok: true });
    await recordQuota(db, ref, {
      bucket: "organization",
      organizationId: "8364520",
      remaining: 3,
      resetsInSeconds: 80,
      observedAt: T0 + 20_000,
    });
    const later = await loadBudget(db, ref);
    expect(later.check("8364520", "background", T0 + 21_000)).toEqual({
      ok: false,
      reason: "reserve",
      retryAfterSeconds: 79,
    });
    expect(later.check("8364520", "interactive", T0 + 21_000)).toEqual({ ok: true });
  });

  it("keeps a 402 pause until it ends, even when later observations carry none", async () => {
    const ref = await credential();
    const { onQuota } = await quotaTracking(db, ref);
    await onQuota({
      bucket: "organization",
      organizationId: "42",
      remaining: 0,
      resetsInSeconds: 600,
      observedAt: T0,
      pausedUntil: T0 + 600_000,
    });
    await onQuota({
      bucket: "organization",
      organizationId: "42",
      remaining: 5,
      resetsInSeconds: 590,
      observedAt: T0 + 10_000,
    });

    const budget = await loadBudget(db, ref);
    expect(budget.check("42", "background", T0 + 10_000)).toEqual({
      ok: false,
      reason: "paused",
      retryAfterSeconds: 590,
    });
    expect(budget.check("42", "background", T0 + 600_000)).toEqual({ ok: true });
    expect(await quotaSummary(db, ref, "42", T0 + 10_000)).toEqual({
      remaining: 5,
      resetsAt: new Date(T0 + 600_000),
      pausedUntil: new Date(T0 + 600_000),
    });
  });

  it("keeps each person's budget apart from everyone else's", async () => {
    const a = await credential();
    const b = await credential();
    await recordQuota(db, a, { bucket: "user", remaining: 11, resetsInSeconds: 60, observedAt: T0 });
    await recordQuota(db, b, { bucket: "user", remaining: 2, resetsInSeconds: 60, observedAt: T0 });
    expect((await loadBudget(db, a)).snapshot().user?.remaining).toBe(11);
    expect((await loadBudget(db, b)).snapshot().user?.remaining).toBe(2);
  });
});
