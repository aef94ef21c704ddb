// Response shapes for connections and the Overview, built from rows. Pure.
import type { Connection, Overview, OwnerProblem, SyncRunSummary } from "../../../shared/contract";
import type { connections, syncRuns } from "../../db/schema";

type ConnectionRow = typeof connections.$inferSelect;
type RunRow = typeof syncRuns.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

interface Person {
  id: string;
  name: string;
  email: string;
}
const nameOf = (p: Person) => p.name || p.email;
/** "Bob", "Bob or Cy", "Ann, Bob or Cy". */
function names(people: Person[]): string {
  const all = people.map(nameOf);
  const last = all.pop();
  return all.length ? `${all.join(", ")} or ${last}` : (last ?? "");
}

/**
 * What happened to a connection's owner and who can fix it, in words for the Overview and the
 * Connections tab. `canFix`: the account's admins whom Toggl lists as admins of the workspace.
 */
export function describeOwnerProblem(
  kind: OwnerProblem,
  owner: Person,
  workspaceName: string,
  canFix: Person[],
): string {
  const ws = `"${workspaceName}"`;
  const takeOver = canFix.length
    ? `${names(canFix)} can take it over with Re-sync`
    : `an admin here who is a Toggl admin of ${ws} can take it over with Re-sync`;
  switch (kind) {
    case "lost_workspace_access":
      return `Toggl denies ${nameOf(owner)} access to the workspace ${ws} (403), so it is not syncing: a Toggl admin of ${ws} can give ${nameOf(owner)} access again, or ${takeOver}.`;
    case "token_rejected":
      return `Toggl no longer accepts ${nameOf(owner)}'s API token, so ${ws} is not syncing: ${nameOf(owner)} can sign in again with their current token, or ${takeOver}.`;
    case "owner_left":
      return `Needs a new owner: ${nameOf(owner)} left this account and nobody took ${ws} over, so it is not syncing. ${takeOver.charAt(0).toUpperCase()}${takeOver.slice(1)}, or connect it again.`;
  }
}

export function toConnection(
  row: ConnectionRow,
  owner: Person,
  lastRun: RunRow | null,
  quota: { remaining: number | null; resetsAt: Date | null },
  now: Date,
  canFix: Person[] = [],
): Connection {
  // Paused is shown while the quota holds the connection's background work back.
  const status = row.status === "active" && row.pausedUntil && row.pausedUntil > now ? "paused" : row.status;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    workspaceName: row.workspaceName,
    status,
    owner,
    webhook: {
      status: row.webhookStatus,
      lastEventAt: iso(row.webhookLastEventAt),
      repairedAt: iso(row.webhookRepairedAt),
      note: row.webhookNote,
    },
    ownerProblem: row.ownerProblem
      ? {
          kind: row.ownerProblem,
          message: describeOwnerProblem(row.ownerProblem, owner, row.workspaceName, canFix),
          canFix: canFix.map((p) => ({ id: p.id, name: p.name, email: p.email })),
        }
      : null,
    lastSync: lastRun
      ? {
          at: (lastRun.finishedAt ?? lastRun.startedAt).toISOString(),
          ok: lastRun.status === "ok",
          requestsSpent: lastRun.requestsSpent,
          error: lastRun.error,
        }
      : null,
    quota: { remaining: quota.remaining, resetsAt: iso(quota.resetsAt) },
    backfillDays: row.backfillDays,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toRunSummary(run: RunRow): SyncRunSummary {
  return {
    id: run.id,
    connectionId: run.connectionId,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    itemsChanged: run.itemsChanged,
    requestsSpent: run.requestsSpent,
    error: run.error,
    steps: run.steps,
  };
}

/** "attention" when something needs an admin: an error, a webhook that is not healthy, a failed sync. */
export function overviewStatus(items: Connection[]): Overview["status"] {
  const live = items.filter((c) => c.status !== "unlinked");
  if (live.length === 0) return "not_connected";
  const troubled = live.some(
    (c) =>
      c.status === "error" ||
      c.ownerProblem !== null ||
      c.webhook.status !== "validated" ||
      // Waiting for the quota to reset is expected, not something to fix.
      (c.status !== "paused" && c.lastSync !== null && !c.lastSync.ok && c.lastSync.error !== null),
  );
  return troubled ? "attention" : "ok";
}

export function overviewErrors(rows: ConnectionRow[], items: Connection[] = []): Overview["errors"] {
  const out: Overview["errors"] = [];
  const problems = new Map(items.map((c) => [c.id, c.ownerProblem]));
  for (const r of rows) {
    if (r.status === "unlinked") continue;
    const problem = problems.get(r.id);
    // The owner's problem says what to do; the failed step behind it is in the sync log.
    if (problem)
      out.push({
        connectionId: r.id,
        workspaceName: r.workspaceName,
        message: problem.message,
        at: iso(r.ownerProblemAt),
      });
    else if (r.lastError)
      out.push({ connectionId: r.id, workspaceName: r.workspaceName, message: r.lastError, at: iso(r.updatedAt) });
    if (r.webhookStatus === "failed" && r.webhookNote) {
      out.push({
        connectionId: r.id,
        workspaceName: r.workspaceName,
        message: r.webhookNote,
        at: iso(r.webhookCheckedAt),
      });
    }
  }
  return out;
}
