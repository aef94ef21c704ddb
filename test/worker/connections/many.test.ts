// An account with more connections than D1 binds parameters in one statement: the Connections list
// and the Overview still answer, every connection with its own last sync.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connection, Overview } from "../../../shared/contract";
import { runBatch } from "../../../worker/db/batch";
import { connections, syncRuns } from "../../../worker/db/schema";
import { createSignedInOwner, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";

const COUNT = 120;

describe("an account with many connections", () => {
  it("lists all of them and builds the Overview, each with its last run and its owner problem", async () => {
    const owner = await createSignedInOwner();
    const first = await seedConnection({ accountId: owner.accountId, owner });
    const ids = [first.id];
    for (let i = 1; i < COUNT; i++)
      ids.push((await seedConnection({ accountId: owner.accountId, owner, credentialId: first.credentialId })).id);
    const now = Date.now();
    await runBatch(
      db(),
      ids.map((connectionId, i) =>
        db()
          .insert(syncRuns)
          .values({
            id: crypto.randomUUID(),
            accountId: owner.accountId,
            connectionId,
            kind: "nightly",
            status: "ok",
            startedAt: new Date(now - 60_000 - i),
            finishedAt: new Date(now - 30_000 - i),
            requestsSpent: i + 1,
          }),
      ),
    );
    // Every one flagged: Toggl denies the owner each workspace.
    await db()
      .update(connections)
      .set({ ownerProblem: "lost_workspace_access", ownerProblemAt: new Date(now), status: "error" })
      .where(eq(connections.accountId, owner.accountId));

    const listed = await call<{ items: Connection[] }>("GET", "/api/connections", owner.headers);
    expect(listed.status, listed.text.slice(0, 300)).toBe(200);
    expect(listed.body.items).toHaveLength(COUNT);
    const spent = new Map(listed.body.items.map((c) => [c.id, c.lastSync?.requestsSpent]));
    expect(ids.map((id) => spent.get(id))).toEqual(ids.map((_, i) => i + 1));
    expect(listed.body.items.every((c) => c.ownerProblem?.kind === "lost_workspace_access")).toBe(true);

    const overview = await call<Overview>("GET", "/api/overview", owner.headers);
    expect(overview.status, overview.text.slice(0, 300)).toBe(200);
    expect(overview.body.counts.connections).toBe(COUNT);
    expect(overview.body.connections.filter((c) => c.lastSync !== null)).toHaveLength(COUNT);
  });
});
