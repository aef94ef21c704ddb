// How a failed call to the worker reads: the error the API client throws, and the sentence the
// person in front of the popup sees for it.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | null;
  readonly details: unknown;
  constructor(
    status: number,
    code: string,
    message: string,
    retryAfterSeconds: number | null = null,
    details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.details = details;
  }
  /** The server could not be reached at all (offline, wrong URL, worker down). */
  get unreachable(): boolean {
    return this.code === "unreachable";
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** An answer meant for the account the extension has just switched away from: nothing to show. */
export const isStaleAnswer = (e: unknown): boolean => isApiError(e) && e.code === "account_changed";

/** A sentence for the person in front of the popup. */
export function describeError(e: unknown): string {
  if (!isApiError(e)) return e instanceof Error ? e.message : "Something went wrong";
  if (e.unreachable) return "Server unreachable — check your connection or the server URL in the admin page.";
  // Rate limiting is the worker's own sentence; the quota gets the wait in minutes.
  const quota =
    e.code === "toggl_quota_exhausted" || ((e.status === 503 || e.status === 402) && e.code !== "toggl_rate_limited");
  if (quota && e.retryAfterSeconds !== null) {
    const minutes = Math.max(1, Math.ceil(e.retryAfterSeconds / 60));
    return `Toggl's hourly quota is used up, try again in ${minutes} min.`;
  }
  if (e.code === "toggl_quota_exhausted") return "Toggl's hourly quota is used up, try again later.";
  return e.message;
}
