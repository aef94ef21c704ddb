import { drizzle } from "drizzle-orm/d1";
import type { Db } from "../env";
import * as schema from "./schema";

/** `d1`: the binding, or one of its sessions (`DB.withSession`, read replication). */
export function getDb(d1: D1Database | D1DatabaseSession): Db {
  // Drizzle's D1 driver calls only prepare() and batch(), which a session has too.
  return drizzle(d1 as D1Database, { schema });
}

/**
 * The row an `insert … returning()` or `update … returning()` gave back. Missing only when the
 * write matched nothing, which the caller has ruled out: then it is a bug, and says so.
 */
export function returnedRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`Writing ${what} returned no row`);
  return row;
}
