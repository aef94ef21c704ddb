import { useSignal, type Signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { describeError } from "../../lib/api-error";

export interface Loaded<T> {
  data: Signal<T | null>;
  error: Signal<string | null>;
  reload: () => Promise<void>;
}

/** Loads once on mount (and again on reload or when deps change); errors become a sentence. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const data = useSignal<T | null>(null);
  const error = useSignal<string | null>(null);
  const reload = async () => {
    try {
      data.value = await load();
      error.value = null;
    } catch (e) {
      error.value = describeError(e);
    }
  };
  useEffect(() => {
    void reload();
  }, deps);
  return { data, error, reload };
}

/** Runs an action, reporting its error in `error`; answers whether it worked. */
export async function attempt(error: Signal<string | null>, work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    error.value = null;
    return true;
  } catch (e) {
    error.value = describeError(e);
    return false;
  }
}
