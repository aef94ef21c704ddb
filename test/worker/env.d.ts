declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    TOKEN_ENCRYPTION_KEY: string;
    /** An empty D1 database that the migration test brings up from an older schema. */
    MIGRATION_DB: D1Database;
  }
}
