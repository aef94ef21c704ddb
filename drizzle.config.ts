import { defineConfig } from "drizzle-kit";

// Generates flat numbered SQL migrations (migrations/NNNN_name.sql) that wrangler applies
// locally, remotely and in the test setup.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
