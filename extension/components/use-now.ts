import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";

/** The current time, re-read every second while the component is shown. */
export function useNow(): number {
  const now = useSignal(Date.now());
  useEffect(() => {
    const id = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now.value;
}
