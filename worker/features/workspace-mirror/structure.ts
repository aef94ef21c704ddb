// Mirrors a workspace's structure (clients incl. archived, projects, tasks, tags) into D1 and
// rebuilds its track_targets. Frugal with Toggl's quota: one listing per entity type (projects and
// tasks only what changed `since` the last run, deletions included), and D1 writes only for rows
// that changed. Items that are archived, deleted or gone from a full listing become archived;
// nothing is ever hard-deleted, so Time Logs keep their titles. Every entity type runs through
// the same code, driven by its descriptor (entities.ts).
import { and, eq, sql } from "drizzle-orm";
import { runBatch, valueChunks, type Statement } from "../../db/batch";
import { connections, trackTargets, workspaces } from "../../db/schema";
import type { Db } from "../../env";
import { idText } from "../../toggl/json";
import { syncProjectMembers } from "./project-members";
import {
  ENTITY_TYPES,
  entityTypeOfModel,
  type EntityType,
  type MirrorRow,
  type StructureKind,
  type StructureToggl,
} from "./entities";
import { buildTrackTargets, isOlder, type ClientRow, type ProjectRow, type TaskRow, type TrackTargetRow } from "./tree";
import { nowDate } from "../../clock";

/** The descriptors as the code below handles them: any item, rows with what every row has. */
type Entity = EntityType<unknown, MirrorRow>;
const TYPES: readonly Entity[] = ENTITY_TYPES;

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

/**
 * One entity type at a time (fetch, compare, store), in the order clients → projects → tasks →
 * tags; the timer targets are rebuilt with the last write when anything changed. A 402 halfway
 * keeps what was stored, and `skip` resumes after it.
 */
