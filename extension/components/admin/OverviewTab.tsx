import type { Overview } from "../../../shared/contract";
import { api } from "../../lib/api";
import { formatAgo } from "../../lib/format";
import { useLoad } from "./use-load";

const STATUS_TEXT: Record<Overview["status"], string> = {
  not_connected: "Not connected — pick workspaces in the Connections tab",
  ok: "Everything is running",
  attention: "Needs attention",
};

export function OverviewTab() {
  const { data, error, reload } = useLoad(() => api.overview());
  const o = data.value;
  const now = Date.now();
  if (error.value) return <p class="error" role="alert">{error.value}</p>;
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
              {o.lastSync.kind}: {o.lastSync.status}, {o.lastSync.itemsChanged} changed, {o.lastSync.requestsSpent} Toggl requests
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
            {o.counts.connections} workspaces · {o.counts.clients} clients · {o.counts.projects} projects · {o.counts.tasks} tasks
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
                <td class={`status-${c.status}`}>{c.status}</td>
                <td class={`status-${c.webhook.status}`}>
                  {c.webhook.status}
                  {c.webhook.repairedAt && <span class="small muted"> · repaired {formatAgo(c.webhook.repairedAt, now)}</span>}
                </td>
                <td>{formatAgo(c.webhook.lastEventAt, now)}</td>
                <td>{c.quota.remaining ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
