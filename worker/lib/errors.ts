// The one error shape, `{ error: { code, message, retryAfterSeconds?, details? } }`. Domain code
// throws ApiError; the app's onError (on-error.ts) answers it, and translates everything else.
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error the API answers with its status and `{ error: { code, message, … } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Sent as `retryAfterSeconds` and as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found`);

export function errorBody(code: string, message: string, details?: unknown, retryAfterSeconds?: number) {
  return {
    error: {
      code,
      message,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(details !== undefined ? { details } : {}),
    },
  };
}
