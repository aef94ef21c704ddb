// Connecting workspaces, listing and unlinking connections, re-sync, and the Overview. Every
// query is scoped by the caller's account; another account's connection is "not found".
import { and, count, desc, eq, gt, inArray, ne, sql, sum } from "drizzle-orm";
import type { Connection, Overview, SyncRunSummary, TogglWorkspace } from "../../../shared/contract";
import { clients, connections, members, projects, syncJobs, syncRuns, tasks, timeLogs, togglCredentials, users } from "../../db/schema";
import type { Bindings, Caller, Db } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { ensureJob, type JobKind } from "../../sync/jobs";
import { enqueueConnections } from "../../sync/queue";
import { runConnectionWork } from "../../sync/runner";
import { TogglError } from "../../toggl/errors";
import { quotaSummary } from "../../toggl/quota-store";
import type { Workspace } from "../../toggl/types";
import { togglClientFor } from "../session/credentials";
import { overviewErrors, overviewStatus, toConnection, toRunSummary } from "./view";
import { removeWebhook } from "./webhook-health";

type ConnectionRow = typeof connections.$inferSelect;
type ServiceEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL" | "PUBLIC_URL" | "SYNC_QUEUE">;

/** What connect and re-sync run while the admin waits; history (backfill) goes to the queue. */
const INLINE_JOBS: JobKind[] = ["webhook_repair", "structure", "members"];

/** The caller's own stored Toggl credential (admins connect with their own token). */
async function callerCredential(db: Db, caller: Caller) {
  const row = await db
    .select({ id: togglCredentials.id, invalidAt: togglCredentials.invalidAt })
    .from(togglCredentials)
    .where(and(eq(togglCredentials.accountId, caller.accountId), eq(togglCredentials.userId, caller.userId)))
    .get();
  if (!row) throw new ApiError(409, "toggl_token_missing", "Sign in with your Toggl API token first: connecting uses it");
  return row;
}

/** Toggl's role of the token owner in a workspace: "admin" or the role Toggl names. */
export function workspaceRole(ws: Workspace): string {
  if (ws.role) return ws.role;
  return ws.admin ? "admin" : "user";
}
const isAdminRole = (ws: Workspace) => ws.admin === true || ws.role === "admin" || ws.role === "owner";

