// Task search over the account's track_targets (one row per workspace, client, project and task,
// rebuilt by every structure sync), joined to the tree only for the page it returns.
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { TaskTarget } from "../../../shared/contract";
import { clients, connections, projects, tasks, trackTargets, workspaces } from "../../db/schema";
import type { Db } from "../../env";
import { trackableBy, type Viewer } from "../workspace-mirror/visibility";
import { queryWords } from "./search";

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

/** FTS5's trigram index matches substrings of three characters or more. */
const TRIGRAM = 3;

/** An FTS5 string literal (double quotes doubled): matched as a substring, never as syntax. */
const ftsString = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The one statement behind the search (exported so its query plan can be checked). */
export function searchQuery(db: Db, accountId: string, query: { q: string; limit: number }, visible?: SQL) {
  const words = queryWords(query.q);
  const phrase = query.q.trim().toLowerCase();
  const t = trackTargets;

  // Same rule as rankTarget() in search.ts. instr() on the already lower-cased search_text avoids
  // LIKE's wildcards in user input.
  const rank = phrase
    ? sql<number>`case
        when substr(lower(${t.label}), 1, length(${phrase})) = ${phrase} or instr(lower(${t.label}), ${`→ ${phrase}`}) > 0 then 0
        when instr(' ' || ${t.searchText}, ${` ${words[0] ?? phrase}`}) > 0 then 1
        else 2 end`
    : sql<number>`0`;

  // Words of three characters or more are found through the trigram index (migration 0004), which
  // holds the account id too: D1 reads only this account's candidates that contain every such word.
  // Shorter words are checked on those candidates; a query of short words only reads the account's
  // targets through the account index.
  const indexed = words.filter((w) => [...w].length >= TRIGRAM);
  const checked = indexed.length ? words.filter((w) => [...w].length < TRIGRAM) : words;
  const match = [`account_id : ${ftsString(accountId)}`, ...indexed.map((w) => `search_text : ${ftsString(w)}`)].join(
    " AND ",
  );

  // Rank and cut the page on track_targets alone, then look up names for at most `limit` rows.
  // Without a query the page is the first `limit` targets in label order, read straight off the
  // track_targets_label index.
  const page = db
    .select({
      key: t.key,
      kind: t.kind,
      workspaceId: t.workspaceId,
      clientId: t.clientId,
      projectId: t.projectId,
      taskId: t.taskId,
      label: t.label,
      billable: t.billable,
      rank: rank.as("rank"),
    })
    .from(t)
    .where(
      and(
        // With indexed words the candidates come from the trigram index by rowid; the unary `+`
        // keeps SQLite from walking the account's index instead.
        indexed.length
          ? and(
              sql`${t}.rowid in (select rowid from track_targets_fts where track_targets_fts match ${match})`,
              sql`+${t.accountId} = ${accountId}`,
            )
          : eq(t.accountId, accountId),
        eq(t.archived, false),
        inArray(t.workspaceId, connectedWorkspaceIds(db, accountId)),
        visible,
        ...checked.map((w) => sql`instr(${t.searchText}, ${w}) > 0`),
      ),
    )
    .orderBy(...(phrase ? [sql`rank`] : []), sql`${t.label} collate nocase`, t.key)
    .limit(query.limit)
    .as("page");

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
