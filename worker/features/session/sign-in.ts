// Signing in with a Toggl API token, and who the session belongs to. Exactly one Toggl call per
// sign-in: /me counts on the 30-an-hour user bucket on every plan.
import type { Me, SessionCreated } from "../../../shared/contract";
import { createSession } from "../../auth/sessions";
import type { Bindings, Caller, Db } from "../../env";
import { ApiError } from "../../lib/errors";
import { TogglClient } from "../../toggl/client";
import { storeCredential } from "../../toggl/credentials";
import { isTogglError } from "../../toggl/errors";
import { recordQuota } from "../../toggl/quota-store";
import { matchMembersForUser } from "../members/store";
import { findAccount, findUser, toUser } from "../users/store";
import { identifyPerson } from "./identify";

type SignInEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;

/** Checks the token with Toggl, finds (or creates) the person's user, stores the token encrypted and opens a session. */
export async function signIn(env: SignInEnv, db: Db, togglApiToken: string, now = new Date()): Promise<SessionCreated> {
  const toggl = new TogglClient({ baseUrl: env.TOGGL_API_URL, apiToken: togglApiToken, priority: "interactive" });
  const me = await toggl.me().catch((err: unknown) => {
    throw tokenCheckFailure(err);
  });

  const { user } = await identifyPerson(db, { togglUserId: me.id, email: me.email, name: me.fullname }, now);
  const credentialId = await storeCredential(
    env,
    db,
    {
      accountId: user.accountId,
      userId: user.id,
      togglUserId: me.id,
      apiToken: togglApiToken,
      timezone: me.timezone ?? null,
      beginningOfWeek: me.beginning_of_week ?? null,
    },
    now,
  );
  if (toggl.lastQuota) await recordQuota(db, { accountId: user.accountId, credentialId }, toggl.lastQuota);
  await matchMembersForUser(db, user.accountId, { id: user.id, email: user.email, togglUserId: me.id }, now);

  const account = await findAccount(db, user.accountId);
  if (!account) throw new Error(`Account ${user.accountId} of user ${user.id} is missing`);
  const session = await createSession(db, { accountId: user.accountId, userId: user.id }, now);
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toUser(user), account };
}

/** The signed-in caller's user and account. */
export async function currentMe(db: Db, caller: Caller): Promise<Me> {
  const [user, account] = await Promise.all([
    findUser(db, caller.accountId, caller.userId),
    findAccount(db, caller.accountId),
  ]);
  if (!user || !account) throw new ApiError(401, "unauthenticated", "Session expired or signed out: sign in again");
  return { user: toUser(user), account };
}

/**
 * What a failed /me means at sign-in: "auth" is the pasted token being wrong, and any other
 * failure but the quota or rate limit (answered like every Toggl failure) left it unchecked.
 */
function tokenCheckFailure(err: unknown): unknown {
  if (!isTogglError(err)) return err;
  if (err.kind === "auth") {
    return new ApiError(
      401,
      "toggl_token_rejected",
      "Toggl did not accept this API token. Copy it again from Toggl Track → Profile settings → API Token.",
    );
  }
  if (err.kind === "quota" || err.kind === "budget" || err.kind === "rate_limited") return err;
  return new ApiError(502, "toggl_unavailable", `Could not check the token with Toggl: ${err.message}`);
}
