import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { formatAgo, formatBackfill, formatDay, formatSinceUnlink } from "../../lib/format";
import { toggled } from "../../lib/toggled";
import { FillGapChoice } from "../FillGapChoice";
import {
  adminBusy,
  adminError,
  connections,
  connectWorkspaces,
  loadConnections,
  loadWorkspaces,
  resyncConnection,
  unlinkConnection,
  workspaces,
} from "../../state/admin";

const HISTORY_CHOICES = [0, 7, 30, 90, 365];

export function ConnectionsTab() {
  const picked = useSignal<string[]>([]);
  const backfillDays = useSignal(0);
  /** Reconnecting (or re-enabling) a workspace unlinked before: import the time since the unlink too. */
  const fillGap = useSignal(false);
  const gapFor = useSignal<string[]>([]);
  const listing = useSignal(false);
  // Listing Toggl's workspaces spends the admin's Toggl quota: on request, or when nothing is
  // connected yet. Connections come from the worker's own database.
  const choose = () => {
    listing.value = true;
    workspaces.value = null;
    void loadWorkspaces();
  };
  useEffect(() => {
    workspaces.value = null;
    void loadConnections().then(() => {
      if (connections.value !== null && !connections.value.some((c) => c.status !== "unlinked")) choose();
    });
  }, []);

  const available = (workspaces.value ?? []).filter((w) => !w.connected);
  const allPicked = available.length > 0 && available.every((w) => picked.value.includes(w.id));
  const now = Date.now();

  const unlinkedBefore = new Map(
    (connections.value ?? []).filter((c) => c.status === "unlinked").map((c) => [c.workspaceId, c]),
  );
  const reconnecting = picked.value.some((id) => unlinkedBefore.has(id));
  const connect = async () => {
    if (await connectWorkspaces(picked.value, backfillDays.value, reconnecting && fillGap.value)) picked.value = [];
  };

  return (
    <div class="stack" data-testid="connections">
      {adminError.value && (
        <p class="error" role="alert">
          {adminError.value}
        </p>
      )}
      <section class="card stack" aria-labelledby="connect-title">
        <h2 id="connect-title">Connect workspaces</h2>
        {!listing.value ? (
          <div>
            <button type="button" onClick={choose}>
              List my Toggl workspaces
            </button>
          </div>
        ) : workspaces.value === null ? (
          !adminError.value && <p class="muted">Loading workspaces from Toggl…</p>
        ) : available.length === 0 ? (
          <p class="muted">Every workspace your Toggl token sees is connected.</p>
        ) : (
          <>
            <label class="inline">
              <input
                type="checkbox"
                checked={allPicked}
                onChange={(e) => (picked.value = e.currentTarget.checked ? available.map((w) => w.id) : [])}
              />
              All workspaces
            </label>
            {available.map((w) => (
              <label class="inline" key={w.id} style={{ marginLeft: "18px" }}>
                <input
                  type="checkbox"
                  checked={picked.value.includes(w.id)}
                  onChange={(e) => (picked.value = toggled(picked.value, w.id, e.currentTarget.checked))}
                />
                {w.name} <span class="muted small">({w.role})</span>
              </label>
            ))}
            <label for="history">History to import</label>
            <select
              id="history"
              value={String(backfillDays.value)}
              onChange={(e) => (backfillDays.value = Number(e.currentTarget.value))}
              style={{ maxWidth: "240px" }}
            >
              {HISTORY_CHOICES.map((d) => (
                <option key={d} value={String(d)}>
                  {d === 0 ? "None (from now on)" : `Last ${d} days`}
                </option>
              ))}
            </select>
            {reconnecting && (
              <FillGapChoice
                fillGap={fillGap}
                only={picked.value.length === 1 ? (unlinkedBefore.get(picked.value[0] ?? "") ?? null) : null}
              />
            )}
            <div>
              <button
                class="primary"
                type="button"
                disabled={picked.value.length === 0 || adminBusy.value}
                onClick={() => void connect()}
              >
                {adminBusy.value ? "Connecting…" : "Connect selected"}
              </button>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="connections-title">
        <h2 id="connections-title">Connections</h2>
        {connections.value === null ? (
          <p class="muted">Loading…</p>
        ) : connections.value.length === 0 ? (
          <p class="muted">No connections yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Workspace</th>
                <th>Status</th>
                <th>Owner</th>
                <th>Webhook</th>
                <th>History</th>
                <th>Last sync</th>
                <th>Quota left</th>
                <th>
                  <span class="muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {connections.value.map((c) => (
                <tr key={c.id} data-testid={`connection-${c.workspaceId}`}>
                  <td>{c.workspaceName}</td>
                  <td class={`status-${c.status}`}>
                    {c.status}
                    {c.ownerProblem && (
                      <div class="small error" data-testid={`owner-problem-${c.workspaceId}`}>
                        {c.ownerProblem.message}
                      </div>
                    )}
                  </td>
                  <td>{c.owner.name || c.owner.email}</td>
                  <td class={`status-${c.webhook.status}`}>
                    {c.webhook.status}
                    <div class="small muted">last event {formatAgo(c.webhook.lastEventAt, now)}</div>
                  </td>
                  <td data-testid={`history-${c.workspaceId}`}>
                    {c.historyFrom ? `from ${formatDay(c.historyFrom)}` : "—"}
                    {c.backfill && <div class="small muted">{formatBackfill(c.backfill)}</div>}
                  </td>
                  <td>
                    {c.lastSync ? (
                      <>
                        <span class={c.lastSync.ok ? "ok" : "error"}>{c.lastSync.ok ? "ok" : "failed"}</span>{" "}
                        {formatAgo(c.lastSync.at, now)}
                        <div class="small muted">
                          {c.lastSync.requestsSpent} requests{c.lastSync.error ? ` · ${c.lastSync.error}` : ""}
                        </div>
                      </>
                    ) : (
                      "never"
                    )}
                  </td>
                  <td>{c.quota.remaining ?? "—"}</td>
                  <td>
                    <div class="row">
                      {c.status === "unlinked" && (
                        <label class="inline small">
                          <input
                            type="checkbox"
                            checked={gapFor.value.includes(c.id)}
                            onChange={(e) => (gapFor.value = toggled(gapFor.value, c.id, e.currentTarget.checked))}
                          />
                          Import the time since it was unlinked{formatSinceUnlink(c)}
                        </label>
                      )}
                      <button
                        type="button"
                        disabled={adminBusy.value}
                        onClick={() =>
                          void resyncConnection(
                            c.id,
                            c.status === "unlinked" ? { fillGap: gapFor.value.includes(c.id) } : {},
                          )
                        }
                        aria-label={`${c.status === "unlinked" ? "Re-enable" : "Re-sync"} ${c.workspaceName}`}
                      >
                        {c.status === "unlinked" ? "Re-enable" : "Re-sync"}
                      </button>
                      {c.status !== "unlinked" && (
                        <button
                          type="button"
                          class="danger"
                          disabled={adminBusy.value}
                          onClick={() => {
                            if (confirm(`Unlink ${c.workspaceName}? Imported data is kept.`))
                              void unlinkConnection(c.id);
                          }}
                          aria-label={`Unlink ${c.workspaceName}`}
                        >
                          Unlink
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
