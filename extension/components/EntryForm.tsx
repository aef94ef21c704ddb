import { useSignal } from "@preact/signals";
import type { TaskTarget } from "../../shared/contract";
import type { Draft } from "../lib/entry-bodies";
import { localClock, localDate, parseSpan, parseStart } from "../lib/time-input";
import { TagPicker } from "./TagPicker";
import { TaskPicker } from "./TaskPicker";

/** What the form was opened with; `stop` only for finished entries. */
interface EntryInitial {
  target: TaskTarget | null;
  description: string;
  tags: string[];
  billable: boolean;
  start: string | null;
  stop?: string | null;
}

interface Props {
  /** Prefix of the inputs' ids (several forms can be open). */
  id: string;
  /** "running": a new start ("09:10" or "-10 min"); "finished": a day with from and to. */
  kind: "running" | "finished";
  initial: EntryInitial;
  submitLabel: string;
  busy: boolean;
  onSubmit: (draft: Draft) => Promise<boolean>;
  onCancel: () => void;
}

/** Edits the running entry, a recent one, or adds one after the fact. */
export function EntryForm({ id, kind, initial, submitLabel, busy, onSubmit, onCancel }: Props) {
  const target = useSignal(initial.target);
  const targetChanged = useSignal(false);
  const description = useSignal(initial.description);
  const tags = useSignal(initial.tags);
  const billable = useSignal(initial.billable);
  const startText = useSignal(initial.start ? localClock(initial.start) : "");
  const day = useSignal(localDate(initial.start ? new Date(initial.start) : new Date()));
  const toText = useSignal(initial.stop ? localClock(initial.stop) : "");
  const error = useSignal<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const draft: Draft = {
      target: target.value,
      targetChanged: targetChanged.value,
      description: description.value.trim(),
      tags: tags.value,
      billable: billable.value,
    };
    if (!draft.target && !initial.target) return void (error.value = "Pick a task first.");
    const initialStart = initial.start ? localClock(initial.start) : "";
    if (kind === "running") {
      if (startText.value.trim() !== initialStart) {
        const start = parseStart(startText.value, new Date());
        if (!start) return void (error.value = "Enter when it started, e.g. 09:10 or -10 min.");
        draft.start = start;
      }
    } else {
      const changed =
        !initial.start ||
        startText.value.trim() !== initialStart ||
        toText.value.trim() !== localClock(initial.stop ?? initial.start) ||
        day.value !== localDate(new Date(initial.start));
      if (changed) {
        const span = parseSpan(day.value, startText.value, toText.value);
        if (typeof span === "string") return void (error.value = span);
        Object.assign(draft, span);
      }
    }
    error.value = null;
    await onSubmit(draft);
  };

  const workspaceId = target.value?.workspaceId ?? initial.target?.workspaceId ?? null;
  return (
    <form class="stack entry-form" onSubmit={(e) => void submit(e)} aria-label={submitLabel}>
      <label for={`${id}-task`}>Task</label>
      <TaskPicker
        id={`${id}-task`}
        value={target.value}
        onChange={(t) => {
          target.value = t;
          targetChanged.value = true;
          if (t) billable.value = t.billable;
        }}
      />
      <label for={`${id}-description`}>Description</label>
      <input
        id={`${id}-description`}
        type="text"
        value={description.value}
        onInput={(e) => (description.value = e.currentTarget.value)}
      />
      <label for={`${id}-tags`}>Tags</label>
      <TagPicker id={`${id}-tags`} workspaceId={workspaceId} value={tags.value} onChange={(t) => (tags.value = t)} />
      <label class="inline">
        <input type="checkbox" checked={billable.value} onChange={(e) => (billable.value = e.currentTarget.checked)} />
        Billable
      </label>
      {kind === "running" ? (
        <>
          <label for={`${id}-start`}>Started at</label>
          <input
            id={`${id}-start`}
            type="text"
            placeholder="09:10 or -10 min"
            value={startText.value}
            onInput={(e) => (startText.value = e.currentTarget.value)}
          />
        </>
      ) : (
        <div class="row">
          <span class="grow">
            <label for={`${id}-day`}>Day</label>
            <input
              id={`${id}-day`}
              type="date"
              value={day.value}
              onInput={(e) => (day.value = e.currentTarget.value)}
            />
          </span>
          <span class="grow">
            <label for={`${id}-from`}>From</label>
            <input
              id={`${id}-from`}
              type="text"
              placeholder="09:10"
              value={startText.value}
              onInput={(e) => (startText.value = e.currentTarget.value)}
            />
          </span>
          <span class="grow">
            <label for={`${id}-to`}>To</label>
            <input
              id={`${id}-to`}
              type="text"
              placeholder="10:40"
              value={toText.value}
              onInput={(e) => (toText.value = e.currentTarget.value)}
            />
          </span>
        </div>
      )}
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <div class="row">
        <button class="primary" type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
