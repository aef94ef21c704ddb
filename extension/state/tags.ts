// Tag names per workspace for the tag picker: cached in storage and refreshed from the worker's
// mirror (never from Toggl), plus the tags of the person's own recent entries, so a tag created
// from the popup is offered before the mirror hears of it.
import { signal } from "@preact/signals";
import { api } from "../lib/api";
import { tagsItem } from "../lib/storage";
import { bindItem } from "./bind";
import { recentTimeLogs, timer } from "./timer";

const tagsByWorkspace = signal<Record<string, string[]>>({});

export async function hydrateTags(): Promise<void> {
  await bindItem(tagsItem, tagsByWorkspace);
}

export const tagsOf = (workspaceId: string): string[] => tagsByWorkspace.value[workspaceId] ?? [];

export async function loadTags(workspaceId: string): Promise<void> {
  let names: string[];
  try {
    names = (await api.tags(workspaceId)).items.map((t) => t.name);
  } catch {
    return; // Offline or not connected: the cached names stay.
  }
  const own = [...recentTimeLogs.value, ...(timer.value ? [timer.value] : [])]
    .filter((e) => e.workspaceId === workspaceId)
    .flatMap((e) => e.tags);
  const all = await tagsItem.getValue();
  await tagsItem.setValue({
    ...all,
    [workspaceId]: [...new Set([...names, ...own])].sort((a, b) => a.localeCompare(b)),
  });
}
