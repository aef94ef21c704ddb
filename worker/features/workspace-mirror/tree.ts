// Pure rules of the mirrored workspace tree: what a Toggl item looks like as a row, and the
// track_targets (one per workspace, client, project and task) that the timer search reads.
import type { TaskKind } from "../../../shared/contract";
import type { Client, Project, Tag, Task } from "../../toggl/types";

export interface ClientRow {
  id: string;
  name: string;
  archived: boolean;
  togglAt: string | null;
}
export interface ProjectRow {
  id: string;
  clientId: string | null;
  name: string;
  billable: boolean;
  color: string | null;
  private: boolean;
  archived: boolean;
  togglAt: string | null;
}
export interface TaskRow {
  id: string;
  projectId: string;
  name: string;
  archived: boolean;
  togglAt: string | null;
}
export interface TagRow {
  id: string;
  name: string;
  archived: boolean;
  togglAt: string | null;
}

export interface TrackTargetRow {
  key: string;
  kind: TaskKind;
  workspaceId: string;
  clientId: string | null;
  projectId: string | null;
  taskId: string | null;
  label: string;
  searchText: string;
  billable: boolean;
  archived: boolean;
  /** Its project is private: only that project's members (and admins) see it. */
  private: boolean;
}

// Deleted in Toggl counts as archived: rows are never hard-deleted (Time Logs keep their titles).
export const clientRow = (c: Client): ClientRow => ({
  id: c.id,
  name: c.name,
  archived: c.archived || !!c.server_deleted_at,
  togglAt: c.at ?? null,
});

export const projectRow = (p: Project): ProjectRow => ({
  id: p.id,
  clientId: p.client_id,
  name: p.name,
  billable: p.billable,
  color: p.color ?? null,
  private: p.is_private,
  archived: !p.active || p.status === "archived" || p.status === "deleted" || !!p.server_deleted_at,
  togglAt: p.at ?? null,
});

/** A done task (active false) is no longer offered for timers, like an archived one. */
export const taskRow = (t: Task): TaskRow => ({
  id: t.id,
  projectId: t.project_id,
  name: t.name,
  archived: !t.active || !!t.server_deleted_at,
  togglAt: t.at ?? null,
});

export const tagRow = (t: Tag): TagRow => ({
  id: t.id,
  name: t.name,
  archived: !!t.deleted_at,
  togglAt: t.at ?? null,
});

export function sameClient(a: ClientRow, b: ClientRow) {
  return a.name === b.name && a.archived === b.archived;
}
export function sameProject(a: ProjectRow, b: ProjectRow) {
  return (
    a.name === b.name &&
    a.archived === b.archived &&
    a.clientId === b.clientId &&
    a.billable === b.billable &&
    a.color === b.color &&
    a.private === b.private
  );
}
export function sameTask(a: TaskRow, b: TaskRow) {
  return a.name === b.name && a.archived === b.archived && a.projectId === b.projectId;
}
export function sameTag(a: TagRow, b: TagRow) {
  return a.name === b.name && a.archived === b.archived;
}

/** True when `incoming` (Toggl's `at`) is older than what is stored: a late event must not win. */
export function isOlder(incoming: string | null, stored: string | null): boolean {
  if (!incoming || !stored) return false;
  const a = Date.parse(incoming);
  const b = Date.parse(stored);
  return Number.isFinite(a) && Number.isFinite(b) && a < b;
}

/** SQLite's NOCASE: ASCII letters folded, everything else compared by code point (UTF-8 order). */
function compareNocase(a: string, b: string): number {
  const fold = (s: string) =>
    Array.from(s, (ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code >= 65 && code <= 90 ? code + 32 : code;
    });
  const [x, y] = [fold(a), fold(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference) return difference;
  }
  return x.length - y.length;
}

/**
 * The search's order (`label collate nocase, key`). Targets are written in it, so their rowids,
 * the order the search index hands out matches in, follow their labels.
 */
export function byLabel(a: { label: string; key: string }, b: { label: string; key: string }): number {
  return compareNocase(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The timer's targets for one workspace, in label order. A child of an archived parent is archived
 * too, so an archived project's tasks are no longer offered.
 */
export function buildTrackTargets(
  workspace: { id: string; name: string },
  clients: ClientRow[],
  projects: ProjectRow[],
  tasks: TaskRow[],
): TrackTargetRow[] {
  const ws = workspace.name;
  const wid = workspace.id;
  const join = (parts: (string | null | undefined)[], sep: string) => parts.filter((p): p is string => !!p).join(sep);
  const out: TrackTargetRow[] = [
    {
      key: `workspace:${wid}`,
      kind: "workspace",
      workspaceId: wid,
      clientId: null,
      projectId: null,
      taskId: null,
      label: ws,
      searchText: ws.toLowerCase(),
      billable: false,
      archived: false,
      private: false,
    },
  ];
  const clientById = new Map(clients.map((c) => [c.id, c]));
  for (const c of clients) {
    out.push({
      key: `client:${c.id}`,
      kind: "client",
      workspaceId: wid,
      clientId: c.id,
      projectId: null,
      taskId: null,
      label: c.name,
      searchText: join([ws, c.name], " ").toLowerCase(),
      billable: false,
      archived: c.archived,
      private: false,
    });
  }
  const projectById = new Map<string, { row: ProjectRow; client: ClientRow | undefined; archived: boolean }>();
  for (const p of projects) {
    const client = p.clientId ? clientById.get(p.clientId) : undefined;
    const archived = p.archived || (client?.archived ?? false);
    projectById.set(p.id, { row: p, client, archived });
    out.push({
      key: `project:${p.id}`,
      kind: "project",
      workspaceId: wid,
      clientId: client?.id ?? null,
      projectId: p.id,
      taskId: null,
      label: join([client?.name, p.name], " → "),
      searchText: join([ws, client?.name, p.name], " ").toLowerCase(),
      billable: p.billable,
      archived,
      private: p.private,
    });
  }
  for (const t of tasks) {
    const project = projectById.get(t.projectId);
    // A task whose project we have never seen cannot be tracked against; leave it out.
    if (!project) continue;
    out.push({
      key: `task:${t.id}`,
      kind: "task",
      workspaceId: wid,
      clientId: project.client?.id ?? null,
      projectId: project.row.id,
      taskId: t.id,
      label: join([project.client?.name, project.row.name, t.name], " → "),
      searchText: join([ws, project.client?.name, project.row.name, t.name], " ").toLowerCase(),
      billable: project.row.billable,
      archived: t.archived || project.archived,
      private: project.row.private,
    });
  }
  return out.sort(byLabel);
}
