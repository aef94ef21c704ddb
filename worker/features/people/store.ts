// People and their memberships in D1, and the one response shape of a user. A person is one Toggl
// identity; each membership is a `users` row of one account (queries on those stay scoped by
// account). Invited users are rows without a person; removed ones keep their row as history.
import { and, asc, desc, eq, inArray, isNotNull, isNull, notExists, sql, type SQL } from "drizzle-orm";
import type { Membership, Role, User } from "../../../shared/contract";
import { returnedRow } from "../../db/client";
import { accounts, invitations, persons, users } from "../../db/schema";
import type { Db } from "../../env";
import { invitationStatus, userStatus } from "./rules";

export type UserRow = typeof users.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
type InvitationRow = typeof invitations.$inferSelect;

/** The latest invitation of a user, with who sent it. */
export type LatestInvitation = InvitationRow & { inviter: { id: string; name: string; email: string } | null };

function toUser(u: UserRow, invitation: LatestInvitation | null = null, now = new Date()): User {
  const status = userStatus(u);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    status,
    linked: status === "active",
    invitation:
      status === "invited" && invitation
        ? {
            id: invitation.id,
            status: invitationStatus(invitation, now),
            expiresAt: invitation.expiresAt.toISOString(),
            invitedBy: invitation.inviter,
          }
        : null,
    createdAt: u.createdAt.toISOString(),
  };
}

// ---- persons --------------------------------------------------------------------------------------

/** Finds or creates the person for a Toggl identity; name and email follow Toggl's /me. */
export async function upsertPerson(
  db: Db,
  who: { togglUserId: string; email: string; name: string },
  now = new Date(),
): Promise<PersonRow> {
  const rows = await db
    .insert(persons)
    .values({
      id: crypto.randomUUID(),
      togglUserId: who.togglUserId,
      email: who.email,
      name: who.name,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: persons.togglUserId, set: { email: who.email, name: who.name, updatedAt: now } })
    .returning();
  return returnedRow(rows, "the person");
}

export async function findPerson(db: Db, personId: string): Promise<PersonRow | null> {
  return (await db.select().from(persons).where(eq(persons.id, personId)).get()) ?? null;
}

export async function setLastAccount(db: Db, personId: string, accountId: string | null, now = new Date()) {
  await db.update(persons).set({ lastAccountId: accountId, updatedAt: now }).where(eq(persons.id, personId));
}

// ---- memberships ----------------------------------------------------------------------------------

/** The person's live memberships, oldest first, with their accounts. */
export async function membershipRows(db: Db, personId: string) {
  return db
    .select({ user: users, account: { id: accounts.id, name: accounts.name } })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.personId, personId), isNull(users.removedAt)))
    .orderBy(asc(users.createdAt), asc(users.id));
}

export async function listMemberships(
  db: Db,
  personId: string,
  currentAccountId: string | null,
): Promise<Membership[]> {
  return (await membershipRows(db, personId)).map((m) => ({
    account: m.account,
    role: m.user.role,
    userId: m.user.id,
    current: m.account.id === currentAccountId,
  }));
}

/** The person's live membership in an account, or null. */
export async function findMembership(db: Db, personId: string, accountId: string): Promise<UserRow | null> {
  return (
    (await db
      .select()
      .from(users)
      .where(and(eq(users.accountId, accountId), eq(users.personId, personId), isNull(users.removedAt)))
      .get()) ?? null
  );
}

/**
 * A new account with the person as its owner, made only while they have no membership at all (a
 * first sign-in with nowhere to go). Both rows are written in one batch that checks this first, so
 * two first sign-ins of one person sent together make one account: the later batch writes nothing.
 */
export async function createOwnAccount(db: Db, person: PersonRow, now = new Date()): Promise<void> {
  const accountId = crypto.randomUUID();
  const name = person.name.trim() || person.email || "My account";
  const noMembership = notExists(
    db
      .select({ one: sql`1` })
      .from(users)
      .where(and(eq(users.personId, person.id), isNull(users.removedAt))),
  );
  const at = sql`${now.getTime()}`;
  await db.batch([
    db.insert(accounts).select(
      db
        .select({ id: sql`${accountId}`.as("id"), name: sql`${name}`.as("name"), createdAt: at.as("created_at") })
        .from(persons)
        .where(and(eq(persons.id, person.id), noMembership)),
    ),
    db.insert(users).select(
      db
        .select({
          id: sql`${crypto.randomUUID()}`.as("id"),
          accountId: accounts.id,
          email: sql`${person.email}`.as("email"),
          name: sql`${person.name.trim()}`.as("name"),
          role: sql`'owner'`.as("role"),
          personId: sql`${person.id}`.as("person_id"),
          togglUserId: sql`${person.togglUserId}`.as("toggl_user_id"),
          removedAt: sql`null`.as("removed_at"),
          createdAt: at.as("created_at"),
          updatedAt: at.as("updated_at"),
        })
        .from(accounts)
        .where(eq(accounts.id, accountId)),
    ),
  ]);
}

// ---- an account's users ---------------------------------------------------------------------------

export async function findAccount(db: Db, accountId: string) {
  const row = await db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .get();
  return row ?? null;
}

/** The account's user matching `which` that is not removed (active or invited), or null. */
async function liveUser(db: Db, accountId: string, which: SQL): Promise<UserRow | null> {
  const row = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), which, isNull(users.removedAt)))
    .get();
  return row ?? null;
}

