// Reminders to track time: when, by the person's own working hours in the browser's local time.
// Pure: the clock is passed in.

export interface ReminderSettings {
  enabled: boolean;
  /** Working days, 0 Sunday … 6 Saturday. */
  days: number[];
  /** "HH:MM", local. */
  from: string;
  to: string;
  everyMinutes: number;
}

export const DEFAULT_REMINDERS: ReminderSettings = {
  enabled: false,
  days: [1, 2, 3, 4, 5],
  from: "09:00",
  to: "17:00",
  everyMinutes: 30,
};

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Within the working hours of a working day ("to" before "from" runs past midnight). */
export function isWorkingTime(s: ReminderSettings, at: Date): boolean {
  const now = at.getHours() * 60 + at.getMinutes();
  const from = minutesOf(s.from);
  const to = minutesOf(s.to);
  if (from === to) return false;
  if (from < to) return s.days.includes(at.getDay()) && now >= from && now < to;
  // Overnight: the evening belongs to today, the small hours to the day before.
  if (now >= from) return s.days.includes(at.getDay());
  return now < to && s.days.includes((at.getDay() + 6) % 7);
}

/** Remind now? Only when enabled, in working time, nothing runs and the last one is N minutes back. */
export function reminderDue(
  s: ReminderSettings,
  at: Date,
  timerRunning: boolean,
  lastRemindedAt: number | null,
): boolean {
  if (!s.enabled || timerRunning || !isWorkingTime(s, at)) return false;
  return lastRemindedAt === null || at.getTime() - lastRemindedAt >= s.everyMinutes * 60_000 - 30_000;
}
