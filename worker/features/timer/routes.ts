import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import { Hono } from "hono";
import { startTimerSchema, stopTimerSchema } from "../../../shared/contract";
import { requireUser } from "../../auth/middleware";
import type { AppEnv } from "../../env";
import { ApiError } from "../../lib/errors";
import { TogglError } from "../../toggl/errors";
import { currentTimer, startTimer, stopTimer, type TimerContext } from "./service";
import { describeTogglFailure } from "./toggl-failure";

/**
 * The json validator sees {} without a JSON content type, and Hono's own parse error is not our
 * error shape: refuse such bodies here with a clear 400.
 */
async function requireJson(c: Context<AppEnv>, next: () => Promise<void>) {
  const type = c.req.header("content-type") ?? "";
  const body = await c.req.raw.clone().text();
  if (body.trim() && !/^application\/json\b/i.test(type)) {
    throw new ApiError(400, "invalid_input", "Send the body as JSON (Content-Type: application/json)");
  }
  if (body.trim()) {
    try {
      JSON.parse(body);
    } catch {
      throw new ApiError(400, "invalid_input", "The body is not valid JSON");
    }
  }
  await next();
}

const context = (c: Context<AppEnv>): TimerContext => ({ env: c.env, db: c.get("db"), caller: c.get("caller"), now: new Date() });

/** Toggl failures answer with what happened (quota and its reset time, token rejected, Toggl down). */
function togglFailure(c: Context<AppEnv>, err: unknown) {
  if (!(err instanceof TogglError)) throw err;
  const f = describeTogglFailure(err, new Date());
  if (f.retryAfterSeconds !== undefined) c.header("Retry-After", String(f.retryAfterSeconds));
  return c.json(
    {
      error: {
        code: f.code,
        message: f.message,
        ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
        ...(f.resetsAt ? { details: { resetsAt: f.resetsAt } } : {}),
      },
    },
    f.status,
  );
}

export const routes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => c.json(await currentTimer(c.get("db"), c.get("caller"))))
  .post(
    "/start",
    requireJson,
    zValidator("json", startTimerSchema, (result) => {
      if (!result.success) throw result.error;
    }),
    async (c) => {
    try {
      return c.json(await startTimer(context(c), c.req.valid("json")), 201);
    } catch (err) {
      return togglFailure(c, err);
    }
  },
  )
  .post("/stop", requireJson, async (c) => {
    // The body is optional: {} or nothing stops now; { stoppedAt } replays an offline stop.
    const text = await c.req.text();
    const input = stopTimerSchema.parse(text.trim() ? JSON.parse(text) : {});
    try {
      return c.json(await stopTimer(context(c), input));
    } catch (err) {
      return togglFailure(c, err);
    }
  });
