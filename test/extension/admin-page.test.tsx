import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { Member } from "../../shared/contract";
import { App } from "../../extension/entrypoints/options/App";
import { serverUrlItem, sessionTokenItem } from "../../extension/lib/storage";
import { hydrateSession } from "../../extension/state/session";
import {
  adminMe,
  connection,
  member,
  memberMe,
  overview,
  signInAs,
  syncRun,
  timeLog,
  user,
  workspace,
} from "./support/fixtures";
import { apiError, fakeServer, type Call, type Handler, type Reply } from "./support/fake-server";

beforeEach(() => {
  location.hash = "";
});

async function openAdminPage(me = adminMe, tab?: string) {
  await signInAs(me);
  await hydrateSession();
  if (tab) location.hash = tab;
  return render(<App />);
}

/** The admin page first asks who is signed in; a test adds the routes it is about. */
const adminServer = (routes: Record<string, Reply | Handler> = {}) =>
  fakeServer({ "GET /api/me": { body: adminMe }, ...routes });

const users = [user(adminMe.user), user()];

/** The browser grants every host permission asked for; answers what was asked. */
function grantOnRequest(): string[][] {
  const requested: string[][] = [];
  (fakeBrowser as unknown as { permissions: unknown }).permissions = {
    contains: async () => false,
    request: async (p: { origins: string[] }) => {
      requested.push(p.origins);
      return true;
    },
  };
  return requested;
}
const carol = member();

