/**
 * Why a Toggl call failed.
 * - auth: 401/403 from /me or another user-level path: Toggl rejects the token itself
 * - forbidden: 401/403 on a workspace, organization, report or webhook path: the token's owner may
 *   not use that workspace or resource (only /me tells whether the token itself is dead)
 * - quota: 402 with X-Toggl-Quota-Remaining ≤ 0 (hourly quota used up; never retried)
 * - plan: 402 with quota left (feature not in the workspace's plan; never retried)
 * - rate_limited: 429 still answered after the backoff budget
 * - not_found: 404 · conflict: 409 (e.g. stopping a stopped entry) · bad_request: 400/422
 * - gone: 410 · server: 5xx after retries · timeout · network
 * - budget: refused locally by the quota guard; nothing was sent
 * - invalid_response: 2xx whose body is not what Hourline relies on
 */
export type TogglErrorKind =
  | "auth"
  | "forbidden"
  | "quota"
  | "plan"
  | "rate_limited"
  | "not_found"
  | "conflict"
  | "bad_request"
  | "gone"
  | "server"
  | "timeout"
  | "network"
  | "budget"
  | "invalid_response";

export interface TogglErrorInit {
  kind: TogglErrorKind;
  /** HTTP status, when Toggl answered. */
  status?: number;
  /** Toggl's own message (error bodies are JSON strings, or HTML for 429). */
  togglMessage?: string;
  retryAfterSeconds?: number;
  method?: string;
  /** Request path without the origin (never carries credentials). */
  path?: string;
  cause?: unknown;
}

/** One error class for every Toggl failure; the token never appears in it. */
export class TogglError extends Error {
  readonly kind: TogglErrorKind;
  readonly status: number | undefined;
  readonly togglMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(init: TogglErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "TogglError";
    this.kind = init.kind;
    this.status = init.status;
    this.togglMessage = init.togglMessage;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.method = init.method;
    this.path = init.path;
  }

  /** Worth trying again later without changing the request (quota, rate limit, outage). */
  get transient(): boolean {
    return ["quota", "rate_limited", "server", "timeout", "network", "budget"].includes(this.kind);
  }
}

const LABELS: Record<TogglErrorKind, string> = {
  auth: "Toggl rejected the API token",
  forbidden: "Toggl denied access to this workspace or resource",
  quota: "Toggl API quota exhausted",
  plan: "Not available on this Toggl plan",
  rate_limited: "Toggl rate limit hit",
  not_found: "Not found in Toggl",
  conflict: "Toggl reported a conflict",
  bad_request: "Toggl rejected the request",
  gone: "Toggl endpoint is gone",
  server: "Toggl server error",
  timeout: "Toggl did not answer in time",
  network: "Could not reach Toggl",
  budget: "Toggl quota reserved for interactive use",
  invalid_response: "Unexpected answer from Toggl",
};

function describe(init: TogglErrorInit): string {
  let text = LABELS[init.kind];
  if (init.togglMessage) text += `: ${init.togglMessage}`;
  if (init.method && init.path) text += ` (${init.method} ${init.path}${init.status ? ` → ${init.status}` : ""})`;
  if (init.retryAfterSeconds !== undefined) text += `; retry after ${init.retryAfterSeconds}s`;
  return text;
}

export function isTogglError(err: unknown, kind?: TogglErrorKind): err is TogglError {
  return err instanceof TogglError && (kind === undefined || err.kind === kind);
}

/**
 * Toggl's error text from a body: a JSON string literal ("Time entry already stopped"), plain text,
 * or an nginx HTML page for 429. Trimmed and shortened; HTML is reduced to its title.
 */
export function togglMessageFromBody(body: string): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  if (text.startsWith("<")) {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return title || "HTML error page";
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "string") return clip(parsed);
    if (parsed && typeof parsed === "object") {
      const o = parsed as Record<string, unknown>;
      for (const key of ["message", "error", "error_message"]) if (typeof o[key] === "string") return clip(o[key]);
    }
  } catch {
    // plain text
  }
  return clip(text);
}

const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);
