// GET /api/summary — the caller's totals today and this week, from D1 (no Toggl call).
import { Hono } from "hono";
import { summaryQuery } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { summaryFor } from "../features/time-logs/summary";
import { valid } from "../lib/validation";

export const routes = new Hono<AppEnv>().get("/", requireUser, valid("query", summaryQuery), async (c) =>
  c.json(await summaryFor(c.get("db"), c.get("caller"), c.req.valid("query").timeZone)),
);
