import { Hono } from "hono";
import { listTasksQuery } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { valid } from "../lib/validation";
import { searchTaskTargets } from "../features/tasks/store";
import { viewerOf } from "../features/workspace-mirror/visibility";

// GET /api/tasks?q=&limit= — trackable targets of the imported tree, straight from D1 (no Toggl call).
export const routes = new Hono<AppEnv>().get("/", requireUser, valid("query", listTasksQuery), async (c) => {
  const started = performance.now();
  const db = c.get("db");
  // Members see only what Toggl lets them track on (private projects they are not in are left out).
  const items = await searchTaskTargets(db, await viewerOf(db, c.get("caller")), c.req.valid("query"));
  // The search's own time (D1 included), apart from the session check and transport.
  c.header("Server-Timing", `search;dur=${(performance.now() - started).toFixed(1)}`);
  return c.json({ items });
});
