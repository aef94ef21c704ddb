// The one way worker tests seed a connected workspace straight in D1: the owner's stored Toggl
// credential and the connection row, optionally with Hourline's webhook subscription.
import { env } from "cloudflare:workers";
import type { ConnectionStatus } from "../../../shared/contract";
import { connections } from "../../../worker/db/schema";
import { encryptSecret } from "../../../worker/lib/crypto";
import { storeCredential } from "../../../worker/toggl/credentials";
import { togglId } from "../../support/toggl-ids.ts";
import { createAccount, createUser, db } from "./accounts";

interface ConnectionSeed {
  /** Default: a new account. */
  accountId?: string;
  /** The integration owner; default: a new owner of the account. */
  owner?: { id: string; personId: string; togglUserId?: string };
  /** The owner's stored credential; default: one stored now for `apiToken`, as sign-in stores it (one per user). */
  credentialId?: string;
  /** Default: a token nothing decrypts. */
  apiToken?: string;
  /** The owner's Toggl user id. */
  ownerTogglUserId?: string;
  workspaceId?: string;
  workspaceName?: string;
  organizationId?: string;
  status?: ConnectionStatus;
  backfillDays?: number;
  /** When it was connected; default: 30 days ago. */
  createdAt?: Date;
  /** The history boundary; default: createdAt minus backfillDays, as connect sets it. */
  historyFrom?: Date;
  /**
   * Hourline's subscription in Toggl: the signing secret stored encrypted (default a random one),
   * its status (default pending) and callback URL (default the worker's PUBLIC_URL one; null leaves
   * it unknown). Absent: no subscription yet.
   */
  webhook?: { secret?: string; status?: "pending" | "validated"; callbackUrl?: string | null };
}

export async function seedConnection(seed: ConnectionSeed = {}) {
  const accountId = seed.accountId ?? (await createAccount());
  const owner = seed.owner ?? (await createUser(accountId, { role: "owner" }));
  const credentialId =
    seed.credentialId ??
    (await storeCredential(env, db(), {
      personId: owner.personId,
      togglUserId: seed.ownerTogglUserId ?? owner.togglUserId ?? togglId(),
      apiToken: seed.apiToken ?? "token-not-used",
    }));
  const id = crypto.randomUUID();
  const workspaceId = seed.workspaceId ?? togglId();
  const workspaceName = seed.workspaceName ?? "Agency";
  const secret = seed.webhook ? (seed.webhook.secret ?? `secret-${crypto.randomUUID()}`) : "";
  // History as connect stores it: the boundary is connected at minus the chosen backfill.
  // A seeded connection was made a month ago unless told, so recent entries are inside its history.
  const connectedAt = seed.createdAt ?? new Date(Date.now() - 30 * 86_400_000);
  const backfillDays = seed.backfillDays ?? 0;
  const historyFrom = seed.historyFrom ?? new Date(connectedAt.getTime() - backfillDays * 86_400_000);
  await db()
    .insert(connections)
    .values({
      id,
      accountId,
      workspaceId,
      organizationId: seed.organizationId ?? togglId(),
      workspaceName,
      ownerUserId: owner.id,
      credentialId,
      status: seed.status ?? "active",
      backfillDays,
      connectedAt,
      historyFrom,
      backfillFrom: backfillDays > 0 ? historyFrom : null,
      unlinkedAt: seed.status === "unlinked" ? new Date() : null,
      createdAt: connectedAt,
      ...(seed.webhook
        ? {
            webhookSubscriptionId: togglId(),
            webhookSecretCiphertext: await encryptSecret(env.TOKEN_ENCRYPTION_KEY, secret),
            webhookStatus: seed.webhook.status ?? "pending",
            webhookCallbackUrl:
              seed.webhook.callbackUrl === undefined
                ? `${env.PUBLIC_URL}/webhooks/toggl/${id}`
                : seed.webhook.callbackUrl,
          }
        : {}),
    });
  const scope = { accountId, connectionId: id, workspaceId, historyFrom: historyFrom.getTime() };
  return { id, connectionId: id, accountId, workspaceId, workspaceName, owner, credentialId, secret, scope };
}
