import { formatMinutes, formatRange } from "../lib/format";
import { continueTimeLog, offline, recentError, recentFresh, recentTimeLogs, timerBusy } from "../state/timer";

export function RecentTimeLogs() {
  const logs = recentTimeLogs.value;
  return (
    <section class="card" aria-labelledby="recent-title" data-testid="recent-time-logs">
      <h2 id="recent-title">Recent Time Logs</h2>
      {recentError.value && <p class="error small">{recentError.value}</p>}
      {logs.length === 0 ? (
        !recentError.value && (
          <p class="muted">
            {recentFresh.value
              ? "No Time Logs yet. Stopped timers show up here."
              : offline.value
                ? "Nothing saved yet."
                : "Loading…"}
          </p>
        )
      ) : (
        <ul class="plain logs">
          {logs.map((log) => (
            <li key={log.id} class="row">
              <div class="grow">
                <div class="title">{log.title || "(no description)"}</div>
                <div class="small muted">
                  {formatRange(log.start, log.stop)} · {formatMinutes(log.durationMinutes)}{" "}
                  {log.billable && <span class="tag billable">billable</span>}
                  {log.tags.map((tag) => (
                    <span class="tag" key={tag}>
                      {tag}
                    </span>
                  ))}
                  {log.deletedInToggl && <span class="tag deleted">deleted in Toggl</span>}
                </div>
              </div>
              {!log.deletedInToggl && (
                <button
                  type="button"
                  onClick={() => void continueTimeLog(log)}
                  disabled={timerBusy.value}
                  aria-label={`Continue ${log.title}`}
                >
                  Continue
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
