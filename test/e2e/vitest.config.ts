import { defineConfig } from "vitest/config";

// Real Chromium with the built extension (run `wxt build` first: `npm run test:e2e` does).
export default defineConfig({
  test: {
    name: "e2e",
    environment: "node",
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // One browser at a time: the machine has two cores.
    fileParallelism: false,
  },
});
