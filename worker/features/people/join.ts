// Who a person becomes at sign-in. They are identified by Toggl user id (never by email), and they
// enter an account only by accepting an invitation (invitations.ts) or because Toggl vouches for
// them: an active member of a workspace that account connected, mapped by that account's admin to
// an invited user. An email typed by an admin never pulls anyone in.
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { connections, members, users } from "../../db/schema";
import type { Db } from "../../env";
import { ApiError } from "../../lib/errors";
import { fillSeat } from "./invitations";
import { accountToOpen, togglVouches } from "./rules";
import { createOwnAccount, membershipRows, upsertPerson, type PersonRow, type UserRow } from "./store";

export interface TogglIdentity {
  togglUserId: string;
  /** Normalised. */
  email: string;
  name: string;
}

export interface Identified {
  person: PersonRow;
  /** The membership the session opens in. */
  user: UserRow;
  /** Accounts joined at this sign-in because Toggl vouched. */
  joined: string[];
  createdAccount: boolean;
}

/**
 * The seats Toggl vouches for this person to fill, one per account they are not in yet: member
 * rows of their Toggl id in connected workspaces, mapped to an invited user.
 */
async function vouchedSeats(db: Db, person: PersonRow): Promise<{ accountId: string; seatUserId: string }[]> {
  const rows = await db
    .select({
      accountId: members.accountId,
      seatUserId: users.id,
      joined: members.joined,
      active: members.active,
      connectionStatus: connections.status,
      personId: users.personId,
      removedAt: users.removedAt,
    })
    .from(members)
    .innerJoin(users, and(eq(users.id, members.userId), eq(users.accountId, members.accountId)))
    .innerJoin(
      connections,
      and(
        eq(connections.accountId, members.accountId),
        eq(connections.workspaceId, members.workspaceId),
        ne(connections.status, "unlinked"),
      ),
    )
    .where(and(eq(members.togglUserId, person.togglUserId), isNull(users.personId), isNull(users.removedAt)))
    .orderBy(asc(members.createdAt), asc(members.id));
  const seats = new Map<string, string>();
  for (const r of rows) {
    const vouched = togglVouches({
      member: { joined: r.joined, active: r.active },
      connectionStatus: r.connectionStatus,
      seat: { personId: r.personId, removedAt: r.removedAt },
    });
    if (vouched && !seats.has(r.accountId)) seats.set(r.accountId, r.seatUserId);
  }
  return [...seats].map(([accountId, seatUserId]) => ({ accountId, seatUserId }));
}

/**
 * The person behind a Toggl identity, after joining the accounts Toggl vouches for; the session
 * opens in the account they last worked in (else their first), and a person with no membership at
 * all gets a new account of their own.
 */
export async function identifyPerson(db: Db, identity: TogglIdentity, now = new Date()): Promise<Identified> {
  const person = await upsertPerson(db, identity, now);
  const before = new Set((await membershipRows(db, person.id)).map((m) => m.account.id));
  const joined: string[] = [];
  for (const seat of await vouchedSeats(db, person)) {
    if (before.has(seat.accountId)) continue;
    // A seat taken or closed meanwhile (a concurrent sign-in of the same person) is skipped.
    const membership = await fillSeat(db, person, seat, now).catch((err: unknown) => {
      if (err instanceof ApiError) return null;
      throw err;
    });
    if (membership) joined.push(seat.accountId);
  }

  let memberships = await membershipRows(db, person.id);
  let createdAccount = false;
  if (memberships.length === 0) {
    await createOwnAccount(db, person, now);
    memberships = await membershipRows(db, person.id);
    createdAccount = true;
  }
  // A person who just joined their first account(s) because Toggl vouched opens there.
  const open = accountToOpen(
    memberships.map((m) => ({ accountId: m.account.id, joinedAt: m.user.createdAt })),
    before.size === 0 && joined[0] ? joined[0] : person.lastAccountId,
  );
  const chosen = memberships.find((m) => m.account.id === open)?.user;
  if (!chosen) throw new Error("A signed-in person has no membership to open");
  return { person, user: chosen, joined, createdAccount };
}
