import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Invitation, Me, SessionCreated, UserRemoved } from "../../shared/contract";
import { ACCOUNT_HEADER } from "../../shared/headers";
import { App as AdminApp } from "../../extension/entrypoints/options/App";
import { App } from "../../extension/entrypoints/popup/App";
import { api } from "../../extension/lib/api";
import {
  invitationsItem,
  meItem,
  offlineQueueItem,
  recentTimeLogsItem,
  serverUrlItem,
  sessionTokenItem,
  tasksItem,
  timerItem,
} from "../../extension/lib/storage";
import { hydrateInvitations } from "../../extension/state/invitations";
import { hydrateSession } from "../../extension/state/session";
import { hydrateTasks } from "../../extension/state/tasks";
import { hydrateTimer, recentError, refreshRecent } from "../../extension/state/timer";
import { adminMe, connection, memberMe, runningTimer, signInAs, task, timeLog, user } from "./support/fixtures";
import { fakeServer, type Call, type FakeServer } from "./support/fake-server";

const acme = { id: "a-1", name: "Acme" };
const globex = { id: "a-2", name: "Globex" };
/** Fran: a member of Acme (current) and an admin of Globex. */
const inAcme: Me = {
  user: { ...memberMe.user, id: "u-acme", name: "Fran" },
  account: acme,
  memberships: [
    { account: acme, role: "member", userId: "u-acme", current: true },
    { account: globex, role: "admin", userId: "u-globex", current: false },
  ],
};
const inGlobex: Me = {
  user: { ...inAcme.user, id: "u-globex", role: "admin" },
  account: globex,
  memberships: inAcme.memberships.map((m) => ({ ...m, current: m.account.id === globex.id })),
};

function invitation(over: Partial<Invitation> = {}): Invitation {
  return {
    id: "i-1",
    account: { id: "a-9", name: "Initech" },
    role: "admin",
    email: "fran@example.com",
    invitedBy: { name: "Ivy", email: "ivy@initech.example" },
    status: "pending",
    expiresAt: "2026-12-10T10:00:00Z",
    createdAt: "2026-11-26T10:00:00Z",
    ...over,
  };
}

async function openPopup() {
  await act(async () => {
    await Promise.all([hydrateSession(), hydrateTimer(), hydrateTasks(), hydrateInvitations()]);
  });
  return render(<App />);
}

/** A worker that really keeps the session's account and answers each account with its own data. */
function twoAccountServer(over: Record<string, Parameters<FakeServer["on"]>[1]> = {}) {
  let current = acme.id;
  const header = () => ({ [ACCOUNT_HEADER]: current });
  const server = fakeServer({
    "GET /api/me": () => ({ body: current === acme.id ? inAcme : inGlobex, headers: header() }),
    "GET /api/invitations": { body: { items: [] } },
    "GET /api/timer": () => ({ body: null, headers: header() }),
    "GET /api/tasks": () => ({
      body: { items: [task({ label: current === acme.id ? "Acme task" : "Globex task" })] },
      headers: header(),
    }),
    "GET /api/time-logs": () => ({
      body: {
        items: [timeLog({ id: `l-${current}`, title: current === acme.id ? "Acme work" : "Globex work" })],
        nextCursor: null,
      },
      headers: header(),
    }),
    "POST /api/session/account": (c: Call) => {
      current = (c.body as { accountId: string }).accountId;
      return { body: current === acme.id ? inAcme : inGlobex, headers: header() };
    },
    ...over,
  });
  return { server, current: () => current };
}

beforeEach(() => {
  location.hash = "";
});

