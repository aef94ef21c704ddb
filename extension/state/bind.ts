import type { Signal } from "@preact/signals";
import type { WxtStorageItem } from "wxt/utils/storage";

/** Mirrors a storage item into a signal: painted from storage now, kept in sync on every change. */
export async function bindItem<T, M extends Record<string, unknown>>(
  item: WxtStorageItem<T, M>,
  target: Signal<T>,
): Promise<() => void> {
  const unwatch = item.watch((value) => {
    target.value = value ?? item.fallback;
  });
  target.value = await item.getValue();
  return unwatch;
}
