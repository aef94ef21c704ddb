// Its own file: it takes a table away, and storage is isolated per test file.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connections, timeLogs } from "../../../worker/db/schema";
import { db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { togglEntry } from "../time-logs/support";
import { deliver, timeEntryEvent } from "./support";

describe("a storage failure during ingest", () => {
  it("answers 5xx so Toggl retries, stores nothing half-way, and the retried delivery succeeds", async () => {
    const c = await seedConnection({ webhook: {} });
    const body = timeEntryEvent(c.id, "updated", togglEntry({ workspaceId: c.workspaceId }));
    // The stopped-entry batch also clears running_entries: without that table the batch fails whole.
    await env.DB.exec("ALTER TABLE running_entries RENAME TO running_entries_away");
    try {
      const failed = await deliver(c.id, body, { secret: c.secret });
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ error: { code: "internal" } });
      expect(await db().select().from(timeLogs).where(eq(timeLogs.accountId, c.accountId)).all()).toHaveLength(0);
      const row = await db().select().from(connections).where(eq(connections.id, c.id)).get();
      expect(row?.webhookLastEventAt).toBeNull();
    } finally {
      await env.DB.exec("ALTER TABLE running_entries_away RENAME TO running_entries");
    }
    const retried = await deliver(c.id, { ...body, timestamp: new Date().toISOString() }, { secret: c.secret });
    expect(retried.status).toBe(200);
    expect(await db().select().from(timeLogs).where(eq(timeLogs.accountId, c.accountId)).all()).toHaveLength(1);
  });
});
