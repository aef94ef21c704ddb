// Mirrors a workspace's structure (clients incl. archived, projects, tasks, tags) into D1 and
// rebuilds its track_targets. Frugal with Toggl's quota: one listing per entity type (projects and
// tasks only what changed `since` the last run, deletions included), and D1 writes only for rows
// that changed. Items that are archived, deleted or gone from a full listing become archived;
// nothing is ever hard-deleted, so Time Logs keep their titles.
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { clients, connections, projects, tags, tasks, trackTargets, workspaces } from "../../db/schema";
import type { Db } from "../../env";
import type { TogglClient } from "../../toggl/client";
import { clientSchema, projectSchema, tagSchema, taskSchema } from "../../toggl/types";
import {
  buildTrackTargets,
  clientRow,
  isOlder,
  projectRow,
  sameClient,
  sameProject,
  sameTag,
  sameTask,
  tagRow,
  taskRow,
  type ClientRow,
  type ProjectRow,
  type TagRow,
  type TaskRow,
} from "./tree";

type StructureToggl = Pick<TogglClient, "clients" | "projects" | "tasks" | "tags" | "requestsSpent">;

export const STRUCTURE_KINDS = ["clients", "projects", "tasks", "tags"] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

export interface SyncStructureInput {
  db: Db;
  accountId: string;
  workspaceId: string;
  toggl: StructureToggl;
  now: Date;
  /** Incremental: only projects and tasks changed since then. Absent: a full reconcile. */
  since?: Date | null;
  /** The workspace's current name, when the caller knows it (kept in the workspaces mirror). */
  workspaceName?: string;
  organizationId?: string;
  /** Entity types an earlier, cut-off run already stored (resuming: they are not fetched again). */
  skip?: readonly StructureKind[];
  /** The earlier, cut-off run changed something: rebuild the timer targets even if this part changes nothing. */
  changedBefore?: number;
  /** Called after each entity type is stored, so a run cut off by the quota resumes after it. */
  onProgress?: (done: StructureKind[], itemsChanged: number) => Promise<void>;
}

export interface SyncStructureResult {
  itemsChanged: number;
  requests: number;
  full: boolean;
}

type Write = BatchItem<"sqlite">;

/**
 * One entity type at a time (fetch, compare, store), in the order clients → projects → tasks →
 * tags; the timer targets are rebuilt with the last write when anything changed. A 402 halfway
 * keeps what was stored, and `skip` resumes after it.
 */
export async function syncStructure(input: SyncStructureInput): Promise<SyncStructureResult> {
  const { db, accountId, workspaceId, toggl, now } = input;
  const since = input.since ?? null;
  const full = since === null;
  const spentBefore = toggl.requestsSpent;
  const done: StructureKind[] = [...(input.skip ?? [])];
  const todo = STRUCTURE_KINDS.filter((k) => !done.includes(k));
  const stored = await loadTree(db, accountId, workspaceId);
  let itemsChanged = 0;

  const name = input.workspaceName ?? stored.workspaceName;
  const renamed = input.workspaceName !== undefined && input.workspaceName !== stored.workspaceName;
  const workspaceWrites: Write[] = [];
  if (input.workspaceName !== undefined && (renamed || !stored.mirrored)) {
    const organizationId = input.organizationId ?? stored.organizationId ?? "";
    workspaceWrites.push(
      db
        .insert(workspaces)
        .values({ accountId, id: workspaceId, organizationId, name: input.workspaceName, updatedAt: now })
        .onConflictDoUpdate({ target: [workspaces.accountId, workspaces.id], set: { name: input.workspaceName, updatedAt: now } }),
    );
    if (renamed) itemsChanged++;
  }

  let clientsNow = stored.clients;
  let projectsNow = stored.projects;
  let tasksNow = stored.tasks;
  for (const [i, kind] of todo.entries()) {
    const writes: Write[] = i === 0 ? workspaceWrites : [];
    let changed = 0;
    // Sequential on purpose: a 402 stops before spending more.
    switch (kind) {
      case "clients": {
        const rows: ClientRow[] = [];
        clientsNow = reconcile(stored.clients, (await toggl.clients(workspaceId, { status: "both" })).map(clientRow), true, sameClient, (r) => rows.push(r));
        writes.push(...upsertClients(db, accountId, workspaceId, rows, now));
        changed = rows.length;
        break;
      }
      case "projects": {
        const rows: ProjectRow[] = [];
        const listed = await toggl.projects(workspaceId, since ? { since } : {});
        projectsNow = reconcile(stored.projects, listed.map(projectRow), full, sameProject, (r) => rows.push(r));
        writes.push(...upsertProjects(db, accountId, workspaceId, rows, now));
        changed = rows.length;
        break;
      }
      case "tasks": {
        const rows: TaskRow[] = [];
        const listed = await toggl.tasks(workspaceId, since ? { since } : {});
        tasksNow = reconcile(stored.tasks, listed.map(taskRow), full, sameTask, (r) => rows.push(r));
        writes.push(...upsertTasks(db, accountId, workspaceId, rows, now));
        changed = rows.length;
        break;
      }
      case "tags": {
        const rows: TagRow[] = [];
        reconcile(stored.tags, (await toggl.tags(workspaceId)).map(tagRow), true, sameTag, (r) => rows.push(r));
        writes.push(...upsertTags(db, accountId, workspaceId, rows, now));
        changed = rows.length;
        break;
      }
    }
    itemsChanged += changed;
    const last = i === todo.length - 1;
    if (last && (itemsChanged > 0 || (input.changedBefore ?? 0) > 0 || stored.targetCount === 0)) {
      const targets = buildTrackTargets({ id: workspaceId, name: name ?? "" }, [...clientsNow.values()], [...projectsNow.values()], [
        ...tasksNow.values(),
      ]);
      writes.push(...targetWrites(db, accountId, workspaceId, targets));
    }
    if (writes.length > 0) await db.batch(writes as [Write, ...Write[]]);
    done.push(kind);
    if (!last) await input.onProgress?.([...done], itemsChanged + (input.changedBefore ?? 0));
  }
  return { itemsChanged, requests: toggl.requestsSpent - spentBefore, full };
}

