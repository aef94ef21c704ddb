import { drizzle } from "drizzle-orm/d1";
import type { Db } from "../env";
import * as schema from "./schema";

export function getDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}
