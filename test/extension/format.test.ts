import { describe, expect, it } from "vitest";
import {
  badgeText,
  dayKey,
  formatAgo,
  formatElapsed,
  formatMinutes,
  formatRange,
  formatClock,
} from "../../extension/lib/format";
import { groupByDayAndPerson } from "../../extension/lib/timeline";
import { timeLog } from "./support/fixtures";

const at = (iso: string) => Date.parse(iso);

describe("display helpers", () => {
  it("formats the elapsed clock", () => {
    expect(formatElapsed("2026-11-24T09:00:00Z", at("2026-11-24T09:07:05Z"))).toBe("0:07:05");
    expect(formatElapsed("2026-11-24T09:00:00Z", at("2026-11-24T11:00:59Z"))).toBe("2:00:59");
    expect(formatElapsed("2026-11-24T09:00:00Z", at("2026-11-24T08:59:00Z"))).toBe("0:00:00");
  });

  it("fits the badge: minutes under 100, then hours, empty when idle", () => {
    expect(badgeText("2026-11-24T09:00:00Z", at("2026-11-24T09:42:30Z"))).toBe("42m");
    expect(badgeText("2026-11-24T09:00:00Z", at("2026-11-24T12:10:00Z"))).toBe("3h");
    expect(badgeText(null, Date.now())).toBe("");
  });

  it("shows start–end in the given time zone", () => {
    expect(formatRange("2026-11-24T09:00:00Z", "2026-11-24T10:30:00Z", "Europe/Berlin", "en-GB")).toBe("10:00–11:30");
    expect(formatRange("2026-11-24T09:00:00Z", "2026-11-24T10:30:00Z", "America/New_York", "en-GB")).toBe(
      "04:00–05:30",
    );
  });

  it("puts an entry on the day of its start in that time zone", () => {
    expect(dayKey("2026-11-24T23:30:00Z", "UTC")).toBe("2026-11-24");
    expect(dayKey("2026-11-24T23:30:00Z", "Europe/Berlin")).toBe("2026-11-25");
  });

  it("writes minutes and ages for people", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(60)).toBe("1 h");
    expect(formatMinutes(95)).toBe("1 h 35 min");
    expect(formatAgo(null, Date.now())).toBe("never");
    expect(formatAgo("2026-11-24T09:00:00Z", at("2026-11-24T09:05:00Z"))).toBe("5 min ago");
    expect(formatAgo("2026-11-24T09:00:00Z", at("2026-11-26T09:00:00Z"))).toBe("2 d ago");
  });

  it("writes totals as hours:minutes", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(59)).toBe("0:00");
    expect(formatClock(25 * 60 + 30)).toBe("0:25");
    expect(formatClock(10 * 3600 + 5 * 60)).toBe("10:05");
  });
});

describe("the team timeline", () => {
  it("groups Time Logs by day (newest first) and person, with each person's minutes", () => {
    const ada = { id: "u-1", name: "Ada", email: "ada@example.com" };
    const bob = { id: "u-2", name: "Bob", email: "bob@example.com" };
    const groups = groupByDayAndPerson(
      [
        timeLog({ id: "1", user: bob, start: "2026-11-24T15:00:00Z", durationMinutes: 30 }),
        timeLog({ id: "2", user: ada, start: "2026-11-24T11:00:00Z", durationMinutes: 60 }),
        timeLog({ id: "3", user: ada, start: "2026-11-24T09:00:00Z", durationMinutes: 15 }),
        timeLog({ id: "4", user: null, togglUserId: "77", start: "2026-11-23T09:00:00Z", durationMinutes: 10 }),
      ],
      "UTC",
    );
    expect(groups.map((g) => g.day)).toEqual(["2026-11-24", "2026-11-23"]);
    expect(groups[0]!.people.map((p) => [p.person, p.minutes, p.logs.map((l) => l.id)])).toEqual([
      ["Ada", 75, ["2", "3"]],
      ["Bob", 30, ["1"]],
    ]);
    expect(groups[1]!.people[0]!.person).toBe("Toggl user 77");
    const named = groupByDayAndPerson(
      [timeLog({ user: null, togglUserId: "77" })],
      "UTC",
      new Map([["77", "Carol Shaw"]]),
    );
    expect(named[0]!.people[0]!.person).toBe("Carol Shaw");
  });
});
