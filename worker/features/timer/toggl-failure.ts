// What a failed Toggl call means to the person who clicked start or stop: one status, code and
// sentence per failure kind. Pure; the routes turn it into the error body.
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { TogglError } from "../../toggl/errors";

export interface TimerFailure {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  retryAfterSeconds?: number;
  /** ISO time the quota comes back. */
  resetsAt?: string;
}

export function describeTogglFailure(err: TogglError, now: Date): TimerFailure {
  const said = err.togglMessage ? ` (Toggl said: ${err.togglMessage})` : "";
  switch (err.kind) {
    case "quota":
    case "budget": {
      const retryAfterSeconds = Math.max(1, err.retryAfterSeconds ?? 60);
      const resetsAt = new Date(now.getTime() + retryAfterSeconds * 1000).toISOString();
      return {
        status: 503,
        code: "toggl_quota_exhausted",
        message: `Your Toggl API quota for this hour is used up; it resets at ${resetsAt.slice(11, 16)} UTC (in ${formatWait(retryAfterSeconds)})`,
        retryAfterSeconds,
        resetsAt,
      };
    }
    case "rate_limited": {
      const retryAfterSeconds = Math.max(1, err.retryAfterSeconds ?? 5);
      return {
        status: 503,
        code: "toggl_rate_limited",
        message: `Toggl is slowing down requests; try again in ${formatWait(retryAfterSeconds)}`,
        retryAfterSeconds,
      };
    }
    case "auth":
      return {
        status: 401,
        code: "toggl_token_rejected",
        message: "Toggl no longer accepts your API token; sign in again with your current token",
      };
    case "bad_request":
      return { status: 400, code: "toggl_rejected", message: `Toggl refused the time entry${said}` };
    case "plan":
      return { status: 502, code: "toggl_plan", message: `Toggl: this is not available on the workspace's plan${said}` };
    case "timeout":
      return { status: 502, code: "toggl_unavailable", message: "Toggl did not answer in time; try again" };
    case "network":
      return { status: 502, code: "toggl_unavailable", message: "Could not reach Toggl; try again" };
    default:
      return { status: 502, code: "toggl_failed", message: `Toggl failed to handle the request${said}` };
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
