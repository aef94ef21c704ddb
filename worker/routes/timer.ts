import type { Context } from "hono";
import { Hono } from "hono";
import { startTimerSchema, stopTimerSchema } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { valid } from "../lib/validation";
import { currentTimer, startTimer, stopTimer, type TimerContext } from "../features/timer/service";

const context = (c: Context<AppEnv>): TimerContext => ({
  env: c.env,
  db: c.get("db"),
  caller: c.get("caller"),
  now: new Date(),
});

export const routes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => c.json(await currentTimer(c.get("db"), c.get("caller"))))
  .post("/start", valid("json", startTimerSchema), async (c) =>
    c.json(await startTimer(context(c), c.req.valid("json")), 201),
  )
  // The body is optional: {} or nothing stops now; { stoppedAt } replays an offline stop.
  .post("/stop", valid("json", stopTimerSchema), async (c) => c.json(await stopTimer(context(c), c.req.valid("json"))));
