import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";
import { TEST_ENCRYPTION_KEY } from "./test/support/encryption-key.ts";

const WHOLE_DATABASE_FILES = [
  "test/worker/db/*-migration.test.ts",
  "test/worker/sync/cron.test.ts",
  "test/worker/sync/jobs.test.ts",
];

/** The worker in workerd with real local D1; the Toggl stand-in runs in Node and is reached over
 * loopback HTTP. With `queue: "held"` the sync queue has no consumer: the tests run the jobs
 * themselves, and a background consumer would race them for the same work. */
function workerTestRuntime(queue: "consumed" | "held") {
  return cloudflareTest(async ({ inject }) => ({
    wrangler: { configPath: "./wrangler.toml" },
    miniflare: {
      compatibilityFlags: ["service_binding_extra_handlers"],
      bindings: {
        TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        TOGGL_API_URL: `http://127.0.0.1:${inject("togglPort")}`,
        // Nothing listens here, so no test depends on a worker running on 8787: flows that
        // need Toggl's pings to reach the worker live in test/integration (real listener).
        PUBLIC_URL: "http://127.0.0.1:9",
        TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      },
      // A second, empty database for the migration tests (they start from an older schema).
      d1Databases: { DB: "hourline", MIGRATION_DB: "hourline-migration-test" },
      ...(queue === "held" ? { queueProducers: { SYNC_QUEUE: { queueName: "hourline-sync-held" } } } : {}),
    },
  }));
}

export default defineConfig({
  test: {
    // One test file per core, not vitest's default of one fewer: the integration files spend most
    // of their time waiting on the workerd processes they start, and on a 2-core machine the
    // default would run every file one after another.
    maxWorkers: "100%",
    projects: [
      {
        // Most worker test files share one workerd and one local D1 (no per-file isolation: a fresh
        // runtime per file costs more than the tests). Each file seeds its own organisation and
        // asserts only on its own rows, so they do not see each other.
        plugins: [workerTestRuntime("held")],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          exclude: WHOLE_DATABASE_FILES,
          globalSetup: ["test/worker/global-setup.ts"],
          setupFiles: ["test/worker/apply-migrations.ts"],
          isolate: false,
          // Several files' Toggl round trips share two cores; a busy machine stretches them.
          testTimeout: 20_000,
        },
      },
      {
        // Files that act on the whole database (the crons and the queue fan-out run over every
        // connection; the migration tests start from an empty database) get a fresh one each.
        plugins: [workerTestRuntime("consumed")],
        test: {
          name: "worker-whole-database",
          include: WHOLE_DATABASE_FILES,
          globalSetup: ["test/worker/global-setup.ts"],
          setupFiles: ["test/worker/apply-migrations.ts"],
        },
      },
      {
        // Node: the Toggl stand-in itself, and worker-over-HTTP flows that need a real listener
        // (webhook validation pings and deliveries from the stand-in to the worker).
        test: {
          name: "node",
          environment: "node",
          include: [
            "test/toggl-stand-in/**/*.test.ts",
            "test/integration/**/*.test.ts",
            "test/demo/**/*.test.ts",
            "test/bench/**/*.test.ts",
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // WXT's own test setup: `wxt/browser` and the global `browser`/`chrome` are its in-memory
        // fake browser before any extension module loads; the setup file empties storage before
        // each test. JSX is compiled here too (the plugin does not apply wxt.config.ts's vite()).
        plugins: [WxtVitest()],
        test: {
          name: "extension",
          environment: "happy-dom",
          include: ["test/extension/**/*.test.{ts,tsx}"],
          setupFiles: ["test/extension/support/setup.ts"],
          // Spies (the fake server's fetch, confirm) are undone before each test.
          restoreMocks: true,
        },
        oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
      },
    ],
  },
});
