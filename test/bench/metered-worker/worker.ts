// Hourline's worker with its D1 binding metered, for the rows bench (test/bench/rows.ts): every
// statement's `meta.rows_read` / `meta.rows_written` is added up, whichever handler ran it (fetch,
// queue, scheduled). GET /__bench/d1-rows answers the totals since the last call and starts anew.
// Statements behave as before: `raw()` (which reports no meta) goes through `D1Database.query()`
// (compatibility flag d1_binding_jsrpc), which answers the same rows and columns with their meta.
import hourline from "../../../worker/index";
import type { Bindings } from "../../../worker/env";

interface Meta {
  rows_read?: number;
  rows_written?: number;
}

const totals = { statements: 0, rowsRead: 0, rowsWritten: 0 };
const count = (meta: Meta | undefined) => {
  totals.statements++;
  totals.rowsRead += meta?.rows_read ?? 0;
  totals.rowsWritten += meta?.rows_written ?? 0;
};

interface RawQueryResult {
  results: { meta: Meta; data: { columns: string[]; rows: unknown[][] } }[];
}
type Queryable = D1Database & {
  query(request: { queries: { sql: string; params: unknown[] }[] }): Promise<RawQueryResult>;
};

const REAL = Symbol("real statement");
type Metered = D1PreparedStatement & { [REAL]: D1PreparedStatement };

function statement(db: Queryable, real: D1PreparedStatement, sql: string, params: unknown[]): Metered {
  const metered = {
    [REAL]: real,
    bind: (...values: unknown[]) => statement(db, real.bind(...values), sql, values),
    async raw(options?: { columnNames?: boolean }) {
      const [result] = (await db.query({ queries: [{ sql, params }] })).results;
      count(result?.meta);
      const rows = result?.data.rows ?? [];
      return options?.columnNames ? [result?.data.columns ?? [], ...rows] : rows;
    },
    async all() {
      const result = await real.all();
      count(result.meta);
      return result;
    },
    async run() {
      const result = await real.run();
      count(result.meta);
      return result;
    },
    async first(column?: string) {
      const result = await real.all<Record<string, unknown>>();
      count(result.meta);
      const row = result.results[0];
      if (row === undefined) return null;
      return column === undefined ? row : row[column];
    },
  };
  return metered as unknown as Metered;
}

/** `db` metered; a session it opens (read replication) is metered too. */
function metered(db: D1Database): D1Database {
  const queryable = db as Queryable;
  const meteredSession = (session: D1DatabaseSession): D1DatabaseSession =>
    ({
      // raw() goes through the database's query(), which a session lacks (locally one database).
      prepare: (sql: string) => statement(queryable, session.prepare(sql), sql, []),
      batch: (statements: D1PreparedStatement[]) => batch(session, statements),
      getBookmark: () => session.getBookmark(),
    }) as D1DatabaseSession;
  return {
    prepare: (sql: string) => statement(queryable, db.prepare(sql), sql, []),
    batch: (statements: D1PreparedStatement[]) => batch(db, statements),
    exec: (sql: string) => db.exec(sql),
    withSession: (constraint?: string) => meteredSession(db.withSession(constraint)),
    dump: () => db.dump(),
  } as D1Database;
}

async function batch(db: D1Database | D1DatabaseSession, statements: D1PreparedStatement[]) {
  const results = await db.batch(statements.map((s) => (s as Metered)[REAL]));
  for (const result of results) count(result.meta);
  return results;
}

const wrap = (env: Bindings): Bindings => ({ ...env, DB: metered(env.DB) });

export default {
  fetch(request: Request, env: Bindings, ctx: ExecutionContext) {
    if (new URL(request.url).pathname === "/__bench/d1-rows") {
      const answer = Response.json({ ...totals });
      Object.assign(totals, { statements: 0, rowsRead: 0, rowsWritten: 0 });
      return answer;
    }
    return hourline.fetch(request, wrap(env), ctx);
  },
  scheduled: (controller: ScheduledController, env: Bindings, ctx: ExecutionContext) =>
    hourline.scheduled(controller, wrap(env), ctx),
  queue: (batch: MessageBatch, env: Bindings, ctx: ExecutionContext) => hourline.queue(batch, wrap(env), ctx),
} satisfies ExportedHandler<Bindings>;
