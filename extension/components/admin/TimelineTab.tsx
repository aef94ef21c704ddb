import { useSignal } from "@preact/signals";
import type { TimeLog } from "../../../shared/contract";
import { api } from "../../lib/api";
import { formatMinutes, formatRange } from "../../lib/format";
import { groupByDayAndPerson } from "../../lib/timeline";
import { attempt, useLoad } from "./use-load";

export function TimelineTab() {
  const userId = useSignal("");
  const workspaceId = useSignal("");
  const logs = useSignal<TimeLog[]>([]);
  const cursor = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const users = useLoad(() => api.users());
  const connections = useLoad(() => api.connections());
  const members = useLoad(() => api.members({ filter: "all" }));
  const page = useLoad(async () => {
    const p = await api.timeLogs({
      limit: 100,
      userId: userId.value || "all",
      workspaceId: workspaceId.value || undefined,
    });
    logs.value = p.items;
    cursor.value = p.nextCursor;
    return p;
  }, [userId.value, workspaceId.value]);

  const more = async () => {
    const after = cursor.value;
    if (!after) return;
    await attempt(error, async () => {
      const p = await api.timeLogs({
        limit: 100,
        cursor: after,
        userId: userId.value || "all",
        workspaceId: workspaceId.value || undefined,
      });
      logs.value = [...logs.value, ...p.items];
      cursor.value = p.nextCursor;
    });
  };
  const toggle = async (log: TimeLog, patch: Parameters<typeof api.patchTimeLog>[1]) => {
    await attempt(error, async () => {
      const updated = await api.patchTimeLog(log.id, patch);
      logs.value = logs.value.map((l) => (l.id === log.id ? { ...l, ...updated } : l));
    });
  };

  return (
    <div class="stack" data-testid="timeline">
      <div class="row">
        <div class="grow">
          <label for="person-filter">Person</label>
          <select id="person-filter" value={userId.value} onChange={(e) => (userId.value = e.currentTarget.value)}>
            <option value="">Everyone</option>
            {(users.data.value?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name || u.email}
              </option>
            ))}
          </select>
        </div>
        <div class="grow">
          <label for="workspace-filter">Workspace</label>
          <select
            id="workspace-filter"
            value={workspaceId.value}
            onChange={(e) => (workspaceId.value = e.currentTarget.value)}
          >
            <option value="">All workspaces</option>
            {(connections.data.value?.items ?? []).map((c) => (
              <option key={c.id} value={c.workspaceId}>
                {c.workspaceName}
              </option>
            ))}
          </select>
        </div>
      </div>
      {(page.error.value || error.value) && (
        <p class="error" role="alert">
          {page.error.value || error.value}
        </p>
      )}
      {page.data.value === null && !page.error.value ? (
        <p class="muted">Loading…</p>
      ) : logs.value.length === 0 ? (
        <p class="muted">No Time Logs yet.</p>
      ) : (
        groupByDayAndPerson(
          logs.value,
          undefined,
          new Map((members.data.value?.items ?? []).map((m) => [m.togglUserId, m.name || m.email])),
        ).map((day) => (
          <section key={day.day} class="card">
            <h3>{day.label}</h3>
            {day.people.map((p) => (
              <div key={p.person} style={{ marginBottom: "8px" }}>
                <div class="row">
                  <strong class="grow">{p.person}</strong>
                  <span class="muted small">{formatMinutes(p.minutes)}</span>
                </div>
                <table>
                  <tbody>
                    {p.logs.map((log) => (
                      <tr key={log.id}>
                        <td style={{ width: "110px" }} class="small muted">
                          {formatRange(log.start, log.stop)}
                        </td>
                        <td>
                          {log.title || "(no description)"}
                          <div class="small muted">
                            {formatMinutes(log.durationMinutes)}{" "}
                            {log.billable && <span class="tag billable">billable</span>}
                            {log.detail && <span>{log.detail}</span>}
                            {log.deletedInToggl && <span class="tag deleted">deleted in Toggl</span>}
                          </div>
                        </td>
                        <td style={{ width: "210px" }}>
                          <label class="inline small">
                            <input
                              type="checkbox"
                              checked={log.scorable}
                              disabled={log.deletedInToggl}
                              onChange={(e) => void toggle(log, { scorable: e.currentTarget.checked })}
                            />
                            scorable
                          </label>{" "}
                          <label class="inline small">
                            <input
                              type="checkbox"
                              checked={log.displayable}
                              onChange={(e) => void toggle(log, { displayable: e.currentTarget.checked })}
                            />
                            displayable
                          </label>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </section>
        ))
      )}
      {cursor.value && (
        <button type="button" onClick={() => void more()}>
          Load older
        </button>
      )}
    </div>
  );
}
