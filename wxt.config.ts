import { defineConfig } from "wxt";

// The extension lives in extension/ (entrypoints, components, state); built to .output/chrome-mv3.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  imports: false,
  manifest: {
    name: "Hourline",
    description: "Start Toggl Track timers on your team's tasks and see your recent Time Logs.",
    // Public key only: it pins the extension id, whatever folder the unpacked build is loaded from.
    key: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAroX38MzLmYu3yepbSdQlEaFdgNcdR2ktj5gMDYXrml5wj7V8W5BtD9PV1grV+/LMe2M5PwYNkLporAiCCon/oFrhq3faqlkEPkLTQvL2wwU22joPFKdlDTQNRx3EqAD/OZs5Oo/rv63IY0rUTtRmICWCKKbi8GMqeJLI6U8lnPZiQ+v2KppB4ptGB7gyR156zj6IjXCXGG1bSGfDZM+rKqvqWsyGGvOCxoDLxzm4P8jX4XfvKoFi0L6U+TABhSEqwzvdS+d/+KMuZUf1xtn/TVvpHNPeX5rcvqA5hVhV2TNDvG4rAS6FgqawfFyiye2dy/C7OAIOWpsFr4OXswMaJwIDAQAB",
    permissions: ["storage", "alarms"],
    // Any port on loopback: the local worker (wrangler dev, test harnesses).
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
    // Asked for at runtime when an admin points the extension at another server.
    optional_host_permissions: ["https://*/*", "http://*/*"],
    commands: {
      "toggle-timer": {
        suggested_key: { default: "Alt+Shift+T" },
        description: "Stop the running timer, or continue the last Time Log",
      },
    },
  },
  vite: () => ({
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    resolve: { alias: { react: "preact/compat", "react-dom": "preact/compat" } },
  }),
});
