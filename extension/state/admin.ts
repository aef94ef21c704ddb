// Admin data shared by the popup's admin section and the admin page's Connections tab.
import { effect, signal } from "@preact/signals";
import type { Connection, TogglWorkspace } from "../../shared/contract";
import { api } from "../lib/api";
import { describeError, isStaleAnswer } from "../lib/api-error";
import { me } from "./session";

export const workspaces = signal<TogglWorkspace[] | null>(null);
export const connections = signal<Connection[] | null>(null);
export const adminError = signal<string | null>(null);
export const adminBusy = signal(false);

// Another account, another set of workspaces and connections: nothing of the last one stays shown.
let shownFor: string | undefined;
effect(() => {
  const accountId = me.value?.account.id;
  if (accountId === shownFor) return;
  shownFor = accountId;
  workspaces.value = null;
  connections.value = null;
  adminError.value = null;
});

export async function loadWorkspaces(): Promise<void> {
  try {
    const [ws, conns] = await Promise.all([api.togglWorkspaces(), api.connections()]);
    workspaces.value = ws.items;
    connections.value = conns.items;
    adminError.value = null;
  } catch (e) {
    if (!isStaleAnswer(e)) adminError.value = describeError(e);
  }
}

export async function loadConnections(): Promise<void> {
  try {
    connections.value = (await api.connections()).items;
    adminError.value = null;
  } catch (e) {
    if (!isStaleAnswer(e)) adminError.value = describeError(e);
  }
}

async function run(work: () => Promise<unknown>): Promise<boolean> {
  adminBusy.value = true;
  adminError.value = null;
  try {
    await work();
    return true;
  } catch (e) {
    adminError.value = describeError(e);
    return false;
  } finally {
    adminBusy.value = false;
  }
}

export const connectWorkspaces = (workspaceIds: string[], backfillDays = 0) =>
  run(async () => {
    await api.connect({ workspaceIds, backfillDays });
    await loadWorkspaces();
  });
export const unlinkConnection = (id: string) =>
  run(async () => {
    await api.unlink(id);
    // The workspace becomes pickable again if the picker is showing; else no Toggl call needed.
    await (workspaces.value !== null ? loadWorkspaces() : loadConnections());
  });
export const resyncConnection = (id: string) =>
  run(async () => {
    await api.resync(id);
    await loadConnections();
  });
