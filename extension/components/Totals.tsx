import { formatClock } from "../lib/format";
import { summary } from "../state/summary";
import { useNow } from "./use-now";

const WEEKDAY = new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" });

/** Today and this week, the running timer ticking in; the week day by day. */
export function Totals() {
  const now = useNow();
  const s = summary.value;
  if (!s) return null;
  // Time the running timer added since the server counted.
  const extra = s.runningSince ? Math.max(0, Math.floor((now - Date.parse(s.asOf)) / 1000)) : 0;
  return (
    <section class="totals" aria-label="Totals" data-testid="totals">
      <p class="row">
        <span class="grow">
          Today <strong data-testid="today-total">{formatClock(s.todaySeconds + extra)}</strong>
        </span>
        <span>
          This week <strong data-testid="week-total">{formatClock(s.weekSeconds + extra)}</strong>
        </span>
      </p>
      <ol class="plain days" aria-label="This week by day">
        {s.days.map((d) => (
          <li key={d.date} class={d.date === s.today ? "today" : undefined}>
            <span class="muted">{WEEKDAY.format(new Date(`${d.date}T00:00:00Z`))}</span>{" "}
            {formatClock(d.seconds + (d.date === s.today ? extra : 0))}
          </li>
        ))}
      </ol>
    </section>
  );
}