/**
 * Folds Toggl's listing into the stored rows; `write` gets every row that must be stored. With a
 * complete listing, stored rows that are missing from it have vanished in Toggl → archived.
 */
function reconcile<R extends { id: string; archived: boolean }>(
  stored: Map<string, R>,
  listed: R[],
  complete: boolean,
  same: (a: R, b: R) => boolean,
  write: (row: R) => void,
): Map<string, R> {
  const next = new Map(stored);
  const seen = new Set<string>();
  for (const row of listed) {
    // One row per id: a multi-row upsert may not touch the same row twice.
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const prev = stored.get(row.id);
    if (prev && same(prev, row)) continue;
    next.set(row.id, row);
    write(row);
  }
  if (complete) {
    for (const [id, prev] of stored) {
      if (seen.has(id) || prev.archived) continue;
      const gone = { ...prev, archived: true };
      next.set(id, gone);
      write(gone);
    }
  }
  return next;
}

interface StoredTree {
  workspaceName: string | null;
  /** The workspaces mirror has a row for it. */
  mirrored: boolean;
  organizationId: string | null;
  clients: Map<string, ClientRow>;
  projects: Map<string, ProjectRow>;
  tasks: Map<string, TaskRow>;
  tags: Map<string, TagRow>;
  targetCount: number;
}

async function loadTree(db: Db, accountId: string, workspaceId: string): Promise<StoredTree> {
  const [ws, conn, cs, ps, ts, gs, targetCount] = await Promise.all([
    db
      .select({ name: workspaces.name, organizationId: workspaces.organizationId })
      .from(workspaces)
      .where(and(eq(workspaces.accountId, accountId), eq(workspaces.id, workspaceId)))
      .get(),
    db
      .select({ name: connections.workspaceName, organizationId: connections.organizationId })
      .from(connections)
      .where(and(eq(connections.accountId, accountId), eq(connections.workspaceId, workspaceId)))
      .get(),
    db
      .select({ id: clients.id, name: clients.name, archived: clients.archived, togglAt: clients.togglAt })
      .from(clients)
      .where(and(eq(clients.accountId, accountId), eq(clients.workspaceId, workspaceId))),
    db
      .select({
        id: projects.id,
        clientId: projects.clientId,
        name: projects.name,
        billable: projects.billable,
        color: projects.color,
        archived: projects.archived,
        togglAt: projects.togglAt,
      })
      .from(projects)
      .where(and(eq(projects.accountId, accountId), eq(projects.workspaceId, workspaceId))),
    db
      .select({ id: tasks.id, projectId: tasks.projectId, name: tasks.name, archived: tasks.archived, togglAt: tasks.togglAt })
      .from(tasks)
      .where(and(eq(tasks.accountId, accountId), eq(tasks.workspaceId, workspaceId))),
    db
      .select({ id: tags.id, name: tags.name, archived: tags.archived })
      .from(tags)
      .where(and(eq(tags.accountId, accountId), eq(tags.workspaceId, workspaceId))),
    db
      .select({ n: sql<number>`count(*)` })
      .from(trackTargets)
      .where(and(eq(trackTargets.accountId, accountId), eq(trackTargets.workspaceId, workspaceId)))
      .get(),
  ]);
  return {
    workspaceName: ws?.name ?? conn?.name ?? null,
    mirrored: ws !== undefined,
    organizationId: ws?.organizationId ?? conn?.organizationId ?? null,
    clients: new Map(cs.map((r) => [r.id, r])),
    projects: new Map(ps.map((r) => [r.id, r])),
    tasks: new Map(ts.map((r) => [r.id, r])),
    tags: new Map(gs.map((r) => [r.id, r])),
    targetCount: targetCount?.n ?? 0,
  };
}

