import { and, eq, gt, isNull } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import type { Caller, Db } from "../env";
import { randomToken, sha256Hex } from "../lib/crypto";

const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Issues an opaque 256-bit session token; only its SHA-256 is stored. */
export async function createSession(db: Db, who: { accountId: string; userId: string }, now = new Date()) {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    id: crypto.randomUUID(),
    tokenHash: await sha256Hex(token),
    accountId: who.accountId,
    userId: who.userId,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The caller behind a bearer token, or null when unknown, expired or revoked. */
export async function findCaller(db: Db, token: string, now = new Date()): Promise<Caller | null> {
  const [row] = await db
    .select({ sessionId: sessions.id, userId: users.id, accountId: users.accountId, role: users.role })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.accountId, sessions.accountId)))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

export async function revokeSession(db: Db, sessionId: string, now = new Date()) {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}
