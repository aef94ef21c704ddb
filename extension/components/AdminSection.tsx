import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Connection, TogglWorkspace } from "../../shared/contract";
import { formatBackfill } from "../lib/format";
import { toggled } from "../lib/toggled";
import { FillGapChoice } from "./FillGapChoice";
import {
  adminBusy,
  adminError,
  connections,
  connectWorkspaces,
  loadConnections,
  loadWorkspaces,
  workspaces,
} from "../state/admin";

function connectionSummary(c: Connection): string {
  return `${c.status} · webhook ${c.webhook.status}${c.lastSync ? (c.lastSync.ok ? " · synced" : " · sync failed") : ""}`;
}

const live = (c: Connection) => c.status !== "unlinked";

/** Admins see their connections at a glance and pick Toggl workspaces to connect, right in the popup. */
export function AdminSection() {
  const picked = useSignal<string[]>([]);
  const choosing = useSignal(false);
  const fillGap = useSignal(false);

  // Listing Toggl's workspaces spends the admin's Toggl quota, so it happens on request (or when
  // nothing is connected yet); connections come from the worker's own database.
  const choose = () => {
    choosing.value = true;
    workspaces.value = null;
    void loadWorkspaces();
  };
  useEffect(() => {
    void loadConnections().then(() => {
      if (connections.value !== null && !connections.value.some(live)) choose();
    });
  }, []);

  const list = workspaces.value;
  const byWorkspace = new Map((connections.value ?? []).map((c) => [c.workspaceId, c]));
  // An unlinked connection can be connected again.
  const isConnected = (w: TogglWorkspace) => w.connected && byWorkspace.get(w.id)?.status !== "unlinked";
  const toggle = (id: string, on: boolean) => {
    picked.value = toggled(picked.value, id, on);
  };
  // Connecting a workspace unlinked before starts a new history; the admin may fill the gap instead.
  const reconnecting = picked.value.flatMap((id) => {
    const c = byWorkspace.get(id);
    return c?.status === "unlinked" ? [c] : [];
  });
  const connect = async () => {
    if (await connectWorkspaces(picked.value, 0, reconnecting.length > 0 && fillGap.value)) picked.value = [];
  };

  const status = (c: Connection, indent: boolean) => (
    <div
      class={`small status-${c.status}`}
      style={indent ? { marginLeft: "24px" } : undefined}
      data-testid={`status-${c.workspaceId}`}
    >
      {connectionSummary(c)}
      {c.backfill && <div data-testid={`backfill-${c.workspaceId}`}>{formatBackfill(c.backfill)}</div>}
    </div>
  );

  return (
    <section class="card" aria-labelledby="admin-title" data-testid="admin-section">
      <h2 id="admin-title">Workspaces</h2>
      {adminError.value && (
        <p class="error small" role="alert">
          {adminError.value}
        </p>
      )}
      {!choosing.value ? (
        <>
          {connections.value === null && !adminError.value && <p class="muted">Loading…</p>}
          <ul class="plain stack">
            {(connections.value ?? []).filter(live).map((c) => (
              <li key={c.id}>
                <span class="title">{c.workspaceName}</span>
                {status(c, false)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={choose} style={{ marginTop: "6px" }}>
            Choose workspaces…
          </button>
        </>
      ) : list === null ? (
        !adminError.value && <p class="muted">Loading workspaces from Toggl…</p>
      ) : list.length === 0 ? (
        <p class="muted">Your Toggl token sees no workspaces.</p>
      ) : (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend class="muted small">Connect the workspaces whose time entries become Time Logs.</legend>
          {list.map((w) => {
            const conn = byWorkspace.get(w.id);
            const connected = isConnected(w);
            return (
              <div key={w.id}>
                <label class="inline">
                  <input
                    type="checkbox"
                    checked={connected || picked.value.includes(w.id)}
                    disabled={connected || adminBusy.value}
                    onChange={(e) => toggle(w.id, e.currentTarget.checked)}
                  />
                  {w.name}
                </label>
                {conn && status(conn, true)}
              </div>
            );
          })}
          {reconnecting.length > 0 && (
            <FillGapChoice
              fillGap={fillGap}
              only={reconnecting.length === 1 ? (reconnecting[0] ?? null) : null}
              class="inline small"
            />
          )}
          {list.every(isConnected) ? (
            <p class="muted small">All your workspaces are connected. Manage them in the admin page.</p>
          ) : (
            <button
              class="primary"
              type="button"
              disabled={picked.value.length === 0 || adminBusy.value}
              onClick={() => void connect()}
              style={{ marginTop: "6px" }}
            >
              {adminBusy.value
                ? "Connecting…"
                : picked.value.length > 1
                  ? `Connect ${picked.value.length} workspaces`
                  : "Connect"}
            </button>
          )}
        </fieldset>
      )}
    </section>
  );
}
