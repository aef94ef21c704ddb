// The admin's connection actions that run sync jobs while they wait: connecting workspaces,
// re-sync, and unlinking (which drops the connection's pending jobs). The connection rows and
// views come from the connections feature; the jobs and their runner are this layer's own.
import type { Connection, SyncRunSummary } from "../../shared/contract";
import { runBatch } from "../db/batch";
import type { Bindings, Caller, Db } from "../env";
import {
  callerCredential,
  checkWorkspaces,
  type HistoryChoice,
  findConnection,
  findRun,
  listConnectionsOf,
  markUnlinked,
  oneConnection,
  storeConnections,
} from "../features/connections/service";
import { findSuccessor, handOver } from "../features/connections/handover";
import { currentOwnerProblem, ownerStillHere } from "../features/connections/owner-problems";
import { removeWebhook } from "../features/connections/webhook-health";
import { ApiError } from "../lib/errors";
import { togglClientFor } from "../toggl/credentials";
import { TogglError } from "../toggl/errors";
import type { Workspace } from "../toggl/types";
import { dropPendingJobs, ensureJob, resumeOwnerWaits, type JobKind } from "./jobs";
import { enqueueConnections } from "./queue";
import { runConnectionWork, type RunResult } from "./runner";
import { nowDate } from "../clock";

type ConnectEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL" | "PUBLIC_URL" | "SYNC_QUEUE">;

/** What connect and re-sync run while the admin waits; history (backfill) goes to the queue. */
const INLINE_JOBS: JobKind[] = ["webhook_repair", "structure", "members"];
/**
 * Of those, what a connect may take the interactive reserve for: the subscription, without which
 * entries made now are lost. The structure and members import waits for the drain when only the
 * reserve is left, so that people's timer starts and stops always find it.
 */
const CONNECT_INTERACTIVE_JOBS: JobKind[] = ["webhook_repair"];

/**
 * Connects each workspace (idempotent: an already connected workspace is left alone). All ids are
 * checked before anything is stored; then webhook, structure and members run inline and the
 * chosen history window is fanned out to the queue. A workspace unlinked before starts a new
 * history boundary, unless `fillGap` asks to import the time since the unlink too.
 */
export async function connectWorkspaces(
  env: ConnectEnv,
  db: Db,
  caller: Caller,
  input: { workspaceIds: string[] } & HistoryChoice,
  callbackBase: string,
  now = nowDate(),
): Promise<Connection[]> {
  const credential = await callerCredential(db, caller);
  const toggl = await togglClientFor(env, db, credential.id, "interactive");
  const workspaces = checkWorkspaces(await toggl.myWorkspaces(), input.workspaceIds);
  await startPeriods(env, db, caller, credential.id, workspaces, input, callbackBase, now);
  return listConnectionsOf(
    db,
    caller.accountId,
    workspaces.map((ws) => ws.id),
    now,
  );
}

/**
 * Stores the connections' new period and runs what connect runs: webhook (interactive), structure
 * and members (background) inline, the history window through the queue. Returns the inline runs
 * by connection id.
 */
async function startPeriods(
  env: ConnectEnv,
  db: Db,
  caller: Caller,
  credentialId: string,
  workspaces: Workspace[],
  choice: HistoryChoice,
  callbackBase: string,
  now: Date,
): Promise<Map<string, RunResult | null>> {
  const toRun = await storeConnections(db, caller, credentialId, workspaces, choice, now);
  for (const { id: connectionId, backfill } of toRun) {
    const ref = { accountId: caller.accountId, connectionId };
    for (const kind of INLINE_JOBS) await ensureJob(db, ref, kind, now, { restart: true, full: true });
    if (backfill) await ensureJob(db, ref, "backfill", now, { restart: true });
  }

  const runs = new Map<string, RunResult | null>();
  for (const { id: connectionId } of toRun) {
    runs.set(
      connectionId,
      await runConnectionWork(
        env,
        db,
        { accountId: caller.accountId, connectionId, reason: "connect" },
        {
          priority: "background",
          interactiveKinds: CONNECT_INTERACTIVE_JOBS,
          kinds: INLINE_JOBS,
          callbackBase,
        },
      ),
    );
  }
  const backfills = toRun.filter((c) => c.backfill);
  if (backfills.length > 0) {
    await enqueueConnections(
      env.SYNC_QUEUE,
      backfills.map((c) => ({ accountId: caller.accountId, connectionId: c.id, reason: "drain" as const })),
    );
  }
  return runs;
}

/**
 * Unlink: Hourline's subscription is deleted in Toggl, the connection is marked unlinked and its
 * pending work dropped; every imported row (tree, members, Time Logs) stays. Unlinking twice is
 * harmless.
 */
