// Every multi-statement or multi-row write goes through here. D1 binds at most 100 parameters per
// statement, so multi-row statements and `inArray` id lists are cut into chunks whose size is
// computed from what each row (or the rest of the statement) binds; and a batch of statements runs
// as one atomic D1 batch.
import { fillPlaceholders, is, sql, SQL, type Placeholder } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../env";

/** D1's limit of bound parameters per statement. */
export const D1_MAX_BOUND_PARAMETERS = 100;

/** One statement of a D1 batch. */
export type Statement = BatchItem<"sqlite">;

/** Runs the statements as one atomic batch, in order; nothing to run is a no-op. */
export async function runBatch(db: Db, statements: readonly Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  return db.batch(statements as unknown as [Statement, ...Statement[]]);
}

/** A statement Drizzle does not build each time: its SQL text and the values bound to it. */
export interface RawStatement {
  sql: string;
  params: unknown[];
}

/**
 * Runs Drizzle-built and raw statements as one atomic D1 batch, in order. Each result is the rows
 * the statement returned as SQLite gives them (column names, no Drizzle mapping).
 */
export async function runRawBatch(
  db: Db,
  statements: readonly (Statement | RawStatement)[],
): Promise<Record<string, unknown>[][]> {
  if (statements.length === 0) return [];
  const client = db.$client;
  const prepared = statements.map((statement) => {
    const query = isRaw(statement) ? statement : (statement as unknown as { toSQL(): RawStatement }).toSQL();
    return client.prepare(query.sql).bind(...query.params);
  });
  return (await client.batch<Record<string, unknown>>(prepared)).map((result) => result.results);
}

/**
 * A statement Drizzle builds once per isolate, with placeholders (`sql.placeholder(name)`) for its
 * values, and that each use only binds (Drizzle's column encoders still apply): for statements on
 * hot paths whose SQL takes long to build. Returns the statement for `values`, by placeholder name.
 */
export function statementTemplate(build: (db: Db) => { toSQL(): RawStatement }) {
  let built: RawStatement | undefined;
  return (db: Db, values: Record<string, unknown>): RawStatement => {
    built ??= build(db).toSQL();
    return { sql: built.sql, params: fillPlaceholders(built.params, values) };
  };
}

/** Placeholders by name, for statementTemplate: `placeholders("a", "b").a` is `sql.placeholder("a")`. */
export const placeholders = <K extends string>(...names: K[]) =>
  Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;

/** Drizzle's statements build their SQL with `toSQL()`; a raw one has it already. */
const isRaw = (statement: Statement | RawStatement): statement is RawStatement =>
  typeof (statement as { toSQL?: unknown }).toSQL !== "function";

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** How many rows fit one statement that binds `perRow` parameters a row and `others` besides. */
function rowsPerStatement(perRow: number, others = 0): number {
  return Math.max(1, Math.floor((D1_MAX_BOUND_PARAMETERS - others) / perRow));
}

/**
 * Multi-row insert values cut into one chunk per statement. Each value binds one parameter per
 * column (the values are plain, not SQL expressions); `set` is the upsert's SET clause, whose
 * plain values are bound once per statement.
 */
export function valueChunks<V extends object>(values: readonly V[], set: Record<string, unknown> = {}): V[][] {
  if (values.length === 0) return [];
  const perRow = Math.max(...values.map((v) => Object.keys(v).length));
  return chunk(values, rowsPerStatement(perRow, boundIn(set)));
}

/**
 * `ids` cut so that each `statement(chunk)` stays under D1's limit: the statement puts the chunk in
 * an `inArray`, and its other parameters are counted by building it once without ids.
 */
export function idChunks(
  ids: readonly string[],
  statement: (ids: string[]) => { toSQL(): { params: unknown[] } },
): string[][] {
  if (ids.length === 0) return [];
  return chunk(ids, rowsPerStatement(1, statement([]).toSQL().params.length));
}

/** The values of a SET clause that are bound as parameters (SQL expressions are not). */
function boundIn(set: Record<string, unknown>): number {
  return Object.values(set).filter((v) => v !== undefined && !is(v, SQL)).length;
}
