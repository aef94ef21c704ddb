// Self-healing webhooks: find Hourline's subscription in the workspace (by its deterministic
// description, else by our callback URL) and bring it back to what it must be — present, enabled,
// validated, our callback, our filters, our secret. Toggl's quirks handled: a disabled subscription
// cannot be deleted until re-enabled (the client does that), and a reconnect can hit "description
// already in use" (the stale one is adopted or replaced). What was found and done is recorded on
// the connection for the Overview.
import { and, eq } from "drizzle-orm";
import type { WebhookStatus } from "../../../shared/contract";
import { connections } from "../../db/schema";
import type { Db } from "../../env";
import { decryptSecret, encryptSecret, randomToken } from "../../lib/crypto";
import type { TogglClient } from "../../toggl/client";
import { TogglError } from "../../toggl/errors";
import type { EventFilter, Subscription } from "../../toggl/types";
import { webhookCallbackUrl } from "../webhooks/verify";

type ConnectionRow = typeof connections.$inferSelect;
type WebhookToggl = Pick<
  TogglClient,
  | "listSubscriptions"
  | "createSubscription"
  | "updateSubscription"
  | "setSubscriptionEnabled"
  | "deleteSubscription"
  | "pingSubscription"
  | "limits"
  | "requestsSpent"
>;

/** Deterministic, so a reconnect finds (and does not duplicate) its own subscription. */
const subscriptionDescription = (connectionId: string) => `Hourline ${connectionId}`;

export interface WebhookRepairInput {
  db: Db;
  encryptionKey: string;
  connection: ConnectionRow;
  toggl: WebhookToggl;
  /**
   * The integration owner's Toggl user id: a subscription made with someone else's token (a
   * previous owner's) is replaced by one of theirs.
   */
  ownerTogglUserId?: string | null;
  /** Origin for the callback: PUBLIC_URL, else the origin that connected; null keeps the stored URL. */
  callbackBase: string | null;
  now: Date;
}

export interface WebhookRepairResult {
  status: WebhookStatus;
  note: string;
  repaired: boolean;
  requests: number;
}

