// The popup's daily loop beyond start and stop: totals, editing and discarding the running entry,
// adding time after the fact, editing and deleting recent entries, tags, suggestions, idle time.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { Summary } from "../../shared/contract";
import { App } from "../../extension/entrypoints/popup/App";
import { idlePromptItem, recentTimeLogsItem, summaryItem, tagsItem, timerItem } from "../../extension/lib/storage";
import { hydrateSession } from "../../extension/state/session";
import { hydrateSummary } from "../../extension/state/summary";
import { hydrateTags } from "../../extension/state/tags";
import { hydrateTasks } from "../../extension/state/tasks";
import { hydrateTimer, refreshRecent } from "../../extension/state/timer";
import { runningTimer, signInAs, task, timeLog } from "./support/fixtures";
import { apiError, fakeServer, type Call, type FakeServer } from "./support/fake-server";

async function openPopup() {
  await act(async () => {
    await Promise.all([hydrateSession(), hydrateTimer(), hydrateTasks(), hydrateSummary(), hydrateTags()]);
  });
  return render(<App />);
}

function summary(over: Partial<Summary> = {}): Summary {
  return {
    timeZone: "UTC",
    today: "2026-12-02",
    todaySeconds: 3600,
    weekSeconds: 5 * 3600,
    days: ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"].map(
      (date, i) => ({
        date,
        seconds: i === 2 ? 3600 : i < 2 ? 2 * 3600 : 0,
      }),
    ),
    runningSince: null,
    asOf: new Date().toISOString(),
    ...over,
  };
}

function signedInServer(over: Record<string, Parameters<FakeServer["on"]>[1]> = {}) {
  return fakeServer({
    "GET /api/me": {
      body: {
        user: {
          id: "u-2",
          email: "bob@example.com",
          name: "Bob",
          role: "member",
          linked: true,
          createdAt: "2026-11-01T10:00:00Z",
        },
        account: { id: "a-1", name: "A" },
      },
    },
    "GET /api/timer": { body: null },
    "GET /api/time-logs": { body: { items: [], nextCursor: null } },
    "GET /api/tasks": { body: { items: [] } },
    "GET /api/summary": { body: summary() },
    "GET /api/tags": { body: { items: [] } },
    ...over,
  });
}

/** Adds 09:00–10:30 on 2026-11-24 on the Design task from the recent list's "Add time" form. */
async function addTime(description: string) {
  const recent = screen.getByTestId("recent-time-logs");
  fireEvent.click(within(recent).getByRole("button", { name: "Add time" }));
  const picker = within(recent).getByRole("combobox", { name: "Task" });
  fireEvent.focus(picker);
  await within(recent).findByRole("option", { name: /Design/ });
  fireEvent.keyDown(picker, { key: "Enter" });
  fireEvent.input(within(recent).getByLabelText("Description"), { target: { value: description } });
  fireEvent.input(within(recent).getByLabelText("Day"), { target: { value: "2026-11-24" } });
  fireEvent.input(within(recent).getByLabelText("From"), { target: { value: "09:00" } });
  fireEvent.input(within(recent).getByLabelText("To"), { target: { value: "10:30" } });
  fireEvent.click(within(recent).getByRole("button", { name: "Add entry" }));
  return recent;
}

describe("totals", () => {
  it("paints the cached totals before the server answers, the running timer ticking in", async () => {
    signedInServer({ "GET /api/summary": () => new Promise(() => {}), "GET /api/timer": () => new Promise(() => {}) });
    await signInAs();
    await summaryItem.setValue(
      summary({
        todaySeconds: 3600,
        weekSeconds: 7200,
        runningSince: new Date().toISOString(),
        asOf: new Date(Date.now() - 10 * 60_000).toISOString(),
      }),
    );
    await openPopup();
    expect(screen.getByTestId("today-total").textContent).toBe("1:10");
    expect(screen.getByTestId("week-total").textContent).toBe("2:10");
    expect(within(screen.getByRole("list", { name: "This week by day" })).getAllByRole("listitem")).toHaveLength(7);
  });

  it("asks the worker again after a stop, so the totals follow", async () => {
    let asked = 0;
    const server = signedInServer({
      "GET /api/timer": { body: runningTimer() },
      "POST /api/timer/stop": { body: {} },
      "GET /api/summary": () => ({ body: summary({ todaySeconds: 3600 + 600 * asked++ }) }),
    });
    await signInAs();
    await openPopup();
    await waitFor(() => expect(screen.getByTestId("today-total").textContent).toBe("1:00"));
    const stop = await screen.findByRole("button", { name: "Stop" });
    server.on("GET /api/timer", { body: null });
    fireEvent.click(stop);
    await waitFor(() => expect(screen.getByTestId("today-total").textContent).toBe("1:10"));
  });
});

