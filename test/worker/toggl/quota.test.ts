import { describe, expect, it } from "vitest";
import {
  applyObservation,
  bucketForPath,
  bucketKey,
  checkBudget,
  classify402,
  interactiveReserve,
  parseQuotaHeaders,
  QuotaBudget,
  type BucketState,
} from "../../../worker/toggl/quota";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const bucket = (b: Partial<BucketState>): BucketState => ({
  remaining: null,
  total: null,
  resetsAt: null,
  pausedUntil: null,
  observedAt: T0,
  ...b,
});

describe("quota arithmetic", () => {
  it("reads the quota headers, and nothing when they are absent", () => {
    expect(
      parseQuotaHeaders(new Headers({ "X-Toggl-Quota-Remaining": "27", "X-Toggl-Quota-Resets-In": "1800" })),
    ).toEqual({
      remaining: 27,
      resetsInSeconds: 1800,
    });
    expect(parseQuotaHeaders(new Headers({ "X-Toggl-Quota-Remaining": "-3" }))).toEqual({
      remaining: -3,
      resetsInSeconds: null,
    });
    expect(parseQuotaHeaders(new Headers())).toBeNull();
    expect(parseQuotaHeaders(new Headers({ "X-Toggl-Quota-Remaining": "lots" }))).toBeNull();
  });

  it("tells a 402 for exhausted quota from a 402 for a missing plan feature", () => {
    expect(classify402(0, "anything")).toBe("quota");
    expect(classify402(-2, undefined)).toBe("quota");
    expect(classify402(12, "Workspace needs to have this feature enabled")).toBe("plan");
    expect(classify402(null, "Workspace needs to have this feature enabled")).toBe("plan");
    expect(classify402(null, "Quota exceeded: You've used 30 / 30 requests")).toBe("quota");
  });

  it("counts /me paths on the user bucket and everything else on the organization", () => {
    expect(bucketForPath("/api/v9/me")).toBe("user");
    expect(bucketForPath("/api/v9/me/time_entries/current")).toBe("user");
    expect(bucketForPath("/api/v9/members")).toBe("organization");
    expect(bucketForPath("/api/v9/workspaces/1/projects")).toBe("organization");
    expect(bucketForPath("/reports/api/v3/workspace/1/search/time_entries")).toBe("organization");
    expect(bucketForPath("/webhooks/api/v1/subscriptions/1")).toBe("organization");
    expect(bucketKey({ bucket: "user", organizationId: "5" })).toBe("user");
    expect(bucketKey({ bucket: "organization", organizationId: "5", workspaceId: "9" })).toBe("5");
    expect(bucketKey({ bucket: "organization", workspaceId: "9" })).toBe("workspace:9");
  });

  it("reserves max(3, 10%) of a bucket for interactive calls", () => {
    expect(interactiveReserve(30)).toBe(3);
    expect(interactiveReserve(240)).toBe(24);
    expect(interactiveReserve(600)).toBe(60);
    expect(interactiveReserve(null)).toBe(3);
  });

  it("keeps background work off the interactive reserve while interactive calls go through", () => {
    const s = bucket({ remaining: 24, total: 240, resetsAt: T0 + 600_000 });
    expect(checkBudget(s, "background", T0)).toEqual({ ok: false, reason: "reserve", retryAfterSeconds: 600 });
    expect(checkBudget(s, "interactive", T0)).toEqual({ ok: true });
    expect(checkBudget({ ...s, remaining: 25 }, "background", T0)).toEqual({ ok: true });
    // Once the window has reset the bucket is full again.
    expect(checkBudget(s, "background", T0 + 600_000)).toEqual({ ok: true });
  });

  it("stops everything on an empty bucket, and background work while paused, until the reset", () => {
    // After Toggl's 402: nothing goes out until the reset.
    const empty = bucket({ remaining: 0, total: 30, resetsAt: T0 + 90_000, pausedUntil: T0 + 90_000 });
    expect(checkBudget(empty, "interactive", T0)).toEqual({ ok: false, reason: "exhausted", retryAfterSeconds: 90 });
    expect(checkBudget(empty, "background", T0 + 89_500)).toEqual({
      ok: false,
      reason: "exhausted",
      retryAfterSeconds: 1,
    });
    expect(checkBudget(empty, "background", T0 + 90_000)).toEqual({ ok: true });
    expect(checkBudget(empty, "interactive", T0 + 90_000)).toEqual({ ok: true });

    // Negative without a 402 (Toggl not enforcing): background waits, interactive may try.
    const negative = bucket({ remaining: -4, total: 30, resetsAt: T0 + 50_000 });
    expect(checkBudget(negative, "background", T0)).toEqual({ ok: false, reason: "exhausted", retryAfterSeconds: 50 });
    expect(checkBudget(negative, "interactive", T0)).toEqual({ ok: true });

    const paused = bucket({ remaining: 100, pausedUntil: T0 + 30_000 });
    expect(checkBudget(paused, "background", T0)).toEqual({ ok: false, reason: "paused", retryAfterSeconds: 30 });
    expect(checkBudget(paused, "interactive", T0)).toEqual({ ok: true });
    expect(checkBudget(paused, "background", T0 + 30_000)).toEqual({ ok: true });
    expect(checkBudget(undefined, "background", T0)).toEqual({ ok: true });
  });

  it("folds observations in, keeping the bucket size and the longest pause", () => {
    let s = applyObservation(undefined, {
      bucket: "organization",
      organizationId: "7",
      remaining: 200,
      resetsInSeconds: 60,
      total: 240,
      observedAt: T0,
    });
    expect(s).toEqual({ remaining: 200, total: 240, resetsAt: T0 + 60_000, pausedUntil: null, observedAt: T0 });
    s = applyObservation(s, {
      bucket: "organization",
      organizationId: "7",
      remaining: 0,
      resetsInSeconds: 50,
      observedAt: T0 + 10_000,
      pausedUntil: T0 + 60_000,
    });
    expect(s).toMatchObject({ remaining: 0, total: 240, resetsAt: T0 + 60_000, pausedUntil: T0 + 60_000 });
    s = applyObservation(s, {
      bucket: "organization",
      organizationId: "7",
      remaining: 0,
      resetsInSeconds: 49,
      observedAt: T0 + 11_000,
    });
    expect(s.pausedUntil).toBe(T0 + 60_000);

    const budget = new QuotaBudget();
    budget.observe({ bucket: "user", remaining: 2, resetsInSeconds: 100, observedAt: T0 });
    expect(budget.check("user", "background", T0)).toMatchObject({ ok: false, reason: "reserve" });
    expect(budget.check("user", "interactive", T0)).toEqual({ ok: true });
    budget.pause("user", T0 + 5000, T0);
    expect(budget.snapshot().user).toMatchObject({ remaining: 2, pausedUntil: T0 + 5000 });
  });
});
