// @ts-check
// ESLint for the bugs a type checker alone misses. Formatting is Prettier's job (no style rules
// here); layering and cycles are dependency-cruiser's; unused exports, files and dependencies
// are knip's. Type-aware: each file is checked with the tsconfig of its runtime (worker,
// extension, Node-side tests, worker tests, extension tests), found by the project service.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    ".output/",
    ".wxt/",
    ".wrangler/",
    "test-results/",
    "worker/worker-configuration.d.ts",
    "migrations/meta/",
    "test/toggl-stand-in/openapi/",
  ]),

  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A promise nobody awaits loses its errors and its ordering (recommendedTypeChecked has it;
      // stated here because it is the rule this config exists for).
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      // `return promise` inside try skips the catch and the finally's ordering.
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      // A new union member (role, cron, entity type) must reach every switch over it.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrors: "all",
          caughtErrorsIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // `x!` claims what a cheap check (`if (!x) throw …`, `?? fallback`) would prove. Where the
      // claim is truly known, say why in an eslint-disable comment on that line.
      "@typescript-eslint/no-non-null-assertion": "error",
    },
  },

  {
    // Test code only (tests, their fakes, the Toggl stand-in, the benchmarks); product code keeps every rule.
    files: ["test/**/*.{ts,tsx}"],
    rules: {
      // Nothing here ships: a wrong `!` on a row or seed just asserted on fails the run at that line.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Fakes implement async interfaces (Queue.send, runtime messaging, sleep) with nothing to await.
      "@typescript-eslint/require-await": "off",
    },
  },

  {
    // vitest types its asymmetric matchers (expect.any, expect.stringContaining…) as `any`.
    files: ["test/**/*.test.{ts,tsx}"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },

  {
    // Config files outside every tsconfig: plain JavaScript rules only.
    files: ["**/*.{js,cjs,mjs}"],
    extends: [js.configs.recommended],
  },
);