const sameFilters = (a: EventFilter[], b: EventFilter[]) => {
  const key = (f: EventFilter) => `${f.entity}:${f.action}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
};

function statusOf(sub: Subscription): WebhookStatus {
  if (!sub.enabled) return "disabled";
  return sub.validated_at ? "validated" : "pending";
}

export async function repairWebhook(input: WebhookRepairInput): Promise<WebhookRepairResult> {
  const { db, connection, toggl, now } = input;
  const wid = connection.workspaceId;
  const spentBefore = toggl.requestsSpent;
  const description = subscriptionDescription(connection.id);
  const callbackUrl = input.callbackBase
    ? webhookCallbackUrl(input.callbackBase, connection.id)
    : (connection.webhookCallbackUrl ?? null);
  const actions: string[] = [];

  const record = async (
    result: Omit<WebhookRepairResult, "requests" | "repaired">,
    sub: Subscription | null,
    extra: Partial<ConnectionRow> = {},
  ) => {
    const repaired = actions.length > 0;
    const note = [result.note, ...(actions.length ? [`Done: ${actions.join("; ")}.`] : [])].join(" ");
    await db
      .update(connections)
      .set({
        webhookStatus: result.status,
        webhookNote: note,
        webhookCheckedAt: now,
        ...(repaired ? { webhookRepairedAt: now } : {}),
        ...(sub ? { webhookSubscriptionId: sub.subscription_id, webhookEventFilters: sub.event_filters } : {}),
        ...(sub?.validated_at && !connection.webhookValidatedAt
          ? { webhookValidatedAt: new Date(sub.validated_at) }
          : {}),
        ...(callbackUrl ? { webhookCallbackUrl: callbackUrl } : {}),
        ...extra,
        updatedAt: now,
      })
      .where(and(eq(connections.accountId, connection.accountId), eq(connections.id, connection.id)));
    return { ...result, note, repaired, requests: toggl.requestsSpent - spentBefore };
  };

  if (!callbackUrl) {
    return record(
      { status: "failed", note: "No public URL is configured for webhook callbacks (set PUBLIC_URL)." },
      null,
    );
  }

  // Our own per-connection secret, created once and kept encrypted.
  let secretCiphertext = connection.webhookSecretCiphertext;
  let secret: string;
  if (secretCiphertext) {
    secret = await decryptSecret(input.encryptionKey, secretCiphertext);
  } else {
    secret = randomToken(24);
    secretCiphertext = await encryptSecret(input.encryptionKey, secret);
    await db
      .update(connections)
      .set({ webhookSecretCiphertext: secretCiphertext, updatedAt: now })
      .where(and(eq(connections.accountId, connection.accountId), eq(connections.id, connection.id)));
  }

  // What Toggl holds once repaired; recorded after the try, so a failed write is not taken for Toggl's.
  let checked: { status: WebhookStatus; note: string; subscription: Subscription };
  try {
    let subs = await toggl.listSubscriptions(wid);
    let ours =
      subs.find((s) => s.description === description) ??
      subs.find((s) => s.url_callback === callbackUrl) ??
      (connection.webhookSubscriptionId
        ? subs.find((s) => s.subscription_id === connection.webhookSubscriptionId)
        : undefined);

    // Strays pointing at our callback (an older subscription of this connection) only take plan slots.
    for (const stray of subs.filter((s) => s !== ours && s.url_callback === callbackUrl)) {
      await toggl.deleteSubscription(wid, stray.subscription_id);
      actions.push(`removed a duplicate subscription (${stray.subscription_id})`);
    }

    let filters = connection.webhookEventFilters ?? null;
    const wantFilters = async () => {
      if (!filters) filters = chooseEventFilters((await toggl.limits(wid)).max_events_per_webhook);
      return filters;
    };
    const spec = async () => ({
      description,
      url_callback: callbackUrl,
      event_filters: await wantFilters(),
      enabled: true,
      secret,
    });

    let found = "Subscription found.";
    if (!ours) {
      found = connection.webhookSubscriptionId ? "Subscription was missing in Toggl." : "No subscription yet.";
      try {
        ours = await toggl.createSubscription(wid, await spec());
        actions.push("created the subscription");
      } catch (err) {
        if (!(
          err instanceof TogglError &&
          err.kind === "bad_request" &&
          /already in use/i.test(err.togglMessage ?? "")
        ))
          throw err;
        // A stale subscription holds our description (made by someone else's token, say): replace it.
        subs = await toggl.listSubscriptions(wid);
        const stale = subs.find((s) => s.description === description);
        if (stale) {
          await toggl.deleteSubscription(wid, stale.subscription_id);
          actions.push(`replaced a stale subscription (${stale.subscription_id})`);
        }
        ours = await toggl.createSubscription(wid, await spec());
        actions.push("created the subscription");
      }
    } else if (input.ownerTogglUserId && ours.user_id && ours.user_id !== input.ownerTogglUserId) {
      // Made with a previous owner's token: it sees only what they may see, and ends when they go.
      found = "Subscription was made by a previous integration owner.";
      await toggl.deleteSubscription(wid, ours.subscription_id);
      actions.push(`removed the previous owner's subscription (${ours.subscription_id})`);
      ours = await toggl.createSubscription(wid, await spec());
      actions.push("created the subscription with the current owner's token");
    } else {
      const want = await spec();
      const drifted =
        ours.description !== description ||
        ours.url_callback !== callbackUrl ||
        !sameFilters(ours.event_filters, want.event_filters) ||
        (typeof ours.secret === "string" && ours.secret !== secret);
      if (drifted) {
        // PUT carries enabled: true too, and Toggl pings the callback again.
        ours = await toggl.updateSubscription(wid, ours.subscription_id, want);
        actions.push("updated callback, filters or secret");
      } else if (!ours.enabled) {
        found = "Subscription was disabled.";
        ours = await toggl.setSubscriptionEnabled(wid, ours.subscription_id, true);
        actions.push("re-enabled it");
      }
    }

    if (ours.enabled && !ours.validated_at) {
      await toggl.pingSubscription(wid, ours.subscription_id);
      actions.push("sent a validation ping");
    }
    if (actions.length > 0) {
      // Read back what Toggl now holds rather than trusting each answer's shape.
      const id = ours.subscription_id;
      ours = (await toggl.listSubscriptions(wid)).find((s) => s.subscription_id === id) ?? ours;
    }
    const status = statusOf(ours);
    const verdict =
      status === "validated"
        ? "Healthy."
        : status === "pending"
          ? "Waiting for Toggl's validation ping to be answered."
          : "Still disabled in Toggl.";
    checked = { status, note: `${found} ${verdict}`, subscription: ours };
  } catch (err) {
    // Worth retrying, or the owner's access is in question (the runner asks /me and flags it).
    if (err instanceof TogglError && (err.transient || err.kind === "forbidden" || err.kind === "auth")) throw err;
    const message = err instanceof TogglError ? err.message : "Unexpected error while checking the subscription";
    return record({ status: "failed", note: `Could not repair the subscription: ${message}` }, null);
  }
  return record({ status: checked.status, note: checked.note }, checked.subscription);
}

/**
 * Unlink: delete Hourline's subscription in Toggl (the client re-enables a disabled one first,
 * Toggl's quirk). A subscription that is already gone is fine.
 */
export async function removeWebhook(connection: ConnectionRow, toggl: WebhookToggl): Promise<boolean> {
  const wid = connection.workspaceId;
  const description = subscriptionDescription(connection.id);
  const subs = await toggl.listSubscriptions(wid);
  const ours = subs.filter(
    (s) =>
      s.description === description ||
      s.subscription_id === connection.webhookSubscriptionId ||
      (connection.webhookCallbackUrl !== null && s.url_callback === connection.webhookCallbackUrl),
  );
  for (const sub of ours) {
    try {
      await toggl.deleteSubscription(wid, sub.subscription_id);
    } catch (err) {
      if (!(err instanceof TogglError && err.kind === "not_found")) throw err;
    }
  }
  return ours.length > 0;
}

/** Webhook event filters for Hourline's subscription within the workspace's /limits. */
export function chooseEventFilters(maxEventsPerWebhook: number): { entity: string; action: string }[] {
  const filters = [
    { entity: "time_entry", action: "created" },
    { entity: "time_entry", action: "updated" },
    { entity: "time_entry", action: "deleted" },
  ];
  // Structure events only where the plan leaves room; the nightly sync covers the rest.
  for (const entity of ["project", "task", "client", "tag"]) {
    if (filters.length >= maxEventsPerWebhook) break;
    filters.push({ entity, action: "*" });
  }
  return filters.slice(0, Math.max(maxEventsPerWebhook, 3));
}
