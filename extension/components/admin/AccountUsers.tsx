import { useSignal } from "@preact/signals";
import type { Role, User, UserRemoved } from "../../../shared/contract";
import { ROLES } from "../../../shared/enums";
import { api } from "../../lib/api";
import { formatDay } from "../../lib/format";
import type { Loaded } from "./use-load";
import { attempt } from "./use-load";

/** Joined, or where the invitation stands. */
function standing(u: User): string {
  if (u.status === "active") return "joined";
  const invitation = u.invitation;
  if (!invitation) return "invited";
  switch (invitation.status) {
    case "pending":
      return `invited · until ${formatDay(invitation.expiresAt)}`;
    case "expired":
      return "invitation expired";
    default:
      return `invitation ${invitation.status}`;
  }
}

/** What a removal did to the connections the person owned, in words. */
function removalNote(removed: UserRemoved): string {
  const who = removed.user.name || removed.user.email;
  if (removed.user.status !== "removed") return "";
  const handed = removed.connections.map((c) =>
    c.newOwner
      ? `${c.workspaceName} now runs with ${c.newOwner.name || c.newOwner.email}'s token.`
      : `${c.workspaceName} needs a new owner.`,
  );
  return [`${who} is out of this account.`, ...handed].join(" ");
}

/** The account's users: joined ones and pending invitations, their roles, removal and revoking. */
export function AccountUsers({
  users,
  onChanged,
}: {
  users: Loaded<{ items: User[] }>;
  onChanged: () => Promise<void>;
}) {
  const error = useSignal<string | null>(null);
  const note = useSignal<string | null>(null);
  const list = users.data.value?.items ?? [];

  const remove = async (u: User) => {
    const invited = u.status === "invited";
    const question = invited
      ? `Revoke the invitation to ${u.email}?`
      : `Remove ${u.name || u.email} from this account? Their sessions end now; their Time Logs stay.`;
    if (!confirm(question)) return;
    let result: UserRemoved | null = null;
    if (
      await attempt(error, async () => {
        result = await api.removeUser(u.id);
      })
    ) {
      note.value = invited ? `Invitation to ${u.email} revoked.` : result ? removalNote(result) : null;
      await onChanged();
    }
  };

  return (
    <>
      {users.error.value && <p class="error">{users.error.value}</p>}
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {note.value && (
        <p class="ok" role="status">
          {note.value}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>User</th>
            <th>Status</th>
            <th>Role</th>
            <th>
              <span class="muted">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((u) => (
            <tr key={u.id} data-testid={`user-${u.id}`}>
              <td>
                {u.name || "—"}
                <div class="small muted">{u.email}</div>
              </td>
              <td class={u.status === "active" ? "" : "status-pending"}>{standing(u)}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) =>
                    void attempt(error, () => api.setRole(u.id, { role: e.currentTarget.value as Role })).then(() =>
                      users.reload(),
                    )
                  }
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  class="danger"
                  onClick={() => void remove(u)}
                  aria-label={`${u.status === "invited" ? "Revoke the invitation of" : "Remove"} ${u.email}`}
                >
                  {u.status === "invited" ? "Revoke" : "Remove"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
