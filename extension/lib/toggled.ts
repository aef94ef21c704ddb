/** A checkbox list's picked items after one box is ticked (on) or cleared. */
export const toggled = <T>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
