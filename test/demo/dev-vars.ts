// Local secrets for `wrangler dev`: .dev.vars with a fresh random TOKEN_ENCRYPTION_KEY when missing.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** base64 of 32 random bytes: the AES-GCM key for Toggl tokens and webhook secrets at rest. */
function freshEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}

/** What .dev.vars should contain: the text kept as it is when it already sets the key. */
export function withEncryptionKey(current: string | null, key: string): { text: string; changed: boolean } {
  if (current !== null && /^\s*TOKEN_ENCRYPTION_KEY\s*=\s*\S+/m.test(current)) return { text: current, changed: false };
  const line = `TOKEN_ENCRYPTION_KEY=${key}\n`;
  if (current === null)
    return {
      text: `# Local secrets for wrangler dev (created by npm start; see .dev.vars.example).\n${line}`,
      changed: true,
    };
  return { text: `${current}${current.endsWith("\n") || current === "" ? "" : "\n"}${line}`, changed: true };
}

/** Creates or completes the file; says what it did. */
export function ensureDevVars(path: string): "created" | "completed" | "kept" {
  const existed = existsSync(path);
  const { text, changed } = withEncryptionKey(existed ? readFileSync(path, "utf8") : null, freshEncryptionKey());
  if (!changed) return "kept";
  writeFileSync(path, text, { mode: 0o600 });
  return existed ? "completed" : "created";
}
