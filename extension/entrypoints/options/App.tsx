import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { ConnectionsTab } from "../../components/admin/ConnectionsTab";
import { OverviewTab } from "../../components/admin/OverviewTab";
import { SettingsTab } from "../../components/admin/SettingsTab";
import { TimelineTab } from "../../components/admin/TimelineTab";
import { UsersTab } from "../../components/admin/UsersTab";
import { isAdmin, me, refreshMe, serverUrl, signedIn } from "../../state/session";

// Everyone sees Settings, so it is the tab to fall back to.
const SETTINGS = { id: "settings", label: "Settings", admin: false, view: SettingsTab } as const;
const TABS = [
  { id: "overview", label: "Overview", admin: true, view: OverviewTab },
  { id: "connections", label: "Connections", admin: true, view: ConnectionsTab },
  { id: "users", label: "Users", admin: true, view: UsersTab },
  { id: "timeline", label: "Timeline", admin: true, view: TimelineTab },
  SETTINGS,
] as const;
type TabId = (typeof TABS)[number]["id"];

function initialTab(): TabId {
  const hash = location.hash.slice(1);
  return TABS.some((t) => t.id === hash) ? (hash as TabId) : "overview";
}

export function App() {
  const tab = useSignal<TabId>(initialTab());
  useEffect(() => {
    if (signedIn.value) void refreshMe().catch(() => undefined);
  }, [signedIn.value]);

  const visible = TABS.filter((t) => !t.admin || isAdmin.value);
  const current = visible.find((t) => t.id === tab.value) ?? visible[visible.length - 1] ?? SETTINGS;
  const select = (id: TabId) => {
    tab.value = id;
    history.replaceState(null, "", `#${id}`);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = visible.findIndex((t) => t.id === current.id);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = visible[(i + step + visible.length) % visible.length];
    if (!next) return;
    select(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  const View = current.view;

  return (
    <main class="admin-page">
      <div class="bar">
        <h1>Hourline admin</h1>
        <span class="muted small">
          {me.value ? `${me.value.account.name} · ${me.value.user.email} (${me.value.user.role})` : "Not signed in"} ·{" "}
          {serverUrl.value}
        </span>
      </div>
      {!signedIn.value && <p class="notice">Sign in from the toolbar popup to manage your account.</p>}
      {signedIn.value && !isAdmin.value && (
        <p class="notice">Only account owners and admins can manage connections and users.</p>
      )}
      <div role="tablist" aria-label="Admin sections" onKeyDown={onKeyDown}>
        {visible.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={t.id === current.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => select(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <section id={`panel-${current.id}`} role="tabpanel" aria-labelledby={`tab-${current.id}`}>
        {/* Admin views are built afresh for each account: one account's never show under another. */}
        <View key={current.admin ? `${current.id}:${me.value?.account.id ?? ""}` : current.id} />
      </section>
    </main>
  );
}
