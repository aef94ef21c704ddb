import { formatTime } from "../lib/format";
import { dismissQueueError, queue, queueError } from "../state/timer";

/** Actions made offline that wait for the server, and any the server refused. */
export function QueueNotice() {
  const items = queue.value;
  return (
    <>
      {items.length > 0 && (
        <div class="notice" role="status" data-testid="queue-notice">
          {items.length === 1 ? "1 action is" : `${items.length} actions are`} queued until the server answers:
          <ul class="small">
            {items.map((a) => (
              <li key={a.id}>
                {a.kind === "start" ? `start “${a.title}”` : "stop"} at {formatTime(a.at)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {queueError.value && (
        <div class="notice" role="alert">
          A queued action was refused: {queueError.value}{" "}
          <button type="button" onClick={() => void dismissQueueError()}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
