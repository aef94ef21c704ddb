import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Items, TaskTarget } from "../../../shared/contract";
import { matchesSearch, queryWords } from "../../../shared/task-search";
import { rankTarget } from "../../../worker/features/tasks/search";
import { trackTargets } from "../../../worker/db/schema";
import { searchQuery } from "../../../worker/features/tasks/store";
import { trackableBy } from "../../../worker/features/workspace-mirror/visibility";
import { createAccount, createSignedInOwner, createUser, db } from "../support/accounts";
import { togglId } from "../../support/toggl-ids.ts";
import { call } from "../support/http";
import { seedConnectedTree } from "../support/tree";

async function search(headers: Record<string, string>, q: string, limit?: number) {
  const params = new URLSearchParams({ q });
  if (limit !== undefined) params.set("limit", String(limit));
  const res = await call<Items<TaskTarget> & { error?: { code: string } }>(
    "GET",
    `/api/tasks?${params.toString()}`,
    headers,
  );
  return { status: res.status, serverTiming: res.headers.get("server-timing"), body: res.body };
}

/** An owner and a member with an agency tree: two clients, projects, tasks, some archived. */
async function agency() {
  const owner = await createSignedInOwner();
  const member = await createUser(owner.accountId, { role: "member" });
  const tree = await seedConnectedTree(owner, {
    workspace: { name: "Agency" },
    clients: [
      { key: "acme", name: "Acme Corp" },
      { key: "globex", name: "Globex" },
      { key: "gone", name: "Gone Client", archived: true },
    ],
    projects: [
      { key: "site", name: "Website Redesign", client: "acme", billable: true },
      { key: "api", name: "API Rewrite", client: "globex" },
      { key: "internal", name: "Design System" },
      { key: "old", name: "Old Project", client: "acme", archived: true },
      { key: "orphan", name: "Legacy Portal", client: "gone" },
    ],
    tasks: [
      { key: "wire", name: "Wireframes", project: "site" },
      { key: "copy", name: "Copywriting", project: "site" },
      { key: "tests", name: "Integration tests", project: "api" },
      { key: "done", name: "Kickoff design", project: "site", archived: true },
      { key: "oldtask", name: "Old design task", project: "old" },
    ],
  });
  return { owner, member, tree };
}

describe("task search rules", () => {
  it("splits a query into distinct lower-case words", () => {
    expect(queryWords("  Acme   WEBSITE acme ")).toEqual(["acme", "website"]);
    expect(queryWords("")).toEqual([]);
    expect(queryWords("a b c d e f g h i j")).toHaveLength(8);
  });

  it("ranks a label part starting with the query first, then word prefixes, then the rest", () => {
    const t = (label: string, searchText: string) => ({ label, searchText });
    expect(rankTarget(t("Design System", "agency design system"), "des")).toBe(0);
    expect(
      rankTarget(
        t("Acme Corp → Website Redesign → Wireframes", "agency acme corp website redesign wireframes"),
        "wire",
      ),
    ).toBe(0);
    expect(rankTarget(t("Acme Corp → Website Redesign", "agency acme corp website redesign"), "web red")).toBe(1);
    expect(rankTarget(t("Acme Corp → Website Redesign", "agency acme corp website redesign"), "sign")).toBe(2);
  });

  it("matches words of three characters anywhere, shorter ones only at the start of a word", () => {
    const target = { searchText: "agency client 07 project 028 task 10707" };
    expect(matchesSearch(target.searchText, "client 07")).toBe(true);
    expect(matchesSearch(target.searchText, "707 ta")).toBe(true);
    expect(matchesSearch(target.searchText, "gen")).toBe(true);
    expect(matchesSearch(target.searchText, "28")).toBe(false);
    expect(matchesSearch(target.searchText, "p 2")).toBe(false);
    expect(matchesSearch(target.searchText, "")).toBe(true);
  });
});