describe("the running entry", () => {
  it("is edited with only what changed; '-10 min' moves its start", async () => {
    const timer = runningTimer({ description: "Homepage", tags: ["design"], billable: true });
    const server = signedInServer({
      "GET /api/timer": { body: timer },
      "PATCH /api/timer": (c: Call) => ({
        body: { ...timer, ...(c.body as object), title: "Acme → Website → Design → Footer" },
      }),
    });
    await signInAs();
    await openPopup();
    const card = screen.getByTestId("timer-card");
    fireEvent.click(await within(card).findByRole("button", { name: "Edit" }));
    fireEvent.input(within(card).getByLabelText("Description"), { target: { value: "Footer" } });
    fireEvent.input(within(card).getByLabelText("Started at"), { target: { value: "-10 min" } });
    const before = Date.now();
    fireEvent.click(within(card).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(server.callsTo("PATCH /api/timer")).toHaveLength(1));
    const body = server.callsTo("PATCH /api/timer")[0]!.body as { description: string; start: string };
    expect(Object.keys(body).sort()).toEqual(["description", "start"]);
    expect(body.description).toBe("Footer");
    expect(Math.abs(Date.parse(body.start) - (before - 10 * 60_000))).toBeLessThan(5000);
    await within(card).findByText("Acme → Website → Design → Footer");
    expect((await timerItem.getValue())?.description).toBe("Footer");
  });

  it("says when a typed start does not read, and sends nothing", async () => {
    const server = signedInServer({ "GET /api/timer": { body: runningTimer() } });
    await signInAs();
    await openPopup();
    const card = screen.getByTestId("timer-card");
    fireEvent.click(await within(card).findByRole("button", { name: "Edit" }));
    fireEvent.input(within(card).getByLabelText("Started at"), { target: { value: "soonish" } });
    fireEvent.click(within(card).getByRole("button", { name: "Save" }));
    expect((await within(card).findByRole("alert")).textContent).toMatch(/09:10 or -10 min/);
    expect(server.callsTo("PATCH /api/timer")).toEqual([]);
  });

  it("is discarded only after the popup asked once", async () => {
    const server = signedInServer({ "GET /api/timer": { body: runningTimer() }, "DELETE /api/timer": { status: 204 } });
    await signInAs();
    await openPopup();
    const card = screen.getByTestId("timer-card");
    fireEvent.click(await within(card).findByRole("button", { name: "Discard" }));
    expect(server.callsTo("DELETE /api/timer")).toEqual([]);
    within(card).getByText(/Discard this entry\?/);
    fireEvent.click(within(card).getByRole("button", { name: "No" }));
    expect(server.callsTo("DELETE /api/timer")).toEqual([]);
    fireEvent.click(within(card).getByRole("button", { name: "Discard" }));
    server.on("GET /api/timer", { body: null });
    fireEvent.click(within(card).getByRole("button", { name: "Yes, discard" }));
    await screen.findByText("No timer running.");
    expect(server.callsTo("DELETE /api/timer")).toHaveLength(1);
  });

  it("shows the worker's refusal (a private project Toggl will not let the person track on)", async () => {
    signedInServer({
      "GET /api/timer": { body: runningTimer() },
      "PATCH /api/timer": apiError(
        403,
        "toggl_forbidden",
        'Toggl does not let you track time on project "Secret": it is a private project',
      ),
    });
    await signInAs();
    await openPopup();
    const card = screen.getByTestId("timer-card");
    fireEvent.click(await within(card).findByRole("button", { name: "Edit" }));
    fireEvent.input(within(card).getByLabelText("Description"), { target: { value: "x" } });
    fireEvent.click(within(card).getByRole("button", { name: "Save" }));
    expect((await screen.findByText(/private project/)).textContent).toContain('project "Secret"');
  });
});

