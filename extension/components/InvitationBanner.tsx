import { declineInvitation, invitationBusy, invitationError, invitations, joinInvitation } from "../state/invitations";

/** "Acme invited you as admin — Join / Decline", for each invitation waiting for the person. */
export function InvitationBanner() {
  if (invitations.value.length === 0 && !invitationError.value) return null;
  return (
    <section aria-label="Invitations" data-testid="invitations">
      {invitationError.value && (
        <p class="error small" role="alert">
          {invitationError.value}
        </p>
      )}
      {invitations.value.map((invitation) => (
        <div class="notice invitation row" key={invitation.id} data-testid={`invitation-${invitation.id}`}>
          <span class="grow">
            <strong>{invitation.account.name}</strong> invited you as {invitation.role}
          </span>
          <button
            type="button"
            class="primary"
            disabled={invitationBusy.value}
            onClick={() => void joinInvitation(invitation)}
            aria-label={`Join ${invitation.account.name}`}
          >
            Join
          </button>
          <button
            type="button"
            disabled={invitationBusy.value}
            onClick={() => void declineInvitation(invitation)}
            aria-label={`Decline ${invitation.account.name}`}
          >
            Decline
          </button>
        </div>
      ))}
    </section>
  );
}