export async function listTogglWorkspaces(env: ServiceEnv, db: Db, caller: Caller): Promise<TogglWorkspace[]> {
  const credential = await callerCredential(db, caller);
  const toggl = await togglClientFor(env, db, { accountId: caller.accountId, credentialId: credential.id }, "interactive");
  const [list, existing] = await Promise.all([
    toggl.myWorkspaces(),
    db
      .select({ id: connections.id, workspaceId: connections.workspaceId, workspaceName: connections.workspaceName, status: connections.status })
      .from(connections)
      .where(eq(connections.accountId, caller.accountId)),
  ]);
  const byWorkspace = new Map(existing.filter((c) => c.status !== "unlinked").map((c) => [c.workspaceId, c.id]));
  // Toggl just told us every name: keep renamed workspaces' connections current at no extra cost.
  const renames = list.flatMap((ws) => {
    const connection = existing.find((c) => c.workspaceId === ws.id && c.workspaceName !== ws.name);
    return connection
      ? [db.update(connections).set({ workspaceName: ws.name, updatedAt: new Date() }).where(and(eq(connections.accountId, caller.accountId), eq(connections.id, connection.id)))]
      : [];
  });
  if (renames.length > 0) await db.batch(renames as [(typeof renames)[number], ...typeof renames]);
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
 * Connects each workspace (idempotent: an already connected workspace is left alone). All ids are
 * checked before anything is stored: a workspace the token does not see is 404, one where the
 * token is not a workspace admin is 409 — a non-admin's subscription never receives other
 * people's time entries, so such a connection would silently miss most Time Logs.
 */
export async function connectWorkspaces(
  env: ServiceEnv,
  db: Db,
  caller: Caller,
  input: { workspaceIds: string[]; backfillDays: number },
  callbackBase: string,
  now = new Date(),
): Promise<Connection[]> {
  const credential = await callerCredential(db, caller);
  const toggl = await togglClientFor(env, db, { accountId: caller.accountId, credentialId: credential.id }, "interactive");
  const visible = new Map((await toggl.myWorkspaces()).map((ws) => [ws.id, ws]));
  const wanted = [...new Set(input.workspaceIds.map((id) => String(BigInt(id))))];
  for (const id of wanted) {
    const ws = visible.get(id);
    if (!ws) throw new ApiError(404, "workspace_not_found", `Your Toggl token does not see workspace ${id}`);
    if (!isAdminRole(ws)) {
      throw new ApiError(
        409,
        "not_workspace_admin",
        `You are not an admin of the Toggl workspace "${ws.name}". Hourline's webhook must be created by a workspace admin to receive everyone's time entries; ask an admin to connect it.`,
      );
    }
  }

  const existing = await db
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, caller.accountId), inArray(connections.workspaceId, wanted)));
  const byWorkspace = new Map(existing.map((c) => [c.workspaceId, c]));
  const toRun: string[] = [];
  for (const id of wanted) {
    const ws = visible.get(id)!;
    const prev = byWorkspace.get(id);
    if (prev && prev.status !== "unlinked") continue;
    const fields = {
      workspaceName: ws.name,
      organizationId: ws.organization_id,
      ownerUserId: caller.userId,
      credentialId: credential.id,
      status: "active" as const,
      backfillDays: input.backfillDays,
      lastError: null,
      pausedUntil: null,
      unlinkedAt: null,
      updatedAt: now,
    };
    let connectionId: string;
    if (prev) {
      // Reconnecting keeps the connection id (and so every imported row stays attached).
      connectionId = prev.id;
      await db
        .update(connections)
        .set({ ...fields, webhookStatus: "none", webhookNote: null, webhookSubscriptionId: null })
        .where(and(eq(connections.accountId, caller.accountId), eq(connections.id, prev.id)));
    } else {
      connectionId = crypto.randomUUID();
      await db
        .insert(connections)
        .values({ id: connectionId, accountId: caller.accountId, workspaceId: id, ...fields, createdAt: now })
        .onConflictDoNothing();
    }
    const ref = { accountId: caller.accountId, connectionId };
    for (const kind of INLINE_JOBS) await ensureJob(db, ref, kind, now, { restart: true, full: true });
    if (input.backfillDays > 0) await ensureJob(db, ref, "backfill", now, { restart: true });
    toRun.push(connectionId);
  }

  for (const connectionId of toRun) {
    await runConnectionWork(env, db, { accountId: caller.accountId, connectionId, reason: "connect" }, {
      priority: "interactive",
      kinds: INLINE_JOBS,
      callbackBase,
    });
  }
  if (input.backfillDays > 0 && toRun.length > 0) {
    await enqueueConnections(env.SYNC_QUEUE, toRun.map((connectionId) => ({ accountId: caller.accountId, connectionId, reason: "drain" as const })));
  }

  const rows = await db
    .select({ id: connections.id, workspaceId: connections.workspaceId })
    .from(connections)
    .where(and(eq(connections.accountId, caller.accountId), inArray(connections.workspaceId, wanted)));
  const order = new Map(wanted.map((id, i) => [id, i]));
  const ids = rows.sort((a, b) => order.get(a.workspaceId)! - order.get(b.workspaceId)!).map((r) => r.id);
  return listConnections(db, caller.accountId, now, ids);
}

