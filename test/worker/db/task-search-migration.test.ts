// Migration 0007 on targets written before it (out of label order, indexed by 0006's trigram
// index): each workspace's targets get rowids in label order and the new index holds them, so the
// search's first page is the alphabetically first, archived targets stay out, and the index stays
// in step with later writes.
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../worker/db/client";
import { searchTaskTargets } from "../../../worker/features/tasks/store";

const db = env.MIGRATION_DB;
const run = (sql: string) => db.prepare(sql).run();
const rows = async <R>(sql: string) => (await db.prepare(sql).all<R>()).results;

/** FTS5's own check of an external-content index against its table (throws when they differ). */
const checkIndex = () => run(`insert into track_targets_fts(track_targets_fts, rank) values ('integrity-check', 1)`);

describe("migration 0007", () => {
  it("writes existing targets again in label order and indexes the live ones", async () => {
    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0007"),
    );
    for (const sql of [
      `insert into accounts (id, name) values ('acme', 'Acme')`,
      `insert into persons (id, toggl_user_id, email, name) values ('p-ada', '101', 'ada@acme.test', 'Ada')`,
      `insert into users (id, account_id, email, name, role, person_id, toggl_user_id) values
        ('u-ada', 'acme', 'ada@acme.test', 'Ada', 'owner', 'p-ada', '101')`,
      `insert into toggl_credentials (id, person_id, toggl_user_id, token_ciphertext) values ('c-ada', 'p-ada', '101', 'sealed')`,
      `insert into connections (id, account_id, workspace_id, organization_id, workspace_name, owner_user_id, credential_id) values
        ('k-studio', 'acme', '5001', '7001', 'Studio', 'u-ada', 'c-ada')`,
      // Written in Toggl's order, as the sync before 0007 did; one task archived.
      `insert into track_targets (account_id, key, kind, workspace_id, client_id, project_id, task_id, label, search_text, archived) values
        ('acme', 'workspace:5001', 'workspace', '5001', null, null, null, 'Studio', 'studio', 0),
        ('acme', 'project:31', 'project', '5001', null, '31', null, 'Website', 'studio website', 0),
        ('acme', 'task:43', 'task', '5001', null, '31', '43', 'Website → Copy', 'studio website copy', 0),
        ('acme', 'task:41', 'task', '5001', null, '31', '41', 'Website → wireframes', 'studio website wireframes', 0),
        ('acme', 'task:42', 'task', '5001', null, '31', '42', 'Website → Audit', 'studio website audit', 0),
        ('acme', 'task:44', 'task', '5001', null, '31', '44', 'Website → Archive me', 'studio website archive me', 1)`,
    ])
      await run(sql);

    await applyD1Migrations(
      db,
      env.TEST_MIGRATIONS.filter((m) => m.name >= "0007"),
    );
    expect((await rows<{ key: string }>("select key from track_targets order by rowid")).map((r) => r.key)).toEqual([
      "workspace:5001",
      "project:31",
      "task:44",
      "task:42",
      "task:43",
      "task:41",
    ]);
    await checkIndex();

    const owner = { accountId: "acme", seesAll: true, togglUserId: null };
    const search = async (q: string, limit = 20) =>
      (await searchTaskTargets(getDb(db), owner, { q, limit })).map((t) => t.label);
    // Every task matches "website"; a page of two is the first two in label order, archived left out.
    expect(await search("website", 2)).toEqual(["Website", "Website → Audit"]);
    expect(await search("web")).toEqual(["Website", "Website → Audit", "Website → Copy", "Website → wireframes"]);
    expect(await search("arch")).toEqual([]);
    expect(await search("w")).toEqual(["Website", "Website → Audit", "Website → Copy", "Website → wireframes"]);

    // The triggers keep the index in step: archiving, renaming and deleting.
    await run(`update track_targets set archived = 1 where key = 'task:42'`);
    await run(
      `update track_targets set label = 'Website → Proofread', search_text = 'studio website proofread' where key = 'task:43'`,
    );
    await run(`update track_targets set archived = 0 where key = 'task:44'`);
    await run(`delete from track_targets where key = 'task:41'`);
    await checkIndex();
    expect(await search("website")).toEqual(["Website", "Website → Archive me", "Website → Proofread"]);
    expect(await search("copy")).toEqual([]);
  });
});
