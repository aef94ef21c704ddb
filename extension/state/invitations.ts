// Invitations into other accounts, waiting for the signed-in person: the popup's banner offers to
// join (accept, then work in that account) or decline.
import { signal } from "@preact/signals";
import type { Invitation } from "../../shared/contract";
import { api } from "../lib/api";
import { describeError } from "../lib/api-error";
import { invitationsItem } from "../lib/storage";
import { bindItem } from "./bind";
import { refreshMe, switchAccount } from "./session";

export const invitations = signal<Invitation[]>([]);
export const invitationError = signal<string | null>(null);
export const invitationBusy = signal(false);

export async function hydrateInvitations(): Promise<void> {
  await bindItem(invitationsItem, invitations);
}

export async function refreshInvitations(): Promise<void> {
  try {
    await invitationsItem.setValue((await api.invitations()).items);
  } catch {
    // Offline or signed out: the banner keeps what it showed.
  }
}

async function answer(work: () => Promise<void>): Promise<void> {
  invitationBusy.value = true;
  invitationError.value = null;
  try {
    await work();
  } catch (e) {
    invitationError.value = describeError(e);
  } finally {
    invitationBusy.value = false;
    await refreshInvitations();
  }
}

/** Accepts, and opens the account just joined (that is what a person clicking Join wants next). */
export const joinInvitation = (invitation: Invitation) =>
  answer(async () => {
    const { membership } = await api.acceptInvitation(invitation.id);
    try {
      await switchAccount(membership.account.id);
    } catch {
      // Joined, but staying here for now (offline clicks still waiting): the switcher offers it.
      await refreshMe();
    }
  });

export const declineInvitation = (invitation: Invitation) =>
  answer(async () => {
    await api.declineInvitation(invitation.id);
  });