/** The account's connections (or the given ones), newest first unless ids give the order. */
export async function listConnections(db: Db, accountId: string, now = new Date(), ids?: string[]): Promise<Connection[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .select({ connection: connections, owner: { id: users.id, name: users.name, email: users.email } })
    .from(connections)
    .innerJoin(users, and(eq(users.id, connections.ownerUserId), eq(users.accountId, connections.accountId)))
    .where(and(eq(connections.accountId, accountId), ids ? inArray(connections.id, ids) : undefined))
    .orderBy(desc(connections.createdAt));
  if (ids) {
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.connection.id)! - order.get(b.connection.id)!);
  }
  const lastRuns = await latestRuns(db, accountId, rows.map((r) => r.connection.id));
  return Promise.all(
    rows.map(async ({ connection, owner }) => {
      const quota = await quotaSummary(db, { accountId, credentialId: connection.credentialId }, connection.organizationId, now.getTime());
      return toConnection(connection, owner, lastRuns.get(connection.id) ?? null, quota, now);
    }),
  );
}

async function latestRuns(db: Db, accountId: string, connectionIds: string[]) {
  const out = new Map<string, typeof syncRuns.$inferSelect>();
  if (connectionIds.length === 0) return out;
  // Finished runs only: a run in progress says nothing yet about how the last sync went.
  const rows = await db
    .select()
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.accountId, accountId),
        inArray(syncRuns.connectionId, connectionIds.slice(0, 90)),
        ne(syncRuns.status, "running"),
        sql`${syncRuns.startedAt} = (select max(r2.started_at) from sync_runs r2 where r2.account_id = ${syncRuns.accountId} and r2.connection_id = ${syncRuns.connectionId} and r2.status != 'running')`,
      ),
    );
  for (const r of rows) out.set(r.connectionId, r);
  return out;
}

async function findConnection(db: Db, accountId: string, id: string): Promise<ConnectionRow> {
  const row = await db
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, accountId), eq(connections.id, id)))
    .get();
  if (!row) throw notFound("Connection");
  return row;
}

async function oneConnection(db: Db, accountId: string, id: string, now: Date): Promise<Connection> {
  const [item] = await listConnections(db, accountId, now, [id]);
  if (!item) throw notFound("Connection");
  return item;
}

/**
 * Unlink: Hourline's subscription is deleted in Toggl, the connection is marked unlinked and its
 * pending work dropped; every imported row (tree, members, Time Logs) stays. Unlinking twice is
 * harmless.
 */
export async function unlinkConnection(env: ServiceEnv, db: Db, caller: Caller, id: string, now = new Date()): Promise<Connection> {
  const row = await findConnection(db, caller.accountId, id);
  if (row.status === "unlinked") return oneConnection(db, caller.accountId, id, now);
  let note = "Unlinked: Hourline's subscription was removed from Toggl.";
  try {
    const toggl = await togglClientFor(env, db, { accountId: row.accountId, credentialId: row.credentialId }, "interactive");
    const removed = await removeWebhook(row, toggl);
    if (!removed) note = "Unlinked: Toggl had no Hourline subscription left to remove.";
  } catch (err) {
    // Worth retrying (quota, outage): nothing is changed, the admin tries again.
    if (err instanceof TogglError && err.transient) throw err;
    // The token is gone or rejected: unlink anyway; deliveries that still come are acknowledged and ignored.
    note = `Unlinked, but the subscription could not be removed from Toggl (${err instanceof Error ? err.message : "unknown error"}); its deliveries are ignored.`;
  }
  await db.batch([
    db
      .update(connections)
      .set({
        status: "unlinked",
        unlinkedAt: now,
        webhookStatus: "none",
        webhookSubscriptionId: null,
        webhookNote: note,
        webhookCheckedAt: now,
        pausedUntil: null,
        updatedAt: now,
      })
      .where(and(eq(connections.accountId, caller.accountId), eq(connections.id, id))),
    db
      .update(syncJobs)
      .set({ state: "done", notBefore: null, lastError: "connection unlinked", updatedAt: now })
      .where(and(eq(syncJobs.accountId, caller.accountId), eq(syncJobs.connectionId, id), ne(syncJobs.state, "done"))),
  ]);
  return oneConnection(db, caller.accountId, id, now);
}

