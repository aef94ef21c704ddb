import { describe, expect, it } from "vitest";
import { describeOwnerProblem } from "../../../worker/features/connections/view";
import {
  accountToOpen,
  invitationStatus,
  strongerRole,
  togglVouches,
  userStatus,
} from "../../../worker/features/people/rules";

const now = new Date("2026-11-20T12:00:00Z");

describe("people rules", () => {
  it("a pending invitation past its expiry reads expired; answered ones keep their answer", () => {
    const later = new Date(now.getTime() + 1000);
    const earlier = new Date(now.getTime() - 1000);
    expect(invitationStatus({ status: "pending", expiresAt: later }, now)).toBe("pending");
    expect(invitationStatus({ status: "pending", expiresAt: now }, now)).toBe("expired");
    expect(invitationStatus({ status: "declined", expiresAt: earlier }, now)).toBe("declined");
    expect(invitationStatus({ status: "accepted", expiresAt: earlier }, now)).toBe("accepted");
  });

  it("a membership is invited until a person joins, and removed once removed", () => {
    expect(userStatus({ personId: null, removedAt: null })).toBe("invited");
    expect(userStatus({ personId: "p", removedAt: null })).toBe("active");
    expect(userStatus({ personId: "p", removedAt: now })).toBe("removed");
    expect(userStatus({ personId: null, removedAt: now })).toBe("removed");
  });

  it("keeps the stronger role", () => {
    expect(strongerRole("member", "admin")).toBe("admin");
    expect(strongerRole("owner", "admin")).toBe("owner");
    expect(strongerRole("member", "member")).toBe("member");
  });

  it("Toggl vouches only for a joined, active member of a connected workspace mapped to an open seat", () => {
    const ok = {
      member: { joined: true, active: true },
      connectionStatus: "active",
      seat: { personId: null, removedAt: null },
    };
    expect(togglVouches(ok)).toBe(true);
    expect(togglVouches({ ...ok, connectionStatus: "error" })).toBe(true);
    expect(togglVouches({ ...ok, member: { joined: false, active: true } })).toBe(false);
    expect(togglVouches({ ...ok, member: { joined: true, active: false } })).toBe(false);
    expect(togglVouches({ ...ok, connectionStatus: "unlinked" })).toBe(false);
    expect(togglVouches({ ...ok, seat: { personId: "someone", removedAt: null } })).toBe(false);
    expect(togglVouches({ ...ok, seat: { personId: null, removedAt: now } })).toBe(false);
  });

  it("opens the account last worked in while still a member there, else the first joined", () => {
    const memberships = [
      { accountId: "b", joinedAt: new Date("2026-02-01") },
      { accountId: "a", joinedAt: new Date("2026-01-01") },
    ];
    expect(accountToOpen(memberships, "b")).toBe("b");
    expect(accountToOpen(memberships, "gone")).toBe("a");
    expect(accountToOpen(memberships, null)).toBe("a");
    expect(accountToOpen([], "a")).toBeNull();
  });
});

describe("owner problems in words", () => {
  const owner = { id: "u1", name: "Olga", email: "olga@x.test" };
  const bob = { id: "u2", name: "Bob", email: "bob@x.test" };
  const cy = { id: "u3", name: "", email: "cy@x.test" };

  it("says what happened and names who can fix it", () => {
    expect(describeOwnerProblem("lost_workspace_access", owner, "Agency", [bob, cy])).toBe(
      'Toggl denies Olga access to the workspace "Agency" (403), so it is not syncing: a Toggl admin of "Agency" can give Olga access again, or Bob or cy@x.test can take it over with Re-sync.',
    );
    expect(describeOwnerProblem("token_rejected", owner, "Agency", [])).toBe(
      `Toggl no longer accepts Olga's API token, so "Agency" is not syncing: Olga can sign in again with their current token, or an admin here who is a Toggl admin of "Agency" can take it over with Re-sync.`,
    );
    expect(describeOwnerProblem("owner_left", owner, "Agency", [bob])).toBe(
      'Needs a new owner: Olga left this account and nobody took "Agency" over, so it is not syncing. Bob can take it over with Re-sync, or connect it again.',
    );
  });
});
