// Pure rules behind the popup's new controls: typed times, suggestions, reminders' working hours,
// idle detection, and what an edit sends.
import { describe, expect, it } from "vitest";
import { createEntryBody, editTimerBody, targetOf, timerTargetLabel } from "../../extension/lib/entry-bodies";
import { onIdleState } from "../../extension/lib/idle";
import { DEFAULT_REMINDERS, isWorkingTime, reminderDue } from "../../extension/lib/reminders";
import { suggestions } from "../../extension/lib/suggestions";
import { parseClock, parseMinutesAgo, parseSpan, parseStart } from "../../extension/lib/time-input";
import { runningTimer, task, timeLog } from "./support/fixtures";

const local = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(y, mo - 1, d, h, mi);

describe("typed times", () => {
  it("reads clock times and minutes ago", () => {
    expect(parseClock("09:10")).toEqual({ hours: 9, minutes: 10 });
    expect(parseClock("9.10")).toEqual({ hours: 9, minutes: 10 });
    expect(parseClock("0910")).toEqual({ hours: 9, minutes: 10 });
    expect(parseClock("25:00")).toBeNull();
    expect(parseClock("soon")).toBeNull();
    expect(parseMinutesAgo("-10 min")).toBe(10);
    expect(parseMinutesAgo("−1 h 30 min")).toBe(90);
    expect(parseMinutesAgo("-1h30")).toBe(90);
    expect(parseMinutesAgo("-90m")).toBe(90);
    expect(parseMinutesAgo("10 min")).toBeNull();
  });

  it("a start is today at that time, yesterday when that is still to come, or that long ago", () => {
    const now = local(2026, 12, 2, 10, 0);
    expect(parseStart("09:10", now)).toEqual(local(2026, 12, 2, 9, 10));
    expect(parseStart("23:50", now)).toEqual(local(2026, 12, 1, 23, 50));
    expect(parseStart("-10 min", now)).toEqual(local(2026, 12, 2, 9, 50));
    expect(parseStart("later", now)).toBeNull();
  });

  it("a span on a day ends the next day when 'to' comes before 'from'", () => {
    expect(parseSpan("2026-12-01", "09:00", "10:30")).toEqual({
      start: local(2026, 12, 1, 9),
      stop: local(2026, 12, 1, 10, 30),
    });
    expect(parseSpan("2026-12-01", "23:00", "01:00")).toEqual({
      start: local(2026, 12, 1, 23),
      stop: local(2026, 12, 2, 1),
    });
    expect(parseSpan("2026-12-01", "x", "10:00")).toMatch(/started/);
    expect(parseSpan("", "09:00", "10:00")).toMatch(/day/);
  });
});

describe("suggestions", () => {
  it("offers each recent description + target once, newest first, matching every typed word", () => {
    const logs = [
      timeLog({ id: "1", title: "Acme → Website → Design → Homepage", description: "Homepage" }),
      timeLog({ id: "2", title: "Acme → Website → Design → Homepage", description: "Homepage" }),
      timeLog({ id: "3", title: "Acme → Website → Design → Footer", description: "Footer" }),
      timeLog({
        id: "4",
        title: "Acme → Old → Homepage",
        description: "Homepage",
        projectId: "9",
        taskId: null,
        deletedInToggl: true,
      }),
    ];
    expect(suggestions(logs, "home").map((s) => s.title)).toEqual(["Acme → Website → Design → Homepage"]);
    expect(suggestions(logs, "acme design").map((s) => s.title)).toEqual([
      "Acme → Website → Design → Homepage",
      "Acme → Website → Design → Footer",
    ]);
    expect(suggestions(logs, "")).toEqual([]);
    expect(suggestions(logs, "home")[0]!.input).toEqual({
      workspaceId: "101",
      projectId: "251",
      taskId: "301",
      description: "Homepage",
      billable: true,
      tags: ["design", "client"],
    });
  });
});

