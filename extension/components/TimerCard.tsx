import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { formatElapsed } from "../lib/format";
import { stopTimer, timer, timerBusy } from "../state/timer";

/** The running entry with a live clock, or a quiet "not running" line. */
export function TimerCard() {
  const now = useSignal(Date.now());
  useEffect(() => {
    const id = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const t = timer.value;
  if (!t) {
    return (
      <section class="card" data-testid="timer-card" aria-label="Timer">
        <p class="muted">No timer running.</p>
      </section>
    );
  }
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
          {formatElapsed(t.start, now.value)}
        </time>
      </div>
      <button
        class="primary"
        type="button"
        onClick={() => void stopTimer()}
        disabled={timerBusy.value}
        style={{ marginTop: "8px", width: "100%" }}
      >
        Stop
      </button>
    </section>
  );
}
