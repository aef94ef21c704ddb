import type { TimeLog } from "../../shared/contract";
import { dayKey, formatDay } from "./format";

export interface DayGroup {
  day: string;
  label: string;
  people: { person: string; minutes: number; logs: TimeLog[] }[];
}

/** Newest day first; within a day, people by name, their entries in the order given. */
/** `togglNames` names people who are Toggl members but not (yet) users of the account. */
export function groupByDayAndPerson(
  logs: TimeLog[],
  timeZone?: string,
  togglNames: ReadonlyMap<string, string> = new Map(),
): DayGroup[] {
  const days = new Map<string, Map<string, TimeLog[]>>();
  for (const log of logs) {
    const day = dayKey(log.start, timeZone);
    const person =
      log.user?.name || log.user?.email || togglNames.get(log.togglUserId) || `Toggl user ${log.togglUserId}`;
    const people = days.get(day) ?? new Map<string, TimeLog[]>();
    people.set(person, [...(people.get(person) ?? []), log]);
    days.set(day, people);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([day, people]) => {
      // Every day holds at least one entry; its start names the day in the time zone.
      const first = people.values().next().value?.[0];
      return {
        day,
        label: first ? formatDay(first.start, timeZone) : day,
        people: [...people.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([person, list]) => ({ person, logs: list, minutes: list.reduce((n, l) => n + l.durationMinutes, 0) })),
      };
    });
}
