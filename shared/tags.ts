// Toggl's limit on tag names, shared by the worker's input check and the extension's tag picker.

/** Toggl keeps tag names up to 255 bytes of UTF-8 (its own apps count bytes, not characters). */
export const TAG_NAME_MAX_BYTES = 255;

/** True when Toggl would take this (trimmed, non-empty) tag name. */
export function tagNameFits(name: string): boolean {
  const trimmed = name.trim();
  return trimmed.length > 0 && new TextEncoder().encode(trimmed).length <= TAG_NAME_MAX_BYTES;
}