describe("invitations in the popup", () => {
  it("shows 'Initech invited you as admin' right after sign-in; Join accepts and opens that account", async () => {
    const joined: Me = {
      ...inAcme,
      account: { id: "a-9", name: "Initech" },
      user: { ...inAcme.user, id: "u-initech", role: "admin" },
      memberships: [
        ...inAcme.memberships.map((m) => ({ ...m, current: false })),
        { account: { id: "a-9", name: "Initech" }, role: "admin", userId: "u-initech", current: true },
      ],
    };
    let pending = [invitation()];
    const server = fakeServer({
      "POST /api/session": {
        status: 201,
        body: { token: "t", expiresAt: "2026-12-24T00:00:00Z", ...inAcme } satisfies SessionCreated,
      },
      "GET /api/me": { body: inAcme },
      "GET /api/invitations": () => ({ body: { items: pending } }),
      "GET /api/timer": { body: null },
      "GET /api/time-logs": { body: { items: [], nextCursor: null } },
      "GET /api/tasks": { body: { items: [] } },
      "POST /api/invitations/i-1/accept": () => {
        pending = [];
        return { body: { invitation: invitation({ status: "accepted" }), membership: joined.memberships[2] } };
      },
      "POST /api/session/account": { body: joined },
    });
    await openPopup();
    fireEvent.input(screen.getByLabelText("Toggl API token"), { target: { value: "abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    const banner = await screen.findByTestId("invitation-i-1");
    expect(banner.textContent).toMatch(/^Initech invited you as adminJoinDecline$/);
    fireEvent.click(within(banner).getByRole("button", { name: "Join Initech" }));
    await waitFor(() => expect(screen.queryByTestId("invitations")).toBeNull());
    expect(server.callsTo("POST /api/session/account")[0]!.body).toEqual({ accountId: "a-9" });
    expect((await meItem.getValue())?.account.id).toBe("a-9");
    // Three accounts now: the switcher offers them all.
    expect(
      within(screen.getByTestId("account-switcher"))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Acme (member)", "Globex (admin)", "Initech (admin)"]);
  });

  it("Decline answers the invitation and the banner goes; the person stays where they are", async () => {
    let pending = [invitation()];
    const { server } = twoAccountServer({
      "GET /api/invitations": () => ({ body: { items: pending } }),
      "POST /api/invitations/i-1/decline": () => {
        pending = [];
        return { body: invitation({ status: "declined" }) };
      },
    });
    await signInAs(inAcme);
    await openPopup();
    fireEvent.click(await screen.findByRole("button", { name: "Decline Initech" }));
    await waitFor(() => expect(screen.queryByTestId("invitations")).toBeNull());
    expect(server.callsTo("POST /api/invitations/i-1/decline")).toHaveLength(1);
    expect(server.callsTo("POST /api/session/account")).toHaveLength(0);
    expect(await invitationsItem.getValue()).toEqual([]);
  });
});

describe("switching accounts in the popup", () => {
  it("switches, forgets the last account's cached timer, Time Logs and tasks, and shows the new account's own", async () => {
    const { server } = twoAccountServer();
    await signInAs(inAcme);
    await timerItem.setValue(runningTimer({ title: "Acme timer" }));
    await openPopup();
    await screen.findByText("Acme work");
    expect(screen.queryByTestId("account-switcher")).not.toBeNull();

    fireEvent.change(screen.getByLabelText("Account"), { target: { value: globex.id } });
    await screen.findByText("Globex work");
    expect(server.callsTo("POST /api/session/account")[0]!.body).toEqual({ accountId: globex.id });
    expect(screen.queryByText("Acme work")).toBeNull();
    expect(screen.queryByText("Acme timer")).toBeNull();
    expect((await recentTimeLogsItem.getValue()).map((l) => l.title)).toEqual(["Globex work"]);
    expect((await meItem.getValue())?.account).toEqual(globex);
    await waitFor(async () => expect((await tasksItem.getValue()).map((t) => t.label)).toEqual(["Globex task"]));
  });

  it("never files an answer meant for the account it switched away from", async () => {
    await signInAs(inGlobex);
    // A late answer for Acme (the request left before the switch).
    fakeServer({
      "GET /api/time-logs": {
        body: { items: [timeLog({ title: "Acme work" })], nextCursor: null },
        headers: { [ACCOUNT_HEADER]: acme.id },
      },
    });
    await expect(api.timeLogs()).rejects.toMatchObject({ code: "account_changed" });
    // The popup's refresh drops it quietly: nothing cached, no error to show.
    await refreshRecent();
    expect(await recentTimeLogsItem.getValue()).toEqual([]);
    expect(recentError.value).toBeNull();
  });

  it("refuses to switch while timer clicks made offline still wait to be sent", async () => {
    const { server } = twoAccountServer();
    await signInAs(inAcme);
    await offlineQueueItem.setValue([{ id: "q-1", kind: "stop", at: new Date().toISOString() }]);
    await openPopup();
    fireEvent.change(await screen.findByLabelText("Account"), { target: { value: globex.id } });
    expect((await screen.findAllByRole("alert")).map((a) => a.textContent).join(" ")).toMatch(
      /still waiting to be sent/,
    );
    expect(server.callsTo("POST /api/session/account")).toHaveLength(0);
    expect((await meItem.getValue())?.account).toEqual(acme);
  });

  it("shows no switcher to someone in one account", async () => {
    fakeServer({
      "GET /api/me": { body: memberMe },
      "GET /api/invitations": { body: { items: [] } },
      "GET /api/timer": { body: null },
      "GET /api/time-logs": { body: { items: [], nextCursor: null } },
      "GET /api/tasks": { body: { items: [] } },
    });
    await signInAs(memberMe);
    await openPopup();
    await screen.findByText("No timer running.");
    expect(screen.queryByTestId("account-switcher")).toBeNull();
  });
});

describe("the server address", () => {
  it("sends nothing to a server that is neither https nor on this computer", async () => {
    const server = fakeServer({ "GET /api/me": { body: adminMe } });
    await signInAs(adminMe);
    await serverUrlItem.setValue("http://hourline.example.com");
    await expect(api.me()).rejects.toMatchObject({ code: "insecure_server" });
    expect(server.calls).toHaveLength(0);
    expect(await sessionTokenItem.getValue()).toBe("session-token");
  });
});

describe("people and connections in the admin page", () => {
  async function openAdmin(tab: string) {
    await signInAs(adminMe);
    await hydrateSession();
    location.hash = tab;
    return render(<AdminApp />);
  }

  it("Users shows invitations, revokes one and removes a person, saying what became of their connections", async () => {
    const invited = user({ id: "u-3", email: "carol@agency.example" });
    const joined = user({
      id: "u-4",
      email: "dan@agency.example",
      name: "Dan",
      status: "active",
      linked: true,
      invitation: null,
    });
    const removed: UserRemoved = {
      user: { ...joined, status: "removed" },
      connections: [
        { id: "c-1", workspaceName: "Agency", newOwner: { id: "u-1", name: "Ada", email: "ada@example.com" } },
        { id: "c-2", workspaceName: "Side", newOwner: null },
      ],
    };
    const server = fakeServer({
      "GET /api/me": { body: adminMe },
      "GET /api/members": { body: { items: [] } },
      "GET /api/users": { body: { items: [user(adminMe.user), invited, joined] } },
      "DELETE /api/users/u-3": { body: { user: { ...invited, status: "removed" }, connections: [] } },
      "DELETE /api/users/u-4": { body: removed },
    });
    vi.spyOn(globalThis, "confirm").mockReturnValue(true);
    await openAdmin("users");
    const row = await screen.findByTestId("user-u-3");
    expect(row.textContent).toContain("invited · until");
    fireEvent.click(within(row).getByRole("button", { name: "Revoke the invitation of carol@agency.example" }));
    await screen.findByText("Invitation to carol@agency.example revoked.");

    fireEvent.click(within(screen.getByTestId("user-u-4")).getByRole("button", { name: "Remove dan@agency.example" }));
    await screen.findByText("Dan is out of this account. Agency now runs with Ada's token. Side needs a new owner.");
    expect(server.callsTo("DELETE /api/users/u-3")).toHaveLength(1);
    expect(server.callsTo("DELETE /api/users/u-4")).toHaveLength(1);
  });

  it("Connections says what happened to a connection's owner and who can fix it", async () => {
    const message = 'Toggl denies Olga access to the workspace "Agency" (403), so it is not syncing: …';
    fakeServer({
      "GET /api/me": { body: adminMe },
      "GET /api/connections": {
        body: {
          items: [
            connection({ status: "error", ownerProblem: { kind: "lost_workspace_access", message, canFix: [] } }),
          ],
        },
      },
      "GET /api/toggl/workspaces": { body: { items: [] } },
    });
    await openAdmin("connections");
    expect((await screen.findByTestId("owner-problem-101")).textContent).toBe(message);
  });

  it("Settings signs the person out everywhere", async () => {
    const server = fakeServer({ "GET /api/me": { body: adminMe }, "DELETE /api/sessions": { status: 204 } });
    vi.spyOn(globalThis, "confirm").mockReturnValue(true);
    await openAdmin("settings");
    fireEvent.click(await screen.findByRole("button", { name: "Sign out everywhere" }));
    await waitFor(async () => expect(await sessionTokenItem.getValue()).toBeNull());
    expect(server.callsTo("DELETE /api/sessions")).toHaveLength(1);
    expect(await meItem.getValue()).toBeNull();
  });
});