export async function unlinkConnection(
  env: ConnectEnv,
  db: Db,
  caller: Caller,
  id: string,
  now = nowDate(),
): Promise<Connection> {
  const row = await findConnection(db, caller.accountId, id);
  if (row.status === "unlinked") return oneConnection(db, caller.accountId, id, now);
  let note = "Unlinked: Hourline's subscription was removed from Toggl.";
  try {
    // The owner's token while they are here; else the admin's own (Toggl lets workspace admins
    // remove others' subscriptions).
    const credentialId = (await ownerStillHere(db, row)) ? row.credentialId : (await callerCredential(db, caller)).id;
    const toggl = await togglClientFor(env, db, credentialId, "interactive");
    const removed = await removeWebhook(row, toggl);
    if (!removed) note = "Unlinked: Toggl had no Hourline subscription left to remove.";
  } catch (err) {
    // Worth retrying (quota, outage): nothing is changed, the admin tries again.
    if (err instanceof TogglError && err.transient) throw err;
    // The token is gone or rejected: unlink anyway; deliveries that still come are acknowledged and ignored.
    note = `Unlinked, but the subscription could not be removed from Toggl (${err instanceof Error ? err.message : "unknown error"}); its deliveries are ignored.`;
  }
  const ref = { accountId: caller.accountId, connectionId: id };
  await runBatch(db, [
    markUnlinked(db, caller.accountId, id, note, now),
    dropPendingJobs(db, ref, "connection unlinked", now),
  ]);
  return oneConnection(db, caller.accountId, id, now);
}

/**
 * Re-sync now: webhook repair, a full structure sync and the member import, inline. On an unlinked
 * connection it re-enables it, exactly as connecting the workspace again would: the admin's own
 * token (a Toggl admin of the workspace) becomes the owner's, the subscription is made again and
 * validated, structure and members are synced, and a new history period starts (`history`).
 */
export async function resyncConnection(
  env: ConnectEnv,
  db: Db,
  caller: Caller,
  id: string,
  callbackBase: string,
  history: HistoryChoice = { backfillDays: 0 },
  now = nowDate(),
): Promise<{ connection: Connection; run: SyncRunSummary | null }> {
  const row = await findConnection(db, caller.accountId, id);
  if (row.status === "unlinked") {
    const credential = await callerCredential(db, caller);
    const toggl = await togglClientFor(env, db, credential.id, "interactive");
    const [workspace] = checkWorkspaces(await toggl.myWorkspaces(), [row.workspaceId]);
    const runs = await startPeriods(
      env,
      db,
      caller,
      credential.id,
      workspace ? [workspace] : [],
      history,
      callbackBase,
      now,
    );
    const result = runs.get(id);
    const run = result ? await findRun(db, caller.accountId, result.runId) : null;
    return { connection: await oneConnection(db, caller.accountId, id, now), run };
  }
  const ref = { accountId: caller.accountId, connectionId: id };
  const problem = await currentOwnerProblem(db, row);
  // The owner asking tries again with their own token (access may be back); anyone else may take over.
  if (problem && (problem === "owner_left" || row.ownerUserId !== caller.userId)) {
    // The owner cannot run it: someone Toggl calls an admin of the workspace takes over, the admin
    // who asked first. Without one, a connection whose owner left cannot run at all.
    const successor = await findSuccessor(env, db, row, { askedBy: caller.userId });
    if (successor) await handOver(db, row, successor, now);
    else if (problem === "owner_left") {
      throw new ApiError(
        409,
        "needs_new_owner",
        `Nobody here could take over "${row.workspaceName}": Toggl lists no admin of this account with a working token as an admin of that workspace. A Toggl admin of it can sign in to Hourline and connect it again.`,
      );
    }
  }
  // An admin asking explicitly lifts earlier failures and the wait for the owner; a quota pause
  // still holds background work.
  const notBefore = problem ? now : undefined;
  if (problem) await resumeOwnerWaits(db, ref, now);
  for (const kind of INLINE_JOBS) await ensureJob(db, ref, kind, now, { restart: true, full: true, notBefore });
  // Background priority: an admin's re-sync spends the owner's quota like the nightly run does, so a
  // person's timer start always finds its reserve (what the reserve holds back waits for the drain).
  const result = await runConnectionWork(
    env,
    db,
    { ...ref, reason: "manual" },
    { priority: "background", kinds: INLINE_JOBS, callbackBase },
  );
  const run = result ? await findRun(db, caller.accountId, result.runId) : null;
  return { connection: await oneConnection(db, caller.accountId, id, now), run };
}
