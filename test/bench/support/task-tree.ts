// A large imported tree for the benches, written straight into D1 as a structure sync leaves it:
// 50 clients × 4 projects, `tasks` tasks spread over the 200 projects (one in 25 archived), and a
// track target per client, project and task (only for the rows written here). The account's
// workspace row must exist already.
interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> } };
}

export async function seedTaskTree(db: D1Like, accountId: string, workspaceId: string, tasks: number): Promise<void> {
  const exec = (sql: string, ...values: unknown[]) =>
    db
      .prepare(sql)
      .bind(...values)
      .run();
  // 50 clients × 4 projects, tasks spread over the 200 projects.
  await exec(
    `with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < 50)
     insert into clients (account_id, id, workspace_id, name) select ?1, cast(8100000 + i as text), ?2, 'Client ' || printf('%02d', i) from n`,
    accountId,
    workspaceId,
  );
  await exec(
    `with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < 200)
     insert into projects (account_id, id, workspace_id, client_id, name, billable)
     select ?1, cast(8200000 + i as text), ?2, cast(8100000 + i / 4 as text), 'Project ' || printf('%03d', i), i % 2 from n`,
    accountId,
    workspaceId,
  );
  await exec(
    `with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ?3)
     insert into tasks (account_id, id, workspace_id, project_id, name, archived)
     select ?1, cast(5000000000 + i as text), ?2, cast(8200000 + i % 200 as text), 'Task ' || printf('%05d', i), (i % 25 = 0) from n`,
    accountId,
    workspaceId,
    tasks,
  );
  // One insert in label order, as a structure sync writes a workspace's targets.
  await exec(
    `insert into track_targets (account_id, key, kind, workspace_id, client_id, project_id, task_id, label, search_text, billable, archived)
     select account_id, key, kind, workspace_id, client_id, project_id, task_id, label, search_text, billable, archived
     from (
       select c.account_id, 'client:' || c.id as key, 'client' as kind, c.workspace_id, c.id as client_id, null as project_id,
              null as task_id, c.name as label, lower(w.name || ' ' || c.name) as search_text, 0 as billable, 0 as archived
       from clients c join workspaces w on w.account_id = c.account_id and w.id = c.workspace_id
       where c.account_id = ?1 and cast(c.id as integer) between 8100000 and 8100049
       union all
       select p.account_id, 'project:' || p.id, 'project', p.workspace_id, p.client_id, p.id, null, c.name || ' → ' || p.name,
              lower(w.name || ' ' || c.name || ' ' || p.name), p.billable, 0
       from projects p join clients c on c.account_id = p.account_id and c.id = p.client_id
       join workspaces w on w.account_id = p.account_id and w.id = p.workspace_id
       where p.account_id = ?1 and cast(p.id as integer) between 8200000 and 8200199
       union all
       select t.account_id, 'task:' || t.id, 'task', t.workspace_id, p.client_id, p.id, t.id, c.name || ' → ' || p.name || ' → ' || t.name,
              lower(w.name || ' ' || c.name || ' ' || p.name || ' ' || t.name), p.billable, t.archived
       from tasks t join projects p on p.account_id = t.account_id and p.id = t.project_id
       join clients c on c.account_id = p.account_id and c.id = p.client_id
       join workspaces w on w.account_id = t.account_id and w.id = t.workspace_id
       where t.account_id = ?1 and cast(t.id as integer) >= 5000000000
     ) order by label collate nocase, key`,
    accountId,
  );
}
