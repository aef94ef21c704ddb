// Sessions: an opaque bearer token (only its hash is stored) for one person, sitting in one of
// their memberships. Every request reads the membership afresh, so a removal or a switch of
// account takes effect on the very next call.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import type { Caller, Db } from "../env";
import { randomToken, sha256Hex } from "../lib/crypto";

const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Issues an opaque 256-bit session token; only its SHA-256 is stored. */
export async function createSession(
  db: Db,
  who: { personId: string; accountId: string; userId: string },
  now = new Date(),
) {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    id: crypto.randomUUID(),
    tokenHash: await sha256Hex(token),
    personId: who.personId,
    accountId: who.accountId,
    userId: who.userId,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * The caller behind a bearer token, or null when unknown, expired or revoked, or when the
 * membership it sits in is no longer the person's (removed from the account).
 */
export async function findCaller(db: Db, token: string, now = new Date()): Promise<Caller | null> {
  const row = await db
    .select({
      sessionId: sessions.id,
      personId: users.personId,
      userId: users.id,
      accountId: users.accountId,
      role: users.role,
    })
    .from(sessions)
    .innerJoin(
      users,
      and(
        eq(users.id, sessions.userId),
        eq(users.accountId, sessions.accountId),
        eq(users.personId, sessions.personId),
      ),
    )
    .where(
      and(
        eq(sessions.tokenHash, await sha256Hex(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.removedAt),
      ),
    )
    .get();
  if (!row?.personId) return null;
  return { ...row, personId: row.personId };
}

export async function revokeSession(db: Db, sessionId: string, now = new Date()) {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

/** Sign out everywhere: every live session of the person, in every account. */
export async function revokePersonSessions(db: Db, personId: string, now = new Date()): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Moves a live session to another membership of the same person; false when that membership is
 * not the person's live one (the session is left as it was).
 */
export async function moveSession(
  db: Db,
  session: { sessionId: string; personId: string },
  to: { accountId: string; userId: string },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ accountId: to.accountId, userId: to.userId })
    .where(
      and(
        eq(sessions.id, session.sessionId),
        eq(sessions.personId, session.personId),
        isNull(sessions.revokedAt),
        sql`exists (select 1 from ${users} u where u.id = ${to.userId} and u.account_id = ${to.accountId}
          and u.person_id = ${session.personId} and u.removed_at is null)`,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length > 0;
}
