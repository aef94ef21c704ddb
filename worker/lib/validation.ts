// The one way a route checks its input: @hono/zod-validator with one hook, for the JSON body, the
// query and the path params alike, so every route's type carries what it accepts. A failed check
// throws; the app's onError answers 400 invalid_input with zod's issues.
import { zValidator } from "@hono/zod-validator";
import type { Context, ValidationTargets } from "hono";
import * as z from "zod";
import { ApiError } from "./errors";

/** The media types Hono's json validator reads (anything else, it sees `{}`). */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const sentJson = (c: Context) =>
  JSON_MEDIA_TYPE.test(((c.req.header("content-type") ?? "").split(";")[0] ?? "").trim());
const notJson = () => new ApiError(400, "invalid_input", "Send a JSON body with Content-Type: application/json");

/** `:id` path params. */
export const idParam = z.object({ id: z.string().min(1) });

export function valid<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  const check = zValidator(target, schema, (result, c) => {
    if (result.success) return;
    // The json validator sees {} when Content-Type is missing; say so instead of listing fields.
    if (target === "json" && !sentJson(c)) throw notJson();
    // A ZodError, which onError answers (typed here through zod-validator's version-generic alias).
    const failure: Error = result.error;
    throw failure;
  });
  if (target !== "json") return check;
  // Bodies: one that is not declared JSON is refused rather than read as {}; an empty one reads
  // as {} (routes whose body is optional, like stopping the timer). The text is read once and
  // the validator parses that same text.
  const json: typeof check = async (c, next) => {
    const text = await c.req.text();
    if (text.trim() && !sentJson(c)) throw notJson();
    if (!text.trim()) (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve("{}");
    return check(c, next);
  };
  return json;
}
