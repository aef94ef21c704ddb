import { Hono } from "hono";
import { createSessionSchema, type Me, type SessionCreated } from "../../../shared/contract";
import { requireUser } from "../../auth/middleware";
import { createSession, revokeSession } from "../../auth/sessions";
import type { AppEnv } from "../../env";
import { ApiError } from "../../lib/errors";
import { valid } from "../../lib/validation";
import { TogglClient } from "../../toggl/client";
import { isTogglError } from "../../toggl/errors";
import { recordQuota } from "../../toggl/quota-store";
import { matchMembersForUser } from "../members/store";
import { findAccount, findUser, toUser } from "../users/store";
import { storeCredential } from "./credentials";
import { identifyPerson } from "./identify";

export const routes = new Hono<AppEnv>()
  .post("/session", valid("json", createSessionSchema), async (c) => {
    const db = c.get("db");
    const { togglApiToken } = c.req.valid("json");
    const now = new Date();

    // Exactly one Toggl call: /me counts on the 30-an-hour user bucket on every plan.
    const toggl = new TogglClient({ baseUrl: c.env.TOGGL_API_URL, apiToken: togglApiToken, priority: "interactive" });
    const me = await toggl.me().catch((err: unknown) => {
      throw tokenCheckFailure(err);
    });

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

/**
 * What a failed /me means at sign-in: "auth" is the pasted token being wrong, and any other
 * failure but the quota or rate limit (answered like every Toggl failure) left it unchecked.
 */
function tokenCheckFailure(err: unknown): unknown {
  if (!isTogglError(err)) return err;
  if (err.kind === "auth") {
    return new ApiError(401, "toggl_token_rejected", "Toggl did not accept this API token. Copy it again from Toggl Track → Profile settings → API Token.");
  }
  if (err.kind === "quota" || err.kind === "budget" || err.kind === "rate_limited") return err;
  return new ApiError(502, "toggl_unavailable", `Could not check the token with Toggl: ${err.message}`);
}
