import { useSignal } from "@preact/signals";
import type { IdleSettings } from "../../lib/idle";
import type { ReminderSettings } from "../../lib/reminders";
import { saveSettings, settings } from "../../state/settings";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/** Monday first, as most working weeks read. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

const bounded = (value: string, min: number, max: number, fallback: number) => {
  const n = Math.round(Number(value));
  return Number.isFinite(n) && value.trim() !== "" ? Math.min(max, Math.max(min, n)) : fallback;
};

/** Idle detection and reminders: off until the person turns them on (each asks for its permission). */
export function HelpersSettings() {
  const { idle, reminders: r } = settings.value;
  const message = useSignal<{ ok: boolean; text: string } | null>(null);
  const save = async (
    change: (c: { idle: IdleSettings; reminders: ReminderSettings }) => object,
    permission: "idle" | "notifications" | null,
  ) => {
    const saved = await saveSettings((c) => ({ ...c, ...change(c) }), permission).catch(() => false);
    message.value = saved
      ? { ok: true, text: "Saved." }
      : { ok: false, text: "Not saved: the browser did not grant the permission." };
  };
  // Values are read inside the event: the change is applied after the permission prompt.
  const setIdle = (patch: Partial<IdleSettings>, permission: "idle" | null = null) =>
    void save((c) => ({ idle: { ...c.idle, ...patch } }), permission);
  const setReminders = (
    patch: (c: ReminderSettings) => Partial<ReminderSettings>,
    permission: "notifications" | null = null,
  ) => void save((c) => ({ reminders: { ...c.reminders, ...patch(c.reminders) } }), permission);

  return (
    <>
      <section class="card stack" style={{ maxWidth: "520px" }} aria-labelledby="idle-settings-title">
        <h2 id="idle-settings-title">Idle detection</h2>
        <label class="inline">
          <input
            type="checkbox"
            checked={idle.enabled}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setIdle({ enabled: on }, on ? "idle" : null);
            }}
          />
          Ask what to do with time away from the computer while a timer runs
        </label>
        <label for="idle-threshold">Away for at least (minutes)</label>
        <input
          id="idle-threshold"
          type="number"
          min={1}
          max={240}
          value={idle.thresholdMinutes}
          onChange={(e) => setIdle({ thresholdMinutes: bounded(e.currentTarget.value, 1, 240, idle.thresholdMinutes) })}
        />
      </section>
      <section class="card stack" style={{ maxWidth: "520px" }} aria-labelledby="reminder-settings-title">
        <h2 id="reminder-settings-title">Reminders</h2>
        <label class="inline">
          <input
            type="checkbox"
            checked={r.enabled}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setReminders(() => ({ enabled: on }), on ? "notifications" : null);
            }}
          />
          Remind me when no timer runs during my working hours
        </label>
        <fieldset class="row wrap" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend class="small muted">Working days</legend>
          {DAY_ORDER.map((d) => (
            <label class="inline" key={d}>
              <input
                type="checkbox"
                checked={r.days.includes(d)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setReminders((c) => ({
                    days: on ? [...new Set([...c.days, d])].sort() : c.days.filter((x) => x !== d),
                  }));
                }}
              />
              {DAYS[d]}
            </label>
          ))}
        </fieldset>
        <div class="row">
          <span class="grow">
            <label for="reminder-from">From</label>
            <input
              id="reminder-from"
              type="time"
              value={r.from}
              onChange={(e) => {
                const from = e.currentTarget.value;
                if (from) setReminders(() => ({ from }));
              }}
            />
          </span>
          <span class="grow">
            <label for="reminder-to">To</label>
            <input
              id="reminder-to"
              type="time"
              value={r.to}
              onChange={(e) => {
                const to = e.currentTarget.value;
                if (to) setReminders(() => ({ to }));
              }}
            />
          </span>
          <span class="grow">
            <label for="reminder-every">Every (minutes)</label>
            <input
              id="reminder-every"
              type="number"
              min={5}
              max={240}
              value={r.everyMinutes}
              onChange={(e) => {
                const every = bounded(e.currentTarget.value, 5, 240, r.everyMinutes);
                setReminders(() => ({ everyMinutes: every }));
              }}
            />
          </span>
        </div>
      </section>
      {message.value && (
        <p class={message.value.ok ? "ok" : "error"} role="status">
          {message.value.text}
        </p>
      )}
    </>
  );
}
