// Managing the account's people: inviting someone by email, changing roles, removing people, and
// deciding which user a Toggl member is (mapping by hand, or inviting the member). Adding someone
// never makes them a member: it creates an invited user and a pending invitation, which only the
// person whose Toggl email it is may accept (or Toggl vouches for them, see people/join.ts).
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Member, MemberInvited, Role, User } from "../../../shared/contract";
import { runBatch } from "../../db/batch";
import { connections, invitations, members, persons, sessions, users } from "../../db/schema";
import type { Caller, Db } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { findMemberRow, getMember, matchMembersForUser, setMapping } from "../members/store";
import { inviteStatement, retitleStatement } from "../people/invitations";
import {
  describeUser,
  findMemberByTogglEmail,
  findUser,
  findUserByEmail,
  insertInvitedUser,
  latestInvitations,
  markRemoved,
  updateRole,
  type UserRow,
} from "../people/store";
import { invitationStatus } from "../people/rules";

const ownerOnly = () => new ApiError(403, "forbidden", "Only an owner may grant, change or remove the owner role");

/**
 * Invites a person by email with a role: an invited user (whom members can be mapped to at once)
 * and a pending invitation for 14 days. Inviting an email whose invitation expired, was declined or
 * revoked sends a new one; someone already in, or already invited, is a 409.
 */
export async function addUser(
  db: Db,
  caller: Caller,
  input: { email: string; name: string; role: Role },
  now = new Date(),
): Promise<User> {
  if (input.role === "owner" && caller.role !== "owner") throw ownerOnly();
  const { accountId } = caller;
  const existing =
    (await findUserByEmail(db, accountId, input.email)) ?? (await findMemberByTogglEmail(db, accountId, input.email));
  if (existing) return reinvite(db, caller, existing, input, now);

  const seat = await insertInvitedUser(db, { accountId, email: input.email, name: input.name, role: input.role }, now);
  if (!seat) throw new ApiError(409, "email_taken", `${input.email} is already a user of this account`);
  await runBatch(db, [inviteStatement(db, seat, caller.userId, now)]);
  await matchMembersForUser(db, accountId, { id: seat.id, email: seat.email, togglUserId: null }, now);
  return describeUser(db, seat, now);
}

async function reinvite(
  db: Db,
  caller: Caller,
  seat: UserRow,
  input: { name: string; role: Role },
  now: Date,
): Promise<User> {
  if (seat.personId) throw new ApiError(409, "email_taken", `${seat.email} is already a member of this account`);
  const latest = (await latestInvitations(db, seat.accountId, [seat.id])).get(seat.id);
  if (latest && invitationStatus(latest, now) === "pending") {
    throw new ApiError(
      409,
      "already_invited",
      `${seat.email} is already invited; revoke the invitation to invite again`,
    );
  }
  const renewed: UserRow = { ...seat, role: input.role, name: input.name || seat.name, updatedAt: now };
  await runBatch(db, [
    db
      .update(users)
      .set({ role: renewed.role, name: renewed.name, updatedAt: now })
      .where(and(eq(users.accountId, seat.accountId), eq(users.id, seat.id))),
    inviteStatement(db, renewed, caller.userId, now),
  ]);
  return describeUser(db, renewed, now);
}

/** Admins manage members and admins; owners' roles and new owners are an owner's decision. */
export async function changeRole(db: Db, caller: Caller, userId: string, role: Role, now = new Date()): Promise<User> {
  const target = await findUser(db, caller.accountId, userId);
  if (!target) throw notFound("User");
  if ((role === "owner" || target.role === "owner") && caller.role !== "owner") throw ownerOnly();
  if (target.role === role) return describeUser(db, target, now);
  const updated = await updateRole(db, caller.accountId, target.id, role, now);
  if (!updated)
    throw new ApiError(409, "last_owner", "The account's last owner cannot be demoted; make someone else owner first");
  // An invited user joins with the role they have when they accept.
  if (!updated.personId) await runBatch(db, [retitleStatement(db, caller.accountId, updated.id, role)]);
  return describeUser(db, updated, now);
}