describe("recent entries", () => {
  it("says why an entry added from before the workspace's history is not listed", async () => {
    const message =
      "Added in Toggl. Hourline keeps this workspace's history from 2026-11-30T08:00:00.000Z on, so this entry is not imported as a Time Log.";
    signedInServer({
      "GET /api/tasks": { body: { items: [task()] } },
      "POST /api/time-entries": {
        status: 202,
        body: { togglId: "4000000010", workspaceId: "101", historyFrom: "2026-11-30T08:00:00.000Z", message },
      },
    });
    await signInAs();
    await openPopup();
    const recent = await addTime("Old call");
    await within(recent).findByText(message);
    expect(within(recent).queryByText(/Old call/)).toBeNull();
  });

  it("adds time after the fact: listed at once, and once after the list comes back with it", async () => {
    const added = timeLog({
      id: "tl-9",
      togglTimeEntryId: "4000000009",
      title: "Acme → Website → Design → Backfill",
      description: "Backfill",
    });
    const server = signedInServer({
      "GET /api/tasks": { body: { items: [task()] } },
      "POST /api/time-entries": { status: 201, body: added },
    });
    await signInAs();
    await openPopup();
    const recent = await addTime("Backfill");
    await within(recent).findByText(added.title);
    const body = server.callsTo("POST /api/time-entries")[0]!.body as { start: string; stop: string };
    expect(body).toMatchObject({
      workspaceId: "101",
      projectId: "251",
      taskId: "301",
      description: "Backfill",
      billable: true,
      tags: [],
    });
    expect(body.start).toBe(new Date(2026, 10, 24, 9, 0).toISOString());
    expect(body.stop).toBe(new Date(2026, 10, 24, 10, 30).toISOString());
    expect(within(recent).getAllByText(added.title)).toHaveLength(1);
    // The worker's next list holds the same entry (from its webhook): still once.
    server.on("GET /api/time-logs", { body: { items: [added], nextCursor: null } });
    await act(() => refreshRecent());
    expect(server.callsTo("GET /api/time-logs").length).toBeGreaterThan(1);
    expect(within(recent).getAllByText(added.title)).toHaveLength(1);
  });

  it("edits and deletes one of the person's entries", async () => {
    const log = timeLog({ togglTimeEntryId: "4000000007", title: "Acme → Website → Design → Wireframes" });
    const server = signedInServer({
      "GET /api/time-logs": { body: { items: [log], nextCursor: null } },
      "PATCH /api/time-entries/4000000007": (c: Call) => ({
        body: { ...log, ...(c.body as object), title: "Acme → Website → Design → Sketches" },
      }),
      "DELETE /api/time-entries/4000000007": { status: 204 },
    });
    await signInAs();
    await recentTimeLogsItem.setValue([log]);
    await openPopup();
    const recent = screen.getByTestId("recent-time-logs");
    fireEvent.click(within(recent).getByRole("button", { name: `Edit ${log.title}` }));
    fireEvent.input(within(recent).getByLabelText("Description"), { target: { value: "Sketches" } });
    fireEvent.click(within(recent).getByRole("button", { name: "Save" }));
    await within(recent).findByText("Acme → Website → Design → Sketches");
    expect(server.callsTo("PATCH /api/time-entries/4000000007")[0]!.body).toEqual({ description: "Sketches" });

    fireEvent.click(within(recent).getByRole("button", { name: "Delete Acme → Website → Design → Sketches" }));
    fireEvent.click(within(recent).getByRole("button", { name: "Yes, delete" }));
    await within(recent).findByText("deleted in Toggl");
    expect(server.callsTo("DELETE /api/time-entries/4000000007")).toHaveLength(1);
  });
});

