// Connections as the admin sees them: the Toggl workspaces their token sees, the account's
// connections with their health, the sync log and the Overview, plus the connection rows that
// connecting and unlinking write. Connecting, re-sync and unlink run sync jobs and so live in
// sync/connections.ts. Every query is scoped by the caller's account; another account's
// connection is "not found".
import { and, count, desc, eq, gt, inArray, ne, sql, sum } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Connection, Overview, SyncRunSummary, TogglWorkspace } from "../../../shared/contract";
import { idChunks, runBatch } from "../../db/batch";
import { clients, connections, members, projects, syncJobs, syncRuns, tasks, timeLogs, users } from "../../db/schema";
import type { Bindings, Caller, Db } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { credentialOf, togglClientFor } from "../../toggl/credentials";
import { quotaSummary } from "../../toggl/quota-store";
import type { Workspace } from "../../toggl/types";
import { RECONCILE_DAYS } from "../time-logs/sync";
import { workspaceAdminsHere } from "./owner-problems";
import { overviewErrors, overviewStatus, toConnection, toRunSummary } from "./view";
import { nowDate } from "../../clock";

type ConnectionRow = typeof connections.$inferSelect;
type ServiceEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;

/** The caller's own stored Toggl credential (admins connect with their own token). */
export async function callerCredential(db: Db, caller: Caller) {
  const row = await credentialOf(db, caller.personId);
  if (!row)
    throw new ApiError(409, "toggl_token_missing", "Sign in with your Toggl API token first: connecting uses it");
  return row;
}

/** Toggl's role of the token owner in a workspace: "admin" or the role Toggl names. */
function workspaceRole(ws: Workspace): string {
  if (ws.role) return ws.role;
  return ws.admin ? "admin" : "user";
}
/** Toggl says the token's owner administers the workspace. */
export const isWorkspaceAdmin = (ws: Workspace) => ws.admin === true || ws.role === "admin" || ws.role === "owner";

export async function listTogglWorkspaces(env: ServiceEnv, db: Db, caller: Caller): Promise<TogglWorkspace[]> {
  const credential = await callerCredential(db, caller);
  const toggl = await togglClientFor(env, db, credential.id, "interactive");
  const [list, existing] = await Promise.all([
    toggl.myWorkspaces(),
    db
      .select({
        id: connections.id,
        workspaceId: connections.workspaceId,
        workspaceName: connections.workspaceName,
        status: connections.status,
      })
      .from(connections)
      .where(eq(connections.accountId, caller.accountId)),
  ]);
  const byWorkspace = new Map(existing.filter((c) => c.status !== "unlinked").map((c) => [c.workspaceId, c.id]));
  // Toggl just told us every name: keep renamed workspaces' connections current at no extra cost.
  const renames = list.flatMap((ws) => {
    const connection = existing.find((c) => c.workspaceId === ws.id && c.workspaceName !== ws.name);
    return connection
      ? [
          db
            .update(connections)
            .set({ workspaceName: ws.name, updatedAt: nowDate() })
            .where(and(eq(connections.accountId, caller.accountId), eq(connections.id, connection.id))),
        ]
      : [];
  });
  await runBatch(db, renames);
  return list.map((ws) => ({
    id: ws.id,
    name: ws.name,
    organizationId: ws.organization_id,
    role: workspaceRole(ws),
    connected: byWorkspace.has(ws.id),
    connectionId: byWorkspace.get(ws.id) ?? null,
  }));
}

/**
 * The workspaces to connect, in the order asked, each checked against what the token sees: one it
 * does not see is 404, one where it is not a workspace admin is 409 — a non-admin's subscription
 * never receives other people's time entries, so such a connection would silently miss most Time
 * Logs. Ids are normalised and deduplicated.
 */
export function checkWorkspaces(visible: Workspace[], workspaceIds: string[]): Workspace[] {
  const byId = new Map(visible.map((ws) => [ws.id, ws]));
  return [...new Set(workspaceIds.map((id) => String(BigInt(id))))].map((id) => {
    const ws = byId.get(id);
    if (!ws) throw new ApiError(404, "workspace_not_found", `Your Toggl token does not see workspace ${id}`);
    if (!isWorkspaceAdmin(ws)) {
      throw new ApiError(
        409,
        "not_workspace_admin",
        `You are not an admin of the Toggl workspace "${ws.name}". Hourline's webhook must be created by a workspace admin to receive everyone's time entries; ask an admin to connect it.`,
      );
    }
    return ws;
  });
}