describe("reminders", () => {
  const on = { ...DEFAULT_REMINDERS, enabled: true };
  it("fall within working days and hours, overnight hours included", () => {
    expect(isWorkingTime(on, local(2026, 12, 2, 9, 0))).toBe(true); // Wednesday
    expect(isWorkingTime(on, local(2026, 12, 2, 17, 0))).toBe(false);
    expect(isWorkingTime(on, local(2026, 12, 6, 10, 0))).toBe(false); // Sunday
    const night = { ...on, from: "22:00", to: "06:00", days: [3] };
    expect(isWorkingTime(night, local(2026, 12, 2, 23, 0))).toBe(true);
    expect(isWorkingTime(night, local(2026, 12, 3, 5, 0))).toBe(true); // the small hours after Wednesday
    expect(isWorkingTime(night, local(2026, 12, 2, 5, 0))).toBe(false);
  });

  it("remind when nothing runs, every N minutes, never when off", () => {
    const at = local(2026, 12, 2, 11, 0);
    expect(reminderDue(on, at, false, null)).toBe(true);
    expect(reminderDue(on, at, true, null)).toBe(false);
    expect(reminderDue({ ...on, enabled: false }, at, false, null)).toBe(false);
    expect(reminderDue(on, at, false, at.getTime() - 10 * 60_000)).toBe(false);
    expect(reminderDue(on, at, false, at.getTime() - 30 * 60_000)).toBe(true);
  });
});

describe("idle detection", () => {
  const timer = { togglId: "7", title: "Homepage", start: "2026-12-02T08:00:00.000Z" };
  it("asks on return after the threshold while a timer ran", () => {
    const idle = onIdleState(null, { state: "idle", since: "2026-12-02T09:00:00.000Z" }, timer, 10);
    expect(idle).toEqual({ idleSince: "2026-12-02T09:00:00.000Z", prompt: null });
    const locked = onIdleState(idle.idleSince, { state: "locked", since: "2026-12-02T09:05:00.000Z" }, timer, 10);
    expect(locked.idleSince).toBe("2026-12-02T09:00:00.000Z");
    const back = onIdleState(locked.idleSince, { state: "active", since: "2026-12-02T09:40:00.000Z" }, timer, 10);
    expect(back).toEqual({
      idleSince: null,
      prompt: {
        idleSince: "2026-12-02T09:00:00.000Z",
        returnedAt: "2026-12-02T09:40:00.000Z",
        togglId: "7",
        title: "Homepage",
      },
    });
  });

  it("does not ask for a short break, without a timer, or for a timer started while away", () => {
    expect(
      onIdleState("2026-12-02T09:00:00.000Z", { state: "active", since: "2026-12-02T09:05:00.000Z" }, timer, 10).prompt,
    ).toBeNull();
    expect(
      onIdleState("2026-12-02T09:00:00.000Z", { state: "active", since: "2026-12-02T10:00:00.000Z" }, null, 10).prompt,
    ).toBeNull();
    const later = { ...timer, start: "2026-12-02T09:30:00.000Z" };
    expect(
      onIdleState("2026-12-02T09:00:00.000Z", { state: "active", since: "2026-12-02T10:00:00.000Z" }, later, 10).prompt,
    ).toBeNull();
  });
});

describe("what an edit sends", () => {
  it("only what changed; a picked task brings its project; a new entry needs a target and times", () => {
    const t = runningTimer({ description: "Homepage", tags: ["design"], billable: true });
    const draft = { target: null, targetChanged: false, description: "Homepage", tags: ["design"], billable: true };
    expect(editTimerBody(draft, t)).toEqual({});
    const start = new Date("2026-12-02T09:10:00Z");
    expect(editTimerBody({ ...draft, description: "Footer", tags: [], start }, t)).toEqual({
      description: "Footer",
      tags: [],
      start: start.toISOString(),
    });
    expect(editTimerBody({ ...draft, target: task({ projectId: "5", taskId: "6" }), targetChanged: true }, t)).toEqual({
      projectId: "5",
      taskId: "6",
    });
    expect(editTimerBody({ ...draft, target: null, targetChanged: true }, t)).toEqual({
      projectId: null,
      taskId: null,
    });
    expect(createEntryBody({ ...draft, target: task() })).toBeNull();
    const stop = new Date("2026-12-02T10:00:00Z");
    expect(createEntryBody({ ...draft, target: task(), start, stop })).toEqual({
      workspaceId: "101",
      projectId: "251",
      taskId: "301",
      description: "Homepage",
      start: start.toISOString(),
      stop: stop.toISOString(),
      billable: true,
      tags: ["design"],
    });
  });

  it("labels the running entry's target from the cached tasks or its title", () => {
    const t = runningTimer({
      projectId: "251",
      taskId: "301",
      title: "Acme → Website → Design → Homepage",
      description: "Homepage",
    });
    expect(timerTargetLabel(t)).toBe("Acme → Website → Design");
    expect(targetOf(t, "x", [task()]).label).toBe("Acme → Website → Design");
    expect(targetOf({ ...t, taskId: "999" }, "From title", [task()]).label).toBe("From title");
  });
});
