import { useSignal } from "@preact/signals";
import { describeError, isApiError } from "../lib/api-error";
import { signedOutReason, signIn } from "../state/session";

export function SignInForm() {
  const token = useSignal("");
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!token.value.trim()) {
      error.value = "Paste your Toggl API token first.";
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      await signIn(token.value);
      token.value = "";
    } catch (err) {
      error.value =
        isApiError(err) && err.status === 401
          ? "Toggl did not accept this API token. Copy it again from your Toggl profile."
          : describeError(err);
    } finally {
      busy.value = false;
    }
  };

  return (
    <form class="card stack" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in with Toggl</h1>
      {signedOutReason.value && (
        <p class="notice" role="status">
          {signedOutReason.value}
        </p>
      )}
      <label for="toggl-token">Toggl API token</label>
      <input
        id="toggl-token"
        type="password"
        autoComplete="off"
        spellcheck={false}
        value={token.value}
        onInput={(e) => (token.value = e.currentTarget.value)}
        aria-describedby="toggl-token-hint"
      />
      <p id="toggl-token-hint" class="muted small">
        Find it in Toggl → Profile settings → API Token (
        <a href="https://track.toggl.com/profile" target="_blank" rel="noreferrer">
          track.toggl.com/profile
        </a>
        ).
      </p>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy.value}>
        {busy.value ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
