// The ingest bench's baselines, measured in the same run as Hourline:
// - POST /        stores the request body with one bare D1 insert and nothing else (no signature,
//                 no parsing, no upsert): the floor for webhook ingest;
// - POST /backfill reads the same Reports v3 pages from the Toggl stand-in that Hourline's backfill
//                 reads (same window, page size and cursor) and writes each page's rows into a
//                 table shaped like time_logs with one statement per page: the floor for backfill.
interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> } };
}

interface BackfillRequest {
  togglUrl: string;
  apiToken: string;
  workspaceId: number;
  startDate: string;
  endDate: string;
  pageSize: number;
}

interface ReportRow {
  user_id: number;
  project_id: number | null;
  task_id: number | null;
  description: string;
  billable: boolean;
  tag_ids: number[];
  time_entries: { id: number; seconds: number; start: string; stop: string | null; at: string }[];
}

async function backfill(db: D1Like, req: BackfillRequest) {
  const auth = `Basic ${btoa(`${req.apiToken}:api_token`)}`;
  let cursor: Record<string, number> = {};
  let pages = 0;
  let rows = 0;
  for (;;) {
    const res = await fetch(`${req.togglUrl}/reports/api/v3/workspace/${req.workspaceId}/search/time_entries`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({
        start_date: req.startDate,
        end_date: req.endDate,
        page_size: req.pageSize,
        order_by: "date",
        order_dir: "ASC",
        ...cursor,
      }),
    });
    if (!res.ok) throw new Error(`report page ${pages + 1}: ${res.status} ${await res.text()}`);
    const report = (await res.json()) as ReportRow[];
    const entries = report.flatMap((r) =>
      r.time_entries.map((te) => ({
        id: crypto.randomUUID(),
        toggl_id: String(te.id),
        toggl_user_id: String(r.user_id),
        project_id: r.project_id === null ? null : String(r.project_id),
        task_id: r.task_id === null ? null : String(r.task_id),
        description: r.description,
        start: Date.parse(te.start),
        stop: te.stop === null ? null : Date.parse(te.stop),
        duration_seconds: te.seconds,
        billable: r.billable ? 1 : 0,
        tags: JSON.stringify(r.tag_ids),
        toggl_at: Date.parse(te.at),
      })),
    );
    // One statement per page: the rows travel as one JSON parameter.
    await db
      .prepare(
        `insert into time_logs (id, workspace_id, toggl_id, toggl_user_id, project_id, task_id, description, start, stop,
           duration_seconds, billable, tags, toggl_at)
         select e.value ->> 'id', ?2, e.value ->> 'toggl_id', e.value ->> 'toggl_user_id', e.value ->> 'project_id',
           e.value ->> 'task_id', e.value ->> 'description', e.value ->> 'start', e.value ->> 'stop',
           e.value ->> 'duration_seconds', e.value ->> 'billable', e.value ->> 'tags', e.value ->> 'toggl_at'
         from json_each(?1) e`,
      )
      .bind(JSON.stringify(entries), String(req.workspaceId))
      .run();
    pages++;
    rows += entries.length;
    const nextRow = res.headers.get("x-next-row-number");
    const nextId = res.headers.get("x-next-id");
    if (!nextRow) return { pages, rows };
    cursor = { first_row_number: Number(nextRow), ...(nextId ? { first_id: Number(nextId) } : {}) };
  }
}

export default {
  async fetch(request: Request, env: { DB: D1Like }): Promise<Response> {
    if (new URL(request.url).pathname === "/backfill")
      return Response.json(await backfill(env.DB, (await request.json()) as BackfillRequest));
    const body = await request.text();
    await env.DB.prepare("insert into deliveries (id, body) values (?1, ?2)").bind(crypto.randomUUID(), body).run();
    return Response.json({ ok: true });
  },
};
