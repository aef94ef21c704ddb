import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { D1_MAX_BOUND_PARAMETERS, idChunks, runBatch, valueChunks } from "../../../worker/db/batch";
import { clients, timeLogs } from "../../../worker/db/schema";
import { db } from "../support/accounts";

describe("D1 write helpers", () => {
  it("cuts multi-row upserts so that every statement stays within D1's bound parameters", () => {
    const now = new Date();
    const values = Array.from({ length: 100 }, (_, i) => ({
      accountId: "a",
      workspaceId: "w",
      id: String(i),
      name: `Client ${i}`,
      archived: false,
      togglAt: null,
      updatedAt: now,
    }));
    const set = { workspaceId: "w", updatedAt: now };
    const chunks = valueChunks(values, set);
    expect(chunks.flat()).toEqual(values);
    for (const chunk of chunks) {
      const statement = db()
        .insert(clients)
        .values(chunk)
        .onConflictDoUpdate({ target: [clients.accountId, clients.id], set });
      expect(statement.toSQL().params.length).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMETERS);
    }
    expect(chunks[0]!.length).toBe(14);
  });

  it("cuts id lists for inArray by what the rest of the statement binds", () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(i));
    const statement = (chunk: string[]) =>
      db()
        .update(timeLogs)
        .set({ scorable: false })
        .where(and(eq(timeLogs.accountId, "a"), eq(timeLogs.deletedInToggl, false), inArray(timeLogs.togglId, chunk)));
    const chunks = idChunks(ids, statement);
    expect(chunks.flat()).toEqual(ids);
    for (const chunk of chunks)
      expect(statement(chunk).toSQL().params.length).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMETERS);
    expect(chunks[0]!.length).toBe(D1_MAX_BOUND_PARAMETERS - 3);
    expect(idChunks([], statement)).toEqual([]);
  });

  it("runs nothing for an empty batch", async () => {
    expect(await runBatch(db(), [])).toEqual([]);
  });
});
