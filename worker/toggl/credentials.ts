// A person's Toggl API token at rest: stored AES-GCM encrypted, decrypted only to build a
// TogglClient, never returned to a client nor logged. One credential per person, whichever
// accounts they work in: one Toggl identity, one quota budget per organisation.
import { eq } from "drizzle-orm";
import { returnedRow } from "../db/client";
import { connections, togglCredentials } from "../db/schema";
import type { Bindings, Db } from "../env";
import { decryptSecret, encryptSecret } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { TogglClient, type Priority } from "./client";
import { quotaTracking } from "./quota-store";

type CredentialEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;

/** Stores (or replaces) the person's one credential; returns its id. A re-sign-in clears `invalidAt`. */
export async function storeCredential(
  env: CredentialEnv,
  db: Db,
  input: {
    personId: string;
    togglUserId: string;
    apiToken: string;
    timezone?: string | null;
    /** Toggl's first day of the week (0 Sunday … 6 Saturday); Monday when Toggl does not say. */
    beginningOfWeek?: number | null;
  },
  now = new Date(),
): Promise<string> {
  const tokenCiphertext = await encryptSecret(env.TOKEN_ENCRYPTION_KEY, input.apiToken);
  const rows = await db
    .insert(togglCredentials)
    .values({
      id: crypto.randomUUID(),
      personId: input.personId,
      togglUserId: input.togglUserId,
      tokenCiphertext,
      timezone: input.timezone ?? null,
      beginningOfWeek: input.beginningOfWeek ?? 1,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: togglCredentials.personId,
      set: {
        togglUserId: input.togglUserId,
        tokenCiphertext,
        timezone: input.timezone ?? null,
        beginningOfWeek: input.beginningOfWeek ?? 1,
        invalidAt: null,
        updatedAt: now,
      },
    })
    .returning({ id: togglCredentials.id });
  return returnedRow(rows, "the Toggl credential").id;
}

/** The person's credential, if they ever signed in. */
export async function credentialOf(db: Db, personId: string) {
  return (
    (await db
      .select({
        id: togglCredentials.id,
        invalidAt: togglCredentials.invalidAt,
        togglUserId: togglCredentials.togglUserId,
      })
      .from(togglCredentials)
      .where(eq(togglCredentials.personId, personId))
      .get()) ?? null
  );
}

/**
 * A TogglClient for a stored credential, with the quota budget loaded from D1 and every quota
 * observation written back, so background work across invocations (and across the accounts the
 * person works in) respects the interactive reserve and pauses after a 402. The caller has
 * established that it may act with this credential: it is the caller's own, or that of the owner
 * of a connection of the caller's account.
 */
export async function togglClientFor(
  env: CredentialEnv,
  db: Db,
  credentialId: string,
  priority: Priority,
): Promise<TogglClient> {
  const credential = await db
    .select({
      id: togglCredentials.id,
      tokenCiphertext: togglCredentials.tokenCiphertext,
      invalidAt: togglCredentials.invalidAt,
    })
    .from(togglCredentials)
    .where(eq(togglCredentials.id, credentialId))
    .get();
  if (!credential) throw new ApiError(404, "not_found", "Toggl credential not found");
  if (credential.invalidAt) {
    throw new ApiError(409, "toggl_token_invalid", "Toggl rejected this person's API token; they must sign in again");
  }

  const [tracking, orgs] = await Promise.all([
    quotaTracking(db, credential.id),
    db
      .select({ workspaceId: connections.workspaceId, organizationId: connections.organizationId })
      .from(connections)
      .where(eq(connections.credentialId, credential.id)),
  ]);
  const apiToken = await decryptSecret(env.TOKEN_ENCRYPTION_KEY, credential.tokenCiphertext);

  return new TogglClient({
    baseUrl: env.TOGGL_API_URL,
    apiToken,
    priority,
    ...tracking,
    // Organization buckets get their real key for workspaces this credential connected.
    organizationIds: Object.fromEntries(orgs.map((o) => [o.workspaceId, o.organizationId])),
  });
}

/** Marks a credential unusable after Toggl's /me rejected its token (401/403). */
export async function markCredentialInvalid(db: Db, credentialId: string, now = new Date()) {
  await db
    .update(togglCredentials)
    .set({ invalidAt: now, updatedAt: now })
    .where(eq(togglCredentials.id, credentialId));
}