export async function syncStructure(input: SyncStructureInput): Promise<SyncStructureResult> {
  const { db, accountId, workspaceId, toggl, now } = input;
  const since = input.since ?? null;
  const spentBefore = toggl.requestsSpent;
  const done: StructureKind[] = [...(input.skip ?? [])];
  const todo = TYPES.filter((t) => !done.includes(t.kind));
  const stored = await loadTree(db, accountId, workspaceId);
  const tree = { ...stored.rows };
  let itemsChanged = 0;

  const name = input.workspaceName ?? stored.workspaceName;
  const renamed = input.workspaceName !== undefined && input.workspaceName !== stored.workspaceName;
  const workspaceWrites: Statement[] = [];
  if (input.workspaceName !== undefined && (renamed || !stored.mirrored)) {
    const organizationId = input.organizationId ?? stored.organizationId ?? "";
    workspaceWrites.push(
      db
        .insert(workspaces)
        .values({ accountId, id: workspaceId, organizationId, name: input.workspaceName, updatedAt: now })
        .onConflictDoUpdate({
          target: [workspaces.accountId, workspaces.id],
          set: { name: input.workspaceName, updatedAt: now },
        }),
    );
    if (renamed) itemsChanged++;
  }

  for (const [i, type] of todo.entries()) {
    const writes: Statement[] = i === 0 ? workspaceWrites : [];
    // Sequential on purpose: a 402 stops before spending more.
    const listing = await type.list(toggl, workspaceId, since);
    const changed: MirrorRow[] = [];
    tree[type.kind] = reconcile(
      stored.rows[type.kind],
      listing.items.map((item) => type.row(item)),
      listing.complete,
      (a, b) => type.same(a, b),
      (r) => changed.push(r),
    );
    writes.push(...upsertRows(db, type, { accountId, workspaceId }, changed, now));
    itemsChanged += changed.length;
    const last = i === todo.length - 1;
    if (last && (itemsChanged > 0 || (input.changedBefore ?? 0) > 0 || stored.targetCount === 0)) {
      writes.push(...targetWrites(db, accountId, workspaceId, targetsOf({ id: workspaceId, name: name ?? "" }, tree)));
    }
    await runBatch(db, writes);
    done.push(type.kind);
    if (!last) await input.onProgress?.([...done], itemsChanged + (input.changedBefore ?? 0));
  }
  // Who may track on the private projects: one listing, after the projects it refers to are stored.
  itemsChanged += await syncProjectMembers(db, accountId, workspaceId, toggl);
  return { itemsChanged, requests: toggl.requestsSpent - spentBefore, full: since === null };
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

type Tree = Record<StructureKind, Map<string, MirrorRow>>;

interface StoredTree {
  workspaceName: string | null;
  /** The workspaces mirror has a row for it. */
  mirrored: boolean;
  organizationId: string | null;
  rows: Tree;
  targetCount: number;
}

async function loadTree(db: Db, accountId: string, workspaceId: string): Promise<StoredTree> {
  const [ws, conn, targetCount, ...rows] = await Promise.all([
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
      .select({ n: sql<number>`count(*)` })
      .from(trackTargets)
      .where(and(eq(trackTargets.accountId, accountId), eq(trackTargets.workspaceId, workspaceId)))
      .get(),
    ...TYPES.map((type) => selectRows(db, type, accountId, eq(type.table.workspaceId, workspaceId))),
  ]);
  return {
    workspaceName: ws?.name ?? conn?.name ?? null,
    mirrored: ws !== undefined,
    organizationId: ws?.organizationId ?? conn?.organizationId ?? null,
    rows: Object.fromEntries(
      TYPES.map((type, i) => [type.kind, new Map((rows[i] ?? []).map((r) => [r.id, r]))]),
    ) as Tree,
    targetCount: targetCount?.n ?? 0,
  };
}

/** The account's rows of one entity type that match `where`, with the descriptor's columns. */
async function selectRows(db: Db, type: Entity, accountId: string, where: ReturnType<typeof eq>): Promise<MirrorRow[]> {
  const rows = await db
    .select(type.columns as Record<string, (typeof type.columns)["id"]>)
    .from(type.table)
    .where(and(eq(type.table.accountId, accountId), where));
  return rows as unknown as MirrorRow[];
}

/** The timer's targets for the workspace from the mirrored clients, projects and tasks. */
function targetsOf(workspace: { id: string; name: string }, tree: Tree): TrackTargetRow[] {
  const rows = <R>(kind: StructureKind) => [...tree[kind].values()] as unknown as R[];
  return buildTrackTargets(workspace, rows<ClientRow>("clients"), rows<ProjectRow>("projects"), rows<TaskRow>("tasks"));
}

/** Multi-row upserts of changed rows, one statement per chunk under D1's bound-parameter limit. */
function upsertRows(
  db: Db,
  type: Entity,
  scope: { accountId: string; workspaceId: string },
  rows: MirrorRow[],
  now: Date,
): Statement[] {
  const { table } = type;
  // Every column but the key takes the incoming value (`excluded`); the row moves with its workspace.
  const set: Record<string, unknown> = { workspaceId: scope.workspaceId, updatedAt: now };
  for (const [field, column] of Object.entries(type.columns))
    if (field !== "id") set[field] = sql.raw(`excluded."${column.name}"`);
  const values = rows.map((row) => ({
    accountId: scope.accountId,
    workspaceId: scope.workspaceId,
    ...row,
    updatedAt: now,
  }));
  return valueChunks(values, set).map((chunk) =>
    db
      .insert(table)
      .values(chunk as (typeof table.$inferInsert)[])
      .onConflictDoUpdate({ target: [table.accountId, table.id], set }),
  );
}

/** Replaces the workspace's targets, inserted in the order given (label order: see byLabel). */
function targetWrites(db: Db, accountId: string, workspaceId: string, targets: TrackTargetRow[]): Statement[] {
  const values = targets.map((t) => ({ accountId, ...t }));
  return [
    db
      .delete(trackTargets)
      .where(and(eq(trackTargets.accountId, accountId), eq(trackTargets.workspaceId, workspaceId))),
    ...valueChunks(values).map((chunk) => db.insert(trackTargets).values(chunk)),
  ];
}

/** Rebuilds a workspace's track_targets from what D1 holds. */
async function rebuildTargets(db: Db, accountId: string, workspaceId: string): Promise<void> {
  const stored = await loadTree(db, accountId, workspaceId);
  await runBatch(
    db,
    targetWrites(
      db,
      accountId,
      workspaceId,
      targetsOf({ id: workspaceId, name: stored.workspaceName ?? "" }, stored.rows),
    ),
  );
}

export type StructureEventResult = "created" | "updated" | "archived" | "unchanged" | "ignored";

/**
 * A structure webhook event (client, project, task or tag; created, updated or deleted). Order-safe:
 * an event older than the stored row (Toggl's `at`) changes nothing. A deletion archives; one that
 * carries only the id archives the row if we have it.
 */
export async function applyStructureEvent(
  db: Db,
  accountId: string,
  workspaceId: string,
  model: string,
  action: string,
  payload: Record<string, unknown>,
  now = nowDate(),
): Promise<StructureEventResult> {
  const type: Entity | undefined = entityTypeOfModel(model);
  if (!type) return "ignored";
  const deleted = action === "deleted";
  const parsed = type.schema.safeParse(payload);
  let result: StructureEventResult;
  if (!parsed.success) {
    const id = idText(payload.id);
    if (!deleted || !id) return "ignored";
    await archiveById(db, type, accountId, workspaceId, id, now);
    result = "archived";
  } else {
    if (type.workspaceOf(parsed.data) !== workspaceId) return "ignored";
    const row = { ...type.row(parsed.data), ...(deleted ? { archived: true } : {}) };
    const [prev] = await selectRows(db, type, accountId, eq(type.table.id, row.id));
    if (prev && (isOlder(row.togglAt ?? null, prev.togglAt ?? null) || type.same(prev, row))) return "unchanged";
    await runBatch(db, upsertRows(db, type, { accountId, workspaceId }, [row], now));
    result = row.archived ? "archived" : prev ? "updated" : "created";
  }
  if (type.targets) await rebuildTargets(db, accountId, workspaceId);
  return result;
}

async function archiveById(db: Db, type: Entity, accountId: string, workspaceId: string, id: string, now: Date) {
  const { table } = type;
  await db
    .update(table)
    .set({ archived: true, updatedAt: now })
    .where(and(eq(table.accountId, accountId), eq(table.workspaceId, workspaceId), eq(table.id, id)));
}
