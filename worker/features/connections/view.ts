// Response shapes for connections and the Overview, built from rows. Pure.
import type { Connection, Overview, SyncRunSummary } from "../../../shared/contract";
import type { connections, syncRuns } from "../../db/schema";

type ConnectionRow = typeof connections.$inferSelect;
type RunRow = typeof syncRuns.$inferSelect;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toConnection(
  row: ConnectionRow,
  owner: { id: string; name: string; email: string },
  lastRun: RunRow | null,
  quota: { remaining: number | null; resetsAt: Date | null },
  now: Date,
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
      c.webhook.status !== "validated" ||
      // Waiting for the quota to reset is expected, not something to fix.
      (c.status !== "paused" && c.lastSync !== null && !c.lastSync.ok && c.lastSync.error !== null),
  );
  return troubled ? "attention" : "ok";
}

export function overviewErrors(rows: ConnectionRow[]): Overview["errors"] {
  const out: Overview["errors"] = [];
  for (const r of rows) {
    if (r.status === "unlinked") continue;
    if (r.lastError)
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
