// GET /api/summary and its pure rules: days cut in the person's own time zone, the week from
// their own first day, the running timer counted, another person's time never.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Summary } from "../../../shared/contract";
import { togglCredentials } from "../../../worker/db/schema";
import { startOfDay, summarize, weekOf } from "../../../worker/features/time-logs/summary";
import { db } from "../support/accounts";
import { call } from "../support/http";
import { studio } from "../timer/support";

const H = 3_600_000;

describe("summary rules", () => {
  it("starts the week on the person's first day", () => {
    expect(weekOf("2026-12-02", 1)[0]).toBe("2026-11-30"); // Wednesday → Monday
    expect(weekOf("2026-12-02", 0)[0]).toBe("2026-11-29"); // → Sunday
    expect(weekOf("2026-11-29", 1)).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
    ]);
  });

  it("finds midnight in a zone, on daylight-saving days too", () => {
    expect(new Date(startOfDay("2026-12-02", "Europe/Helsinki")).toISOString()).toBe("2026-12-01T22:00:00.000Z");
    expect(new Date(startOfDay("2026-07-02", "America/New_York")).toISOString()).toBe("2026-07-02T04:00:00.000Z");
    expect(new Date(startOfDay("2026-03-29", "Europe/Berlin")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });

  it("splits an entry across midnight in the person's zone and counts the running one up to now", () => {
    const now = Date.parse("2026-12-02T10:00:00Z"); // noon in Helsinki, a Wednesday
    const s = summarize(
      [
        { start: Date.parse("2026-12-01T21:00:00Z"), stop: Date.parse("2026-12-01T23:00:00Z") }, // 23:00–01:00 local
        { start: Date.parse("2026-11-29T08:00:00Z"), stop: Date.parse("2026-11-29T09:00:00Z") }, // last week (Sunday)
      ],
      Date.parse("2026-12-02T09:30:00Z"),
      now,
      "Europe/Helsinki",
      1,
    );
    expect(s.today).toBe("2026-12-02");
    expect(s.days.map((d) => d.seconds / 3600)).toEqual([0, 1, 1.5, 0, 0, 0, 0]);
    expect(s.todaySeconds).toBe(1.5 * 3600);
    expect(s.weekSeconds).toBe(2.5 * 3600);
  });
});

describe("GET /api/summary", () => {
  it("answers the caller's today and week with a per-day breakdown, running timer included", async () => {
    const s = await studio();
    const start = new Date(Date.now() - 2 * H).toISOString();
    const stop = new Date(Date.now() - H).toISOString();
    expect(
      (await call("POST", "/api/time-entries", s.ann.headers, { workspaceId: s.tree.workspaceId, start, stop })).status,
    ).toBe(201);
    // Someone else's time does not count.
    await call("POST", "/api/time-entries", s.owner.headers, { workspaceId: s.tree.workspaceId, start, stop });

    const before = await call<Summary>("GET", "/api/summary", s.ann.headers);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ timeZone: "UTC", runningSince: null });
    expect(before.body.days).toHaveLength(7);
    // The hour counts where it overlaps this week (the week may have begun within the last two hours).
    const weekStart = startOfDay(weekOf(before.body.today, 1)[0]!, "UTC");
    expect(before.body.weekSeconds).toBe(
      Math.max(0, Math.round((Date.parse(stop) - Math.max(Date.parse(start), weekStart)) / 1000)),
    );
    expect(before.body.days.reduce((n, d) => n + d.seconds, 0)).toBe(before.body.weekSeconds);

    const started = await call("POST", "/api/timer/start", s.ann.headers, {
      workspaceId: s.tree.workspaceId,
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    expect(started.status).toBe(201);
    const during = await call<Summary>("GET", "/api/summary", s.ann.headers);
    expect(during.body.runningSince).not.toBeNull();
    expect(during.body.weekSeconds - before.body.weekSeconds).toBeGreaterThanOrEqual(600 - 2);

    await call("DELETE", "/api/timer", s.ann.headers);
    const after = await call<Summary>("GET", "/api/summary", s.ann.headers);
    expect(after.body.runningSince).toBeNull();
    expect(after.body.weekSeconds).toBe(before.body.weekSeconds);
  });

  it("cuts days in the person's Toggl time zone, the browser's only as a fallback", async () => {
    const s = await studio();
    await db()
      .update(togglCredentials)
      .set({ timezone: "Pacific/Kiritimati", beginningOfWeek: 0 })
      .where(eq(togglCredentials.personId, s.ann.personId));
    const res = await call<Summary>("GET", "/api/summary?timeZone=America/Los_Angeles", s.ann.headers);
    expect(res.body.timeZone).toBe("Pacific/Kiritimati");
    expect(res.body.today).toBe(
      new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date()),
    );
    expect(new Date(`${res.body.days[0]!.date}T00:00:00Z`).getUTCDay()).toBe(0);
    await db().update(togglCredentials).set({ timezone: null }).where(eq(togglCredentials.personId, s.ann.personId));
    expect((await call<Summary>("GET", "/api/summary?timeZone=America/Los_Angeles", s.ann.headers)).body.timeZone).toBe(
      "America/Los_Angeles",
    );
    expect((await call<Summary>("GET", "/api/summary?timeZone=Not/AZone", s.ann.headers)).body.timeZone).toBe("UTC");
  });

  it("needs a session", async () => {
    expect((await call("GET", "/api/summary")).status).toBe(401);
  });
});
