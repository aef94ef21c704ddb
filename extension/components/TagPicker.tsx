import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { tagNameFits, TAG_NAME_MAX_BYTES } from "../../shared/tags";
import { loadTags, tagsOf } from "../state/tags";

interface Props {
  id: string;
  workspaceId: string | null;
  value: string[];
  onChange: (tags: string[]) => void;
}

/**
 * Tags as chips over the workspace's mirrored tags: type to filter, arrows to move, Enter (or a
 * comma) to add the highlighted tag or create the typed one, Backspace in the empty box to remove
 * the last.
 */
export function TagPicker({ id, workspaceId, value, onChange }: Props) {
  const text = useSignal("");
  const active = useSignal(0);
  const open = useSignal(false);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    if (workspaceId) void loadTags(workspaceId);
  }, [workspaceId]);

  const typed = text.value.trim();
  const known = workspaceId ? tagsOf(workspaceId) : [];
  const options = known.filter((t) => !value.includes(t) && t.toLowerCase().includes(typed.toLowerCase())).slice(0, 8);
  const creates = typed && !known.some((t) => t.toLowerCase() === typed.toLowerCase()) && !value.includes(typed);
  const list = creates ? [...options, typed] : options;

  const add = (tag: string) => {
    if (!tagNameFits(tag)) {
      error.value = `A tag can be at most ${TAG_NAME_MAX_BYTES} bytes long.`;
      return;
    }
    error.value = null;
    if (!value.includes(tag)) onChange([...value, tag]);
    text.value = "";
    active.value = 0;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      open.value = true;
      active.value = Math.max(0, Math.min(active.value + (e.key === "ArrowDown" ? 1 : -1), list.length - 1));
    } else if ((e.key === "Enter" || e.key === ",") && typed) {
      e.preventDefault();
      add(list[active.value] ?? typed);
    } else if (e.key === "Backspace" && !text.value && value.length > 0) {
      onChange(value.slice(0, -1));
    } else if (e.key === "Escape") {
      open.value = false;
    }
  };

  const listId = `${id}-options`;
  const shown = open.value && list.length > 0;
  return (
    <div class="combo">
      {value.length > 0 && (
        <ul class="plain chips" aria-label="Chosen tags">
          {value.map((tag) => (
            <li class="tag" key={tag}>
              {tag}{" "}
              <button
                type="button"
                class="link"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(value.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        type="text"
        role="combobox"
        list={undefined}
        autoComplete="off"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${listId}-${active.value}` : undefined}
        placeholder="Add a tag"
        value={text.value}
        onInput={(e) => {
          text.value = e.currentTarget.value;
          open.value = true;
          active.value = 0;
        }}
        onFocus={() => (open.value = true)}
        onBlur={() => setTimeout(() => (open.value = false), 150)}
        onKeyDown={onKeyDown}
      />
      {shown && (
        <ul id={listId} role="listbox" aria-label="Tags">
          {list.map((tag, i) => (
            <li
              key={tag}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active.value}
              onMouseDown={(e) => {
                e.preventDefault();
                add(tag);
              }}
            >
              {creates && i === list.length - 1 ? `Create “${tag}”` : tag}
            </li>
          ))}
        </ul>
      )}
      {error.value && (
        <p class="error small" role="alert">
          {error.value}
        </p>
      )}
    </div>
  );
}
