import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { App } from "../../extension/entrypoints/popup/App";
import { onMessages } from "../../extension/lib/messages";
import { offlineQueueItem, recentTimeLogsItem, sessionTokenItem, timerItem } from "../../extension/lib/storage";
import { hydrateSession } from "../../extension/state/session";
import { hydrateTasks } from "../../extension/state/tasks";
import { hydrateTimer } from "../../extension/state/timer";
import { adminMe, connection, memberMe, runningTimer, signInAs, task, timeLog, workspace } from "./support/fixtures";
import { apiError, fakeServer, type Call, type FakeServer } from "./support/fake-server";

async function openPopup() {
  await act(async () => {
    await Promise.all([hydrateSession(), hydrateTimer(), hydrateTasks()]);
  });
  return render(<App />);
}

/** Signed-in routes with quiet defaults; a test overrides what it is about. */
function signedInServer(over: Record<string, Parameters<FakeServer["on"]>[1]> = {}) {
  return fakeServer({
    "GET /api/me": { body: memberMe },
    "GET /api/timer": { body: null },
    "GET /api/time-logs": { body: { items: [], nextCursor: null } },
    "GET /api/tasks": { body: { items: [] } },
    ...over,
  });
}

describe("popup sign-in", () => {
  it("shows the token form with a link to where Toggl shows the token", async () => {
    fakeServer();
    await openPopup();
    expect(screen.getByRole("heading", { name: "Sign in with Toggl" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "track.toggl.com/profile" }).getAttribute("href")).toBe(
      "https://track.toggl.com/profile",
    );
  });

  it("signs in with a pasted token, stores the session and shows the timer", async () => {
    const server = signedInServer({
      "POST /api/session": {
        status: 201,
        body: { token: "new-session", expiresAt: "2026-12-24T00:00:00Z", ...memberMe },
      },
    });
    await openPopup();
    fireEvent.input(screen.getByLabelText("Toggl API token"), { target: { value: "  abc123  " } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByText("No timer running.");
    expect(server.callsTo("POST /api/session")[0]!.body).toEqual({ togglApiToken: "abc123" });
    expect(await sessionTokenItem.getValue()).toBe("new-session");
    expect(screen.getByText("Bob")).toBeTruthy();
  });

  it("says clearly when Toggl rejects the token", async () => {
    fakeServer({ "POST /api/session": apiError(401, "toggl_rejected", "Invalid token") });
    await openPopup();
    fireEvent.input(screen.getByLabelText("Toggl API token"), { target: { value: "wrong" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Toggl did not accept this API token/);
    expect(await sessionTokenItem.getValue()).toBeNull();
  });

  it("says when the server cannot be reached", async () => {
    const server = fakeServer();
    server.offline = true;
    await openPopup();
    fireEvent.input(screen.getByLabelText("Toggl API token"), { target: { value: "abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Server unreachable/);
  });

  it("says when Toggl's quota is used up, with the wait in minutes", async () => {
    fakeServer({
      "POST /api/session": apiError(503, "toggl_quota_exhausted", "Quota", { retryAfterSeconds: 540 }),
    });
    await openPopup();
    fireEvent.input(screen.getByLabelText("Toggl API token"), { target: { value: "abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Toggl's hourly quota is used up, try again in 9 min.");
  });

  it("after an expired session, says why on the sign-in form", async () => {
    signedInServer({
      "GET /api/timer": apiError(401, "unauthenticated", "Session expired or signed out: sign in again"),
    });
    await signInAs();
    await openPopup();
    expect((await screen.findByRole("status")).textContent).toBe("Session expired or signed out: sign in again");
    expect(screen.getByRole("heading", { name: "Sign in with Toggl" })).toBeTruthy();
  });

  it("signs out: revokes the session and forgets cached data", async () => {
    const server = signedInServer({ "DELETE /api/session": { status: 204 } });
    await signInAs();
    await recentTimeLogsItem.setValue([timeLog()]);
    await openPopup();
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByRole("heading", { name: "Sign in with Toggl" });
    expect(server.callsTo("DELETE /api/session")).toHaveLength(1);
    expect(await recentTimeLogsItem.getValue()).toEqual([]);
  });
});

describe("popup, signed in", () => {
  it("paints the cached timer and Time Logs before the server answers", async () => {
    signedInServer({
      "GET /api/timer": () => new Promise(() => {}),
      "GET /api/time-logs": () => new Promise(() => {}),
    });
    await signInAs();
    await timerItem.setValue(runningTimer({ title: "Acme → Website → Design → Homepage" }));
    await recentTimeLogsItem.setValue([timeLog({ title: "Acme → Website → Design → Wireframes" })]);
    await openPopup();
    expect(within(screen.getByTestId("timer-card")).getByText("Acme → Website → Design → Homepage")).toBeTruthy();
    expect(screen.getByTestId("elapsed").textContent).toMatch(/^0:0[45]:\d\d$/);
    expect(screen.getByText("Acme → Website → Design → Wireframes")).toBeTruthy();
  });

  it("offline: keeps the saved timer and Time Logs and says so once", async () => {
    const server = signedInServer();
    server.offline = true;
    await signInAs();
    await timerItem.setValue(runningTimer({ title: "Saved timer" }));
    await recentTimeLogsItem.setValue([timeLog({ title: "Saved log" })]);
    await openPopup();
    await screen.findByText(/^Offline — showing saved data/);
    expect(screen.getByText("Saved timer")).toBeTruthy();
    expect(screen.getByText("Saved log")).toBeTruthy();
    expect(screen.queryByText(/Server unreachable/)).toBeNull();
  });

  it("asks the background to replay queued actions as soon as the server answers", async () => {
    signedInServer();
    let flushes = 0;
    const stop = onMessages({
      "queue:flush": async () => {
        flushes++;
        return { remaining: 0, error: null };
      },
      "badge:refresh": async () => ({ text: "" }),
      "timer:toggle": async () => ({ running: false, error: null }),
      "idle:state": async () => ({ prompted: false }),
    });
    try {
      await signInAs();
      await offlineQueueItem.setValue([{ id: "q-1", kind: "stop", at: "2026-11-24T09:00:00.000Z" }]);
      await openPopup();
      await screen.findByTestId("queue-notice");
      await waitFor(() => expect(flushes).toBe(1));
    } finally {
      stop();
    }
  });

  it("refreshes the timer from the server: stopped elsewhere means not running here", async () => {
    signedInServer({ "GET /api/timer": { body: null } });
    await signInAs();
    await timerItem.setValue(runningTimer());
    await openPopup();
    await screen.findByText("No timer running.");
  });

  it("stops the running timer", async () => {
    const server = signedInServer({ "GET /api/timer": { body: runningTimer() }, "POST /api/timer/stop": { body: {} } });
    await signInAs();
    await openPopup();
    await screen.findByRole("button", { name: "Stop" });
    server.on("GET /api/timer", { body: null });
    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    await screen.findByText("No timer running.");
    expect(server.callsTo("POST /api/timer/stop")).toHaveLength(1);
    expect(await timerItem.getValue()).toBeNull();
  });

  it("searches tasks with the keyboard and starts a timer with billable defaulting from the task", async () => {
    const design = task();
    const support = task({
      key: "task:302",
      taskId: "302",
      taskName: "Support",
      label: "Acme → Website → Support",
      billable: false,
    });
    const server = signedInServer({
      "GET /api/tasks": (c: Call) => ({
        body: { items: c.url.searchParams.get("q") === "acme" ? [support, design] : [] },
      }),
      "POST /api/timer/start": (c: Call) => ({
        status: 201,
        body: runningTimer({ title: "Acme → Website → Design → Homepage", ...(c.body as object) }),
      }),
    });
    await signInAs();
    await openPopup();
    const search = screen.getByRole("combobox", { name: "Task" });
    fireEvent.input(search, { target: { value: "acme" } });
    await screen.findByRole("option", { name: /Acme → Website → Design/ });
    fireEvent.keyDown(search, { key: "ArrowDown" });
    expect(screen.getByRole("option", { name: /Design/ }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(search, { key: "Enter" });
    expect(screen.getByTestId("picked-task").textContent).toMatch(/Acme → Website → Design/);
    expect(screen.getByLabelText<HTMLInputElement>("Billable").checked).toBe(true);

    fireEvent.input(screen.getByLabelText("Description"), { target: { value: "Homepage" } });
    const tags = screen.getByRole("combobox", { name: "Tags" });
    for (const tag of ["design", "urgent", "design"]) {
      fireEvent.input(tags, { target: { value: tag } });
      fireEvent.keyDown(tags, { key: "Enter" });
    }
    fireEvent.click(screen.getByRole("button", { name: "Start" }));
    await waitFor(() => expect(server.callsTo("POST /api/timer/start")).toHaveLength(1));
    expect(server.callsTo("POST /api/timer/start")[0]!.body).toEqual({
      workspaceId: "101",
      projectId: "251",
      taskId: "301",
      description: "Homepage",
      billable: true,
      tags: ["design", "urgent"],
    });
    await screen.findByRole("button", { name: "Stop" });
    expect(server.callsTo("GET /api/tasks").some((c) => c.url.searchParams.get("q") === "acme")).toBe(true);
  });

  it("narrows the list at once while the server's search is on its way, so Enter picks what was typed", async () => {
    const acme = task({
      key: "client:201",
      kind: "client",
      projectId: null,
      projectName: null,
      taskId: null,
      taskName: null,
      label: "Acme",
    });
    const design = task();
    signedInServer({
      "GET /api/tasks": (c: Call) =>
        c.url.searchParams.get("q") ? new Promise(() => {}) : { body: { items: [acme, design] } },
    });
    await signInAs();
    await openPopup();
    const search = screen.getByRole("combobox", { name: "Task" });
    fireEvent.focus(search);
    await screen.findByRole("option", { name: /^Acme ·/ });
    fireEvent.input(search, { target: { value: "desig" } });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Acme → Website → Design · Agency"]);
    fireEvent.keyDown(search, { key: "Enter" });
    expect(screen.getByTestId("picked-task").textContent).toMatch(/Acme → Website → Design/);
  });

  it("narrows by the server's rule: a word of one or two letters matches only at the start of a word", async () => {
    const copywriting = task({ key: "task:401", taskId: "401", taskName: "Copywriting", label: "Acme → Copywriting" });
    const python = task({ key: "task:402", taskId: "402", taskName: "Python port", label: "Acme → Python port" });
    signedInServer({
      "GET /api/tasks": (c: Call) =>
        c.url.searchParams.get("q") ? new Promise(() => {}) : { body: { items: [copywriting, python] } },
    });
    await signInAs();
    await openPopup();
    const search = screen.getByRole("combobox", { name: "Task" });
    fireEvent.focus(search);
    await screen.findByRole("option", { name: /Copywriting/ });
    fireEvent.input(search, { target: { value: "py" } });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Acme → Python port · Agency"]);
    fireEvent.input(search, { target: { value: "pyw" } });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Acme → Copywriting · Agency"]);
  });

  it("asks for a task before starting", async () => {
    signedInServer();
    await signInAs();
    await openPopup();
    fireEvent.click(screen.getByRole("button", { name: "Start" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Pick a task first.");
  });

  it("shows a start made offline as queued", async () => {
    const server = signedInServer({ "GET /api/tasks": { body: { items: [task()] } } });
    await signInAs();
    await openPopup();
    const search = screen.getByRole("combobox", { name: "Task" });
    fireEvent.focus(search);
    await screen.findByRole("option", { name: /Design/ });
    fireEvent.keyDown(search, { key: "Enter" });
    server.offline = true;
    fireEvent.click(screen.getByRole("button", { name: "Start" }));
    expect((await screen.findByTestId("queue-notice")).textContent).toMatch(
      /1 action is queued until the server answers/,
    );
    await screen.findByText("queued — not sent yet");
  });

  it("lists recent Time Logs with times, minutes, billable, tags and the deleted marker, and continues one", async () => {
    const kept = timeLog();
    const deleted = timeLog({
      id: "tl-2",
      title: "Acme → Old",
      deletedInToggl: true,
      billable: false,
      tags: [],
      durationMinutes: 15,
    });
    const server = signedInServer({
      "GET /api/time-logs": { body: { items: [kept, deleted], nextCursor: null } },
      "POST /api/timer/start": (c: Call) => ({
        status: 201,
        body: runningTimer({ title: kept.title, ...(c.body as object) }),
      }),
    });
    await signInAs();
    await openPopup();
    const list = await screen.findByTestId("recent-time-logs");
    await within(list).findByText(kept.title);
    const range = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hour12: false });
    expect(list.textContent).toContain(`${range.format(new Date(kept.start))}–${range.format(new Date(kept.stop))}`);
    expect(list.textContent).toContain("1 h 30 min");
    expect(list.textContent).toContain("billable");
    expect(list.textContent).toContain("client");
    expect(within(list).getByText("deleted in Toggl")).toBeTruthy();
    expect(within(list).getAllByRole("button", { name: /Continue/ })).toHaveLength(1);
    // Only the caller's own entries, even for admins who may see everyone's.
    expect(server.callsTo("GET /api/time-logs")[0]!.url.searchParams.get("userId")).toBe(memberMe.user.id);

    fireEvent.click(within(list).getByRole("button", { name: `Continue ${kept.title}` }));
    await waitFor(() => expect(server.callsTo("POST /api/timer/start")).toHaveLength(1));
    expect(server.callsTo("POST /api/timer/start")[0]!.body).toEqual({
      workspaceId: "101",
      projectId: "251",
      taskId: "301",
      description: "Wireframes",
      billable: true,
      tags: ["design", "client"],
    });
  });

  it("says so when there are no Time Logs yet", async () => {
    signedInServer();
    await signInAs();
    await openPopup();
    await screen.findByText("No Time Logs yet. Stopped timers show up here.");
  });

  it("shows an admin's connections without asking Toggl, and lists Toggl workspaces only on request", async () => {
    const server = signedInServer({
      "GET /api/me": { body: adminMe },
      "GET /api/connections": { body: { items: [connection({ workspaceId: "101", workspaceName: "Agency" })] } },
      "GET /api/toggl/workspaces": {
        body: {
          items: [
            workspace({ id: "101", name: "Agency", connected: true, connectionId: "c-1" }),
            workspace({ id: "102", name: "Side" }),
          ],
        },
      },
    });
    await signInAs(adminMe);
    await openPopup();
    const admin = await screen.findByTestId("admin-section");
    expect((await within(admin).findByTestId("status-101")).textContent).toBe("active · webhook validated · synced");
    expect(server.callsTo("GET /api/toggl/workspaces")).toHaveLength(0);
    fireEvent.click(within(admin).getByRole("button", { name: "Choose workspaces…" }));
    await within(admin).findByLabelText("Side");
    expect(server.callsTo("GET /api/toggl/workspaces")).toHaveLength(1);
  });

  it("reconnects an unlinked workspace from the popup, filling the gap since the unlink when asked", async () => {
    const unlinked = connection({
      workspaceId: "101",
      workspaceName: "Agency",
      status: "unlinked",
      unlinkedAt: "2026-11-10T09:00:00.000Z",
    });
    const server = signedInServer({
      "GET /api/me": { body: adminMe },
      "GET /api/connections": { body: { items: [unlinked] } },
      "GET /api/toggl/workspaces": { body: { items: [workspace({ id: "101", name: "Agency" })] } },
      "POST /api/connections": { status: 201, body: { items: [{ ...unlinked, status: "active", unlinkedAt: null }] } },
    });
    await signInAs(adminMe);
    await openPopup();
    const admin = await screen.findByTestId("admin-section");
    // Nothing live: the popup lists Toggl's workspaces at once.
    fireEvent.click(await within(admin).findByLabelText("Agency"));
    const gap = within(admin).getByLabelText(/Also import the time since it was unlinked/);
    expect(gap.closest("label")!.textContent).toContain("(unlinked ");
    fireEvent.click(gap);
    fireEvent.click(within(admin).getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(server.callsTo("POST /api/connections")).toHaveLength(1));
    expect(server.callsTo("POST /api/connections")[0]!.body).toEqual({
      workspaceIds: ["101"],
      backfillDays: 0,
      fillGap: true,
    });
  });

  it("shows a workspace's history backfill filling in the admin section", async () => {
    signedInServer({
      "GET /api/me": { body: adminMe },
      "GET /api/connections": {
        body: {
          items: [
            connection({
              backfillDays: 30,
              backfill: {
                from: "2026-10-25T08:00:00.000Z",
                to: "2026-11-24T08:00:00.000Z",
                imported: 412,
                state: "running",
                pagesDone: 3,
                pagesLeft: 2,
                pausedUntil: null,
              },
            }),
          ],
        },
      },
    });
    await signInAs(adminMe);
    await openPopup();
    const admin = await screen.findByTestId("admin-section");
    expect((await within(admin).findByTestId("backfill-101")).textContent).toBe(
      "History Oct 25–Nov 24: 412 entries imported, about 2 pages left",
    );
  });

  it("hides the admin section from members", async () => {
    signedInServer();
    await signInAs(memberMe);
    await openPopup();
    await screen.findByText("No timer running.");
    expect(screen.queryByTestId("admin-section")).toBeNull();
  });

  it("lets an admin connect workspaces with checkboxes and shows each connection's status", async () => {
    let connected = false;
    const server = signedInServer({
      "GET /api/me": { body: adminMe },
      "GET /api/toggl/workspaces": () => ({
        body: {
          items: [
            workspace({ id: "101", name: "Agency", connected, connectionId: connected ? "c-1" : null }),
            workspace({ id: "102", name: "Side projects" }),
            workspace({ id: "103", name: "Internal" }),
          ],
        },
      }),
      "GET /api/connections": () => ({
        body: {
          items: connected
            ? [
                connection({ id: "c-1", workspaceId: "101" }),
                connection({
                  id: "c-3",
                  workspaceId: "103",
                  workspaceName: "Internal",
                  webhook: { status: "pending", lastEventAt: null, repairedAt: null, note: null },
                }),
              ]
            : [],
        },
      }),
      "POST /api/connections": () => {
        connected = true;
        return { status: 201, body: { items: [connection()] } };
      },
    });
    await signInAs(adminMe);
    await openPopup();
    const admin = await screen.findByTestId("admin-section");
    fireEvent.click(await within(admin).findByLabelText("Agency"));
    fireEvent.click(within(admin).getByLabelText("Internal"));
    fireEvent.click(within(admin).getByRole("button", { name: "Connect 2 workspaces" }));
    await within(admin).findByTestId("status-101");
    expect(server.callsTo("POST /api/connections")[0]!.body).toEqual({ workspaceIds: ["101", "103"], backfillDays: 0 });
    expect(within(admin).getByTestId("status-101").textContent).toBe("active · webhook validated · synced");
    expect(within(admin).getByLabelText<HTMLInputElement>("Agency").disabled).toBe(true);
    expect(within(admin).getByLabelText<HTMLInputElement>("Side projects").checked).toBe(false);
  });
});
