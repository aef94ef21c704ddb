import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";

/**
 * The worker's bindings, vars and secrets: the `Env` that `npm run cf-typegen` generates from
 * wrangler.toml and .dev.vars.example (TOKEN_ENCRYPTION_KEY included).
 */
export type Bindings = Env;

/** `$client`: the D1 binding or session underneath, for statements Drizzle does not build (db/batch.ts). */
export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

/** The signed-in caller, set by the session middleware. */
export interface Caller {
  sessionId: string;
  /** The signed-in person (one Toggl identity); the session sits in one of their memberships. */
  personId: string;
  userId: string;
  accountId: string;
  role: schema.Role;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { db: Db; caller: Caller };
}
