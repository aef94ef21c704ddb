declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    TOKEN_ENCRYPTION_KEY: string;
  }
}
