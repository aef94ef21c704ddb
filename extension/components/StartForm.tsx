import { useSignal } from "@preact/signals";
import type { StartTimerBody, TaskTarget } from "../../shared/contract";
import { buildTimeLogTitle } from "../../shared/time-log";
import { parseTags } from "../lib/format";
import { startTimer, timerBusy } from "../state/timer";
import { TaskPicker } from "./TaskPicker";

export function StartForm() {
  const target = useSignal<TaskTarget | null>(null);
  const description = useSignal("");
  const billable = useSignal(false);
  const tags = useSignal("");
  const error = useSignal<string | null>(null);

  const choose = (t: TaskTarget | null) => {
    target.value = t;
    // Billable follows the target (its project's setting) until the person changes it.
    if (t) billable.value = t.billable;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const t = target.value;
    if (!t) {
      error.value = "Pick a task first.";
      return;
    }
    error.value = null;
    const input: StartTimerBody = {
      workspaceId: t.workspaceId,
      ...(t.projectId ? { projectId: t.projectId } : {}),
      ...(t.taskId ? { taskId: t.taskId } : {}),
      description: description.value.trim(),
      billable: billable.value,
      tags: parseTags(tags.value),
    };
    const title = buildTimeLogTitle({
      client: t.clientName,
      project: t.projectName,
      task: t.taskName,
      description: input.description,
    });
    if (await startTimer(input, title)) {
      description.value = "";
      tags.value = "";
      target.value = null;
      billable.value = false;
    }
  };

  return (
    <form class="card stack" onSubmit={(e) => void submit(e)} aria-labelledby="start-title">
      <h2 id="start-title">Start a timer</h2>
      <label for="task-search">Task</label>
      <TaskPicker value={target.value} onChange={choose} />
      <label for="description">Description</label>
      <input
        id="description"
        type="text"
        value={description.value}
        onInput={(e) => (description.value = e.currentTarget.value)}
      />
      <label for="tags">Tags (comma separated)</label>
      <input id="tags" type="text" value={tags.value} onInput={(e) => (tags.value = e.currentTarget.value)} />
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
