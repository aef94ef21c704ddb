import { useSignal } from "@preact/signals";
import type { TimeLog } from "../../shared/contract";
import { createEntryBody, logTargetLabel, patchEntryBody, targetOf } from "../lib/entry-bodies";
import { formatMinutes, formatRange } from "../lib/format";
import {
  addEntry,
  continueTimeLog,
  deleteEntry,
  editEntry,
  offline,
  recentError,
  recentNotice,
  recentFresh,
  recentTimeLogs,
  timerBusy,
} from "../state/timer";
import { EntryForm } from "./EntryForm";

/** How many of the cached Time Logs the list shows (the rest feed the start form's suggestions). */
const SHOWN = 10;

export function RecentTimeLogs() {
  const logs = recentTimeLogs.value.slice(0, SHOWN);
  const adding = useSignal(false);
  /** The Toggl id being edited, or "delete:<id>" while asking whether to delete it. */
  const open = useSignal<string | null>(null);

  const row = (log: TimeLog) => {
    const id = log.togglTimeEntryId;
    if (open.value === id) {
      return (
        <EntryForm
          id={`edit-${id}`}
          kind="finished"
          initial={{
            target: targetOf(log, logTargetLabel(log), []),
            description: log.description,
            tags: log.tags,
            billable: log.billable,
            start: log.start,
            stop: log.stop,
          }}
          submitLabel="Save"
          busy={timerBusy.value}
          onSubmit={async (draft) => {
            const saved = await editEntry(id, patchEntryBody(draft, log));
            if (saved) open.value = null;
            return saved;
          }}
          onCancel={() => (open.value = null)}
        />
      );
    }
    return (
      <>
        <div class="row">
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
        </div>
        {!log.deletedInToggl &&
          (open.value === `delete:${id}` ? (
            <div class="row wrap confirm" role="group" aria-label={`Delete ${log.title}`}>
              <span class="grow small">Delete this entry in Toggl?</span>
              <button
                class="danger"
                type="button"
                disabled={timerBusy.value}
                onClick={() => void deleteEntry(log).then(() => (open.value = null))}
              >
                Yes, delete
              </button>
              <button type="button" onClick={() => (open.value = null)}>
                No
              </button>
            </div>
          ) : (
            <div class="row small-actions">
              <button type="button" class="link" onClick={() => (open.value = id)} aria-label={`Edit ${log.title}`}>
                Edit
              </button>
              <button
                type="button"
                class="link"
                onClick={() => (open.value = `delete:${id}`)}
                aria-label={`Delete ${log.title}`}
              >
                Delete
              </button>
            </div>
          ))}
      </>
    );
  };

  return (
    <section class="card" aria-labelledby="recent-title" data-testid="recent-time-logs">
      <div class="row">
        <h2 id="recent-title" class="grow">
          Recent Time Logs
        </h2>
        {!adding.value && (
          <button type="button" onClick={() => (adding.value = true)}>
            Add time
          </button>
        )}
      </div>
      {adding.value && (
        <EntryForm
          id="add"
          kind="finished"
          initial={{ target: null, description: "", tags: [], billable: false, start: null }}
          submitLabel="Add entry"
          busy={timerBusy.value}
          onSubmit={async (draft) => {
            const body = createEntryBody(draft);
            const added = body !== null && (await addEntry(body));
            if (added) adding.value = false;
            return added;
          }}
          onCancel={() => (adding.value = false)}
        />
      )}
      {recentError.value && <p class="error small">{recentError.value}</p>}
      {recentNotice.value && <p class="muted small">{recentNotice.value}</p>}
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
            <li key={log.id}>{row(log)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
