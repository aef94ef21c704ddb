import { useSignal } from "@preact/signals";
import { settings, saveSettings } from "../../state/settings";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/** Monday first, as most working weeks read. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** Idle detection and reminders: off until the person turns them on (each asks for its permission). */
export function HelpersSettings() {
  const s = settings.value;
  const message = useSignal<{ ok: boolean; text: string } | null>(null);
  const save = async (next: typeof s, permission: "idle" | "notifications" | null) => {
    const saved = await saveSettings(next, permission).catch(() => false);
    message.value = saved
      ? { ok: true, text: "Saved." }
      : { ok: false, text: "Not saved: the browser did not grant the permission." };
  };
  const idle = s.idle;
  const r = s.reminders;
  const number = (value: string, min: number, max: number, fallback: number) => {
    const n = Math.round(Number(value));
    return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  };

  return (
    <>
      <section class="card stack" style={{ maxWidth: "520px" }} aria-labelledby="idle-settings-title">
        <h2 id="idle-settings-title">Idle detection</h2>
        <label class="inline">
          <input
            type="checkbox"
            checked={idle.enabled}
            onChange={(e) =>
              void save(
                { ...s, idle: { ...idle, enabled: e.currentTarget.checked } },
                e.currentTarget.checked ? "idle" : null,
              )
            }
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
          onChange={(e) =>
            void save(
              {
                ...s,
                idle: { ...idle, thresholdMinutes: number(e.currentTarget.value, 1, 240, idle.thresholdMinutes) },
              },
              null,
            )
          }
        />
      </section>
      <section class="card stack" style={{ maxWidth: "520px" }} aria-labelledby="reminder-settings-title">
        <h2 id="reminder-settings-title">Reminders</h2>
        <label class="inline">
          <input
            type="checkbox"
            checked={r.enabled}
            onChange={(e) =>
              void save(
                { ...s, reminders: { ...r, enabled: e.currentTarget.checked } },
                e.currentTarget.checked ? "notifications" : null,
              )
            }
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
                onChange={(e) =>
                  void save(
                    {
                      ...s,
                      reminders: {
                        ...r,
                        days: e.currentTarget.checked ? [...r.days, d] : r.days.filter((x) => x !== d),
                      },
                    },
                    null,
                  )
                }
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
              onChange={(e) => void save({ ...s, reminders: { ...r, from: e.currentTarget.value || r.from } }, null)}
            />
          </span>
          <span class="grow">
            <label for="reminder-to">To</label>
            <input
              id="reminder-to"
              type="time"
              value={r.to}
              onChange={(e) => void save({ ...s, reminders: { ...r, to: e.currentTarget.value || r.to } }, null)}
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
              onChange={(e) =>
                void save(
                  { ...s, reminders: { ...r, everyMinutes: number(e.currentTarget.value, 5, 240, r.everyMinutes) } },
                  null,
                )
              }
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
