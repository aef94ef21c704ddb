// Runs before every extension test file, next to WXT's own setup file (WxtVitest() adds that one):
// WXT's installs the in-memory fake browser as the `browser`/`chrome` globals and behind
// `wxt/browser` before any test file is imported, so test files import extension modules in any
// order. This one resets state between tests.
import { cleanup } from "@testing-library/preact";
import { afterEach, beforeEach } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";

// Each test starts from empty storage. Listeners stay: a file that registers the background's
// once keeps them for all its tests (fakeBrowser.reset() would drop them).
beforeEach(async () => {
  await Promise.all([
    fakeBrowser.storage.local.clear(),
    fakeBrowser.storage.session.clear(),
    fakeBrowser.storage.sync.clear(),
  ]);
});

// happy-dom has no confirm(): here nobody answers yes, and a test that needs a yes spies on it.
globalThis.confirm ??= () => false;

// Components rendered by a test are unmounted after it.
afterEach(() => {
  cleanup();
});
