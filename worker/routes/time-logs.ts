// /api/time-logs: the Time Log timeline and the admins' per-entry toggles.
import { Hono } from "hono";
import { listTimeLogsQuery, patchTimeLogSchema } from "../../shared/contract";
import { requireAdmin, requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { listTimeLogsFor, updateTimeLogFlags } from "../features/time-logs/read";
import { idParam, valid } from "../lib/validation";

export const routes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", valid("query", listTimeLogsQuery), async (c) =>
    c.json(await listTimeLogsFor(c.get("db"), c.get("caller"), c.req.valid("query"))),
  )
  .patch("/:id", requireAdmin, valid("param", idParam), valid("json", patchTimeLogSchema), async (c) =>
    c.json(
      await updateTimeLogFlags(c.get("db"), c.get("caller").accountId, c.req.valid("param").id, c.req.valid("json")),
    ),
  );
