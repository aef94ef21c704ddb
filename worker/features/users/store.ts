// Account users: queries scoped by account and the one response shape.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Role, User } from "../../../shared/contract";
import { accounts, users } from "../../db/schema";
import type { Db } from "../../env";

export type UserRow = typeof users.$inferSelect;

export function toUser(u: UserRow): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    linked: u.togglUserId !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(db: Db, accountId: string): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.accountId, accountId)).orderBy(asc(users.createdAt), asc(users.email));
}

export async function findUser(db: Db, accountId: string, userId: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .limit(1);
  return row ?? null;
}

export async function findUserByEmail(db: Db, accountId: string, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.email, email)))
    .limit(1);
  return row ?? null;
}

/** Inserts a user; null when the account already has that (normalised) email. */
export async function insertUser(
  db: Db,
  input: { accountId: string; email: string; name: string; role: Role; togglUserId?: string | null },
  now = new Date(),
): Promise<UserRow | null> {
  const [row] = await db
    .insert(users)
    .values({
      id: crypto.randomUUID(),
      accountId: input.accountId,
      email: input.email,
      name: input.name,
      role: input.role,
      togglUserId: input.togglUserId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [users.accountId, users.email] })
    .returning();
  return row ?? null;
}

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
        sql`(${role} = 'owner' or ${users.role} <> 'owner' or (select count(*) from users o where o.account_id = ${accountId} and o.role = 'owner') > 1)`,
      ),
    )
    .returning();
  return row ?? null;
}

export async function findAccount(db: Db, accountId: string) {
  const [row] = await db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  return row ?? null;
}
