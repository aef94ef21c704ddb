import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { TaskTarget } from "../../shared/contract";
import { matchesSearch } from "../../shared/task-search";
import { searchTasks, tasks, tasksError, tasksLoading } from "../state/tasks";

/** The held list filtered by the server's own rule while the server's answer is on its way. */
function matching(targets: TaskTarget[], query: string): TaskTarget[] {
  if (!query.trim()) return targets;
  return targets.filter((t) => matchesSearch(`${t.workspaceName} ${t.label}`.toLowerCase(), query));
}

interface Props {
  /** The input's id (its label points at it). */
  id: string;
  value: TaskTarget | null;
  onChange: (target: TaskTarget | null) => void;
}

/** A combobox over imported tasks: type to search, arrow keys to move, Enter to pick. */
export function TaskPicker({ id, value, onChange }: Props) {
  const query = useSignal("");
  const open = useSignal(false);
  const active = useSignal(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const search = (text: string) => {
    query.value = text;
    open.value = true;
    active.value = 0;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void searchTasks(text), 150);
  };

  const pick = (target: TaskTarget) => {
    onChange(target);
    open.value = false;
    // Next time the picker opens, it starts from the full list again.
    if (query.value) void searchTasks("");
    query.value = "";
  };

  // Narrow what is shown by the typed words at once, so Enter never picks from a stale answer
  // while the server's search is on its way.
  const list = matching(tasks.value, query.value);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      open.value = true;
      active.value = Math.min(active.value + 1, Math.max(0, list.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      active.value = Math.max(active.value - 1, 0);
    } else if (e.key === "Enter" && open.value) {
      const target = list[active.value];
      if (target) {
        e.preventDefault();
        pick(target);
      }
    } else if (e.key === "Escape") {
      open.value = false;
    }
  };

  if (value) {
    return (
      <div class="chip" data-testid="picked-task">
        <span class="grow">
          <span class="title">{value.label}</span>
          {value.workspaceName && <span class="small muted"> · {value.workspaceName}</span>}
        </span>
        <button type="button" onClick={() => onChange(null)} aria-label="Change task">
          Change
        </button>
      </div>
    );
  }

  const activeOption = list[active.value];
  return (
    <div class="combo">
      <input
        id={id}
        type="search"
        role="combobox"
        // Preact's typings want `list` alongside role="combobox"; the options live in our own listbox.
        list={undefined}
        aria-expanded={open.value && list.length > 0}
        aria-controls={`${id}-options`}
        aria-autocomplete="list"
        aria-activedescendant={open.value && activeOption ? `${id}-${activeOption.key}` : undefined}
        placeholder="Search tasks, projects, clients"
        value={query.value}
        onInput={(e) => search(e.currentTarget.value)}
        onFocus={() => {
          open.value = true;
          if (list.length === 0) void searchTasks(query.value);
        }}
        onBlur={() => setTimeout(() => (open.value = false), 150)}
        onKeyDown={onKeyDown}
      />
      {open.value && list.length > 0 && (
        <ul id={`${id}-options`} role="listbox" aria-label="Tasks">
          {list.map((t, i) => (
            <li
              key={t.key}
              id={`${id}-${t.key}`}
              role="option"
              aria-selected={i === active.value}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(t);
              }}
            >
              {t.label} <span class="small">· {t.workspaceName}</span>
            </li>
          ))}
        </ul>
      )}
      {open.value && !tasksLoading.value && list.length === 0 && query.value && (
        <p class="muted small">No task matches “{query.value}”.</p>
      )}
      {tasksError.value && <p class="error small">{tasksError.value}</p>}
    </div>
  );
}