const DAY_MS = 86_400_000;

/** How a (re)connect sets the connection's history: days before now, and whether to fill the gap since an unlink. */
export interface HistoryChoice {
  backfillDays: number;
  fillGap?: boolean;
}

/**
 * The history of a period that starts now. A first connect (or a reconnect that does not fill the
 * gap) starts a new boundary at now − backfill; filling the gap keeps the earlier boundary and
 * backfills from where the last period ended (its unlink). Pure.
 */
function historyFor(
  prev: Pick<ConnectionRow, "historyFrom" | "unlinkedAt" | "connectedAt" | "createdAt"> | undefined,
  choice: HistoryChoice,
  now: Date,
): { connectedAt: Date; historyFrom: Date; backfillFrom: Date | null } {
  // Toggl keeps starts to the second: an entry started in the second of connecting is inside.
  const chosen = new Date(Math.floor((now.getTime() - choice.backfillDays * DAY_MS) / 1000) * 1000);
  const lastEnd = prev ? (prev.unlinkedAt ?? prev.connectedAt ?? prev.createdAt) : null;
  if (prev && choice.fillGap && lastEnd) {
    const earlier = prev.historyFrom ?? prev.connectedAt ?? prev.createdAt;
    // The last days before the unlink were never reconciled when the unlink came first (an unlink
    // mid-sync drops the queued nightly): the gap's backfill starts a reconciliation window earlier.
    const tail = Math.max(lastEnd.getTime() - (RECONCILE_DAYS + 1) * DAY_MS, earlier.getTime());
    const from = new Date(Math.min(tail, chosen.getTime()));
    return { connectedAt: now, historyFrom: new Date(Math.min(earlier.getTime(), from.getTime())), backfillFrom: from };
  }
  return { connectedAt: now, historyFrom: chosen, backfillFrom: choice.backfillDays > 0 ? chosen : null };
}

/**
 * Stores a connection for each workspace that has no live one (an already connected workspace is
 * left alone) and returns those (re)connected, with whether their history needs a backfill.
 * Reconnecting an unlinked workspace keeps its connection id, and so every imported row stays
 * attached. A workspace that a concurrent request is connecting at the same moment is left to it.
 */
export async function storeConnections(
  db: Db,
  caller: Caller,
  credentialId: string,
  workspaces: Workspace[],
  choice: HistoryChoice,
  now: Date,
): Promise<{ id: string; backfill: boolean }[]> {
  const existing = await db
    .select()
    .from(connections)
    .where(
      and(
        eq(connections.accountId, caller.accountId),
        inArray(
          connections.workspaceId,
          workspaces.map((ws) => ws.id),
        ),
      ),
    );
  const byWorkspace = new Map(existing.map((c) => [c.workspaceId, c]));
  const stored: { id: string; backfill: boolean }[] = [];
  for (const ws of workspaces) {
    const prev = byWorkspace.get(ws.id);
    if (prev && prev.status !== "unlinked") continue;
    const history = historyFor(prev, choice, now);
    const fields = {
      workspaceName: ws.name,
      organizationId: ws.organization_id,
      ownerUserId: caller.userId,
      credentialId,
      status: "active" as const,
      backfillDays: choice.backfillDays,
      ...history,
      backfillImported: 0,
      lastError: null,
      ownerProblem: null,
      ownerProblemAt: null,
      pausedUntil: null,
      unlinkedAt: null,
      updatedAt: now,
    };
    if (prev) {
      // Only while still unlinked: a second request reconnecting it at the same time does nothing.
      const [row] = await db
        .update(connections)
        .set({ ...fields, webhookStatus: "none", webhookNote: null, webhookSubscriptionId: null })
        .where(
          and(
            eq(connections.accountId, caller.accountId),
            eq(connections.id, prev.id),
            eq(connections.status, "unlinked"),
          ),
        )
        .returning({ id: connections.id });
      if (row) stored.push({ id: row.id, backfill: history.backfillFrom !== null });
    } else {
      const [row] = await db
        .insert(connections)
        .values({ id: crypto.randomUUID(), accountId: caller.accountId, workspaceId: ws.id, ...fields, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: connections.id });
      if (row) stored.push({ id: row.id, backfill: history.backfillFrom !== null });
    }
  }
  return stored;
}

