// Layering and cycles, checked by `npm run deps`. Imports point down only:
//
//   worker/index.ts, worker/app.ts              the handler and the Hono app
//   worker/routes/, worker/cron/                HTTP sub-apps; cron dispatch
//   worker/sync/                                jobs, queue consumer, sync runs
//   worker/features/                            one folder per feature: logic and queries
//   worker/toggl/, db/, lib/, auth/, *.ts       Toggl client, schema, helpers, sessions
//   shared/                                     the worker <-> extension contract
//
// A layer may import its own layer and any layer below it. Type-only imports count too.
// The extension and shared/ never import the worker; shared/ imports no app code and no runtime
// (Workers, DOM, Hono, Drizzle, Preact); nothing outside test/ imports test/.

const ENTRY = "^worker/(index|app)\\.ts$";
const ROUTES_CRON = "^worker/(routes|cron)/";
const SYNC = "^worker/sync/";
const FEATURES = "^worker/features/";
// The base: toggl/, db/, lib/, auth/ and the loose files (env.ts, version.ts).
const BASE = ["^worker/(toggl|db|lib|auth)/", "^worker/(?!index\\.ts$|app\\.ts$)[^/]+\\.ts$"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "Modules that import each other (directly or around a loop) cannot be read, tested or moved apart.",
      from: {},
      to: { circular: true },
    },
    {
      name: "worker-entry-is-top",
      severity: "error",
      comment: "Only worker/index.ts and worker/app.ts wire things together; nothing below imports them.",
      from: { path: "^worker/", pathNot: ENTRY },
      to: { path: ENTRY },
    },
    {
      name: "sync-not-up",
      severity: "error",
      comment: "worker/sync/ runs jobs; it does not reach up into routes or cron.",
      from: { path: SYNC },
      to: { path: ROUTES_CRON },
    },
    {
      name: "features-not-up",
      severity: "error",
      comment: "Features never import worker/sync/, worker/cron/ or worker/routes/: orchestration lives above them.",
      from: { path: FEATURES },
      to: { path: [ROUTES_CRON, SYNC] },
    },
    {
      name: "base-not-up",
      severity: "error",
      comment: "The Toggl client, db, lib, auth and the loose worker files serve every feature and know none of them.",
      from: { path: BASE },
      to: { path: [ROUTES_CRON, SYNC, FEATURES] },
    },
    {
      name: "extension-not-worker",
      severity: "error",
      comment: "The extension talks to the worker over HTTP, with types from shared/.",
      from: { path: "^extension/" },
      to: { path: "^worker/" },
    },
    {
      name: "shared-imports-no-app-code",
      severity: "error",
      comment: "shared/ sits below both apps and the tests.",
      from: { path: "^shared/" },
      to: { path: "^(worker|extension|test)/" },
    },
    {
      name: "shared-is-runtime-neutral",
      severity: "error",
      comment: "shared/ runs in the worker and the extension: no Workers, DOM, Hono, Drizzle or Preact imports.",
      from: { path: "^shared/" },
      to: {
        path: [
          "^cloudflare:",
          "(^|/)node_modules/(hono|@hono|drizzle-orm|preact|@preact|wxt|@wxt-dev|@cloudflare|wrangler)/",
        ],
      },
    },
    {
      name: "shared-no-node-builtins",
      severity: "error",
      comment: "shared/ runs in the worker and the extension, where Node's modules are not there.",
      from: { path: "^shared/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "app-code-not-test",
      severity: "error",
      comment: "Product code never imports test code (the stand-in, fixtures, helpers).",
      from: { path: "^(worker|extension|shared)/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: {
      path: [
        "^\\.output/",
        "^\\.wxt/",
        "^\\.wrangler/",
        "^test-results/",
        "^migrations/",
        "^worker/worker-configuration\\.d\\.ts$",
        "^test/toggl-stand-in/openapi/",
      ],
    },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
