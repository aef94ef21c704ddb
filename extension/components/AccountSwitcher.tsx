import { useSignal } from "@preact/signals";
import { describeError } from "../lib/api-error";
import { me, switchAccount } from "../state/session";

/** The person's accounts, when they have more than one; choosing one moves the session there. */
export function AccountSwitcher() {
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const current = me.value;
  // A session saved by an earlier version of the extension knows no memberships until /api/me answers.
  const memberships = current?.memberships ?? [];
  if (!current || memberships.length < 2) return null;

  const choose = async (accountId: string) => {
    if (accountId === current.account.id) return;
    busy.value = true;
    error.value = null;
    try {
      await switchAccount(accountId);
    } catch (e) {
      error.value = describeError(e);
    } finally {
      busy.value = false;
    }
  };

  return (
    <div class="account-switcher" data-testid="account-switcher">
      <select
        aria-label="Account"
        value={current.account.id}
        disabled={busy.value}
        onChange={(e) => void choose(e.currentTarget.value)}
      >
        {memberships.map((m) => (
          <option key={m.account.id} value={m.account.id}>
            {m.account.name} ({m.role})
          </option>
        ))}
      </select>
      {error.value && (
        <p class="error small" role="alert">
          {error.value}
        </p>
      )}
    </div>
  );
}
