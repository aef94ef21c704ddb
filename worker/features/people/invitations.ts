// Invitations: an admin invites an email into their account (with a role); only the person whose
// Toggl email it is may accept or decline it, while it is pending and not expired. Accepting fills
// the invited user (the seat) with the person, so member mappings that point at it stay.
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Invitation, InvitationAccepted, Role } from "../../../shared/contract";
import { runBatch, type Statement } from "../../db/batch";
import { accounts, invitations, members, timeLogs, users } from "../../db/schema";
import type { Caller, Db } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { matchMembersForUser } from "../members/store";
import { INVITATION_TTL_MS, invitationStatus, strongerRole } from "./rules";
import { findMembership, findPerson, setLastAccount, type PersonRow, type UserRow } from "./store";

type InvitationRow = typeof invitations.$inferSelect;

/** The statement that invites `email` into the invited user's seat (a new pending invitation). */
export function inviteStatement(
  db: Db,
  seat: Pick<UserRow, "id" | "accountId" | "email" | "role">,
  invitedByUserId: string | null,
  now: Date,
) {
  return db.insert(invitations).values({
    id: crypto.randomUUID(),
    accountId: seat.accountId,
    userId: seat.id,
    email: seat.email,
    role: seat.role,
    invitedByUserId,
    status: "pending",
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    createdAt: now,
  });
}

/** The statement that keeps a pending invitation's role in step with its seat's. */
export function retitleStatement(db: Db, accountId: string, userId: string, role: Role) {
  return db
    .update(invitations)
    .set({ role })
    .where(
      and(eq(invitations.accountId, accountId), eq(invitations.userId, userId), eq(invitations.status, "pending")),
    );
}

const invitationColumns = {
  invitation: invitations,
  account: { id: accounts.id, name: accounts.name },
  inviterName: sql<string | null>`(select u.name from ${users} u where u.id = ${invitations.invitedByUserId})`,
  inviterEmail: sql<string | null>`(select u.email from ${users} u where u.id = ${invitations.invitedByUserId})`,
};

type InvitationJoined = {
  invitation: InvitationRow;
  account: { id: string; name: string };
  inviterName: string | null;
  inviterEmail: string | null;
};

function toInvitation(r: InvitationJoined, now: Date): Invitation {
  return {
    id: r.invitation.id,
    account: r.account,
    role: r.invitation.role,
    email: r.invitation.email,
    invitedBy: r.invitation.invitedByUserId ? { name: r.inviterName ?? "", email: r.inviterEmail ?? "" } : null,
    status: invitationStatus(r.invitation, now),
    expiresAt: r.invitation.expiresAt.toISOString(),
    createdAt: r.invitation.createdAt.toISOString(),
  };
}

