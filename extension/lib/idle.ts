// Idle detection: the browser reports "idle" (no input for the threshold), "locked" or "active";
// coming back after being away past the threshold while a timer ran asks the person what to do
// with that time. Pure: the state and the clock are passed in.

export type IdleState = "active" | "idle" | "locked";

export interface IdleSettings {
  enabled: boolean;
  thresholdMinutes: number;
}

export const DEFAULT_IDLE: IdleSettings = { enabled: false, thresholdMinutes: 10 };

/** What the popup asks about. */
export interface IdlePrompt {
  /** When input stopped. */
  idleSince: string;
  /** When the person came back. */
  returnedAt: string;
  /** The running entry it is about. */
  togglId: string;
  title: string;
}

/**
 * The next tracking state and, on return, the prompt to show. `since` is when the reported state
 * began (for "idle" the browser reports it a threshold after the last input).
 */
export function onIdleState(
  idleSince: string | null,
  event: { state: IdleState; since: string },
  timer: { togglId: string; title: string; start: string; queued?: boolean } | null,
  thresholdMinutes: number,
): { idleSince: string | null; prompt: IdlePrompt | null } {
  if (event.state !== "active") return { idleSince: idleSince ?? event.since, prompt: null };
  if (!idleSince || !timer || timer.queued || !timer.togglId) return { idleSince: null, prompt: null };
  const away = Date.parse(event.since) - Date.parse(idleSince);
  if (away < thresholdMinutes * 60_000 || Date.parse(timer.start) >= Date.parse(idleSince))
    return { idleSince: null, prompt: null };
  return {
    idleSince: null,
    prompt: { idleSince, returnedAt: event.since, togglId: timer.togglId, title: timer.title },
  };
}
