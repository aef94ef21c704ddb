// Who is signing in: the person is identified by Toggl user id, not by email alone.
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { normalizeEmail } from "../../../shared/time-log";
import { returnedRow } from "../../db/client";
import { accounts, members, users } from "../../db/schema";
import type { Db } from "../../env";
import type { UserRow } from "../users/store";

export interface TogglPerson {
  togglUserId: string;
  email: string;
  name: string;
}

export type Identified = { user: UserRow; how: "returning" | "member" | "invited" | "new_account" };

/**
 * In order: the user already linked to this Toggl user; else the local user a member of a
 * connected workspace (any account) is mapped to; else a not-yet-linked user added or invited
 * with this email; else a new account with the person as its owner. Linking is a conditional
 * write and Toggl user ids are unique, so a concurrent sign-in of the same person loses the race
 * cleanly and the retry finds the winner's user.
 */
export async function identifyPerson(db: Db, person: TogglPerson, now = new Date()): Promise<Identified> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await identifyOnce(db, person, now);
    } catch (err) {
      if (attempt >= 2 || !isUniqueViolation(err)) throw err;
    }
  }
}

async function identifyOnce(db: Db, person: TogglPerson, now: Date): Promise<Identified> {
  const [returning] = await db.select().from(users).where(eq(users.togglUserId, person.togglUserId)).limit(1);
  if (returning) return { user: returning, how: "returning" };

  const mappedMembers = await db
    .select({ userId: users.id })
    .from(members)
    .innerJoin(users, and(eq(users.id, members.userId), eq(users.accountId, members.accountId)))
    .where(and(eq(members.togglUserId, person.togglUserId), isNotNull(members.userId), isNull(users.togglUserId)))
    .orderBy(asc(members.createdAt))
    .limit(1);
  for (const m of mappedMembers) {
    const linked = await link(db, m.userId, person.togglUserId, now);
    if (linked) return { user: linked, how: "member" };
  }

  const email = normalizeEmail(person.email);
  if (email) {
    const invited = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, email), isNull(users.togglUserId)))
      .orderBy(asc(users.createdAt))
      .limit(1);
    for (const u of invited) {
      const linked = await link(db, u.id, person.togglUserId, now);
      if (linked) return { user: linked, how: "invited" };
    }
  }

  const accountId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  const [, inserted] = await db.batch([
    db.insert(accounts).values({ id: accountId, name: person.name.trim() || email || "My account", createdAt: now }),
    db
      .insert(users)
      .values({
        id: userId,
        accountId,
        email,
        name: person.name.trim(),
        role: "owner",
        togglUserId: person.togglUserId,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
  ]);
  return { user: returnedRow(inserted, "the new account's owner"), how: "new_account" };
}

/** Links a user to a Toggl identity unless someone linked it first. */
async function link(db: Db, userId: string, togglUserId: string, now: Date): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set({ togglUserId, updatedAt: now })
    .where(and(eq(users.id, userId), isNull(users.togglUserId)))
    .returning();
  return row ?? null;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause)
    if (/UNIQUE constraint failed/i.test(e.message)) return true;
  return false;
}
