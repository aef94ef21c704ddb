import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { createSessionSchema, type Me, type SessionCreated } from "../../../shared/contract";
import { requireUser } from "../../auth/middleware";
import { createSession, revokeSession } from "../../auth/sessions";
import type { AppEnv } from "../../env";
import { ApiError } from "../../lib/errors";
import { TogglClient } from "../../toggl/client";
import { isTogglError, type TogglError } from "../../toggl/errors";
import { recordQuota } from "../../toggl/quota-store";
import { matchMembersForUser } from "../members/store";
import { findAccount, findUser, toUser } from "../users/store";
import { storeCredential } from "./credentials";
import { identifyPerson } from "./identify";
import { valid } from "./validation";

export const routes = new Hono<AppEnv>()
  .post("/session", valid("json", createSessionSchema), async (c) => {
    const db = c.get("db");
    const { togglApiToken } = c.req.valid("json");
    const now = new Date();

    // Exactly one Toggl call: /me counts on the 30-an-hour user bucket on every plan.
    const toggl = new TogglClient({ baseUrl: c.env.TOGGL_API_URL, apiToken: togglApiToken, priority: "interactive" });
    let me;
    try {
      me = await toggl.me();
    } catch (err) {
      if (isTogglError(err)) return signInFailure(err);
      throw err;
    }

    const { user } = await identifyPerson(db, { togglUserId: me.id, email: me.email, name: me.fullname }, now);
    const credentialId = await storeCredential(
      c.env,
      db,
      { accountId: user.accountId, userId: user.id, togglUserId: me.id, apiToken: togglApiToken, timezone: me.timezone ?? null },
      now,
    );
    if (toggl.lastQuota) await recordQuota(db, { accountId: user.accountId, credentialId }, toggl.lastQuota);
    await matchMembersForUser(db, user.accountId, { id: user.id, email: user.email, togglUserId: me.id }, now);

    const account = await findAccount(db, user.accountId);
    const session = await createSession(db, { accountId: user.accountId, userId: user.id }, now);
    const body: SessionCreated = { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toUser(user), account: account! };
    return c.json(body, 201);
  })
  .delete("/session", requireUser, async (c) => {
    await revokeSession(c.get("db"), c.get("caller").sessionId);
    return c.body(null, 204);
  })
  .get("/me", requireUser, async (c) => {
    const db = c.get("db");
    const { accountId, userId } = c.get("caller");
    const [user, account] = await Promise.all([findUser(db, accountId, userId), findAccount(db, accountId)]);
    if (!user || !account) throw new ApiError(401, "unauthenticated", "Session expired or signed out: sign in again");
    const body: Me = { user: toUser(user), account };
    return c.json(body);
  });

/** Toggl's answer to /me in our error shape; the token is never echoed. */
function signInFailure(err: TogglError): Response {
  let status: ContentfulStatusCode;
  let code: string;
  let message: string;
  switch (err.kind) {
    case "auth":
      [status, code, message] = [401, "toggl_token_rejected", "Toggl did not accept this API token. Copy it again from Toggl Track → Profile settings → API Token."];
      break;
    case "quota":
    case "budget":
      [status, code, message] = [503, "toggl_quota_exhausted", "Toggl's hourly request quota for this user is used up; try again later."];
      break;
    case "rate_limited":
      [status, code, message] = [503, "toggl_rate_limited", "Toggl is asking us to slow down; try again in a moment."];
      break;
    default:
      [status, code, message] = [502, "toggl_unavailable", `Could not check the token with Toggl: ${err.message}`];
  }
  const retryAfterSeconds = status === 503 ? (err.retryAfterSeconds ?? 60) : undefined;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  const error = retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds };
  return new Response(JSON.stringify({ error }), { status, headers });
}
