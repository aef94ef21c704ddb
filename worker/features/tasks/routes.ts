import { Hono } from "hono";
import { listTasksQuery } from "../../../shared/contract";
import { requireUser } from "../../auth/middleware";
import type { AppEnv } from "../../env";
import { searchTaskTargets } from "./store";

// GET /api/tasks?q=&limit= — trackable targets of the imported tree, straight from D1 (no Toggl call).
export const routes = new Hono<AppEnv>().get("/", requireUser, async (c) => {
  const query = listTasksQuery.parse(c.req.query());
  const items = await searchTaskTargets(c.get("db"), c.get("caller").accountId, query);
  return c.json({ items });
});
