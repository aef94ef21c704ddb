// What people type for times, read in the browser's local time: "09:10" or "9.10" (a clock time)
// and "-10 min", "−1 h 30 min", "-90m" (that long before now). Pure: the clock is passed in.

export interface Clock {
  hours: number;
  minutes: number;
}

/** "09:10", "9:10", "9.10", "0910" → 9:10; null when it is not a time of day. */
export function parseClock(text: string): Clock | null {
  const m = /^\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? 0);
  return hours < 24 && minutes < 60 ? { hours, minutes } : null;
}

/** "-10 min", "−1 h 30 min", "-1h30", "-90m" → minutes (positive); null otherwise. */
export function parseMinutesAgo(text: string): number | null {
  const m = /^\s*[-−–]\s*(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*(?:m|min|mins|minutes?)?)?\s*$/i.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/** "YYYY-MM-DD" of a local day. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "HH:MM" of an instant in local time. */
export function localClock(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The local instant of a clock time on a local day. */
function atClock(date: string, clock: Clock): Date {
  const [y, mo, d] = date.split("-").map(Number);
  return new Date(y ?? 1970, (mo ?? 1) - 1, d ?? 1, clock.hours, clock.minutes);
}

/**
 * A new start for a running timer: "09:10" is today at 09:10 (yesterday when that is still to
 * come), "-10 min" is ten minutes ago. Null when the text is neither.
 */
export function parseStart(text: string, now: Date): Date | null {
  const ago = parseMinutesAgo(text);
  if (ago !== null) return new Date(now.getTime() - ago * 60_000);
  const clock = parseClock(text);
  if (!clock) return null;
  const today = atClock(localDate(now), clock);
  return today.getTime() > now.getTime() ? new Date(today.getTime() - 86_400_000) : today;
}

/**
 * A finished entry from a day and two clock times; a "to" before "from" ends the next day.
 * A sentence for the person when something does not read.
 */
export function parseSpan(date: string, from: string, to: string): { start: Date; stop: Date } | string {
  const a = parseClock(from);
  const b = parseClock(to);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return "Pick a day.";
  if (!a) return "Enter when it started, e.g. 09:10.";
  if (!b) return "Enter when it ended, e.g. 10:40.";
  const start = atClock(date, a);
  let stop = atClock(date, b);
  if (stop.getTime() <= start.getTime()) stop = new Date(stop.getTime() + 86_400_000);
  return { start, stop };
}
