import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";

/** Secrets (wrangler secret put / .dev.vars) on top of the generated bindings. */
export interface Bindings extends Env {
  /** base64 of 32 random bytes: the AES-GCM key for Toggl tokens and webhook secrets at rest. */
  TOKEN_ENCRYPTION_KEY: string;
}

export type Db = DrizzleD1Database<typeof schema>;

/** The signed-in caller, set by the session middleware. */
export interface Caller {
  sessionId: string;
  userId: string;
  accountId: string;
  role: schema.Role;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { db: Db; caller: Caller };
}
