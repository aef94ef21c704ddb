// Migration 0004 on connections made before it: each gets the history it was connected with (its
// boundary at connected at minus the chosen backfill, its backfill window), so no path imports
// anything older than before.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const db = env.MIGRATION_DB;
const T = Date.UTC(2026, 10, 20, 9, 0, 0);
const DAY = 86_400_000;

describe("migration 0004", () => {
  it("gives every existing connection its connected time, history boundary and backfill window", async () => {
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0003"),
    );
    for (const sql of [
      `insert into accounts (id, name, created_at) values ('acme', 'Acme', ${T})`,
      `insert into users (id, account_id, email, name, role, toggl_user_id, created_at, updated_at) values
        ('u-ada', 'acme', 'ada@acme.test', 'Ada', 'owner', '101', ${T}, ${T})`,
      `insert into toggl_credentials (id, account_id, user_id, toggl_user_id, token_ciphertext, timezone, beginning_of_week, created_at, updated_at) values
        ('c-ada', 'acme', 'u-ada', '101', 'sealed-ada', 'Europe/Oslo', 0, ${T}, ${T})`,
      `insert into connections (id, account_id, workspace_id, organization_id, workspace_name, owner_user_id, credential_id, backfill_days, created_at, updated_at) values
        ('k-none', 'acme', '5001', '7001', 'No history', 'u-ada', 'c-ada', 0, ${T}, ${T}),
        ('k-week', 'acme', '5002', '7001', 'A week', 'u-ada', 'c-ada', 7, ${T + DAY}, ${T + DAY})`,
    ])
      await db.prepare(sql).run();
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name >= "0003" && m.name < "0005"),
    );
    const { results } = await db
      .prepare("select id, connected_at, history_from, backfill_from, backfill_imported from connections order by id")
      .all();
    expect(results).toEqual([
      { id: "k-none", connected_at: T, history_from: T, backfill_from: null, backfill_imported: 0 },
      {
        id: "k-week",
        connected_at: T + DAY,
        history_from: T + DAY - 7 * DAY,
        backfill_from: T + DAY - 7 * DAY,
        backfill_imported: 0,
      },
    ]);
  });
});
