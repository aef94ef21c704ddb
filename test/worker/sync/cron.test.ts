import { and, eq, ne } from "drizzle-orm";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { FREQUENT_CRON, NIGHTLY_CRON } from "../../../worker/sync/cron";
import { syncJobs, syncRuns } from "../../../worker/db/schema";
import worker from "../../../worker/index";
import { db } from "../support/accounts";
import { connectDirect, control, seedOrg } from "../connections/support";

async function fire(cron: string, bindings: typeof env = env) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), bindings, ctx);
  await waitOnExecutionContext(ctx);
}

/** A sync queue that only records what the crons send. */
function recordingQueue() {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: unknown) => void sent.push(body),
    sendBatch: async (messages: Iterable<{ body: unknown }>) => void sent.push(...[...messages].map((m) => m.body)),
  };
  return { sent, queue: queue as unknown as typeof env.SYNC_QUEUE };
}

describe("scheduled handler", () => {
  it(
    "nightly: each connection's structure, members and reconciliation run through the queue",
    { timeout: 30_000 },
    async () => {
      const org = await seedOrg();
      const ref = await connectDirect(org, org.ws);
      await fire(NIGHTLY_CRON);
      await vi.waitFor(
        async () => {
          const runs = await db()
            .select()
            .from(syncRuns)
            .where(
              and(eq(syncRuns.connectionId, ref.id), eq(syncRuns.kind, "nightly"), ne(syncRuns.status, "running")),
            );
          expect(runs).toHaveLength(1);
          expect(runs[0]!.steps.map((s) => s.step)).toEqual(["webhook_repair", "structure", "members", "reconcile"]);
          expect(runs[0]!.requestsSpent).toBe(runs[0]!.steps.reduce((n, s) => n + s.requests, 0));
        },
        { timeout: 20_000, interval: 250 },
      );
      const jobs = await db().select().from(syncJobs).where(eq(syncJobs.connectionId, ref.id));
      expect(jobs.filter((j) => j.kind !== "webhook_repair").every((j) => j.state === "done")).toBe(true);
    },
  );

  it("frequent: nothing due sends nothing; unknown expressions are ignored", async () => {
    const org = await seedOrg();
    await connectDirect(org, org.ws);
    const before = (await control().requestLog({ token: org.ownerToken })).total;
    const { sent, queue } = recordingQueue();
    await fire(FREQUENT_CRON, { ...env, SYNC_QUEUE: queue });
    await fire("1 2 3 4 5", { ...env, SYNC_QUEUE: queue });
    // Nothing was fanned out, so no work can follow.
    expect(sent).toEqual([]);
    expect((await control().requestLog({ token: org.ownerToken })).total).toBe(before);
  });
});
