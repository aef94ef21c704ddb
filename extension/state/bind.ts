import type { Signal } from "@preact/signals";
import { getValues, type StorageItem } from "../lib/storage-item";

type AnyItem = StorageItem<unknown>;
interface Pending {
  item: AnyItem;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

// Items bound in the same tick (a page's hydrate calls) are read with one storage call: the popup
// paints after one round trip to extension storage instead of one per item.
let pending: Pending[] = [];

function readSoon(item: AnyItem): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (pending.length === 0) queueMicrotask(flush);
    pending.push({ item, resolve, reject });
  });
}

function flush() {
  const batch = pending;
  pending = [];
  getValues(batch.map((p) => p.item)).then(
    (values) => batch.forEach((p, i) => p.resolve(values[i])),
    (err: unknown) => batch.forEach((p) => p.reject(err)),
  );
}

/** Mirrors a storage item into a signal: painted from storage now, kept in sync on every change. */
export async function bindItem<T>(item: StorageItem<T>, target: Signal<T>): Promise<() => void> {
  const unwatch = item.watch((value) => {
    target.value = value;
  });
  target.value = (await readSoon(item)) as T;
  return unwatch;
}
