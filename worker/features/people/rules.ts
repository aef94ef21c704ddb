// Pure rules about people, memberships and invitations, apart from any I/O.
import type { InvitationStatus, Role, UserStatus } from "../../../shared/contract";

/** How long an invitation waits for its invitee. */
export const INVITATION_TTL_MS = 14 * 86_400_000;

/** A stored invitation as its invitee and admins see it: a pending one past its expiry is "expired". */
export function invitationStatus(
  row: { status: Exclude<InvitationStatus, "expired">; expiresAt: Date },
  now: Date,
): InvitationStatus {
  return row.status === "pending" && row.expiresAt.getTime() <= now.getTime() ? "expired" : row.status;
}

/** A membership row's standing: joined by a person, waiting for one, or over. */
export function userStatus(row: { personId: string | null; removedAt: Date | null }): UserStatus {
  if (row.removedAt) return "removed";
  return row.personId ? "active" : "invited";
}

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** The stronger of two roles (an invitation accepted by someone already in keeps the better one). */
export function strongerRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Toggl vouches for a person joining an account when all of this holds for one member row:
 * the person is that Toggl user, Toggl's member list (the last import) showed them as having
 * accepted the workspace invitation (`is_active`) and not deactivated; the account has the workspace
 * connected; and an admin of the account mapped the member to an invited user (by hand, by
 * "Invite", or by adding their email, which the import matched).
 */
export function togglVouches(candidate: {
  member: { joined: boolean; active: boolean };
  connectionStatus: string;
  seat: { personId: string | null; removedAt: Date | null };
}): boolean {
  return (
    candidate.member.joined &&
    candidate.member.active &&
    candidate.connectionStatus !== "unlinked" &&
    candidate.seat.personId === null &&
    candidate.seat.removedAt === null
  );
}

/**
 * Where a sign-in opens: the account the person last worked in while they are still a member
 * there, else the membership they joined first; null when they have none (a new account is made).
 */
export function accountToOpen(
  memberships: readonly { accountId: string; joinedAt: Date }[],
  lastAccountId: string | null,
): string | null {
  if (lastAccountId && memberships.some((m) => m.accountId === lastAccountId)) return lastAccountId;
  const first = [...memberships].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())[0];
  return first?.accountId ?? null;
}
