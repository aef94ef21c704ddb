// A person's Toggl API token at rest: stored AES-GCM encrypted, decrypted only to build a
// TogglClient, never returned to a client nor logged.
import { and, eq } from "drizzle-orm";
import { connections, quotaBudgets, togglCredentials } from "../../db/schema";
import type { Bindings, Db } from "../../env";
import { decryptSecret, encryptSecret } from "../../lib/crypto";
import { ApiError } from "../../lib/errors";
import { TogglClient, type Priority } from "../../toggl/client";
import { applyObservation, bucketKey, QuotaBudget, type BucketState, type QuotaObservation } from "../../toggl/quota";

type CredentialEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;

/** Stores (or replaces) the user's one credential; returns its id. A re-sign-in clears `invalidAt`. */
export async function storeCredential(
  env: CredentialEnv,
  db: Db,
  input: { accountId: string; userId: string; togglUserId: string; apiToken: string; timezone?: string | null },
  now = new Date(),
): Promise<string> {
  const tokenCiphertext = await encryptSecret(env.TOKEN_ENCRYPTION_KEY, input.apiToken);
  const [row] = await db
    .insert(togglCredentials)
    .values({
      id: crypto.randomUUID(),
      accountId: input.accountId,
      userId: input.userId,
      togglUserId: input.togglUserId,
      tokenCiphertext,
      timezone: input.timezone ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: togglCredentials.userId,
      set: {
        accountId: input.accountId,
        togglUserId: input.togglUserId,
        tokenCiphertext,
        timezone: input.timezone ?? null,
        invalidAt: null,
        updatedAt: now,
      },
    })
    .returning({ id: togglCredentials.id });
  return row!.id;
}

/**
 * A TogglClient for a stored credential, with the quota budget loaded from D1 and every quota
 * observation written back, so background work across invocations respects the interactive
 * reserve and pauses after a 402.
 */
export async function togglClientFor(
  env: CredentialEnv,
  db: Db,
  ref: { accountId: string; credentialId: string },
  priority: Priority,
): Promise<TogglClient> {
  const [credential] = await db
    .select({ id: togglCredentials.id, tokenCiphertext: togglCredentials.tokenCiphertext, invalidAt: togglCredentials.invalidAt })
    .from(togglCredentials)
    .where(and(eq(togglCredentials.id, ref.credentialId), eq(togglCredentials.accountId, ref.accountId)))
    .limit(1);
  if (!credential) throw new ApiError(404, "not_found", "Toggl credential not found");
  if (credential.invalidAt) {
    throw new ApiError(409, "toggl_token_invalid", "Toggl rejected this user's API token; they must sign in again");
  }

  const [stored, orgs] = await Promise.all([
    db.select().from(quotaBudgets).where(and(eq(quotaBudgets.credentialId, credential.id), eq(quotaBudgets.accountId, ref.accountId))),
    db
      .select({ workspaceId: connections.workspaceId, organizationId: connections.organizationId })
      .from(connections)
      .where(and(eq(connections.accountId, ref.accountId), eq(connections.credentialId, credential.id))),
  ]);
  const initial: Record<string, BucketState> = {};
  for (const b of stored) {
    initial[b.bucket] = {
      remaining: b.remaining,
      total: b.total,
      resetsAt: b.resetsAt?.getTime() ?? null,
      pausedUntil: b.pausedUntil?.getTime() ?? null,
      observedAt: b.observedAt.getTime(),
    };
  }
  const budget = new QuotaBudget(initial);
  const apiToken = await decryptSecret(env.TOKEN_ENCRYPTION_KEY, credential.tokenCiphertext);

  return new TogglClient({
    baseUrl: env.TOGGL_API_URL,
    apiToken,
    priority,
    budget,
    organizationIds: Object.fromEntries(orgs.map((o) => [o.workspaceId, o.organizationId])),
    onQuota: (o) => recordQuota(db, { accountId: ref.accountId, credentialId: credential.id }, budget, o),
  });
}

/** Persists the bucket state after an observation (the client has already folded it into `budget`). */
async function recordQuota(db: Db, ref: { accountId: string; credentialId: string }, budget: QuotaBudget, o: QuotaObservation) {
  const key = bucketKey(o);
  const state = budget.state(key) ?? applyObservation(undefined, o);
  const values = {
    remaining: state.remaining,
    total: state.total,
    resetsAt: state.resetsAt === null ? null : new Date(state.resetsAt),
    observedAt: new Date(state.observedAt),
    pausedUntil: state.pausedUntil === null ? null : new Date(state.pausedUntil),
  };
  await db
    .insert(quotaBudgets)
    .values({ credentialId: ref.credentialId, bucket: key, accountId: ref.accountId, ...values })
    .onConflictDoUpdate({ target: [quotaBudgets.credentialId, quotaBudgets.bucket], set: values});
}

/** Marks a credential unusable after Toggl rejected its token (403). */
export async function markCredentialInvalid(db: Db, ref: { accountId: string; credentialId: string }, now = new Date()) {
  await db
    .update(togglCredentials)
    .set({ invalidAt: now, updatedAt: now })
    .where(and(eq(togglCredentials.id, ref.credentialId), eq(togglCredentials.accountId, ref.accountId)));
}
