import type { Context } from "hono";
import { Hono } from "hono";
import { editTimerSchema, startTimerSchema, stopTimerSchema } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { valid } from "../lib/validation";
import { timerContext } from "../features/timer/access";
import { discardRunningTimer, editRunningTimer } from "../features/timer/edit";
import { currentTimer, startTimer, stopTimer } from "../features/timer/service";

const context = (c: Context<AppEnv>) => timerContext(c.env, c.get("db"), c.get("caller"));

export const routes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => c.json(await currentTimer(c.get("db"), c.get("caller"))))
  .post("/start", valid("json", startTimerSchema), async (c) =>
    c.json(await startTimer(context(c), c.req.valid("json")), 201),
  )
  // The body is optional: {} or nothing stops now; { stoppedAt } replays an offline stop.
  .post("/stop", valid("json", stopTimerSchema), async (c) => c.json(await stopTimer(context(c), c.req.valid("json"))))
  .patch("/", valid("json", editTimerSchema), async (c) =>
    c.json(await editRunningTimer(context(c), c.req.valid("json"))),
  )
  .delete("/", async (c) => {
    await discardRunningTimer(context(c));
    return c.body(null, 204);
  });
