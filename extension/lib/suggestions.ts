// Suggestions for the start form: the person's recent description + target pairs, newest first,
// each once, matching every typed word. Pure.
import type { RunningTimer, StartTimerBody, TimeLog } from "../../shared/contract";

export interface Suggestion {
  key: string;
  title: string;
  input: StartTimerBody;
}

/** What starting this entry again sends: the same target, description, billable flag and tags. */
export function startInputOf(
  entry: Pick<RunningTimer, "workspaceId" | "projectId" | "taskId" | "description" | "billable" | "tags">,
): StartTimerBody {
  return {
    workspaceId: entry.workspaceId,
    ...(entry.projectId ? { projectId: entry.projectId } : {}),
    ...(entry.taskId ? { taskId: entry.taskId } : {}),
    description: entry.description,
    billable: entry.billable,
    tags: entry.tags,
  };
}

export function suggestions(logs: readonly TimeLog[], query: string, limit = 5): Suggestion[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const log of logs) {
    if (log.deletedInToggl) continue;
    const key = [log.workspaceId, log.projectId, log.taskId, log.description.trim().toLowerCase()].join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    const text = log.title.toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    out.push({
      key,
      title: log.title,
      input: startInputOf(log),
    });
    if (out.length >= limit) break;
  }
  return out;
}
