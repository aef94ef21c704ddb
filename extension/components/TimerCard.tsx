import { useSignal } from "@preact/signals";
import { editTimerBody, targetOf, timerTargetLabel } from "../lib/entry-bodies";
import { formatElapsed } from "../lib/format";
import { tasks } from "../state/tasks";
import { discardTimer, editTimer, stopTimer, timer, timerBusy } from "../state/timer";
import { EntryForm } from "./EntryForm";
import { useNow } from "./use-now";

/** The running entry with a live clock: stop, edit or discard it; or a quiet "not running" line. */
export function TimerCard() {
  const now = useNow();
  const editing = useSignal(false);
  const confirming = useSignal(false);
  const t = timer.value;
  if (!t) {
    return (
      <section class="card" data-testid="timer-card" aria-label="Timer">
        <p class="muted">No timer running.</p>
      </section>
    );
  }
  const sent = !t.queued;
  return (
    <section class="card running" data-testid="timer-card" aria-label="Timer">
      <div class="row">
        <div class="grow">
          <div class="title">{t.title || "(no description)"}</div>
          <div class="small muted">
            {t.billable && <span class="tag billable">billable</span>}
            {t.tags.map((tag) => (
              <span class="tag" key={tag}>
                {tag}
              </span>
            ))}
            {t.queued && <span class="tag queued">queued — not sent yet</span>}
          </div>
        </div>
        <time class="clock" dateTime={t.start} aria-label="Elapsed time" data-testid="elapsed">
          {formatElapsed(t.start, now)}
        </time>
      </div>
      {editing.value ? (
        <EntryForm
          id="timer-edit"
          kind="running"
          initial={{
            target: targetOf(t, timerTargetLabel(t), tasks.value),
            description: t.description,
            tags: t.tags,
            billable: t.billable,
            start: t.start,
          }}
          submitLabel="Save"
          busy={timerBusy.value}
          onSubmit={async (draft) => {
            const saved = await editTimer(editTimerBody(draft, t));
            if (saved) editing.value = false;
            return saved;
          }}
          onCancel={() => (editing.value = false)}
        />
      ) : confirming.value ? (
        <div class="row wrap confirm" role="group" aria-label="Discard the running entry">
          <span class="grow">Discard this entry? It is deleted in Toggl.</span>
          <button
            class="danger"
            type="button"
            disabled={timerBusy.value}
            onClick={() => void discardTimer().then(() => (confirming.value = false))}
          >
            Yes, discard
          </button>
          <button type="button" onClick={() => (confirming.value = false)}>
            No
          </button>
        </div>
      ) : (
        <div class="row actions">
          <button class="primary grow" type="button" onClick={() => void stopTimer()} disabled={timerBusy.value}>
            Stop
          </button>
          {sent && (
            <>
              <button type="button" onClick={() => (editing.value = true)} disabled={timerBusy.value}>
                Edit
              </button>
              <button type="button" onClick={() => (confirming.value = true)} disabled={timerBusy.value}>
                Discard
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
