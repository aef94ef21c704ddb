import type { Signal } from "@preact/signals";
import { formatSinceUnlink } from "../lib/format";

interface Props {
  fillGap: Signal<boolean>;
  /** The one workspace being reconnected, to say since when; null when several are picked. */
  only: { unlinkedAt: string | null } | null;
  class?: string;
}

/** Reconnecting a workspace unlinked before: also import the time since the unlink, or not. */
export function FillGapChoice({ fillGap, only, class: className = "inline" }: Props) {
  return (
    <label class={className}>
      <input type="checkbox" checked={fillGap.value} onChange={(e) => (fillGap.value = e.currentTarget.checked)} />
      Also import the time since it was unlinked
      {only ? formatSinceUnlink(only) : ""}
    </label>
  );
}
