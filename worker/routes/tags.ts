// GET /api/tags?workspaceId= — the workspace's mirrored tags, straight from D1 (no Toggl call).
import { Hono } from "hono";
import { listTagsQuery, type Items, type Tag } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { listTags } from "../features/timer/tags";
import { valid } from "../lib/validation";

export const routes = new Hono<AppEnv>().get("/", requireUser, valid("query", listTagsQuery), async (c) => {
  const body: Items<Tag> = {
    items: await listTags(c.get("db"), c.get("caller").accountId, c.req.valid("query").workspaceId),
  };
  return c.json(body);
});
