// Timer starts/stops made while the worker is unreachable wait here with their real time, and are
// replayed in order once it answers. An action leaves the queue only after the server took it.
// The store and the client are handed in (timer-actions.ts wires storage and the API client).
import type { RunningTimer, StartTimerBody, StopTimerBody, StoppedTimer } from "../../shared/contract";
import { ApiError, isApiError } from "./api-error";

export type QueuedAction =
  | { id: string; kind: "start"; at: string; input: StartTimerBody; title: string }
  | { id: string; kind: "stop"; at: string };

export interface QueueStore {
  get(): Promise<QueuedAction[]>;
  set(next: QueuedAction[]): Promise<void>;
}

/** The part of the API client a replay uses. */
export interface QueueApi {
  timer(): Promise<RunningTimer | null>;
  startTimer(body: StartTimerBody): Promise<RunningTimer>;
  stopTimer(body?: StopTimerBody): Promise<StoppedTimer>;
}

export interface FlushResult {
  applied: string[];
  /** Refused for good by the server (bad input, no running timer...): dropped, with the reason. */
  rejected: { id: string; message: string }[];
  remaining: number;
  /** Why replay stopped early (still unreachable, quota), if it did. */
  blockedBy: ApiError | null;
}

export function newActionId(): string {
  return crypto.randomUUID();
}

/** Errors worth retrying later: the action stays queued. */
function isTransient(e: unknown): boolean {
  if (!isApiError(e)) return true;
  // account_changed: the answer came for another account than the one now open; try again there.
  return (
    e.unreachable ||
    e.code === "account_changed" ||
    e.status === 401 ||
    e.status === 429 ||
    e.status >= 500 ||
    e.status === 402
  );
}

const sameSecond = (a: string, b: string) => Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);

async function apply(api: QueueApi, action: QueuedAction): Promise<void> {
  if (action.kind === "start") {
    // A start whose answer was lost may already be running: don't start it twice.
    const running = await api.timer();
    if (running && sameSecond(running.start, action.at)) return;
    await api.startTimer({ ...action.input, startedAt: action.at });
    return;
  }
  try {
    await api.stopTimer({ stoppedAt: action.at });
  } catch (e) {
    // Nothing running any more (stopped elsewhere, or an earlier replay already did it): done.
    if (isApiError(e) && (e.status === 404 || e.status === 409)) return;
    throw e;
  }
}

let flushing: Promise<FlushResult> | null = null;

/** Replays the queue in order; concurrent calls share one run so nothing is applied twice. */
export function flushQueue(store: QueueStore, api: QueueApi): Promise<FlushResult> {
  flushing ??= run(store, api).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function run(store: QueueStore, api: QueueApi): Promise<FlushResult> {
  const result: FlushResult = { applied: [], rejected: [], remaining: 0, blockedBy: null };
  for (;;) {
    const queue = await store.get();
    const head = queue[0];
    if (!head) break;
    try {
      await apply(api, head);
      result.applied.push(head.id);
    } catch (e) {
      if (isTransient(e)) {
        result.blockedBy = isApiError(e) ? e : new ApiError(0, "unreachable", String(e));
        break;
      }
      result.rejected.push({ id: head.id, message: e instanceof Error ? e.message : String(e) });
    }
    // Re-read: new actions may have been appended meanwhile; remove only the one just handled.
    const latest = await store.get();
    await store.set(latest.filter((a) => a.id !== head.id));
  }
  result.remaining = (await store.get()).length;
  return result;
}
