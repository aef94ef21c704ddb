// The worker's clock. Production reads the system time; a test hands the worker another clock
// (createWorker({ clock }) in app.ts) to play days or weeks against Toggl's stand-in in minutes.
// Every "now" in the worker comes from here, so the whole isolate runs on one clock.

/** Epoch milliseconds. */
export type Clock = () => number;

let current: Clock = () => Date.now();

/** Now, in epoch milliseconds. */
export function nowMs(): number {
  return current();
}

/** Now, as a Date. */
export function nowDate(): Date {
  return new Date(current());
}

/** Makes `clock` the isolate's clock (the entry does this once, when it builds the handler). */
export function useClock(clock: Clock): void {
  current = clock;
}
