// From what the entry form holds to what the worker takes: only what changed goes out. Pure.
import type {
  CreateTimeEntryBody,
  EditTimerBody,
  PatchTimeEntryBody,
  RunningTimer,
  TaskTarget,
  TimeLog,
} from "../../shared/contract";

/** The form's draft (see EntryForm). */
export interface Draft {
  target: TaskTarget | null;
  targetChanged: boolean;
  description: string;
  tags: string[];
  billable: boolean;
  start?: Date;
  stop?: Date;
}

type Entry = Pick<RunningTimer, "workspaceId" | "projectId" | "taskId" | "description" | "tags" | "billable">;

/**
 * The entry's target as the picker shows it: the cached search result when there is one, else a
 * label from the names the entry carries.
 */
export function targetOf(entry: Entry, label: string, cached: readonly TaskTarget[]): TaskTarget {
  const key = entry.taskId
    ? `task:${entry.taskId}`
    : entry.projectId
      ? `project:${entry.projectId}`
      : `workspace:${entry.workspaceId}`;
  const found = cached.find((t) => t.key === key);
  if (found) return found;
  return {
    key,
    kind: entry.taskId ? "task" : entry.projectId ? "project" : "workspace",
    workspaceId: entry.workspaceId,
    workspaceName: "",
    clientId: null,
    clientName: null,
    projectId: entry.projectId,
    projectName: null,
    taskId: entry.taskId,
    taskName: null,
    label: label || "(no project)",
    billable: entry.billable,
  };
}

/** "Client → Project → Task" of a Time Log. */
export const logTargetLabel = (log: TimeLog) => [log.client, log.project, log.task].filter(Boolean).join(" → ");

/** "Client → Project → Task" of a running timer: its title without the description. */
export function timerTargetLabel(t: RunningTimer): string {
  const suffix = t.description ? ` → ${t.description}` : "";
  return suffix && t.title.endsWith(suffix) ? t.title.slice(0, -suffix.length) : t.description ? "" : t.title;
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

function changes(draft: Draft, entry: Entry) {
  const t = draft.target;
  return {
    ...(draft.targetChanged
      ? t?.projectId
        ? { projectId: t.projectId, taskId: t.taskId }
        : { projectId: null, taskId: null }
      : {}),
    ...(draft.description !== entry.description ? { description: draft.description } : {}),
    ...(!sameTags(draft.tags, entry.tags) ? { tags: draft.tags } : {}),
    ...(draft.billable !== entry.billable ? { billable: draft.billable } : {}),
  };
}

export function editTimerBody(draft: Draft, timer: RunningTimer): EditTimerBody {
  return { ...changes(draft, timer), ...(draft.start ? { start: draft.start.toISOString() } : {}) };
}

export function patchEntryBody(draft: Draft, log: TimeLog): PatchTimeEntryBody {
  return {
    ...changes(draft, log),
    ...(draft.start ? { start: draft.start.toISOString() } : {}),
    ...(draft.stop ? { stop: draft.stop.toISOString() } : {}),
  };
}

/** A new finished entry; null without a target or times. */
export function createEntryBody(draft: Draft): CreateTimeEntryBody | null {
  const t = draft.target;
  if (!t || !draft.start || !draft.stop) return null;
  return {
    workspaceId: t.workspaceId,
    ...(t.projectId ? { projectId: t.projectId } : {}),
    ...(t.taskId ? { taskId: t.taskId } : {}),
    description: draft.description,
    start: draft.start.toISOString(),
    stop: draft.stop.toISOString(),
    billable: draft.billable,
    tags: draft.tags,
  };
}
