// Pure display helpers (time zone and clock passed in, so they are testable).
import type { BackfillProgress } from "../../shared/contract";

/** "0:07:05" style elapsed time between an ISO start and now. */
export function formatElapsed(startIso: string, now: number): string {
  const total = Math.max(0, Math.floor((now - Date.parse(startIso)) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/** Whole minutes elapsed, for the toolbar badge. */
function elapsedMinutes(startIso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(startIso)) / 60_000));
}

/** Badge text: "42m" under 100 minutes, then "3h" (the badge fits about four characters). */
export function badgeText(startIso: string | null, now: number): string {
  if (!startIso) return "";
  const m = elapsedMinutes(startIso, now);
  return m < 100 ? `${m}m` : `${Math.floor(m / 60)}h`;
}

/** "09:15–10:40" in the given (default: the browser's) time zone. */
export function formatRange(startIso: string, stopIso: string | null, timeZone?: string, locale?: string): string {
  const start = formatTime(startIso, timeZone, locale);
  return stopIso ? `${start}–${formatTime(stopIso, timeZone, locale)}` : `${start}–`;
}

/** "09:15" in the given (default: the browser's) time zone. */
export function formatTime(iso: string, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone }).format(
    new Date(iso),
  );
}

/** "Mon 24 Nov" in the given time zone: the day a Time Log belongs to. */
export function formatDay(iso: string, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone }).format(
    new Date(iso),
  );
}

/** "YYYY-MM-DD" of an instant in the given time zone, for grouping by day. */
export function dayKey(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(
    new Date(iso),
  );
}

/** "1:05" (hours:minutes) for totals. */
export function formatClock(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** "3 min ago" style, for last sync / last webhook. */
export function formatAgo(iso: string | null, now: number): string {
  if (!iso) return "never";
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/**
 * A connection's history backfill in words: "History 3 Nov–10 Nov: 340 entries imported, about
 * 2 pages left", "… paused until 14:05 (Toggl quota)", "… done". Null when none was asked for.
 */
export function formatBackfill(backfill: BackfillProgress | null, timeZone?: string, locale?: string): string | null {
  if (!backfill) return null;
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone }).format(new Date(iso));
  const entries = `${backfill.imported} ${backfill.imported === 1 ? "entry" : "entries"} imported`;
  const window = `History ${day(backfill.from)}–${day(backfill.to)}`;
  switch (backfill.state) {
    case "done":
      return `${window}: done, ${entries}`;
    case "failed":
      return `${window}: failed after ${entries}; Re-sync to try again`;
    case "waiting":
      return `${window}: waiting to start`;
    case "paused":
      return `${window}: ${entries}, paused until ${backfill.pausedUntil ? formatTime(backfill.pausedUntil, timeZone, locale) : "the quota resets"} (Toggl quota)`;
    case "running":
      return `${window}: ${entries}${
        backfill.pagesLeft === null
          ? ""
          : `, about ${backfill.pagesLeft} ${backfill.pagesLeft === 1 ? "page" : "pages"} left`
      }`;
  }
}

/** " (unlinked Tue, Nov 24)" for a connection unlinked before, to say which gap a reconnect can fill. */
export const formatSinceUnlink = (c: { unlinkedAt: string | null }): string =>
  c.unlinkedAt ? ` (unlinked ${formatDay(c.unlinkedAt)})` : "";
