// The person's totals (today, this week, per day) at the top of the popup: cached for the first
// paint, refreshed from the worker (D1 only) after anything that changes them.
import { signal } from "@preact/signals";
import type { Summary } from "../../shared/contract";
import { api } from "../lib/api";
import { summaryItem } from "../lib/storage";
import { bindItem } from "./bind";

export const summary = signal<Summary | null>(null);

export async function hydrateSummary(): Promise<void> {
  await bindItem(summaryItem, summary);
}

export async function refreshSummary(): Promise<void> {
  try {
    // The browser's zone counts only when Toggl has none for the person.
    await summaryItem.setValue(await api.summary(Intl.DateTimeFormat().resolvedOptions().timeZone));
  } catch {
    // Offline: the cached totals stay (the banner says so).
  }
}
