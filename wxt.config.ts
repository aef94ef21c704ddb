import type { Plugin } from "vite";
import { defineConfig } from "wxt";

/** Firefox's add-on id (browser_specific_settings.gecko.id). */
export const GECKO_ID = "hourline@hourline.app";

/**
 * Hosts an admin may point the extension at; asked for at runtime (optional). https only: sessions
 * and Toggl tokens travel to that server (loopback over http is already in host_permissions).
 */
const OTHER_SERVERS = ["https://*/*"];

/**
 * Every file an extension page fetches before it paints costs it 15–30 ms (the popup bench shows
 * it), so the pages' HTML fetches nothing it does not need: the stylesheet goes inline (extension
 * pages' content security policy restricts scripts, not styles), and a module script whose chunk
 * came out empty is not loaded (WXT adds one to every page for its runtime plugins, of which
 * Hourline has none; the module preload polyfill is off, as every supported browser has
 * modulepreload).
 */
function leanPages(): Plugin {
  const inlined = new Set<string>();
  return {
    name: "hourline:lean-pages",
    apply: "build",
    enforce: "post",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        if (!bundle) return html;
        return html
          .replace(/<link rel="stylesheet"[^>]*href="\/?([^"]+\.css)"[^>]*>/g, (link, file: string) => {
            const asset = bundle[file];
            if (asset?.type !== "asset") return link;
            inlined.add(file);
            return `<style>${String(asset.source)}</style>`;
          })
          .replace(/<script type="module"[^>]*src="\/?([^"]+\.js)"[^>]*><\/script>/g, (script, file: string) => {
            const chunk = bundle[file];
            return chunk?.type === "chunk" && chunk.code.trim() === "" ? "" : script;
          });
      },
    },
    generateBundle(_, bundle) {
      // An inlined stylesheet no script refers to is not shipped twice.
      const code = Object.values(bundle).map((output) => (output.type === "chunk" ? output.code : ""));
      for (const file of inlined) {
        const name = file.slice(file.lastIndexOf("/") + 1);
        if (!code.some((c) => c.includes(name))) delete bundle[file];
      }
    },
  };
}

// The extension lives in extension/ (entrypoints, components, state, public icons); built to
// .output/chrome-mv3, and with `-b firefox` to .output/firefox-mv2.
export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  publicDir: "extension/public",
  imports: false,
  manifest: ({ browser, manifestVersion, mode }) => {
    const mv2 = manifestVersion === 2;
    return {
      name: "Hourline",
      description: "Start Toggl Track timers on your team's tasks and see your recent Time Logs.",
      ...(browser === "firefox"
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                strict_min_version: "142.0",
                // The person's Toggl token and identity go to the Hourline server they sign in to.
                data_collection_permissions: { required: ["authenticationInfo", "personallyIdentifyingInfo"] },
              },
            },
          }
        : {
            // Public key only: it pins the extension id, whatever folder the unpacked build is loaded from.
            key: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAroX38MzLmYu3yepbSdQlEaFdgNcdR2ktj5gMDYXrml5wj7V8W5BtD9PV1grV+/LMe2M5PwYNkLporAiCCon/oFrhq3faqlkEPkLTQvL2wwU22joPFKdlDTQNRx3EqAD/OZs5Oo/rv63IY0rUTtRmICWCKKbi8GMqeJLI6U8lnPZiQ+v2KppB4ptGB7gyR156zj6IjXCXGG1bSGfDZM+rKqvqWsyGGvOCxoDLxzm4P8jX4XfvKoFi0L6U+TABhSEqwzvdS+d/+KMuZUf1xtn/TVvpHNPeX5rcvqA5hVhV2TNDvG4rAS6FgqawfFyiye2dy/C7OAIOWpsFr4OXswMaJwIDAQAB",
          }),
      // contextMenus: "Start timer for '<selection>'". Idle detection and reminders are off by
      // default and ask for their permission when the person turns them on in Settings.
      permissions: ["storage", "alarms", "contextMenus"],
      optional_permissions: ["idle", "notifications", ...(mv2 ? OTHER_SERVERS : [])],
      // Any port on loopback: the local worker (wrangler dev, test harnesses).
      host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
      // Asked for at runtime when an admin points the extension at another server (Manifest V2
      // has no such key: they are optional permissions there).
      ...(mv2 ? {} : { optional_host_permissions: OTHER_SERVERS }),
      commands: {
        "toggle-timer": {
          suggested_key: { default: "Alt+Shift+T" },
          description: "Stop the running timer, or continue the last Time Log",
        },
        [mv2 ? "_execute_browser_action" : "_execute_action"]: {
          suggested_key: { default: "Alt+Shift+H" },
          description: "Open Hourline",
        },
      },
      // The browser suite's Firefox build only: Firefox lets a test open the popup and the admin
      // page in a tab only when they are web-accessible. Never in a shipped build.
      ...(mode === "e2e"
        ? {
            web_accessible_resources: [
              { resources: ["popup.html", "popup-app.js", "options.html", "chunks/*"], matches: ["<all_urls>"] },
            ],
          }
        : {}),
    };
  },
  // Mozilla's review gets the sources; test artifacts and local state are not sources.
  zip: { excludeSources: ["test-results/**", ".wrangler/**", ".dev.vars"] },
  vite: () => ({
    plugins: [leanPages()],
    build: { modulePreload: { polyfill: false } },
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    resolve: { alias: { react: "preact/compat", "react-dom": "preact/compat" } },
  }),
});
