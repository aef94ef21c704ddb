import { useSignal } from "@preact/signals";
import { browser } from "wxt/browser";
import { describeError } from "../../lib/api-error";
import { checkServerUrl } from "../../lib/server-url";
import { serverUrl, setServerUrl, signedIn, signOutEverywhere } from "../../state/session";
import { HelpersSettings } from "./HelpersSettings";

/**
 * The worker's address (https, or http only on this computer: the session and the Toggl token
 * travel to it); a new host is granted at runtime (optional host permission). And signing out of
 * every session.
 */
export function SettingsTab() {
  const url = useSignal(serverUrl.value);
  const message = useSignal<{ ok: boolean; text: string } | null>(null);

  const save = async (e: Event) => {
    e.preventDefault();
    const checked = checkServerUrl(url.value);
    if (!checked.ok) {
      message.value = { ok: false, text: checked.reason };
      return;
    }
    const { origin } = checked;
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
    <div class="stack" style={{ maxWidth: "520px" }}>
      <form class="card stack" onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
        <h2 id="settings-title">Server</h2>
        <label for="server-url">Hourline server URL</label>
        <input id="server-url" type="url" value={url.value} onInput={(e) => (url.value = e.currentTarget.value)} />
        <p class="muted small">
          Use https:// (http:// only for a server on this computer). Changing the server signs you out of the current
          one.
        </p>
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
      {signedIn.value && <SignOutEverywhere />}
    </div>
  );
}

function SignOutEverywhere() {
  const error = useSignal<string | null>(null);
  const signOutAll = async () => {
    if (!confirm("Sign out of Hourline everywhere: in every account, in every browser?")) return;
    try {
      await signOutEverywhere();
    } catch (e) {
      error.value = describeError(e);
    }
  };
  return (
    <section class="card stack" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p class="muted small">Ends every session you have, in all your accounts and on every device.</p>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <div>
        <button type="button" class="danger" onClick={() => void signOutAll()}>
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
