// POST/DELETE /api/session, GET /api/me, POST /api/session/account (switch), DELETE /api/sessions.
import { Hono } from "hono";
import { createSessionSchema, switchAccountSchema } from "../../shared/contract";
import { ACCOUNT_HEADER } from "../../shared/headers";
import { requireUser } from "../auth/middleware";
import { revokePersonSessions, revokeSession } from "../auth/sessions";
import { limitSignIn } from "../auth/sign-in-limit";
import type { AppEnv } from "../env";
import { currentMe, signIn, switchAccount } from "../features/session/sign-in";
import { valid } from "../lib/validation";

export const routes = new Hono<AppEnv>()
  .post("/session", limitSignIn, valid("json", createSessionSchema), async (c) =>
    c.json(await signIn(c.env, c.get("db"), c.req.valid("json").togglApiToken), 201),
  )
  .delete("/session", requireUser, async (c) => {
    await revokeSession(c.get("db"), c.get("caller").sessionId);
    return c.body(null, 204);
  })
  .post("/session/account", requireUser, valid("json", switchAccountSchema), async (c) => {
    const me = await switchAccount(c.get("db"), c.get("caller"), c.req.valid("json").accountId);
    c.header(ACCOUNT_HEADER, me.account.id);
    return c.json(me);
  })
  // Sign out everywhere: every session of the person, in every account.
  .delete("/sessions", requireUser, async (c) => {
    await revokePersonSessions(c.get("db"), c.get("caller").personId);
    return c.body(null, 204);
  })
  .get("/me", requireUser, async (c) => c.json(await currentMe(c.get("db"), c.get("caller"))));
