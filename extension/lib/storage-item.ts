// A typed key in the extension's local storage. WXT's storage items each read storage as they are
// defined (for version migrations, which Hourline has none of), so every page that imported them
// made two round trips to the browser per item before it could read anything: about 40 of them
// competing with the popup's one read of what it paints.
import { browser } from "wxt/browser";
import { takeEarlyRead } from "./early-read";

export interface StorageItem<T> {
  key: string;
  /** What the item reads as while nothing is stored. */
  fallback: T;
  getValue(): Promise<T>;
  /** Storing null removes the key, so it reads as the fallback again. */
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Called with the new and old values on every change from any page; returns the unwatch. */
  watch(callback: (value: T, old: T) => void): () => void;
}

const area = () => browser.storage.local;

// Stored values are JSON: a write of an equal value is not a change.
const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function defineItem<T>(key: string, fallback: T): StorageItem<T> {
  const orFallback = (value: unknown) => (value ?? fallback) as T;
  return {
    key,
    fallback,
    getValue: async () => orFallback((await area().get(key))[key]),
    setValue: async (value) => {
      if (value === null || value === undefined) await area().remove(key);
      else await area().set({ [key]: value });
    },
    removeValue: () => area().remove(key),
    watch: (callback) => {
      const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => {
        const change = changes[key];
        if (!change || sameJson(change.newValue, change.oldValue)) return;
        callback(orFallback(change.newValue), orFallback(change.oldValue));
      };
      area().onChanged.addListener(listener);
      return () => area().onChanged.removeListener(listener);
    },
  };
}

/**
 * Several items in one round trip to the browser, in the order asked (the popup's first call takes
 * the read its script started first, lib/early-read.ts).
 */
export async function getValues(items: readonly StorageItem<unknown>[]): Promise<unknown[]> {
  const keys = items.map((i) => i.key);
  const stored = await (takeEarlyRead(keys) ?? area().get(keys));
  return items.map((i) => stored[i.key] ?? i.fallback);
}
