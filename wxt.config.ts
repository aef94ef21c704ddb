import { defineConfig } from "wxt";

// The extension lives in extension/ (entrypoints, components, state); built to .output/chrome-mv3.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  imports: false,
  manifest: {
    name: "Hourline",
    description: "Start Toggl Track timers on your team's tasks and see your recent Time Logs.",
    permissions: ["storage", "alarms"],
    host_permissions: ["http://127.0.0.1:8787/*", "http://localhost:8787/*"],
    optional_host_permissions: ["https://*/*", "http://*/*"],
  },
  vite: () => ({
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    resolve: { alias: { react: "preact/compat", "react-dom": "preact/compat" } },
  }),
});
