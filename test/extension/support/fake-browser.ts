// Must be the first import of a test file: wxt/browser picks the global extension API when it is
// first evaluated, so the in-memory fake has to be installed before any extension module loads.
import { fakeBrowser } from "wxt/testing/fake-browser";

const g = globalThis as unknown as { chrome: unknown; browser: unknown };
g.chrome = fakeBrowser;
g.browser = fakeBrowser;

export { fakeBrowser };

/** Empties extension storage between tests (keeps listeners, unlike resetState()). */
export async function clearExtensionStorage(): Promise<void> {
  await fakeBrowser.storage.local.clear();
}
