// The caller's totals for today and this week, in their own time zone and from their own first day
// of the week (both from Toggl's /me at sign-in), the running timer included. From D1 only.
import { and, eq, gt, lt } from "drizzle-orm";
import type { Summary } from "../../../shared/contract";
import { runningEntries, timeLogs, togglCredentials, users } from "../../db/schema";
import type { Caller, Db } from "../../env";

const DAY_MS = 86_400_000;

/** True when the runtime knows the IANA zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "YYYY-MM-DD" of an instant in a zone. */
function dateIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(ms),
  );
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant a day ("YYYY-MM-DD") starts in a zone (daylight-saving days included). */
export function startOfDay(date: string, timeZone: string): number {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const guess = midnightUtc - offsetAt(midnightUtc, timeZone);
  return midnightUtc - offsetAt(guess, timeZone);
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The seven dates of the week holding `today`, starting on `weekStartsOn` (0 Sunday … 6 Saturday). */
export function weekOf(today: string, weekStartsOn: number): string[] {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const first = addDays(today, -((weekday - weekStartsOn + 7) % 7));
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/**
 * Pure: seconds per day of the week holding `now`, from finished intervals and a running one
 * (counted up to `now`); an interval across midnight is split between its days.
 */
export function summarize(
  intervals: readonly { start: number; stop: number }[],
  runningSince: number | null,
  now: number,
  timeZone: string,
  weekStartsOn: number,
): Omit<Summary, "asOf" | "runningSince" | "timeZone"> {
  const today = dateIn(now, timeZone);
  const dates = weekOf(today, weekStartsOn);
  const bounds = [...dates, addDays(dates[6] ?? today, 1)].map((d) => startOfDay(d, timeZone));
  const all =
    runningSince !== null && runningSince < now ? [...intervals, { start: runningSince, stop: now }] : intervals;
  const days = dates.map((date, i) => {
    const from = bounds[i] ?? 0;
    const to = bounds[i + 1] ?? 0;
    let ms = 0;
    for (const { start, stop } of all) ms += Math.max(0, Math.min(stop, to) - Math.max(start, from));
    return { date, seconds: Math.round(ms / 1000) };
  });
  return {
    today,
    todaySeconds: days.find((d) => d.date === today)?.seconds ?? 0,
    weekSeconds: days.reduce((n, d) => n + d.seconds, 0),
    days,
  };
}

/** GET /api/summary for the caller. `fallbackZone` (the browser's) counts only when Toggl told none. */
export async function summaryFor(
  db: Db,
  caller: Caller,
  fallbackZone: string | undefined,
  now = new Date(),
): Promise<Summary> {
  const who = await db
    .select({
      togglUserId: users.togglUserId,
      timeZone: togglCredentials.timezone,
      weekStartsOn: togglCredentials.beginningOfWeek,
    })
    .from(users)
    .leftJoin(togglCredentials, eq(togglCredentials.personId, caller.personId))
    .where(and(eq(users.accountId, caller.accountId), eq(users.id, caller.userId)))
    .get();
  const timeZone = [who?.timeZone, fallbackZone].find((z): z is string => !!z && isTimeZone(z)) ?? "UTC";
  const weekStartsOn = who?.weekStartsOn ?? 1;
  const ms = now.getTime();
  const dates = weekOf(dateIn(ms, timeZone), weekStartsOn);
  const from = new Date(startOfDay(dates[0] ?? dateIn(ms, timeZone), timeZone));
  const to = new Date(from.getTime() + 8 * DAY_MS);

  const [logs, running] = await Promise.all([
    db
      .select({ start: timeLogs.start, stop: timeLogs.stop })
      .from(timeLogs)
      .where(
        and(
          eq(timeLogs.accountId, caller.accountId),
          eq(timeLogs.userId, caller.userId),
          eq(timeLogs.deletedInToggl, false),
          lt(timeLogs.start, to),
          gt(timeLogs.stop, from),
        ),
      )
      .all(),
    who?.togglUserId
      ? db
          .select({ start: runningEntries.start })
          .from(runningEntries)
          .where(and(eq(runningEntries.accountId, caller.accountId), eq(runningEntries.togglUserId, who.togglUserId)))
          .get()
      : undefined,
  ]);
  const runningSince = running ? running.start.getTime() : null;
  const totals = summarize(
    logs.map((l) => ({ start: l.start.getTime(), stop: l.stop.getTime() })),
    runningSince,
    ms,
    timeZone,
    weekStartsOn,
  );
  return {
    timeZone,
    ...totals,
    runningSince: runningSince === null ? null : new Date(runningSince).toISOString(),
    asOf: now.toISOString(),
  };
}
