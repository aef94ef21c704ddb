// zValidator wired to the one error shape: a failed check throws the ZodError, which the app's
// onError answers as 400 invalid_input with the issues.
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError } from "../../lib/errors";

export function valid<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return;
    // The json validator sees {} when Content-Type is missing; say so instead of listing fields.
    if (target === "json" && !/^application\/([\w.+-]*\+)?json\b/i.test(c.req.header("content-type") ?? "")) {
      throw new ApiError(400, "invalid_input", "Send a JSON body with Content-Type: application/json");
    }
    throw result.error;
  });
}