describe("GET /api/tasks", () => {
  it("needs a session", async () => {
    const res = await call("GET", "/api/tasks?q=x");
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("finds targets at every level for any signed-in user, archived ones excluded", async () => {
    const { member, tree } = await agency();
    const { status, body } = await search(member.headers, "");
    expect(status).toBe(200);
    const labels = body.items.map((i) => i.label);
    expect(labels).toEqual([
      "Acme Corp",
      "Acme Corp → Website Redesign",
      "Acme Corp → Website Redesign → Copywriting",
      "Acme Corp → Website Redesign → Wireframes",
      "Agency",
      "Design System",
      "Globex",
      "Globex → API Rewrite",
      "Globex → API Rewrite → Integration tests",
    ]);
    const wire = body.items.find((i) => i.label.endsWith("Wireframes"))!;
    expect(wire).toEqual({
      key: `task:${tree.tasks.wire}`,
      kind: "task",
      workspaceId: tree.workspaceId,
      workspaceName: "Agency",
      clientId: tree.clients.acme,
      clientName: "Acme Corp",
      projectId: tree.projects.site,
      projectName: "Website Redesign",
      taskId: tree.tasks.wire,
      taskName: "Wireframes",
      label: "Acme Corp → Website Redesign → Wireframes",
      billable: true,
    });
  });

  it("matches case-insensitively on any level, every word of the query", async () => {
    const { owner } = await agency();
    // The client name matches, so its projects and tasks come too.
    const acme = await search(owner.headers, "ACME");
    expect(acme.body.items.map((i) => i.label)).toEqual([
      "Acme Corp",
      "Acme Corp → Website Redesign",
      "Acme Corp → Website Redesign → Copywriting",
      "Acme Corp → Website Redesign → Wireframes",
    ]);
    // Words from different levels must all match.
    const both = await search(owner.headers, "globex tests");
    expect(both.body.items.map((i) => i.label)).toEqual(["Globex → API Rewrite → Integration tests"]);
    // The workspace name is part of every path.
    const ws = await search(owner.headers, "agency copy");
    expect(ws.body.items.map((i) => i.taskName)).toEqual(["Copywriting"]);
    // Nothing matches: an empty list, not an error.
    expect((await search(owner.headers, "zebra")).body.items).toEqual([]);
  });

  it("puts label parts starting with the query before matches inside words", async () => {
    const { owner } = await agency();
    const { body } = await search(owner.headers, "des");
    // "Design System" starts with it; "Redesign" only contains it; the archived "Kickoff design"
    // and the tasks of the archived project never show.
    expect(body.items.map((i) => i.label)).toEqual([
      "Design System",
      "Acme Corp → Website Redesign",
      "Acme Corp → Website Redesign → Copywriting",
      "Acme Corp → Website Redesign → Wireframes",
    ]);
  });

  it("matches letters beyond ASCII whatever their case", async () => {
    const owner = await createSignedInOwner();
    await seedConnectedTree(owner, {
      workspace: { name: "Büro" },
      projects: [
        { key: "p", name: "Café Relaunch" },
        { key: "q", name: "Ärztekammer" },
      ],
    });
    expect((await search(owner.headers, "CAFÉ")).body.items.map((i) => i.label)).toEqual(["Café Relaunch"]);
    expect((await search(owner.headers, "ärzte")).body.items.map((i) => i.label)).toEqual(["Ärztekammer"]);
    expect((await search(owner.headers, "büro café")).body.items.map((i) => i.label)).toEqual(["Café Relaunch"]);
  });

  it("matches a word of one or two characters at the start of a word of the path", async () => {
    const { owner } = await agency();
    expect((await search(owner.headers, "gl")).body.items.map((i) => i.label)).toEqual([
      "Globex",
      "Globex → API Rewrite",
      "Globex → API Rewrite → Integration tests",
    ]);
    // Inside a word a short word matches nothing: "ob" is in "Globex", "ir" in "Wireframes".
    expect((await search(owner.headers, "ob")).body.items).toEqual([]);
    expect((await search(owner.headers, "wire ir")).body.items).toEqual([]);
    // One letter: labels with a part starting with it first, then other paths with a word starting with it.
    expect((await search(owner.headers, "w")).body.items.map((i) => i.label)).toEqual([
      "Acme Corp → Website Redesign",
      "Acme Corp → Website Redesign → Copywriting",
      "Acme Corp → Website Redesign → Wireframes",
    ]);
    expect((await search(owner.headers, "api re")).body.items.map((i) => i.label)).toEqual([
      "Globex → API Rewrite",
      "Globex → API Rewrite → Integration tests",
    ]);
    expect((await search(owner.headers, "i")).body.items.map((i) => i.label)).toEqual([
      "Globex → API Rewrite → Integration tests",
    ]);
  });

  it("treats LIKE wildcards in the query as plain characters", async () => {
    const { owner } = await agency();
    expect((await search(owner.headers, "%")).body.items).toEqual([]);
    expect((await search(owner.headers, "_")).body.items).toEqual([]);
  });

  it("honours the limit and rejects a bad one", async () => {
    const { owner } = await agency();
    expect((await search(owner.headers, "", 3)).body.items).toHaveLength(3);
    const bad = await search(owner.headers, "", 0);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("invalid_input");
    expect((await search(owner.headers, "", 101)).status).toBe(400);
  });

  it("shows only connected workspaces of the caller's own account", async () => {
    const { owner } = await agency();
    // Another account with a matching name.
    const stranger = await createSignedInOwner();
    await seedConnectedTree(stranger, {
      workspace: { name: "Elsewhere" },
      projects: [{ key: "p", name: "Acme Secret" }],
    });
    // An unlinked workspace of the same account.
    const colleague = await createUser(owner.accountId, { role: "admin" });
    await seedConnectedTree(
      colleague,
      { workspace: { name: "Unlinked WS" }, projects: [{ key: "p", name: "Acme Old" }] },
      { status: "unlinked" },
    );

    const mine = await search(owner.headers, "acme");
    expect(mine.body.items.map((i) => i.label)).not.toContain("Acme Secret");
    expect(mine.body.items.map((i) => i.label)).not.toContain("Acme Old");
    expect(mine.body.items).toHaveLength(4);

    const theirs = await search(stranger.headers, "acme");
    expect(theirs.body.items.map((i) => i.label)).toEqual(["Acme Secret"]);

    // A fresh account sees nothing at all.
    const empty = await createUser(await createAccount(), { role: "owner" });
    expect((await search(empty.headers, "")).body.items).toEqual([]);
  });
});

describe("GET /api/tasks over 10,000 tasks", () => {
  it("finds the right task among 10,000 and pages the rest", async () => {
    const owner = await ownerOfBulkTasks();

    const one = await search(owner.headers, "task 04217");
    expect(one.status).toBe(200);
    expect(one.serverTiming).toMatch(/^search;dur=\d+(\.\d)?$/);
    expect(one.body.items.map((i) => i.taskName)).toEqual(["Task 04217"]);

    // "Task 0421x" start with the query, in label order; "Task 00421" only contains it, so it is last.
    const ten = await search(owner.headers, "task 0421", 50);
    expect(ten.body.items.map((i) => i.taskName)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `Task 0421${i}`),
      "Task 00421",
    ]);

    const page = await search(owner.headers, "bulk", 100);
    expect(page.body.items).toHaveLength(100);
    // Client and project rows start with the query; they come first.
    expect(page.body.items.slice(0, 2).map((i) => i.kind)).toEqual(["client", "project"]);

    // Words every task has: the page is the alphabetically first of the best-ranked matches.
    const common = await search(owner.headers, "bulk task", 5);
    expect(common.body.items.map((i) => i.taskName)).toEqual([
      "Task 00000",
      "Task 00001",
      "Task 00002",
      "Task 00003",
      "Task 00004",
    ]);
    // Word starts (Task 0421x) before matches inside words (Task 00421), however small the page.
    const five = await search(owner.headers, "0421", 5);
    expect(five.body.items.map((i) => i.taskName)).toEqual([
      "Task 04210",
      "Task 04211",
      "Task 04212",
      "Task 04213",
      "Task 04214",
    ]);
    const inside = await search(owner.headers, "421", 3);
    expect(inside.body.items.map((i) => i.taskName)).toEqual(["Task 00421", "Task 01421", "Task 02421"]);
  });

  it("reads about one page of targets, however many of the 10,000 match", async () => {
    const owner = await ownerOfBulkTasks();
    // As a member sees it, so the visibility rule is part of every search.
    const member = { accountId: owner.accountId, seesAll: false, togglUserId: togglId() };
    const visible = trackableBy(member, { projectId: trackTargets.projectId, private: trackTargets.private });
    const found: [string, number][] = [
      ["", 20],
      ["task", 20],
      ["bulk task", 20],
      ["bu", 20],
      ["t", 20],
      ["b t 0", 20],
      ["0421", 11],
      ["task 04217", 1],
      ["zzzz", 0],
    ];
    for (const [q, count] of found) {
      const { sql, params } = searchQuery(db(), owner.accountId, { q, limit: 20 }, visible).toSQL();
      const { results, meta } = await env.DB.prepare(sql)
        .bind(...params)
        .all();
      expect(results, q).toHaveLength(count);
      expect(meta.rows_read, q).toBeLessThanOrEqual(200);
    }
  });
});