/** The connections of these workspaces, in the order of `workspaceIds`. */
export async function listConnectionsOf(
  db: Db,
  accountId: string,
  workspaceIds: string[],
  now = nowDate(),
): Promise<Connection[]> {
  const rows = await db
    .select({ id: connections.id, workspaceId: connections.workspaceId })
    .from(connections)
    .where(and(eq(connections.accountId, accountId), inArray(connections.workspaceId, workspaceIds)));
  const order = new Map(workspaceIds.map((id, i) => [id, i]));
  const ids = rows.sort((a, b) => (order.get(a.workspaceId) ?? 0) - (order.get(b.workspaceId) ?? 0)).map((r) => r.id);
  return listConnections(db, accountId, now, ids);
}

/** The statement that marks a connection unlinked (its imported rows stay), with what happened in Toggl. */
export function markUnlinked(db: Db, accountId: string, id: string, note: string, now: Date) {
  return db
    .update(connections)
    .set({
      status: "unlinked",
      unlinkedAt: now,
      webhookStatus: "none",
      webhookSubscriptionId: null,
      webhookNote: note,
      webhookCheckedAt: now,
      ownerProblem: null,
      ownerProblemAt: null,
      pausedUntil: null,
      updatedAt: now,
    })
    .where(and(eq(connections.accountId, accountId), eq(connections.id, id)));
}

/** The account's connections (or the given ones), newest first unless ids give the order. */
export async function listConnections(
  db: Db,
  accountId: string,
  now = nowDate(),
  ids?: string[],
): Promise<Connection[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .select({ connection: connections, owner: { id: users.id, name: users.name, email: users.email } })
    .from(connections)
    .innerJoin(users, and(eq(users.id, connections.ownerUserId), eq(users.accountId, connections.accountId)))
    .where(and(eq(connections.accountId, accountId), ids ? inArray(connections.id, ids) : undefined))
    .orderBy(desc(connections.createdAt));
  if (ids) {
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => (order.get(a.connection.id) ?? 0) - (order.get(b.connection.id) ?? 0));
  }
  const flagged = rows.filter((r) => r.connection.ownerProblem).map((r) => r.connection.workspaceId);
  const withBackfill = rows.filter((r) => r.connection.backfillFrom).map((r) => r.connection.id);
  const [lastRuns, fixers, backfills] = await Promise.all([
    latestRuns(
      db,
      accountId,
      rows.map((r) => r.connection.id),
    ),
    workspaceAdminsHere(db, accountId, [...new Set(flagged)]),
    backfillJobs(db, accountId, withBackfill),
  ]);
  return Promise.all(
    rows.map(async ({ connection, owner }) => {
      const quota = await quotaSummary(db, connection.credentialId, connection.organizationId, now.getTime());
      // The owner fixing it themselves is said separately; canFix names the others.
      const canFix = (fixers.get(connection.workspaceId) ?? []).filter((f) => f.id !== owner.id);
      return toConnection(
        connection,
        owner,
        lastRuns.get(connection.id) ?? null,
        quota,
        now,
        canFix,
        backfills.get(connection.id) ?? null,
      );
    }),
  );
}

/** Each connection's backfill job (its progress is shown with the connection). */
async function backfillJobs(db: Db, accountId: string, connectionIds: string[]) {
  const out = new Map<string, typeof syncJobs.$inferSelect>();
  const jobs = (ids: string[]) =>
    db
      .select()
      .from(syncJobs)
      .where(
        and(eq(syncJobs.accountId, accountId), eq(syncJobs.kind, "backfill"), inArray(syncJobs.connectionId, ids)),
      );
  for (const ids of idChunks(connectionIds, jobs)) for (const j of await jobs(ids)) out.set(j.connectionId, j);
  return out;
}

async function latestRuns(db: Db, accountId: string, connectionIds: string[]) {
  const out = new Map<string, typeof syncRuns.$inferSelect>();
  if (connectionIds.length === 0) return out;
  // Finished runs only: a run in progress says nothing yet about how the last sync went.
  const lastFinished = (ids: string[]) =>
    db
      .select()
      .from(syncRuns)
      .where(
        and(
          eq(syncRuns.accountId, accountId),
          inArray(syncRuns.connectionId, ids),
          ne(syncRuns.status, "running"),
          sql`${syncRuns.startedAt} = (select max(r2.started_at) from sync_runs r2 where r2.account_id = ${syncRuns.accountId} and r2.connection_id = ${syncRuns.connectionId} and r2.status != 'running')`,
        ),
      );
  for (const ids of idChunks(connectionIds, lastFinished))
    for (const r of await lastFinished(ids)) out.set(r.connectionId, r);
  return out;
}

