// Who is signed in, against which server.
import { computed, signal } from "@preact/signals";
import type { Me } from "../../shared/contract";
import { isAdminRole } from "../../shared/enums";
import { api } from "../lib/api";
import { checkServerUrl } from "../lib/server-url";
import {
  clearAccountData,
  clearSessionData,
  DEFAULT_SERVER_URL,
  meItem,
  offlineQueueItem,
  queueOwnerItem,
  serverUrlItem,
  sessionTokenItem,
  signedOutReasonItem,
} from "../lib/storage";
import { bindItem } from "./bind";

export const serverUrl = signal(DEFAULT_SERVER_URL);
const sessionToken = signal<string | null>(null);
export const me = signal<Me | null>(null);
export const signedOutReason = signal<string | null>(null);
export const sessionReady = signal(false);

export const signedIn = computed(() => sessionToken.value !== null);
export const isAdmin = computed(() => {
  const role = me.value?.user.role;
  return role !== undefined && isAdminRole(role);
});

export async function hydrateSession(): Promise<void> {
  await Promise.all([
    bindItem(serverUrlItem, serverUrl),
    bindItem(sessionTokenItem, sessionToken),
    bindItem(meItem, me),
    bindItem(signedOutReasonItem, signedOutReason),
  ]);
  sessionReady.value = true;
}

export async function signIn(togglApiToken: string): Promise<void> {
  const created = await api.createSession({ togglApiToken: togglApiToken.trim() });
  await Promise.all([
    sessionTokenItem.setValue(created.token),
    meItem.setValue({ user: created.user, account: created.account, memberships: created.memberships }),
    signedOutReasonItem.removeValue(),
  ]);
  // Clicks queued before a session expired belong to the membership they were made in: back there
  // if the person still has it, else (someone else signed in) they go.
  const owner = await queueOwnerItem.getValue();
  if (owner !== null && owner !== created.user.id) {
    const home = created.memberships.find((m) => m.userId === owner);
    if (home) await meItem.setValue(await api.switchAccount({ accountId: home.account.id }));
    else await offlineQueueItem.removeValue();
  }
  await queueOwnerItem.removeValue();
}

/**
 * Moves the session to another of the person's accounts. Refused while timer clicks made offline
 * wait to be sent (they belong to this account). The new account is recorded before the old one's
 * cached data goes, so an answer still on its way for the old account is refused, not cached.
 */
export async function switchAccount(accountId: string): Promise<void> {
  if ((await offlineQueueItem.getValue()).length > 0) {
    throw new Error("Timer clicks made offline are still waiting to be sent; switch accounts once they are.");
  }
  const next = await api.switchAccount({ accountId });
  await meItem.setValue(next);
  await clearAccountData();
}

export async function refreshMe(): Promise<void> {
  await meItem.setValue(await api.me());
}

/** Revokes the session on the server when it answers; local data goes either way. */
export async function signOut(): Promise<void> {
  try {
    await api.deleteSession();
  } catch {
    // Unreachable or already expired: still sign out here.
  }
  await clearSessionData();
}

/** Signs the person out of every session, in every account and on every device. */
export async function signOutEverywhere(): Promise<void> {
  await api.deleteAllSessions();
  await clearSessionData();
}

/**
 * Saves a new server URL (the caller asks for the host permission first): https, or http only on
 * this computer, since the session and the Toggl token travel to it.
 */
export async function setServerUrl(url: string): Promise<void> {
  const checked = checkServerUrl(url);
  if (!checked.ok) throw new Error(checked.reason);
  const normalized = checked.origin;
  if (normalized !== (await serverUrlItem.getValue())) {
    // Another server means another account: sign out of this one.
    await clearSessionData();
    await serverUrlItem.setValue(normalized);
  }
}
