// The popup's storage read, started by the first line of its script, before the rest of it has
// been evaluated (up to ~20 ms on a busy machine): the app then finds what it paints already read
// or on its way. Changes made between that read and the app's own watchers are recorded, so none
// is missed.
import { browser } from "wxt/browser";

type Changes = Record<string, { newValue?: unknown }>;

interface EarlyRead {
  values: Promise<Record<string, unknown>>;
  changes: Changes[];
  stop: () => void;
}

let early: EarlyRead | null = null;

export function startEarlyRead(): void {
  const changes: Changes[] = [];
  const record = (c: Changes, area: string) => {
    if (area === "local") changes.push(c);
  };
  browser.storage.onChanged.addListener(record);
  early = {
    values: browser.storage.local.get(null),
    changes,
    stop: () => browser.storage.onChanged.removeListener(record),
  };
}

/**
 * The early read, once (null when none was started): storage as it is now for the given keys,
 * the changes since the read applied. Taken after the app's watchers are set up.
 */
export function takeEarlyRead(keys: readonly string[]): Promise<Record<string, unknown>> | null {
  const taken = early;
  if (!taken) return null;
  early = null;
  return taken.values.then((stored) => {
    taken.stop();
    const now: Record<string, unknown> = {};
    for (const key of keys) now[key] = stored[key];
    for (const change of taken.changes) for (const key of keys) if (key in change) now[key] = change[key]?.newValue;
    return now;
  });
}