// Multi-row upserts: one statement per chunk, each under D1's 100 bound parameters.
const excluded = (column: string) => sql.raw(`excluded."${column}"`);

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function upsertClients(db: Db, accountId: string, workspaceId: string, rows: ClientRow[], now: Date): Write[] {
  // 7 parameters a row
  return chunks(rows, 14).map((chunk) =>
    db
      .insert(clients)
      .values(chunk.map((r) => ({ accountId, workspaceId, id: r.id, name: r.name, archived: r.archived, togglAt: r.togglAt, updatedAt: now })))
      .onConflictDoUpdate({
        target: [clients.accountId, clients.id],
        set: { workspaceId, name: excluded("name"), archived: excluded("archived"), togglAt: excluded("toggl_at"), updatedAt: now },
      }),
  );
}

function upsertProjects(db: Db, accountId: string, workspaceId: string, rows: ProjectRow[], now: Date): Write[] {
  // 10 parameters a row
  return chunks(rows, 9).map((chunk) =>
    db
      .insert(projects)
      .values(
        chunk.map((r) => ({
          accountId,
          workspaceId,
          id: r.id,
          clientId: r.clientId,
          name: r.name,
          billable: r.billable,
          color: r.color,
          archived: r.archived,
          togglAt: r.togglAt,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [projects.accountId, projects.id],
        set: {
          workspaceId,
          clientId: excluded("client_id"),
          name: excluded("name"),
          billable: excluded("billable"),
          color: excluded("color"),
          archived: excluded("archived"),
          togglAt: excluded("toggl_at"),
          updatedAt: now,
        },
      }),
  );
}

function upsertTasks(db: Db, accountId: string, workspaceId: string, rows: TaskRow[], now: Date): Write[] {
  // 8 parameters a row
  return chunks(rows, 12).map((chunk) =>
    db
      .insert(tasks)
      .values(
        chunk.map((r) => ({ accountId, workspaceId, id: r.id, projectId: r.projectId, name: r.name, archived: r.archived, togglAt: r.togglAt, updatedAt: now })),
      )
      .onConflictDoUpdate({
        target: [tasks.accountId, tasks.id],
        set: {
          workspaceId,
          projectId: excluded("project_id"),
          name: excluded("name"),
          archived: excluded("archived"),
          togglAt: excluded("toggl_at"),
          updatedAt: now,
        },
      }),
  );
}

function upsertTags(db: Db, accountId: string, workspaceId: string, rows: TagRow[], now: Date): Write[] {
  // 6 parameters a row
  return chunks(rows, 16).map((chunk) =>
    db
      .insert(tags)
      .values(chunk.map((r) => ({ accountId, workspaceId, id: r.id, name: r.name, archived: r.archived, updatedAt: now })))
      .onConflictDoUpdate({
        target: [tags.accountId, tags.id],
        set: { workspaceId, name: excluded("name"), archived: excluded("archived"), updatedAt: now },
      }),
  );
}

/** Replaces the workspace's targets; 11 columns a row keeps each insert under D1's 100 parameters. */
function targetWrites(db: Db, accountId: string, workspaceId: string, targets: ReturnType<typeof buildTrackTargets>): Write[] {
  const out: Write[] = [
    db.delete(trackTargets).where(and(eq(trackTargets.accountId, accountId), eq(trackTargets.workspaceId, workspaceId))),
  ];
  for (let i = 0; i < targets.length; i += 8) {
    out.push(db.insert(trackTargets).values(targets.slice(i, i + 8).map((t) => ({ accountId, ...t }))));
  }
  return out;
}

/** Rebuilds a workspace's track_targets from what D1 holds. */
async function rebuildTargets(db: Db, accountId: string, workspaceId: string): Promise<void> {
  const tree = await loadTree(db, accountId, workspaceId);
  const targets = buildTrackTargets({ id: workspaceId, name: tree.workspaceName ?? "" }, [...tree.clients.values()], [
    ...tree.projects.values(),
  ], [...tree.tasks.values()]);
  const writes = targetWrites(db, accountId, workspaceId, targets);
  await db.batch(writes as [Write, ...Write[]]);
}

export type StructureEventResult = "created" | "updated" | "archived" | "unchanged" | "ignored";

/**
 * A structure webhook event (client, project, task or tag; created, updated or deleted). Order-safe:
 * an event older than the stored row (Toggl's `at`) changes nothing. A deletion archives.
 */
export async function applyStructureEvent(
  db: Db,
  accountId: string,
  workspaceId: string,
  model: string,
  action: string,
  payload: Record<string, unknown>,
  now = new Date(),
): Promise<StructureEventResult> {
  const deleted = action === "deleted";
  const write = await structureWrite(db, accountId, workspaceId, model, deleted, payload, now);
  if (write === "ignored") return "ignored";
  const { stmt, result } = write;
  if (stmt) await stmt;
  // Tags are not part of the timer's targets.
  if (model !== "tag" && result !== "unchanged") await rebuildTargets(db, accountId, workspaceId);
  return result;
}

async function structureWrite(
  db: Db,
  accountId: string,
  workspaceId: string,
  model: string,
  deleted: boolean,
  payload: Record<string, unknown>,
  now: Date,
): Promise<"ignored" | { stmt: Write | null; result: StructureEventResult }> {
  const id = String(payload.id ?? "");
  const inWorkspace = (wid: string) => wid === workspaceId;
  switch (model) {
    case "client": {
      const parsed = clientSchema.safeParse(payload);
      if (!parsed.success) return deleted && id ? archiveById(db, clients, accountId, workspaceId, id, now) : "ignored";
      if (!inWorkspace(parsed.data.wid)) return "ignored";
      const row = { ...clientRow(parsed.data), ...(deleted ? { archived: true } : {}) };
      const prev = await db.select().from(clients).where(and(eq(clients.accountId, accountId), eq(clients.id, row.id))).get();
      if (prev && (isOlder(row.togglAt, prev.togglAt) || sameClient(prev, row))) return { stmt: null, result: "unchanged" };
      return { stmt: upsertClients(db, accountId, workspaceId, [row], now)[0]!, result: outcome(prev, row.archived) };
    }
    case "project": {
      const parsed = projectSchema.safeParse(payload);
      if (!parsed.success) return deleted && id ? archiveById(db, projects, accountId, workspaceId, id, now) : "ignored";
      if (!inWorkspace(parsed.data.workspace_id)) return "ignored";
      const row = { ...projectRow(parsed.data), ...(deleted ? { archived: true } : {}) };
      const prev = await db.select().from(projects).where(and(eq(projects.accountId, accountId), eq(projects.id, row.id))).get();
      if (prev && (isOlder(row.togglAt, prev.togglAt) || sameProject(prev, row))) return { stmt: null, result: "unchanged" };
      return { stmt: upsertProjects(db, accountId, workspaceId, [row], now)[0]!, result: outcome(prev, row.archived) };
    }
    case "task": {
      const parsed = taskSchema.safeParse(payload);
      if (!parsed.success) return deleted && id ? archiveById(db, tasks, accountId, workspaceId, id, now) : "ignored";
      if (!inWorkspace(parsed.data.workspace_id)) return "ignored";
      const row = { ...taskRow(parsed.data), ...(deleted ? { archived: true } : {}) };
      const prev = await db.select().from(tasks).where(and(eq(tasks.accountId, accountId), eq(tasks.id, row.id))).get();
      if (prev && (isOlder(row.togglAt, prev.togglAt) || sameTask(prev, row))) return { stmt: null, result: "unchanged" };
      return { stmt: upsertTasks(db, accountId, workspaceId, [row], now)[0]!, result: outcome(prev, row.archived) };
    }
    case "tag": {
      const parsed = tagSchema.safeParse(payload);
      if (!parsed.success) return deleted && id ? archiveById(db, tags, accountId, workspaceId, id, now) : "ignored";
      if (!inWorkspace(parsed.data.workspace_id)) return "ignored";
      const row = { ...tagRow(parsed.data), ...(deleted ? { archived: true } : {}) };
      const prev = await db.select().from(tags).where(and(eq(tags.accountId, accountId), eq(tags.id, row.id))).get();
      if (prev && sameTag(prev, row)) return { stmt: null, result: "unchanged" };
      return { stmt: upsertTags(db, accountId, workspaceId, [row], now)[0]!, result: outcome(prev, row.archived) };
    }
    default:
      return "ignored";
  }
}

function outcome(prev: unknown, archived: boolean): StructureEventResult {
  if (archived) return "archived";
  return prev ? "updated" : "created";
}

type ArchivableTable = typeof clients | typeof projects | typeof tasks | typeof tags;

/** A deletion that carries only the id: archive the row if we have it. */
async function archiveById(db: Db, table: ArchivableTable, accountId: string, workspaceId: string, id: string, now: Date) {
  const stmt = db
    .update(table)
    .set({ archived: true, updatedAt: now })
    .where(and(eq(table.accountId, accountId), eq(table.workspaceId, workspaceId), eq(table.id, id)));
  return { stmt, result: "archived" as const };
}