/** An owner whose workspace "Big" has "Bulk Client" → "Bulk Project" with 10,000 tasks. */
async function ownerOfBulkTasks() {
  const owner = await createSignedInOwner();
  const tree = await seedConnectedTree(owner, {
    workspace: { name: "Big" },
    clients: [{ key: "c", name: "Bulk Client" }],
    projects: [{ key: "p", name: "Bulk Project", client: "c" }],
  });
  await bulkTasks(owner.accountId, tree.workspaceId, tree.clients.c!, tree.projects.p!, 10_000);
  return owner;
}

/** 10,000 task rows in two statements (a recursive CTE), as a structure sync would leave them. */
async function bulkTasks(accountId: string, workspaceId: string, clientId: string, projectId: string, count: number) {
  const base = BigInt(togglId()) * 100_000n;
  await env.DB.prepare(
    `with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ?1)
     insert into tasks (account_id, id, workspace_id, project_id, name)
     select ?2, cast(?3 + i as text), ?4, ?5, 'Task ' || printf('%05d', i) from n`,
  )
    .bind(count, accountId, base.toString(), workspaceId, projectId)
    .run();
  await env.DB.prepare(
    `insert into track_targets (account_id, key, kind, workspace_id, client_id, project_id, task_id, label, search_text, billable, archived)
     select t.account_id, 'task:' || t.id, 'task', t.workspace_id, ?2, t.project_id, t.id,
            c.name || ' → ' || p.name || ' → ' || t.name,
            lower(w.name || ' ' || c.name || ' ' || p.name || ' ' || t.name), p.billable, 0
     from tasks t
     join projects p on p.account_id = t.account_id and p.id = t.project_id
     join clients c on c.account_id = t.account_id and c.id = ?2
     join workspaces w on w.account_id = t.account_id and w.id = t.workspace_id
     where t.account_id = ?1 and t.project_id = ?3`,
  )
    .bind(accountId, clientId, projectId)
    .run();
}

