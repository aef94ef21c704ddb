import { useSignal } from "@preact/signals";
import type { StartTimerBody, TaskTarget } from "../../shared/contract";
import { buildTimeLogTitle } from "../../shared/time-log";
import { suggestions, type Suggestion } from "../lib/suggestions";
import { recentTimeLogs, startTimer, timerBusy } from "../state/timer";
import { TagPicker } from "./TagPicker";
import { TaskPicker } from "./TaskPicker";

export function StartForm() {
  const target = useSignal<TaskTarget | null>(null);
  const description = useSignal("");
  const billable = useSignal(false);
  const tags = useSignal<string[]>([]);
  const error = useSignal<string | null>(null);
  const active = useSignal(-1);

  const reset = () => {
    description.value = "";
    tags.value = [];
    target.value = null;
    billable.value = false;
    active.value = -1;
  };
  const choose = (t: TaskTarget | null) => {
    target.value = t;
    // Billable follows the target (its project's setting) until the person changes it.
    if (t) billable.value = t.billable;
  };
  const start = async (input: StartTimerBody, title: string) => {
    error.value = null;
    if (await startTimer(input, title)) reset();
  };
  const startSuggestion = (s: Suggestion) => void start(s.input, s.title);

  const submit = async (e: Event) => {
    e.preventDefault();
    const t = target.value;
    if (!t) {
      error.value = "Pick a task first.";
      return;
    }
    const input: StartTimerBody = {
      workspaceId: t.workspaceId,
      ...(t.projectId ? { projectId: t.projectId } : {}),
      ...(t.taskId ? { taskId: t.taskId } : {}),
      description: description.value.trim(),
      billable: billable.value,
      tags: tags.value,
    };
    await start(
      input,
      buildTimeLogTitle({
        client: t.clientName,
        project: t.projectName,
        task: t.taskName,
        description: input.description,
      }),
    );
  };

  // The person's recent description + target pairs matching what is typed; Enter starts one.
  const offered = target.value ? [] : suggestions(recentTimeLogs.value, description.value);
  const onKeyDown = (e: KeyboardEvent) => {
    if (offered.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active.value = Math.max(-1, Math.min(active.value + (e.key === "ArrowDown" ? 1 : -1), offered.length - 1));
    } else if (e.key === "Enter") {
      const picked = offered[active.value];
      if (!picked) return;
      e.preventDefault();
      startSuggestion(picked);
    }
  };

  return (
    <form class="card stack" onSubmit={(e) => void submit(e)} aria-labelledby="start-title">
      <h2 id="start-title">Start a timer</h2>
      <label for="description">Description</label>
      <div class="combo">
        <input
          id="description"
          type="text"
          role="combobox"
          list={undefined}
          autoComplete="off"
          aria-expanded={offered.length > 0}
          aria-controls="suggestions"
          aria-autocomplete="list"
          aria-activedescendant={offered[active.value] ? `suggestion-${active.value}` : undefined}
          value={description.value}
          onInput={(e) => {
            description.value = e.currentTarget.value;
            active.value = -1;
          }}
          onKeyDown={onKeyDown}
        />
        {offered.length > 0 && (
          <ul id="suggestions" role="listbox" aria-label="Recent entries">
            {offered.map((s, i) => (
              <li
                key={s.key}
                id={`suggestion-${i}`}
                role="option"
                aria-selected={i === active.value}
                onMouseDown={(e) => {
                  e.preventDefault();
                  startSuggestion(s);
                }}
              >
                {s.title}
              </li>
            ))}
          </ul>
        )}
      </div>
      <label for="task-search">Task</label>
      <TaskPicker id="task-search" value={target.value} onChange={choose} />
      <label for="tags">Tags</label>
      <TagPicker
        id="tags"
        workspaceId={target.value?.workspaceId ?? null}
        value={tags.value}
        onChange={(t) => (tags.value = t)}
      />
      <label class="inline">
        <input type="checkbox" checked={billable.value} onChange={(e) => (billable.value = e.currentTarget.checked)} />
        Billable
      </label>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <button class="primary" type="submit" disabled={timerBusy.value}>
        Start
      </button>
    </form>
  );
}
