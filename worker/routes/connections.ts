// /api/toggl/workspaces, /api/connections, /api/overview (owners and admins only).
import { Hono } from "hono";
import { createConnectionsSchema, listRunsQuery, resyncConnectionSchema } from "../../shared/contract";
import { requireAdmin, requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { buildOverview, listConnections, listRuns, listTogglWorkspaces } from "../features/connections/service";
import { idParam, valid } from "../lib/validation";
import { connectWorkspaces, resyncConnection, unlinkConnection } from "../sync/connections";

/** Where Toggl calls us back: PUBLIC_URL, else the origin this request reached. */
const callbackBase = (publicUrl: string | undefined, requestUrl: string) => publicUrl || new URL(requestUrl).origin;

export const routes = new Hono<AppEnv>()
  .use("/toggl/*", requireUser, requireAdmin)
  .use("/connections/*", requireUser, requireAdmin)
  .use("/overview", requireUser, requireAdmin)
  .get("/toggl/workspaces", async (c) =>
    c.json({ items: await listTogglWorkspaces(c.env, c.get("db"), c.get("caller")) }),
  )
  .post("/connections", valid("json", createConnectionsSchema), async (c) => {
    const input = c.req.valid("json");
    const items = await connectWorkspaces(
      c.env,
      c.get("db"),
      c.get("caller"),
      input,
      callbackBase(c.env.PUBLIC_URL, c.req.url),
    );
    return c.json({ items }, 201);
  })
  .get("/connections", async (c) => {
    const items = await listConnections(c.get("db"), c.get("caller").accountId);
    return c.json({ items });
  })
  .delete("/connections/:id", valid("param", idParam), async (c) =>
    c.json(await unlinkConnection(c.env, c.get("db"), c.get("caller"), c.req.valid("param").id)),
  )
  .post("/connections/:id/sync", valid("param", idParam), valid("json", resyncConnectionSchema), async (c) =>
    c.json(
      await resyncConnection(
        c.env,
        c.get("db"),
        c.get("caller"),
        c.req.valid("param").id,
        callbackBase(c.env.PUBLIC_URL, c.req.url),
        c.req.valid("json"),
      ),
    ),
  )
  .get("/connections/:id/runs", valid("param", idParam), valid("query", listRunsQuery), async (c) => {
    const { limit } = c.req.valid("query");
    return c.json({ items: await listRuns(c.get("db"), c.get("caller").accountId, c.req.valid("param").id, limit) });
  })
  .get("/overview", async (c) => c.json(await buildOverview(c.get("db"), c.get("caller").accountId)));