describe("the start form", () => {
  it("picks tags with the keyboard, creates a new one by typing, and refuses one Toggl would not take", async () => {
    const server = signedInServer({
      "GET /api/tasks": { body: { items: [task()] } },
      "GET /api/tags": {
        body: {
          items: [
            { id: "1", workspaceId: "101", name: "design" },
            { id: "2", workspaceId: "101", name: "urgent" },
          ],
        },
      },
      "POST /api/timer/start": (c: Call) => ({ status: 201, body: runningTimer(c.body as object) }),
    });
    await signInAs();
    await openPopup();
    const picker = screen.getByRole("combobox", { name: "Task" });
    fireEvent.focus(picker);
    await screen.findByRole("option", { name: /Design/ });
    fireEvent.keyDown(picker, { key: "Enter" });
    await waitFor(async () => expect(await tagsItem.getValue()).toEqual({ "101": ["design", "urgent"] }));
    const tags = screen.getByRole("combobox", { name: "Tags" });
    fireEvent.input(tags, { target: { value: "u" } });
    expect(screen.getByRole("option", { name: "urgent" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tags, { key: "ArrowDown" });
    expect(screen.getByRole("option", { name: "Create “u”" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(tags, { key: "ArrowUp" });
    fireEvent.keyDown(tags, { key: "Enter" });
    fireEvent.input(tags, { target: { value: "brand new" } });
    expect(screen.getByRole("option", { name: "Create “brand new”" })).toBeTruthy();
    fireEvent.keyDown(tags, { key: "Enter" });
    fireEvent.input(tags, { target: { value: "é".repeat(128) } });
    fireEvent.keyDown(tags, { key: "Enter" });
    expect(screen.getByText("A tag can be at most 255 bytes long.")).toBeTruthy();
    fireEvent.input(tags, { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Start" }));
    await waitFor(() => expect(server.callsTo("POST /api/timer/start")).toHaveLength(1));
    expect(server.callsTo("POST /api/timer/start")[0]!.body).toMatchObject({ tags: ["urgent", "brand new"] });
  });

  it("offers recent description + target pairs while typing; Enter starts one", async () => {
    const server = signedInServer({
      "GET /api/time-logs": {
        body: {
          items: [timeLog({ description: "Weekly report", title: "Acme → Website → Design → Weekly report" })],
          nextCursor: null,
        },
      },
      "POST /api/timer/start": (c: Call) => ({ status: 201, body: runningTimer(c.body as object) }),
    });
    await signInAs();
    await openPopup();
    await screen.findByText("Acme → Website → Design → Weekly report");
    const description = screen.getByRole("combobox", { name: "Description" });
    fireEvent.input(description, { target: { value: "weekly" } });
    const offered = await screen.findByRole("listbox", { name: "Recent entries" });
    expect(
      within(offered)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Acme → Website → Design → Weekly report"]);
    fireEvent.keyDown(description, { key: "ArrowDown" });
    fireEvent.keyDown(description, { key: "Enter" });
    await waitFor(() => expect(server.callsTo("POST /api/timer/start")).toHaveLength(1));
    expect(server.callsTo("POST /api/timer/start")[0]!.body).toEqual({
      workspaceId: "101",
      projectId: "251",
      taskId: "301",
      description: "Weekly report",
      billable: true,
      tags: ["design", "client"],
    });
  });
});

describe("idle time", () => {
  it("asks what to do with time away; 'Discard idle time' stops the timer when the person went idle", async () => {
    const timer = runningTimer({
      togglId: "77",
      title: "Deep work",
      start: new Date(Date.now() - 60 * 60_000).toISOString(),
    });
    const idleSince = new Date(Date.now() - 30 * 60_000).toISOString();
    const server = signedInServer({ "GET /api/timer": { body: timer }, "POST /api/timer/stop": { body: {} } });
    await signInAs();
    await timerItem.setValue(timer);
    await idlePromptItem.setValue({
      idleSince,
      returnedAt: new Date().toISOString(),
      togglId: "77",
      title: "Deep work",
    });
    await openPopup();
    const prompt = screen.getByTestId("idle-prompt");
    expect(prompt.textContent).toMatch(/30 min.*Deep work/);
    server.on("GET /api/timer", { body: null });
    fireEvent.click(within(prompt).getByRole("button", { name: "Discard idle time" }));
    await screen.findByText("No timer running.");
    expect(server.callsTo("POST /api/timer/stop")[0]!.body).toEqual({ stoppedAt: idleSince });
    await waitFor(async () => expect(await idlePromptItem.getValue()).toBeNull());
  });

  it("'Discard and continue' stops at the idle start and starts the same entry again", async () => {
    const timer = runningTimer({ togglId: "77", title: "Deep work", description: "Deep work" });
    const idleSince = new Date(Date.now() - 30 * 60_000).toISOString();
    const server = signedInServer({
      "GET /api/timer": { body: timer },
      "POST /api/timer/stop": { body: {} },
      "POST /api/timer/start": (c: Call) => ({
        status: 201,
        body: runningTimer({ ...(c.body as object), togglId: "78" }),
      }),
    });
    await signInAs();
    await timerItem.setValue(timer);
    await idlePromptItem.setValue({
      idleSince,
      returnedAt: new Date().toISOString(),
      togglId: "77",
      title: "Deep work",
    });
    await openPopup();
    fireEvent.click(within(screen.getByTestId("idle-prompt")).getByRole("button", { name: "Discard and continue" }));
    await waitFor(() => expect(server.callsTo("POST /api/timer/start")).toHaveLength(1));
    expect(server.callsTo("POST /api/timer/stop")[0]!.body).toEqual({ stoppedAt: idleSince });
    expect(server.callsTo("POST /api/timer/start")[0]!.body).toMatchObject({
      workspaceId: "101",
      description: "Deep work",
      taskId: "301",
    });
  });
});