describe("the search statement", () => {
  it("reaches the account's targets through an index, never a scan of every account's rows", async () => {
    const owner = await createSignedInOwner();
    for (const q of ["", "acme web", "ac", "a"]) {
      const { sql, params } = searchQuery(db(), owner.accountId, { q, limit: 20 }).toSQL();
      const plan = await env.DB.prepare(`explain query plan ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail);
      const targets = details.filter((d) => /^(SEARCH|SCAN) track_targets\b/.test(d));
      const fts = details.filter((d) => /^SCAN track_targets_fts VIRTUAL TABLE INDEX \d+:M/.test(d));
      if (q === "") {
        // No query: the first page straight off the label index.
        expect(targets).toEqual([
          expect.stringMatching(
            /^SEARCH track_targets USING (COVERING )?INDEX track_targets_label \(account_id=\? AND archived=\?\)/,
          ),
        ]);
        expect(fts).toEqual([]);
      } else {
        // One arm per rank: hits from the trigram index in its order, rows by rowid.
        expect(fts, q).toHaveLength(3);
        expect(targets, q).toEqual(Array(3).fill("SEARCH track_targets USING INTEGER PRIMARY KEY (rowid=?)"));
      }
      // Only the final page (at most `limit` rows) is sorted; every arm stops after `limit` hits.
      expect(
        details.filter((d) => d.startsWith("USE TEMP B-TREE")),
        q,
      ).toEqual(["USE TEMP B-TREE FOR ORDER BY"]);
      // The joins for names are primary-key lookups.
      for (const d of details.filter((x) => /^(SEARCH|SCAN) (workspaces|clients|projects|tasks|connections)\b/.test(x)))
        expect(d).toMatch(/^SEARCH/);
    }
  });
});
