// Task search for the start form: the last empty-query list is cached for an instant first paint.
import { signal } from "@preact/signals";
import type { TaskTarget } from "../../shared/contract";
import { api } from "../lib/api";
import { describeError, isApiError, isStaleAnswer } from "../lib/api-error";
import { tasksItem } from "../lib/storage";
import { bindItem } from "./bind";

export const tasks = signal<TaskTarget[]>([]);
export const tasksError = signal<string | null>(null);
export const tasksLoading = signal(false);

export async function hydrateTasks(): Promise<void> {
  await bindItem(tasksItem, tasks);
}

let latest = 0;
/** Searches imported tasks; only the newest query's answer is shown. */
export async function searchTasks(query: string): Promise<void> {
  const ticket = ++latest;
  tasksLoading.value = true;
  try {
    const { items } = await api.tasks({ q: query.trim(), limit: 20 });
    if (ticket !== latest) return;
    tasksError.value = null;
    if (query.trim() === "") await tasksItem.setValue(items);
    else tasks.value = items;
  } catch (e) {
    // Offline: the cached list stays and the popup's banner says why.
    if (ticket === latest && !isStaleAnswer(e))
      tasksError.value = isApiError(e) && e.unreachable ? null : describeError(e);
  } finally {
    if (ticket === latest) tasksLoading.value = false;
  }
}
