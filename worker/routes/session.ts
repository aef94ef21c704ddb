// POST/DELETE /api/session, GET /api/me.
import { Hono } from "hono";
import { createSessionSchema } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import { revokeSession } from "../auth/sessions";
import type { AppEnv } from "../env";
import { currentMe, signIn } from "../features/session/sign-in";
import { valid } from "../lib/validation";

export const routes = new Hono<AppEnv>()
  .post("/session", valid("json", createSessionSchema), async (c) =>
    c.json(await signIn(c.env, c.get("db"), c.req.valid("json").togglApiToken), 201),
  )
  .delete("/session", requireUser, async (c) => {
    await revokeSession(c.get("db"), c.get("caller").sessionId);
    return c.body(null, 204);
  })
  .get("/me", requireUser, async (c) => c.json(await currentMe(c.get("db"), c.get("caller"))));