/** Re-sync now / re-enable: webhook repair, a full structure sync and the member import, inline. */
export async function resyncConnection(
  env: ServiceEnv,
  db: Db,
  caller: Caller,
  id: string,
  callbackBase: string,
  now = new Date(),
): Promise<{ connection: Connection; run: SyncRunSummary | null }> {
  const row = await findConnection(db, caller.accountId, id);
  if (row.status === "unlinked") {
    throw new ApiError(409, "connection_unlinked", "This workspace was unlinked; connect it again to resume syncing");
  }
  const ref = { accountId: caller.accountId, connectionId: id };
  await takeOverIfOwnerTokenInvalid(db, caller, row, now);
  // An admin asking explicitly lifts earlier failures; a quota pause still holds background work.
  for (const kind of INLINE_JOBS) await ensureJob(db, ref, kind, now, { restart: true, full: true });
  const result = await runConnectionWork(env, db, { ...ref, reason: "manual" }, { priority: "interactive", kinds: INLINE_JOBS, callbackBase });
  const run = result
    ? await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.accountId, caller.accountId), eq(syncRuns.id, result.runId)))
        .get()
    : undefined;
  return { connection: await oneConnection(db, caller.accountId, id, now), run: run ? toRunSummary(run) : null };
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

/**
 * Re-enable: when Toggl rejected the integration owner's token, the admin who asks for a re-sync
 * (and has signed in with a working token) becomes the owner, so the connection works again.
 */
async function takeOverIfOwnerTokenInvalid(db: Db, caller: Caller, row: ConnectionRow, now: Date) {
  const owner = await db
    .select({ invalidAt: togglCredentials.invalidAt })
    .from(togglCredentials)
    .where(and(eq(togglCredentials.accountId, caller.accountId), eq(togglCredentials.id, row.credentialId)))
    .get();
  if (owner && !owner.invalidAt) return;
  const mine = await db
    .select({ id: togglCredentials.id, invalidAt: togglCredentials.invalidAt })
    .from(togglCredentials)
    .where(and(eq(togglCredentials.accountId, caller.accountId), eq(togglCredentials.userId, caller.userId)))
    .get();
  if (!mine || mine.invalidAt || mine.id === row.credentialId) return;
  await db
    .update(connections)
    .set({ ownerUserId: caller.userId, credentialId: mine.id, status: "active", lastError: null, updatedAt: now })
    .where(and(eq(connections.accountId, caller.accountId), eq(connections.id, row.id)));
}

export async function buildOverview(db: Db, accountId: string, now = new Date()): Promise<Overview> {
  const items = await listConnections(db, accountId, now);
  const live = items.filter((c) => c.status !== "unlinked");
  const liveWorkspaces = live.map((c) => c.workspaceId);
  const rows = await db.select().from(connections).where(eq(connections.accountId, accountId));
  const inLive = <T extends { workspaceId: unknown }>(t: T) => inArray(t.workspaceId as typeof clients.workspaceId, liveWorkspaces.length ? liveWorkspaces : [""]);

  const [clientCount, projectCount, taskCount, memberCounts, logCount, lastRun, spent] = await Promise.all([
    db.select({ n: count() }).from(clients).where(and(eq(clients.accountId, accountId), eq(clients.archived, false), inLive(clients))).get(),
    db.select({ n: count() }).from(projects).where(and(eq(projects.accountId, accountId), eq(projects.archived, false), inLive(projects))).get(),
    db.select({ n: count() }).from(tasks).where(and(eq(tasks.accountId, accountId), eq(tasks.archived, false), inLive(tasks))).get(),
    db
      .select({ n: count(), unmatched: sql<number>`coalesce(sum(case when ${members.userId} is null then 1 else 0 end), 0)` })
      .from(members)
      .where(and(eq(members.accountId, accountId), eq(members.active, true), inLive(members)))
      .get(),
    db.select({ n: count() }).from(timeLogs).where(and(eq(timeLogs.accountId, accountId), eq(timeLogs.deletedInToggl, false))).get(),
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
  const lastWebhook = live.map((c) => c.webhook.lastEventAt).filter((t): t is string => t !== null).sort().at(-1) ?? null;
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
    errors: overviewErrors(rows),
  };
}