export async function findConnection(db: Db, accountId: string, id: string): Promise<ConnectionRow> {
  const row = await db
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, accountId), eq(connections.id, id)))
    .get();
  if (!row) throw notFound("Connection");
  return row;
}

export async function oneConnection(db: Db, accountId: string, id: string, now: Date): Promise<Connection> {
  const [item] = await listConnections(db, accountId, now, [id]);
  if (!item) throw notFound("Connection");
  return item;
}

/** The connection's sync log, newest first. */
export async function listRuns(db: Db, accountId: string, id: string, limit: number): Promise<SyncRunSummary[]> {
  await findConnection(db, accountId, id);
  const rows = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.accountId, accountId), eq(syncRuns.connectionId, id)))
    .orderBy(desc(syncRuns.startedAt))
    .limit(limit);
  return rows.map(toRunSummary);
}

/** One run of the sync log. */
export async function findRun(db: Db, accountId: string, runId: string): Promise<SyncRunSummary | null> {
  const run = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.accountId, accountId), eq(syncRuns.id, runId)))
    .get();
  return run ? toRunSummary(run) : null;
}

export async function buildOverview(db: Db, accountId: string, now = nowDate()): Promise<Overview> {
  const items = await listConnections(db, accountId, now);
  const live = items.filter((c) => c.status !== "unlinked");
  const rows = await db.select().from(connections).where(eq(connections.accountId, accountId));
  const liveWorkspaces = db
    .select({ workspaceId: connections.workspaceId })
    .from(connections)
    .where(and(eq(connections.accountId, accountId), ne(connections.status, "unlinked")));
  const inLive = (t: { workspaceId: SQLiteColumn }) => inArray(t.workspaceId, liveWorkspaces);

  const [clientCount, projectCount, taskCount, memberCounts, logCount, lastRun, spent] = await Promise.all([
    db
      .select({ n: count() })
      .from(clients)
      .where(and(eq(clients.accountId, accountId), eq(clients.archived, false), inLive(clients)))
      .get(),
    db
      .select({ n: count() })
      .from(projects)
      .where(and(eq(projects.accountId, accountId), eq(projects.archived, false), inLive(projects)))
      .get(),
    db
      .select({ n: count() })
      .from(tasks)
      .where(and(eq(tasks.accountId, accountId), eq(tasks.archived, false), inLive(tasks)))
      .get(),
    db
      .select({
        n: count(),
        unmatched: sql<number>`coalesce(sum(case when ${members.userId} is null then 1 else 0 end), 0)`,
      })
      .from(members)
      .where(and(eq(members.accountId, accountId), eq(members.active, true), inLive(members)))
      .get(),
    db
      .select({ n: count() })
      .from(timeLogs)
      .where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.deletedInToggl, false)))
      .get(),
    db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.accountId, accountId), ne(syncRuns.status, "running")))
      .orderBy(desc(syncRuns.startedAt))
      .limit(1)
      .get(),
    db
      .select({ n: sum(syncRuns.requestsSpent) })
      .from(syncRuns)
      .where(and(eq(syncRuns.accountId, accountId), gt(syncRuns.startedAt, new Date(now.getTime() - 86_400_000))))
      .get(),
  ]);
  const ownerSource = live[0] ?? null;
  const lastWebhook =
    live
      .map((c) => c.webhook.lastEventAt)
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? null;
  return {
    status: overviewStatus(items),
    owner: ownerSource ? ownerSource.owner : null,
    counts: {
      connections: live.length,
      clients: clientCount?.n ?? 0,
      projects: projectCount?.n ?? 0,
      tasks: taskCount?.n ?? 0,
      members: memberCounts?.n ?? 0,
      unmatchedMembers: Number(memberCounts?.unmatched ?? 0),
      timeLogs: logCount?.n ?? 0,
    },
    lastWebhookAt: lastWebhook,
    lastSync: lastRun ? toRunSummary(lastRun) : null,
    requestsSpent24h: Number(spent?.n ?? 0),
    connections: items,
    errors: overviewErrors(rows, items),
  };
}

/** A connected (not unlinked) workspace of the account, or null. */
export async function connectionForWorkspace(db: Db, accountId: string, workspaceId: string) {
  return (
    (await db
      .select({ id: connections.id, workspaceId: connections.workspaceId, historyFrom: connections.historyFrom })
      .from(connections)
      .where(
        and(
          eq(connections.accountId, accountId),
          eq(connections.workspaceId, workspaceId),
          ne(connections.status, "unlinked"),
        ),
      )
      .get()) ?? null
  );
}
