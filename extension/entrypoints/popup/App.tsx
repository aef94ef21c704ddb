import { useEffect } from "preact/hooks";
import { browser } from "wxt/browser";
import { AccountSwitcher } from "../../components/AccountSwitcher";
import { AdminSection } from "../../components/AdminSection";
import { IdlePrompt } from "../../components/IdlePrompt";
import { InvitationBanner } from "../../components/InvitationBanner";
import { QueueNotice } from "../../components/QueueNotice";
import { RecentTimeLogs } from "../../components/RecentTimeLogs";
import { SignInForm } from "../../components/SignInForm";
import { StartForm } from "../../components/StartForm";
import { TimerCard } from "../../components/TimerCard";
import { Totals } from "../../components/Totals";
import { isAdmin, me, refreshMe, sessionReady, signedIn, signOut } from "../../state/session";
import { refreshSummary } from "../../state/summary";
import { refreshInvitations } from "../../state/invitations";
import { searchTasks } from "../../state/tasks";
import { offline, refreshRecent, refreshTimer, timerError } from "../../state/timer";

function SignedIn() {
  useEffect(() => {
    // Cached state is already painted; the network refreshes it.
    void refreshMe().catch(() => undefined);
    void refreshInvitations();
    void refreshTimer();
    void refreshRecent();
    void refreshSummary();
    void searchTasks("");
    const id = setInterval(() => {
      void refreshTimer();
      void refreshRecent();
      void refreshSummary();
    }, 15_000);
    return () => clearInterval(id);
  }, []);

  return (
    <>
      <div class="bar">
        <h1>Hourline</h1>
        <div class="row small">
          <span class="muted" title={me.value?.user.email}>
            {me.value?.user.name || me.value?.user.email}
          </span>
          {isAdmin.value && (
            <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
              Admin
            </button>
          )}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
      <AccountSwitcher />
      <InvitationBanner />
      {offline.value && (
        <p class="notice" role="status">
          Offline — showing saved data. Starts and stops are queued and sent when the server answers.
        </p>
      )}
      <QueueNotice />
      {timerError.value && (
        <p class="error" role="alert">
          {timerError.value}
        </p>
      )}
      <IdlePrompt />
      <Totals />
      <TimerCard />
      <StartForm />
      <RecentTimeLogs />
      {isAdmin.value && <AdminSection />}
    </>
  );
}

export function App() {
  if (!sessionReady.value) return null;
  // Everything below is built afresh for each account: nothing of one shows under another.
  return <main class="popup">{signedIn.value ? <SignedIn key={me.value?.account.id ?? ""} /> : <SignInForm />}</main>;
}
