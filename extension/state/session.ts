// Who is signed in, against which server.
import { computed, signal } from "@preact/signals";
import type { Me } from "../../shared/contract";
import { isAdminRole } from "../../shared/enums";
import { api } from "../lib/api";
import {
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
  // Clicks queued before a session expired belong to their owner only.
  const owner = await queueOwnerItem.getValue();
  if (owner !== null && owner !== created.user.id) await offlineQueueItem.removeValue();
  await Promise.all([
    queueOwnerItem.removeValue(),
    sessionTokenItem.setValue(created.token),
    meItem.setValue({ user: created.user, account: created.account }),
    signedOutReasonItem.removeValue(),
  ]);
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

/** Saves a new server URL (the caller asks for the host permission first). */
export async function setServerUrl(url: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new Error("The server URL must start with http:// or https://");
  const normalized = parsed.origin;
  if (normalized !== (await serverUrlItem.getValue())) {
    // Another server means another account: sign out of this one.
    await clearSessionData();
    await serverUrlItem.setValue(normalized);
  }
}
