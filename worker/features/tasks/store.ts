// Task search over the account's track_targets (one row per workspace, client, project and task,
// rebuilt by every structure sync), joined to the tree only for the page it returns.
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { integer, sqliteTable, unionAll } from "drizzle-orm/sqlite-core";
import type { TaskTarget } from "../../../shared/contract";
import { clients, connections, projects, tasks, trackTargets, workspaces } from "../../db/schema";
import type { Db } from "../../env";
import { trackableBy, type Viewer } from "../workspace-mirror/visibility";
import { rankQueries } from "./search";

/** The trigram index over track_targets (migration 0007; drizzle-kit does not model virtual tables). */
const trackTargetsFts = sqliteTable("track_targets_fts", { rowid: integer("rowid").notNull() });

/** Workspaces of the account that are connected (anything but unlinked). */
function connectedWorkspaceIds(db: Db, accountId: string) {
  return db
    .select({ workspaceId: connections.workspaceId })
    .from(connections)
    .where(and(eq(connections.accountId, accountId), ne(connections.status, "unlinked")));
}

/** What the viewer may track on (members: public projects and their own private ones). */
export async function searchTaskTargets(
  db: Db,
  viewer: Viewer,
  query: { q: string; limit: number },
): Promise<TaskTarget[]> {
  const visible = trackableBy(viewer, { projectId: trackTargets.projectId, private: trackTargets.private });
  const rows = await searchQuery(db, viewer.accountId, query, visible);
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind,
    workspaceId: r.workspaceId,
    workspaceName: r.workspaceName ?? "",
    clientId: r.clientId,
    clientName: r.clientName,
    projectId: r.projectId,
    projectName: r.projectName,
    taskId: r.taskId,
    taskName: r.taskName,
    label: r.label,
    billable: Boolean(r.billable),
  }));
}

/** A page row: the target and its rank (see rankTarget in search.ts). */
const pageColumns = (rank: number) => ({
  key: trackTargets.key,
  kind: trackTargets.kind,
  workspaceId: trackTargets.workspaceId,
  clientId: trackTargets.clientId,
  projectId: trackTargets.projectId,
  taskId: trackTargets.taskId,
  label: trackTargets.label,
  billable: trackTargets.billable,
  rank: sql<number>`${rank}`.as("rank"),
});

/** The one statement behind the search (exported so its query plan can be checked). */
export function searchQuery(db: Db, accountId: string, query: { q: string; limit: number }, visible?: SQL) {
  const t = trackTargets;
  const shown = (...where: (SQL | undefined)[]) =>
    and(...where, inArray(t.workspaceId, connectedWorkspaceIds(db, accountId)), visible);
  const ranks = rankQueries(accountId, query.q);

  // Without a query the page is the first `limit` targets in label order, read straight off the
  // track_targets_label index.
  const firstPage = () =>
    db
      .select(pageColumns(0))
      .from(t)
      .where(shown(eq(t.accountId, accountId), eq(t.archived, false)))
      .orderBy(sql`${t.label} collate nocase`, t.key)
      .limit(query.limit);

  // With one: the hits of each rank, best rank first, as the trigram index hands them out (rowid
  // order, which is label order within a workspace), each cut at `limit`. SQLite runs the arms of
  // a UNION ALL in turn and stops when the page is full, so a query every target matches reads
  // about `limit` targets, not all of them. The index drives every arm (the unary `+` keeps
  // SQLite from walking the account's index instead); archived targets are not in it. Each
  // workspace's targets follow one another in the index, so when one rank has more hits than the
  // page in several workspaces, the page takes them workspace by workspace (the last rebuilt last).
  const rankArm = (match: string, rank: number) => {
    const arm = db
      .select(pageColumns(rank))
      .from(trackTargetsFts)
      .innerJoin(t, sql`${t}.rowid = ${trackTargetsFts.rowid}`)
      .where(shown(sql`${trackTargetsFts} match ${match}`, sql`+${t.accountId} = ${accountId}`))
      .orderBy(trackTargetsFts.rowid)
      .limit(query.limit)
      .as(`rank${rank}`);
    return db.select().from(arm);
  };
  const rankedPage = ([partStart, wordStart, rest]: NonNullable<typeof ranks>) =>
    unionAll(rankArm(partStart, 0), rankArm(wordStart, 1), rankArm(rest, 2)).limit(query.limit);

  const page = (ranks ? rankedPage(ranks) : firstPage()).as("page");
  return db
    .select({
      key: page.key,
      kind: page.kind,
      workspaceId: page.workspaceId,
      clientId: page.clientId,
      projectId: page.projectId,
      taskId: page.taskId,
      label: page.label,
      billable: page.billable,
      workspaceName: sql<string | null>`coalesce(${workspaces.name}, ${connections.workspaceName})`,
      clientName: clients.name,
      projectName: projects.name,
      taskName: tasks.name,
    })
    .from(page)
    .leftJoin(workspaces, and(eq(workspaces.accountId, accountId), eq(workspaces.id, page.workspaceId)))
    .leftJoin(connections, and(eq(connections.accountId, accountId), eq(connections.workspaceId, page.workspaceId)))
    .leftJoin(clients, and(eq(clients.accountId, accountId), eq(clients.id, page.clientId)))
    .leftJoin(projects, and(eq(projects.accountId, accountId), eq(projects.id, page.projectId)))
    .leftJoin(tasks, and(eq(tasks.accountId, accountId), eq(tasks.id, page.taskId)))
    .orderBy(asc(sql`page.rank`), sql`page.label collate nocase`, page.key);
}