describe("admin page", () => {
  it("keeps members out of the admin tabs", async () => {
    fakeServer({ "GET /api/me": { body: memberMe } });
    await openAdminPage(memberMe);
    expect(screen.getByText("Only account owners and admins can manage connections and users.")).toBeTruthy();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Settings"]);
  });

  it("Overview shows status, owner, last sync, requests spent, webhook health and errors", async () => {
    adminServer({
      "GET /api/overview": {
        body: overview({
          status: "attention",
          counts: { connections: 1, clients: 2, projects: 3, tasks: 4, members: 5, unmatchedMembers: 1, timeLogs: 42 },
          requestsSpent24h: 17,
          connections: [
            connection({ webhook: { status: "missing", lastEventAt: null, repairedAt: null, note: null } }),
          ],
          errors: [
            { connectionId: "c-1", workspaceName: "Agency", message: "Webhook subscription vanished", at: null },
          ],
        }),
      },
    });
    await openAdminPage();
    const panel = await screen.findByTestId("overview");
    expect(within(panel).getByText("Needs attention")).toBeTruthy();
    expect(within(panel).getByText("Ada")).toBeTruthy();
    expect(within(panel).getByText("17")).toBeTruthy();
    expect(panel.textContent).toContain("42 Time Logs");
    expect(within(panel).getByText("missing")).toBeTruthy();
    expect(panel.textContent).toContain("Agency: Webhook subscription vanished");
  });

  describe("Overview sync log", () => {
    async function openLog(id: string) {
      const log = await screen.findByTestId(`sync-log-${id}`);
      fireEvent.click(log.querySelector("summary")!);
      return log;
    }

    it("loads a connection's runs only when opened, newest first, with steps, requests spent and a failed run's error", async () => {
      const server = adminServer({
        "GET /api/overview": { body: overview({ connections: [connection()] }) },
        "GET /api/connections/c-1/runs": {
          body: {
            items: [
              syncRun({
                id: "r-2",
                kind: "manual",
                status: "failed",
                startedAt: "2026-11-24T09:00:00.000Z",
                finishedAt: "2026-11-24T09:00:03.000Z",
                itemsChanged: 2,
                requestsSpent: 3,
                error: "Toggl rejected the owner's API token",
                steps: [
                  { step: "clients", ok: true, itemsChanged: 2, requests: 2 },
                  { step: "projects", ok: false, itemsChanged: 0, requests: 1, error: "403 Forbidden" },
                ],
              }),
              syncRun({
                id: "r-1",
                itemsChanged: 14,
                requestsSpent: 6,
                steps: [{ step: "members", ok: true, itemsChanged: 14, requests: 6 }],
              }),
            ],
          },
        },
      });
      await openAdminPage();
      await screen.findByTestId("overview");
      expect(server.callsTo("GET /api/connections/c-1/runs")).toHaveLength(0);
      const log = await openLog("c-1");
      await within(log).findByText("Toggl rejected the owner's API token");
      expect(server.callsTo("GET /api/connections/c-1/runs")).toHaveLength(1);
      const runs = within(log)
        .getAllByRole("listitem")
        .filter((li) => li.parentElement?.parentElement === log);
      expect(runs).toHaveLength(2);
      expect(runs[0]!.textContent).toContain("manual");
      expect(runs[0]!.textContent).toContain("failed");
      expect(runs[0]!.textContent).toContain("3 s · 2 changed · 3 Toggl requests");
      expect(runs[0]!.textContent).toContain("clients: ok, 2 items, 2 requests");
      expect(runs[0]!.textContent).toContain("projects: failed, 0 items, 1 requests — 403 Forbidden");
      expect(runs[1]!.textContent).toContain("connect");
      expect(runs[1]!.textContent).toContain("1 min 5 s · 14 changed · 6 Toggl requests");
      expect(runs[1]!.textContent).toContain("members: ok, 14 items, 6 requests");
    });

    it("says so when a connection has never synced, and shows the server's refusal", async () => {
      adminServer({
        "GET /api/overview": {
          body: overview({
            connections: [connection(), connection({ id: "c-2", workspaceId: "102", workspaceName: "Studio" })],
          }),
        },
        "GET /api/connections/c-1/runs": { body: { items: [] } },
        "GET /api/connections/c-2/runs": apiError(404, "not_found", "Connection not found"),
      });
      await openAdminPage();
      const empty = await openLog("c-1");
      expect(await within(empty).findByText("No sync has run yet.")).toBeTruthy();
      const refused = await openLog("c-2");
      expect((await within(refused).findByRole("alert")).textContent).toBe("Connection not found");
    });
  });

  it("Connections connects all workspaces with a history window, re-syncs and unlinks", async () => {
    let connected = false;
    const server = adminServer({
      "GET /api/toggl/workspaces": () => ({
        body: {
          items: [
            workspace({ id: "101", name: "Agency", connected }),
            workspace({ id: "102", name: "Side", connected }),
          ],
        },
      }),
      "GET /api/connections": () => ({ body: { items: connected ? [connection()] : [] } }),
      "POST /api/connections": () => {
        connected = true;
        return { status: 201, body: { items: [connection()] } };
      },
      "POST /api/connections/c-1/sync": { status: 202, body: {} },
      "DELETE /api/connections/c-1": { status: 204 },
    });
    vi.spyOn(globalThis, "confirm").mockReturnValue(true);
    await openAdminPage(adminMe, "connections");
    fireEvent.click(await screen.findByLabelText("All workspaces"));
    fireEvent.change(screen.getByLabelText("History to import"), { target: { value: "30" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect selected" }));
    await screen.findByTestId("connection-101");
    expect(server.callsTo("POST /api/connections")[0]!.body).toEqual({
      workspaceIds: ["101", "102"],
      backfillDays: 30,
    });

    fireEvent.click(screen.getByRole("button", { name: "Re-sync Agency" }));
    await waitFor(() => expect(server.callsTo("POST /api/connections/c-1/sync")).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "Unlink Agency" }));
    await waitFor(() => expect(server.callsTo("DELETE /api/connections/c-1")).toHaveLength(1));
  });

  it("Connections asks Toggl for the workspace list only when the admin asks, once something is connected", async () => {
    const server = adminServer({
      "GET /api/connections": { body: { items: [connection()] } },
      "GET /api/toggl/workspaces": {
        body: { items: [workspace({ connected: true, connectionId: "c-1" }), workspace({ id: "102", name: "Side" })] },
      },
    });
    await openAdminPage(adminMe, "connections");
    await screen.findByTestId("connection-101");
    expect(server.callsTo("GET /api/toggl/workspaces")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "List my Toggl workspaces" }));
    await screen.findByLabelText(/^Side/);
    expect(server.callsTo("GET /api/toggl/workspaces")).toHaveLength(1);
  });

  it("Users maps an unmatched member by hand, invites one, adds a user and changes a role", async () => {
    let mapped: Member = carol;
    const server = adminServer({
      "GET /api/members": (c: Call) => ({
        body: { items: c.url.searchParams.get("filter") === "unmatched" && mapped.user ? [] : [mapped] },
      }),
      "GET /api/users": { body: { items: users } },
      "PUT /api/members/m-3/user": (c: Call) => {
        const userId = (c.body as { userId: string }).userId;
        mapped = { ...carol, match: "manual", user: { id: userId, name: "Carol", email: "carol@agency.example" } };
        return { body: mapped };
      },
      "POST /api/members/m-3/invite": { status: 201, body: { member: carol, user: users[1], created: true } },
      "POST /api/users": { status: 201, body: users[1] },
      "PATCH /api/users/u-3": { body: { ...users[1], role: "admin" } },
    });
    await openAdminPage(adminMe, "users");
    fireEvent.change(await screen.findByLabelText("Show"), { target: { value: "unmatched" } });
    const picker = await screen.findByLabelText("User for Carol Shaw");
    fireEvent.click(within(screen.getByTestId("member-m-3")).getByRole("button", { name: "Invite" }));
    await waitFor(() => expect(server.callsTo("POST /api/members/m-3/invite")).toHaveLength(1));

    fireEvent.change(picker, { target: { value: "u-3" } });
    fireEvent.click(within(screen.getByTestId("member-m-3")).getByRole("button", { name: "Map" }));
    await screen.findByText("Every member is matched to a user.");
    expect(server.callsTo("PUT /api/members/m-3/user")[0]!.body).toEqual({ userId: "u-3" });

    fireEvent.input(screen.getByLabelText("Email"), { target: { value: "dan@agency.example" } });
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Dan" } });
    fireEvent.submit(screen.getByRole("form", { name: "Invite someone" }));
    await waitFor(() => expect(server.callsTo("POST /api/users")).toHaveLength(1));
    expect(server.callsTo("POST /api/users")[0]!.body).toEqual({
      email: "dan@agency.example",
      name: "Dan",
      role: "member",
    });

    fireEvent.change(screen.getByLabelText("Role of carol@agency.example"), { target: { value: "admin" } });
    await waitFor(() => expect(server.callsTo("PATCH /api/users/u-3")[0]?.body).toEqual({ role: "admin" }));
  });

  it("Users shows the server's refusal, e.g. demoting the last owner", async () => {
    adminServer({
      "GET /api/members": { body: { items: [] } },
      "GET /api/users": { body: { items: users } },
      "PATCH /api/users/u-1": apiError(409, "last_owner", "An account keeps at least one owner"),
    });
    await openAdminPage(adminMe, "users");
    fireEvent.change(await screen.findByLabelText("Role of ada@example.com"), { target: { value: "member" } });
    await screen.findByText("An account keeps at least one owner");
  });

  it("Timeline groups the team's Time Logs and toggles scorable", async () => {
    const log = timeLog({ id: "tl-9", title: "Acme → Website → Design → Review" });
    const server = adminServer({
      "GET /api/users": { body: { items: users } },
      "GET /api/connections": { body: { items: [connection()] } },
      "GET /api/members": { body: { items: [] } },
      "GET /api/time-logs": { body: { items: [log], nextCursor: null } },
      "PATCH /api/time-logs/tl-9": (c: Call) => ({ body: { ...log, ...(c.body as object) } }),
    });
    await openAdminPage(adminMe, "timeline");
    const timeline = await screen.findByTestId("timeline");
    await within(timeline).findByText("Acme → Website → Design → Review");
    expect(within(timeline).getByText("Ada", { selector: "strong" })).toBeTruthy();
    expect(server.callsTo("GET /api/time-logs")[0]!.url.searchParams.get("userId")).toBe("all");
    const scorable = within(timeline).getByLabelText<HTMLInputElement>("scorable");
    expect(scorable.checked).toBe(false);
    fireEvent.click(scorable);
    await waitFor(() => expect(server.callsTo("PATCH /api/time-logs/tl-9")).toHaveLength(1));
    expect(server.callsTo("PATCH /api/time-logs/tl-9")[0]!.body).toEqual({ scorable: true });
    await waitFor(() => expect(within(timeline).getByLabelText<HTMLInputElement>("scorable").checked).toBe(true));

    fireEvent.change(within(timeline).getByLabelText("Person"), { target: { value: "u-3" } });
    await waitFor(() =>
      expect(server.callsTo("GET /api/time-logs").at(-1)!.url.searchParams.get("userId")).toBe("u-3"),
    );
  });

  it("Settings asks for the host permission and switches server, signing out of the old one", async () => {
    adminServer();
    const requested = grantOnRequest();
    await openAdminPage(adminMe, "settings");
    fireEvent.input(screen.getByLabelText("Hourline server URL"), {
      target: { value: "https://hourline.example.com/some/path" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Saved. Sign in again from the popup against https://hourline.example.com.");
    expect(requested).toEqual([["https://hourline.example.com/*"]]);
    expect(await serverUrlItem.getValue()).toBe("https://hourline.example.com");
    expect(await sessionTokenItem.getValue()).toBeNull();
  });

  it("Settings refuses an address that is neither https nor on this computer, before asking any permission", async () => {
    adminServer();
    const requested = grantOnRequest();
    await openAdminPage(adminMe, "settings");
    const cases: [string, RegExp][] = [
      ["ftp://files.example.com", /must start with https:\/\//],
      [
        "http://hourline.example.com",
        /Use https:\/\/ for hourline\.example\.com: your session and Toggl token would travel in clear text/,
      ],
      ["http://192.168.1.20:8787", /Use https:\/\/ for 192\.168\.1\.20:8787/],
    ];
    for (const [address, said] of cases) {
      fireEvent.input(screen.getByLabelText("Hourline server URL"), { target: { value: address } });
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
      await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(said));
    }
    expect(requested).toEqual([]);
    expect(await serverUrlItem.getValue()).toBe("http://127.0.0.1:8787");
    expect(await sessionTokenItem.getValue()).toBe("session-token");
  });

  it("Settings takes a server on this computer over http", async () => {
    adminServer();
    await openAdminPage(adminMe, "settings");
    fireEvent.input(screen.getByLabelText("Hourline server URL"), { target: { value: "http://localhost:9999/" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Saved. Sign in again from the popup against http://localhost:9999.");
    expect(await serverUrlItem.getValue()).toBe("http://localhost:9999");
  });
});
