// Comparing the Time Logs stored in D1 with Toggl's own entries, field by field, in one shape.
import type { TogglTimeEntry } from "../../toggl-stand-in/control-client.ts";

/** A `time_logs` row as SQL answers it (integers for booleans, tags as JSON). */
export interface TimeLogRow {
  toggl_id: string;
  workspace_id: string;
  toggl_user_id: string;
  user_id: string | null;
  project_id: string | null;
  task_id: string | null;
  description: string;
  start: number;
  stop: number;
  duration_seconds: number;
  billable: number;
  tags: string;
  deleted_in_toggl: number;
  scorable: number;
}

/** What a Time Log says of its entry. */
export const storedFields = (row: TimeLogRow) => ({
  user: row.toggl_user_id,
  project: row.project_id,
  task: row.task_id,
  description: row.description,
  start: row.start,
  stop: row.stop,
  seconds: row.duration_seconds,
  billable: row.billable === 1,
  tags: JSON.parse(row.tags) as string[],
  deleted: row.deleted_in_toggl === 1,
});

/** What Toggl says of a finished entry, in the same shape. */
export const togglFields = (te: TogglTimeEntry): ReturnType<typeof storedFields> => ({
  user: String(te.user_id),
  project: te.project_id === null ? null : String(te.project_id),
  task: te.task_id === null ? null : String(te.task_id),
  description: te.description ?? "",
  start: Date.parse(te.start),
  stop: Date.parse(te.stop!),
  seconds: te.duration,
  billable: te.billable,
  tags: [...te.tags].sort(),
  deleted: te.server_deleted_at !== null,
});