/** The person's pending, unexpired invitations (addressed to their Toggl email), newest first. */
export async function listInvitationsFor(db: Db, personId: string, now = new Date()): Promise<Invitation[]> {
  const person = await findPerson(db, personId);
  if (!person?.email) return [];
  const rows = await db
    .select(invitationColumns)
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(and(eq(invitations.email, person.email), eq(invitations.status, "pending"), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
  return rows.map((r) => toInvitation(r, now));
}

/** The invitation if it is addressed to this person; someone else's is exactly like an unknown one. */
async function invitationFor(db: Db, person: PersonRow, invitationId: string): Promise<InvitationJoined> {
  const row = await db
    .select(invitationColumns)
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(eq(invitations.id, invitationId))
    .get();
  if (!row || !person.email || row.invitation.email !== person.email) throw notFound("Invitation");
  return row;
}

function notPending(status: string): ApiError {
  const said = status === "expired" ? "has expired; ask for a new one" : `was ${status}`;
  return new ApiError(409, `invitation_${status}`, `This invitation ${said}`);
}

/**
 * Consumes a pending, unexpired invitation of this person in one conditional write (a second
 * accept, a revoke or an expiry in between makes it fail). Returns the updated row or null.
 */
async function respond(db: Db, row: InvitationJoined, status: "accepted" | "declined", now: Date) {
  const [updated] = await db
    .update(invitations)
    .set({ status, respondedAt: now })
    .where(
      and(eq(invitations.id, row.invitation.id), eq(invitations.status, "pending"), gt(invitations.expiresAt, now)),
    )
    .returning();
  return updated ?? null;
}

async function personOf(db: Db, caller: Caller): Promise<PersonRow> {
  const person = await findPerson(db, caller.personId);
  if (!person) throw new ApiError(401, "unauthenticated", "Session expired or signed out: sign in again");
  return person;
}

export async function declineInvitation(
  db: Db,
  caller: Caller,
  invitationId: string,
  now = new Date(),
): Promise<Invitation> {
  const row = await invitationFor(db, await personOf(db, caller), invitationId);
  const updated = await respond(db, row, "declined", now);
  if (!updated) throw notPending(invitationStatus(row.invitation, now));
  return toInvitation({ ...row, invitation: updated }, now);
}

/**
 * Accepting fills the invitation's seat with the person: the invited user becomes their membership
 * (role from the invitation), so mappings made while they were invited count for them at once.
 * Someone already in the account keeps their membership; the seat folds into it.
 */
export async function acceptInvitation(
  db: Db,
  caller: Caller,
  invitationId: string,
  now = new Date(),
): Promise<InvitationAccepted> {
  const person = await personOf(db, caller);
  const row = await invitationFor(db, person, invitationId);
  const updated = await respond(db, row, "accepted", now);
  if (!updated) throw notPending(invitationStatus(row.invitation, now));

  const accountId = updated.accountId;
  const membership = await fillSeat(db, person, { accountId, seatUserId: updated.userId, role: updated.role }, now);
  await setLastAccount(db, person.id, accountId, now);
  return {
    invitation: toInvitation({ ...row, invitation: updated }, now),
    membership: {
      account: row.account,
      role: membership.role,
      userId: membership.id,
      current: caller.accountId === accountId,
    },
  };
}

/**
 * Puts the person into the seat (an invited user row) of an account, or, when they already hold a
 * membership there, folds the seat into it. Returns the membership.
 */
export async function fillSeat(
  db: Db,
  person: PersonRow,
  seat: { accountId: string; seatUserId: string; role?: Role },
  now: Date,
): Promise<UserRow> {
  const existing = await findMembership(db, person.id, seat.accountId);
  if (existing) {
    if (existing.id !== seat.seatUserId) await mergeSeat(db, existing, seat.seatUserId, seat.role, now);
    return (await findMembership(db, person.id, seat.accountId)) ?? existing;
  }
  const [linked] = await db
    .update(users)
    .set({
      personId: person.id,
      togglUserId: person.togglUserId,
      // An admin who invited by email alone gave no name: Toggl's is theirs.
      name: sql`coalesce(nullif(${users.name}, ''), ${person.name})`,
      ...(seat.role ? { role: seat.role } : {}),
      updatedAt: now,
    })
    .where(
      and(
        eq(users.accountId, seat.accountId),
        eq(users.id, seat.seatUserId),
        isNull(users.personId),
        isNull(users.removedAt),
      ),
    )
    .returning();
  if (!linked) {
    // The seat was taken or revoked meanwhile, or the person joined through another one.
    const joined = await findMembership(db, person.id, seat.accountId);
    if (joined) return joined;
    throw new ApiError(409, "invitation_revoked", "This invitation was revoked");
  }
  await matchMembersForUser(
    db,
    seat.accountId,
    { id: linked.id, email: linked.email, togglUserId: person.togglUserId },
    now,
  );
  return linked;
}

/**
 * A second seat of someone already in the account: its mappings and Time Logs move to their
 * membership, the seat is closed, and an invitation's stronger role is kept.
 */
async function mergeSeat(db: Db, membership: UserRow, seatUserId: string, role: Role | undefined, now: Date) {
  const { accountId } = membership;
  const writes: Statement[] = [
    db
      .update(members)
      .set({ userId: membership.id, updatedAt: now })
      .where(and(eq(members.accountId, accountId), eq(members.userId, seatUserId))),
    db
      .update(timeLogs)
      .set({ userId: membership.id })
      .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.userId, seatUserId))),
    db
      .update(users)
      .set({ removedAt: now, updatedAt: now })
      .where(and(eq(users.accountId, accountId), eq(users.id, seatUserId), isNull(users.personId))),
    db
      .update(invitations)
      .set({ status: "accepted", respondedAt: now })
      .where(
        and(
          eq(invitations.accountId, accountId),
          eq(invitations.userId, seatUserId),
          eq(invitations.status, "pending"),
        ),
      ),
  ];
  if (role && strongerRole(membership.role, role) !== membership.role) {
    writes.push(
      db
        .update(users)
        .set({ role, updatedAt: now })
        .where(and(eq(users.accountId, accountId), eq(users.id, membership.id))),
    );
  }
  await runBatch(db, writes);
}
