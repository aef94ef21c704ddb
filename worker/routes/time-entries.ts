// /api/time-entries: finished entries of the caller's own, added, edited or deleted in Toggl with
// their own token.
import type { Context } from "hono";
import { Hono } from "hono";
import { createTimeEntrySchema, patchTimeEntrySchema, togglIdParam } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { timerContext } from "../features/timer/access";
import { createTimeEntry, deleteTimeEntry, updateTimeEntry } from "../features/timer/entries";
import { valid } from "../lib/validation";

const context = (c: Context<AppEnv>) => timerContext(c.env, c.get("db"), c.get("caller"));

export const routes = new Hono<AppEnv>()
  .use(requireUser)
  .post("/", valid("json", createTimeEntrySchema), async (c) => {
    const added = await createTimeEntry(context(c), c.req.valid("json"));
    return "log" in added ? c.json(added.log, 201) : c.json(added.beforeHistory, 202);
  })
  .patch("/:togglId", valid("param", togglIdParam), valid("json", patchTimeEntrySchema), async (c) =>
    c.json(await updateTimeEntry(context(c), c.req.valid("param").togglId, c.req.valid("json"))),
  )
  .delete("/:togglId", valid("param", togglIdParam), async (c) => {
    await deleteTimeEntry(context(c), c.req.valid("param").togglId);
    return c.body(null, 204);
  });
