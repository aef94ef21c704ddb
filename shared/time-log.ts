// Pure rules for Time Logs, shared by the worker and the extension.

/** "Client → Project → Task → Description", empty parts skipped. */
export function buildTimeLogTitle(parts: {
  client?: string | null;
  project?: string | null;
  task?: string | null;
  description?: string | null;
}): string {
  return [parts.client, parts.project, parts.task, parts.description]
    .map((p) => (p ?? "").trim())
    .filter((p) => p.length > 0)
    .join(" → ");
}

/** Minutes as the Time Log shows them: round(seconds / 60). */
export function durationMinutes(seconds: number): number {
  return Math.round(seconds / 60);
}

/** The detail field: the tags joined with ", ". */
export function timeLogDetail(tags: readonly string[]): string {
  return tags.join(", ");
}

/** Emails compare trimmed and case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
