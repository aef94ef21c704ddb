import { useSignal } from "@preact/signals";
import type { Member, MemberFilter, Role, User } from "../../../shared/contract";
import { MEMBER_FILTERS, ROLES } from "../../../shared/enums";
import { api } from "../../lib/api";
import { AccountUsers } from "./AccountUsers";
import { attempt, useLoad } from "./use-load";

function MemberRow({ member, users, onChanged }: { member: Member; users: User[]; onChanged: () => Promise<void> }) {
  const choice = useSignal(member.user?.id ?? "");
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const run = async (work: () => Promise<unknown>) => {
    busy.value = true;
    if (await attempt(error, work)) await onChanged();
    busy.value = false;
  };
  return (
    <tr data-testid={`member-${member.id}`}>
      <td>
        {member.name}
        <div class="small muted">{member.email}</div>
        {!member.joined && <span class="tag">invited in Toggl, not joined</span>}
      </td>
      <td>{member.workspaceName}</td>
      <td>
        {member.user ? (
          <>
            {member.user.name || member.user.email}{" "}
            <span class="tag">{member.match === "manual" ? "by hand" : "by email"}</span>
          </>
        ) : (
          <span class="status-pending">unmatched</span>
        )}
        {error.value && <div class="error small">{error.value}</div>}
      </td>
      <td>
        <div class="row">
          <select
            aria-label={`User for ${member.name || member.email}`}
            value={choice.value}
            onChange={(e) => (choice.value = e.currentTarget.value)}
          >
            <option value="">Choose a user…</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name ? `${u.name} <${u.email}>` : u.email}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy.value || !choice.value || choice.value === member.user?.id}
            onClick={() => void run(() => api.mapMember(member.id, { userId: choice.value }))}
          >
            Map
          </button>
          {member.user && (
            <button
              type="button"
              disabled={busy.value}
              onClick={() => void run(() => api.mapMember(member.id, { userId: null }))}
            >
              Unmap
            </button>
          )}
          {!member.user && (
            <button type="button" disabled={busy.value} onClick={() => void run(() => api.inviteMember(member.id))}>
              Invite
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function AddUserForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const email = useSignal("");
  const name = useSignal("");
  const role = useSignal<Role>("member");
  const error = useSignal<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (
      await attempt(error, () => api.addUser({ email: email.value.trim(), name: name.value.trim(), role: role.value }))
    ) {
      email.value = "";
      name.value = "";
      await onAdded();
    }
  };
  return (
    <form class="row" onSubmit={(e) => void submit(e)} aria-label="Invite someone">
      <div class="grow">
        <label for="new-email">Email</label>
        <input
          id="new-email"
          type="email"
          required
          value={email.value}
          onInput={(e) => (email.value = e.currentTarget.value)}
        />
      </div>
      <div class="grow">
        <label for="new-name">Name</label>
        <input id="new-name" type="text" value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
      </div>
      <div>
        <label for="new-role">Role</label>
        <select id="new-role" value={role.value} onChange={(e) => (role.value = e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <div style={{ alignSelf: "flex-end" }}>
        <button class="primary" type="submit">
          Invite
        </button>
      </div>
      {error.value && <p class="error small">{error.value}</p>}
    </form>
  );
}

export function UsersTab() {
  const filter = useSignal<MemberFilter>("all");
  const members = useLoad(() => api.members({ filter: filter.value }), [filter.value]);
  const users = useLoad(() => api.users());
  const reloadAll = async () => {
    await Promise.all([members.reload(), users.reload()]);
  };
  const userList = users.data.value?.items ?? [];

  return (
    <div class="stack" data-testid="users">
      <section aria-labelledby="members-title">
        <div class="row">
          <h2 id="members-title" class="grow">
            Toggl members
          </h2>
          <label for="member-filter" style={{ margin: 0 }}>
            Show
          </label>
          <select
            id="member-filter"
            style={{ width: "auto" }}
            value={filter.value}
            onChange={(e) => (filter.value = e.currentTarget.value as MemberFilter)}
          >
            {MEMBER_FILTERS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        {members.error.value && <p class="error">{members.error.value}</p>}
        {members.data.value === null ? (
          <p class="muted">Loading…</p>
        ) : members.data.value.items.length === 0 ? (
          <p class="muted">
            {filter.value === "unmatched" ? "Every member is matched to a user." : "No members imported yet."}
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Member</th>
                <th>Workspace</th>
                <th>Matched user</th>
                <th>Map by hand</th>
              </tr>
            </thead>
            <tbody>
              {members.data.value.items.map((m) => (
                <MemberRow key={`${m.id}:${m.user?.id ?? ""}`} member={m} users={userList} onChanged={reloadAll} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="users-title">
        <h2 id="users-title">Account users</h2>
        <p class="muted small">
          Someone you invite joins when they accept in Hourline, or when Toggl lists them as an active member of a
          connected workspace and you mapped their Toggl member to them.
        </p>
        <AccountUsers users={users} onChanged={reloadAll} />
        <AddUserForm onAdded={users.reload} />
      </section>
    </div>
  );
}