/**
 * Takes a person out of the account (an invited user: the invitation is revoked): every session
 * they have in it ends now, their member mappings are cleared (their Time Logs stay theirs), and
 * the connections they own are returned for a new owner. Owners are removed by owners only, and the
 * last owner not at all.
 */
export async function removeMembership(db: Db, caller: Caller, userId: string, now = new Date()) {
  const target = await findUser(db, caller.accountId, userId);
  if (!target) throw notFound("User");
  if (target.role === "owner" && caller.role !== "owner") throw ownerOnly();
  const { accountId } = caller;
  // One atomic batch: the removal decides (it refuses the last owner), the rest follows only if it happened.
  const removedNow = sql`exists (select 1 from ${users} u where u.id = ${target.id} and u.removed_at = ${now.getTime()})`;
  const [removed] = (await runBatch(db, [
    markRemoved(db, accountId, target.id, now),
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, target.id), isNull(sessions.revokedAt), removedNow)),
    // The mapping goes without re-linking: Time Logs already attributed stay theirs.
    db
      .update(members)
      .set({ userId: null, match: null, updatedAt: now })
      .where(and(eq(members.accountId, accountId), eq(members.userId, target.id), removedNow)),
    db
      .update(invitations)
      .set({ status: "revoked", respondedAt: now })
      .where(
        and(
          eq(invitations.accountId, accountId),
          eq(invitations.userId, target.id),
          eq(invitations.status, "pending"),
          removedNow,
        ),
      ),
  ])) as [UserRow[]];
  if (!removed?.[0])
    throw new ApiError(409, "last_owner", "The account's last owner cannot be removed; make someone else owner first");
  if (target.personId) {
    await db
      .update(persons)
      .set({ lastAccountId: null, updatedAt: now })
      .where(and(eq(persons.id, target.personId), eq(persons.lastAccountId, accountId)));
  }
  const owned = await db
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, accountId), eq(connections.ownerUserId, target.id)));
  return { user: removed[0], owned: owned.filter((c) => c.status !== "unlinked") };
}

/** Manual mapping (wins over email matching and survives imports); null unmaps for good. */
export async function mapMemberToUser(
  db: Db,
  accountId: string,
  memberId: string,
  userId: string | null,
): Promise<Member> {
  const member = await findMemberRow(db, accountId, memberId);
  if (!member) throw notFound("Member");
  if (userId !== null && !(await findUser(db, accountId, userId))) throw notFound("User");
  await setMapping(db, member, { userId, match: "manual" });
  const mapped = await getMember(db, accountId, member.id);
  if (!mapped) throw notFound("Member");
  return mapped;
}

/**
 * "Invite" on a Toggl member: maps the member by hand to the account's user with their email (or
 * who is that very Toggl user), else invites the member's email as a new invited user. `created`
 * is false when that user already existed. The member's Toggl membership then vouches for them
 * at sign-in once Toggl lists them as active.
 */
export async function inviteMemberAsUser(
  db: Db,
  caller: Caller,
  memberId: string,
  now = new Date(),
): Promise<MemberInvited> {
  const { accountId } = caller;
  const member = await findMemberRow(db, accountId, memberId);
  if (!member) throw notFound("Member");
  if (!member.email) {
    throw new ApiError(
      409,
      "member_without_email",
      "Toggl shows no email for this member; add the user by email instead",
    );
  }

  let user =
    (await findUserByEmail(db, accountId, member.email)) ?? (await findMemberByTogglEmail(db, accountId, member.email));
  let created = false;
  if (!user) {
    user = await insertInvitedUser(db, { accountId, email: member.email, name: member.name, role: "member" }, now);
    if (user) {
      created = true;
      await runBatch(db, [inviteStatement(db, user, caller.userId, now)]);
    }
    // Lost a race with a concurrent invite or add: use the user that won.
    user ??= await findUserByEmail(db, accountId, member.email);
    if (!user) throw new ApiError(409, "conflict", "The user changed while inviting; try again");
  }
  await setMapping(db, member, { userId: user.id, match: "manual" }, now);
  if (created)
    await matchMembersForUser(db, accountId, { id: user.id, email: user.email, togglUserId: user.togglUserId }, now);
  const invited = await getMember(db, accountId, member.id);
  if (!invited) throw notFound("Member");
  return { member: invited, user: await describeUser(db, user, now), created };
}
