import { useSignal } from "@preact/signals";
import { browser } from "wxt/browser";
import { serverUrl, setServerUrl } from "../../state/session";
import { HelpersSettings } from "./HelpersSettings";

/** The worker's address; a new host is granted at runtime (optional host permission). */
export function SettingsTab() {
  const url = useSignal(serverUrl.value);
  const message = useSignal<{ ok: boolean; text: string } | null>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    let origin: string;
    try {
      origin = new URL(url.value.trim()).origin;
      if (!/^https?:/.test(origin)) throw new Error();
    } catch {
      message.value = { ok: false, text: "Enter a full address such as https://hourline.example.com" };
      return;
    }
    try {
      const pattern = `${origin}/*`;
      // Must run inside the click: Chrome only shows the permission prompt for a user gesture.
      const granted =
        (await browser.permissions.contains({ origins: [pattern] })) ||
        (await browser.permissions.request({ origins: [pattern] }));
      if (!granted) {
        message.value = { ok: false, text: `Hourline needs permission to reach ${origin}.` };
        return;
      }
      await setServerUrl(origin);
      url.value = origin;
      message.value = { ok: true, text: `Saved. Sign in again from the popup against ${origin}.` };
    } catch (err) {
      message.value = { ok: false, text: err instanceof Error ? err.message : String(err) };
    }
  };

  return (
    <>
      <form
        class="card stack"
        onSubmit={(e) => void save(e)}
        style={{ maxWidth: "520px" }}
        aria-labelledby="settings-title"
      >
        <h2 id="settings-title">Server</h2>
        <label for="server-url">Hourline server URL</label>
        <input id="server-url" type="url" value={url.value} onInput={(e) => (url.value = e.currentTarget.value)} />
        <p class="muted small">Changing the server signs you out of the current one.</p>
        {message.value && (
          <p class={message.value.ok ? "ok" : "error"} role="status">
            {message.value.text}
          </p>
        )}
        <div>
          <button class="primary" type="submit">
            Save
          </button>
        </div>
      </form>
      <HelpersSettings />
    </>
  );
}
