// Layering and cycles, checked by `npm run deps`: the README's layer table, rule for rule.
//
//   entry            worker/index.ts, worker/app.ts, worker/on-error.ts    everything below
//   routes           worker/routes/           sync, features, infrastructure, shared/ (not another route file)
//   sync             worker/sync/             features, infrastructure, shared/
//   features         worker/features/<f>/     other features (no cycles between them), infrastructure, shared/
//   infrastructure   worker/toggl/, db/, lib/, auth/    each other (no cycles), shared/
//   contract         shared/ (contract.ts, headers.ts, enums.ts, time-log.ts)    nothing from worker/ or extension/;
//                                                                    no Workers, DOM, Hono or Drizzle
//
// worker/env.ts (binding and context types; it imports only the schema's types) and
// worker/version.ts may be used from every layer. Type-only imports count too. The extension
// never imports the worker; nothing outside test/ imports test/.

const ENTRY = "^worker/(index|app|on-error)\\.ts$";
const ROUTES = "^worker/routes/";
const SYNC = "^worker/sync/";
const FEATURES = "^worker/features/";
const INFRASTRUCTURE = "^worker/(toggl|db|lib|auth)/";
const USABLE_EVERYWHERE = "^worker/(env|version|clock)\\.ts$";
// Folder paths as the folder-scoped rule sees them (no trailing slash): one per feature, and the
// infrastructure folders.
const FOLDERS_WITHOUT_CYCLES = "^worker/(features/[^/]+|toggl|db|lib|auth)$";

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
      name: "no-cycle-between-features-or-infrastructure",
      severity: "error",
      comment: "Features may use other features, and infrastructure folders each other, but never both ways round.",
      scope: "folder",
      from: { path: FOLDERS_WITHOUT_CYCLES },
      to: { path: FOLDERS_WITHOUT_CYCLES, circular: true },
    },
    {
      name: "worker-layers-known",
      severity: "error",
      comment: "Every worker module belongs to a layer of the README's table (or is env.ts / version.ts).",
      from: { path: "^worker/", pathNot: [ENTRY, ROUTES, SYNC, FEATURES, INFRASTRUCTURE, USABLE_EVERYWHERE] },
      to: {},
    },
    {
      name: "entry-is-top",
      severity: "error",
      comment: "Only the entry (index.ts, app.ts, on-error.ts) wires things together; nothing below imports it.",
      from: { path: "^worker/", pathNot: ENTRY },
      to: { path: ENTRY },
    },
    {
      name: "routes-not-up-or-across",
      severity: "error",
      comment: "A route file uses sync, features, infrastructure and shared/, never another route file.",
      from: { path: ROUTES },
      to: { path: ROUTES },
    },
    {
      name: "sync-not-up",
      severity: "error",
      comment: "worker/sync/ runs jobs; it does not reach up into routes.",
      from: { path: SYNC },
      to: { path: ROUTES },
    },
    {
      name: "features-not-up",
      severity: "error",
      comment: "Features never import worker/sync/ or worker/routes/: orchestration lives above them.",
      from: { path: FEATURES },
      to: { path: [ROUTES, SYNC] },
    },
    {
      name: "infrastructure-not-up",
      severity: "error",
      comment: "The Toggl client, db, lib and auth serve every feature and know none of them.",
      from: { path: INFRASTRUCTURE },
      to: { path: [ROUTES, SYNC, FEATURES] },
    },
    {
      name: "env-and-version-below-all",
      severity: "error",
      comment:
        "env.ts, version.ts and clock.ts are used from every layer, so they import nothing but the schema's types.",
      from: { path: USABLE_EVERYWHERE },
      to: { path: "^(worker|shared|extension|test)/", pathNot: "^worker/db/schema\\.ts$" },
    },
    {
      name: "env-imports-schema-types-only",
      severity: "error",
      comment: "env.ts takes only types from the schema, so loading it loads no Drizzle tables.",
      from: { path: USABLE_EVERYWHERE },
      to: { path: "^worker/db/schema\\.ts$", dependencyTypesNot: ["type-only"] },
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
      comment: "shared/ (contract.ts, headers.ts, enums.ts, time-log.ts) sits below both apps and the tests.",
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
