// The app's onError: the one place where a thrown error becomes an HTTP answer. ApiError is
// answered as it is; Toggl failures (TogglError) and input checks (ZodError, Hono's
// HTTPException) are translated here, so changing how a Toggl quota or rate limit reads is a
// change to this file.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { ApiError, errorBody } from "./lib/errors";
import { TogglError } from "./toggl/errors";

/** Every failure a route did not answer itself, in the one error shape. */
export function onError(err: Error, c: Context): Response {
  const e = asApiError(err, new Date());
  if (!e) {
    console.error("unhandled error", err.message);
    return c.json(errorBody("internal", "Internal error"), 500);
  }
  if (e.retryAfterSeconds !== undefined) c.header("Retry-After", String(e.retryAfterSeconds));
  return c.json(errorBody(e.code, e.message, e.details, e.retryAfterSeconds), e.status);
}

function asApiError(err: Error, now: Date): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof TogglError) return describeTogglFailure(err, now);
  if (err instanceof ZodError) return new ApiError(400, "invalid_input", "Invalid input", err.issues);
  if (err instanceof HTTPException) {
    if (err.status === 400) return new ApiError(400, "invalid_input", err.message || "Malformed request");
    return new ApiError(err.status, "http_error", err.message || "Request failed");
  }
  return null;
}

/**
 * What a failed Toggl call means to the person who asked: one status, code and sentence per
 * failure kind (quota with its reset time, rate limit, token rejected, Toggl down).
 */
function describeTogglFailure(err: TogglError, now: Date): ApiError {
  const said = err.togglMessage ? ` (Toggl said: ${err.togglMessage})` : "";
  switch (err.kind) {
    case "quota":
    case "budget": {
      const retryAfterSeconds = Math.max(1, err.retryAfterSeconds ?? 60);
      const resetsAt = new Date(now.getTime() + retryAfterSeconds * 1000).toISOString();
      const message = `Your Toggl API quota for this hour is used up; it resets at ${resetsAt.slice(11, 16)} UTC (in ${formatWait(retryAfterSeconds)})`;
      return new ApiError(503, "toggl_quota_exhausted", message, { resetsAt }, retryAfterSeconds);
    }
    case "rate_limited": {
      const retryAfterSeconds = Math.max(1, err.retryAfterSeconds ?? 5);
      const message = `Toggl is slowing down requests; try again in ${formatWait(retryAfterSeconds)}`;
      return new ApiError(503, "toggl_rate_limited", message, undefined, retryAfterSeconds);
    }
    case "auth":
      return new ApiError(
        401,
        "toggl_token_rejected",
        "Toggl no longer accepts your API token; sign in again with your current token",
      );
    case "forbidden":
      return new ApiError(403, "toggl_forbidden", `Toggl does not let you do this in that workspace${said}`);
    case "bad_request":
      return new ApiError(400, "toggl_rejected", `Toggl refused the request${said}`);
    case "plan":
      return new ApiError(502, "toggl_plan", `Toggl: this is not available on the workspace's plan${said}`);
    case "timeout":
      return new ApiError(502, "toggl_unavailable", "Toggl did not answer in time; try again");
    case "network":
      return new ApiError(502, "toggl_unavailable", "Could not reach Toggl; try again");
    default:
      return new ApiError(502, "toggl_failed", `Toggl failed to handle the request${said}`);
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