export const findUser = (db: Db, accountId: string, userId: string) => liveUser(db, accountId, eq(users.id, userId));

export const findUserByEmail = (db: Db, accountId: string, email: string) =>
  liveUser(db, accountId, eq(users.email, email));

/** A live member of the account whose Toggl email (from their last sign-in) is this one. */
export async function findMemberByTogglEmail(db: Db, accountId: string, email: string): Promise<UserRow | null> {
  const row = await db
    .select({ user: users })
    .from(users)
    .innerJoin(persons, eq(persons.id, users.personId))
    .where(and(eq(users.accountId, accountId), isNull(users.removedAt), eq(persons.email, email)))
    .get();
  return row?.user ?? null;
}

/** The latest invitation of each of these users (of one account). */
export async function latestInvitations(
  db: Db,
  accountId: string,
  userIds: string[],
): Promise<Map<string, LatestInvitation>> {
  const out = new Map<string, LatestInvitation>();
  if (userIds.length === 0) return out;
  const inviter = sql<string | null>`(select u.name from ${users} u where u.id = ${invitations.invitedByUserId})`;
  const inviterEmail = sql<string | null>`(select u.email from ${users} u where u.id = ${invitations.invitedByUserId})`;
  const rows = await db
    .select({ invitation: invitations, inviterName: inviter, inviterEmail })
    .from(invitations)
    .where(and(eq(invitations.accountId, accountId), inArray(invitations.userId, userIds)))
    .orderBy(desc(invitations.createdAt));
  for (const r of rows) {
    if (out.has(r.invitation.userId)) continue;
    const { invitedByUserId } = r.invitation;
    out.set(r.invitation.userId, {
      ...r.invitation,
      inviter: invitedByUserId ? { id: invitedByUserId, name: r.inviterName ?? "", email: r.inviterEmail ?? "" } : null,
    });
  }
  return out;
}

/** The account's users (joined and invited), each with their latest invitation. */
export async function listUsers(db: Db, accountId: string, now = new Date()): Promise<User[]> {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), isNull(users.removedAt)))
    .orderBy(asc(users.createdAt), asc(users.email));
  const invited = rows.filter((u) => u.personId === null).map((u) => u.id);
  const latest = await latestInvitations(db, accountId, invited);
  return rows.map((u) => toUser(u, latest.get(u.id) ?? null, now));
}

/** One user in the response shape (with their latest invitation while invited). */
export async function describeUser(db: Db, row: UserRow, now = new Date()): Promise<User> {
  const latest = row.personId ? null : ((await latestInvitations(db, row.accountId, [row.id])).get(row.id) ?? null);
  return toUser(row, latest, now);
}

/** An invited user (a seat): added by an admin, waiting for its person. Null when the email is taken. */
export async function insertInvitedUser(
  db: Db,
  input: { accountId: string; email: string; name: string; role: Role },
  now = new Date(),
): Promise<UserRow | null> {
  const rows = await db
    .insert(users)
    .values({
      id: crypto.randomUUID(),
      accountId: input.accountId,
      email: input.email,
      name: input.name,
      role: input.role,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  return rows[0] ?? null;
}

/** SQL: the account's owners who have joined (an invited owner does not hold the account yet). */
const otherJoinedOwners = (accountId: string, userId: string) =>
  sql`(select count(*) from ${users} o where o.account_id = ${accountId} and o.role = 'owner'
    and o.person_id is not null and o.removed_at is null and o.id <> ${userId}) > 0`;

/**
 * Changes a role in one conditional statement, so two concurrent demotions can never leave the
 * account without an owner. Returns the updated row, or null when it would demote the last owner.
 */
export async function updateRole(
  db: Db,
  accountId: string,
  userId: string,
  role: Role,
  now = new Date(),
): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set({ role, updatedAt: now })
    .where(
      and(
        eq(users.accountId, accountId),
        eq(users.id, userId),
        isNull(users.removedAt),
        sql`(${role} = 'owner' or ${users.role} <> 'owner' or ${users.personId} is null or ${otherJoinedOwners(accountId, userId)})`,
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * The statement that marks a membership removed, unless it is the account's last joined owner
 * (checked in the same statement, so two concurrent removals cannot both pass).
 */
export function markRemoved(db: Db, accountId: string, userId: string, now: Date) {
  return db
    .update(users)
    .set({ removedAt: now, togglUserId: null, updatedAt: now })
    .where(
      and(
        eq(users.accountId, accountId),
        eq(users.id, userId),
        isNull(users.removedAt),
        sql`(${users.role} <> 'owner' or ${users.personId} is null or ${otherJoinedOwners(accountId, userId)})`,
      ),
    )
    .returning();
}

/** SQL: the account's joined owners and admins (who run it, and may take over a connection). */
export function joinedAdminsOf(accountId: string): SQL | undefined {
  return and(
    eq(users.accountId, accountId),
    isNull(users.removedAt),
    isNotNull(users.personId),
    inArray(users.role, ["owner", "admin"]),
  );
}

/** The account's joined owners and admins, oldest first. */
export async function joinedAdmins(db: Db, accountId: string) {
  return db.select().from(users).where(joinedAdminsOf(accountId)).orderBy(asc(users.createdAt));
}
