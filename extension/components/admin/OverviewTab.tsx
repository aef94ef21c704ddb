import { useSignal } from "@preact/signals";
import type { Connection, OverviewStatus, SyncRunSummary } from "../../../shared/contract";
import { api } from "../../lib/api";
import { describeError } from "../../lib/api-error";
import { formatAgo, formatDay, formatTime } from "../../lib/format";
import { useLoad } from "./use-load";

const STATUS_TEXT: Record<OverviewStatus, string> = {
  not_connected: "Not connected — pick workspaces in the Connections tab",
  ok: "Everything is running",
  attention: "Needs attention",
};

export function OverviewTab() {
  const { data, error, reload } = useLoad(() => api.overview());
  const o = data.value;
  const now = Date.now();
  if (error.value)
    return (
      <p class="error" role="alert">
        {error.value}
      </p>
    );
  if (!o) return <p class="muted">Loading…</p>;
  return (
    <div class="stack" data-testid="overview">
      <div class="row">
        <h2 class={`grow status-${o.status}`} style={{ textTransform: "none", fontSize: "16px" }}>
          {STATUS_TEXT[o.status]}
        </h2>
        <button type="button" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
      <div class="grid">
        <div class="card">
          <div class="muted small">Integration owner</div>
          <div class="stat">{o.owner ? o.owner.name || o.owner.email : "—"}</div>
          {o.owner && <div class="small muted">{o.owner.email}</div>}
        </div>
        <div class="card">
          <div class="muted small">Last webhook</div>
          <div class="stat">{formatAgo(o.lastWebhookAt, now)}</div>
        </div>
        <div class="card">
          <div class="muted small">Last sync</div>
          <div class="stat">{o.lastSync ? formatAgo(o.lastSync.finishedAt ?? o.lastSync.startedAt, now) : "never"}</div>
          {o.lastSync && (
            <div class={`small status-${o.lastSync.status}`}>
              {o.lastSync.kind}: {o.lastSync.status}, {o.lastSync.itemsChanged} changed, {o.lastSync.requestsSpent}{" "}
              Toggl requests
            </div>
          )}
        </div>
        <div class="card">
          <div class="muted small">Toggl requests, last 24 h</div>
          <div class="stat">{o.requestsSpent24h}</div>
        </div>
        <div class="card">
          <div class="muted small">Imported</div>
          <div class="small">
            {o.counts.connections} workspaces · {o.counts.clients} clients · {o.counts.projects} projects ·{" "}
            {o.counts.tasks} tasks
          </div>
          <div class="small">
            {o.counts.members} members ({o.counts.unmatchedMembers} unmatched) · {o.counts.timeLogs} Time Logs
          </div>
        </div>
      </div>
      <h2>Webhook health</h2>
      {o.connections.length === 0 ? (
        <p class="muted">No workspace connected yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Workspace</th>
              <th>Connection</th>
              <th>Webhook</th>
              <th>Last event</th>
              <th>Quota left</th>
            </tr>
          </thead>
          <tbody>
            {o.connections.map((c) => (
              <tr key={c.id}>
                <td>{c.workspaceName}</td>
                <td class={`status-${c.status}`}>
                  {c.status}
                  {c.ownerProblem?.kind === "owner_left" && <div class="small error">needs a new owner</div>}
                </td>
                <td class={`status-${c.webhook.status}`}>
                  {c.webhook.status}
                  {c.webhook.repairedAt && (
                    <span class="small muted"> · repaired {formatAgo(c.webhook.repairedAt, now)}</span>
                  )}
                </td>
                <td>{formatAgo(c.webhook.lastEventAt, now)}</td>
                <td>{c.quota.remaining ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {o.connections.length > 0 && <h2>Sync log</h2>}
      {o.connections.map((c) => (
        <SyncLog key={c.id} connection={c} />
      ))}
      <h2>Errors</h2>
      {o.errors.length === 0 ? (
        <p class="ok">No errors.</p>
      ) : (
        <ul>
          {o.errors.map((e, i) => (
            <li key={i} class="error">
              {e.workspaceName}: {e.message} <span class="muted small">{formatAgo(e.at, now)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "1 min 5 s" between start and finish; a run still going has no duration yet. */
function formatDuration(run: SyncRunSummary): string {
  if (!run.finishedAt) return "still running";
  const total = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
  if (total < 60) return `${total} s`;
  const m = Math.floor(total / 60);
  return total % 60 ? `${m} min ${total % 60} s` : `${m} min`;
}

/** One connection's recent sync runs, fetched only when the admin opens it (and on each reopening). */
function SyncLog({ connection }: { connection: Connection }) {
  const runs = useSignal<SyncRunSummary[] | null>(null);
  const error = useSignal<string | null>(null);
  const load = async () => {
    try {
      runs.value = (await api.connectionRuns(connection.id)).items;
      error.value = null;
    } catch (e) {
      error.value = describeError(e);
    }
  };
  return (
    <details
      class="card"
      data-testid={`sync-log-${connection.id}`}
      onToggle={(e) => {
        if (e.currentTarget.open) void load();
      }}
    >
      <summary>{connection.workspaceName}</summary>
      {error.value ? (
        <p class="error" role="alert">
          {error.value}
        </p>
      ) : runs.value === null ? (
        <p class="muted small">Loading…</p>
      ) : runs.value.length === 0 ? (
        <p class="muted small">No sync has run yet.</p>
      ) : (
        <ul class="small">
          {/* The worker answers newest first. */}
          {runs.value.map((r) => (
            <li key={r.id}>
              <div>
                <strong>{r.kind}</strong> <span class={`status-${r.status}`}>{r.status}</span>
                {" · "}
                {formatDay(r.startedAt)} {formatTime(r.startedAt)} · {formatDuration(r)} · {r.itemsChanged} changed ·{" "}
                {r.requestsSpent} Toggl requests
              </div>
              {r.error && <div class="error">{r.error}</div>}
              {r.steps.length > 0 && (
                <ul>
                  {r.steps.map((s, i) => (
                    <li key={i}>
                      {s.step}: <span class={s.ok ? "status-ok" : "status-failed"}>{s.ok ? "ok" : "failed"}</span>,{" "}
                      {s.itemsChanged} items, {s.requests} requests
                      {s.error && <span class="error"> — {s.error}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
