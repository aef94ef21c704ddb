import { formatMinutes, formatTime } from "../lib/format";
import { discardIdleTime, dismissIdle, idlePrompt, timer, timerBusy } from "../state/timer";

/** Back after being away while a timer ran: keep that time, or give it back. */
export function IdlePrompt() {
  const p = idlePrompt.value;
  if (!p || timer.value?.togglId !== p.togglId) return null;
  const minutes = Math.round((Date.parse(p.returnedAt) - Date.parse(p.idleSince)) / 60_000);
  return (
    <section class="card notice" role="alertdialog" aria-labelledby="idle-title" data-testid="idle-prompt">
      <h2 id="idle-title">You were away</h2>
      <p>
        From {formatTime(p.idleSince)} to {formatTime(p.returnedAt)} ({formatMinutes(minutes)}) while “{p.title}” ran.
      </p>
      <div class="row wrap">
        <button type="button" onClick={() => void dismissIdle()} disabled={timerBusy.value}>
          Keep the time
        </button>
        <button type="button" onClick={() => void discardIdleTime(p, false)} disabled={timerBusy.value}>
          Discard idle time
        </button>
        <button type="button" onClick={() => void discardIdleTime(p, true)} disabled={timerBusy.value}>
          Discard and continue
        </button>
      </div>
    </section>
  );
}
