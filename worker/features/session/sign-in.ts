// Signing in with a Toggl API token, and which of the person's accounts the session is in.
// Exactly one Toggl call per sign-in: /me counts on the 30-an-hour user bucket on every plan.
import { normalizeEmail } from "../../../shared/time-log";
import type { Me, SessionCreated } from "../../../shared/contract";
import { createSession, moveSession } from "../../auth/sessions";
import type { Bindings, Caller, Db } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { TogglClient } from "../../toggl/client";
import { storeCredential } from "../../toggl/credentials";
import { isTogglError } from "../../toggl/errors";
import { recordQuota } from "../../toggl/quota-store";
import { clearTokenProblems } from "../connections/owner-problems";
import { matchMembersForUser } from "../members/store";
import { identifyPerson } from "../people/join";
import { describeUser, findAccount, findMembership, listMemberships, setLastAccount } from "../people/store";

type SignInEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;

/**
 * Checks the token with Toggl, finds the person (joining the accounts Toggl vouches for, or making
 * them an account of their own), stores the token encrypted as theirs and opens a session.
 */
export async function signIn(env: SignInEnv, db: Db, togglApiToken: string, now = new Date()): Promise<SessionCreated> {
  const toggl = new TogglClient({ baseUrl: env.TOGGL_API_URL, apiToken: togglApiToken, priority: "interactive" });
  const me = await toggl.me().catch((err: unknown) => {
    throw tokenCheckFailure(err);
  });

  const { person, user } = await identifyPerson(
    db,
    { togglUserId: me.id, email: normalizeEmail(me.email), name: me.fullname.trim() },
    now,
  );
  const credentialId = await storeCredential(
    env,
    db,
    {
      personId: person.id,
      togglUserId: me.id,
      apiToken: togglApiToken,
      timezone: me.timezone ?? null,
      beginningOfWeek: me.beginning_of_week ?? null,
    },
    now,
  );
  if (toggl.lastQuota) await recordQuota(db, credentialId, toggl.lastQuota);
  // Toggl accepts the token again: connections that waited for the owner to sign in may run.
  await clearTokenProblems(db, credentialId, now);
  await matchMembersForUser(db, user.accountId, { id: user.id, email: user.email, togglUserId: me.id }, now);
  await setLastAccount(db, person.id, user.accountId, now);

  const session = await createSession(db, { personId: person.id, accountId: user.accountId, userId: user.id }, now);
  const described = await describeMe(db, { personId: person.id, accountId: user.accountId, userId: user.id });
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), ...described };
}

async function describeMe(db: Db, who: { personId: string; accountId: string; userId: string }): Promise<Me> {
  const [user, account, memberships] = await Promise.all([
    findMembership(db, who.personId, who.accountId),
    findAccount(db, who.accountId),
    listMemberships(db, who.personId, who.accountId),
  ]);
  if (!user || !account) throw new ApiError(401, "unauthenticated", "Session expired or signed out: sign in again");
  return { user: await describeUser(db, user), account, memberships };
}

/** The signed-in caller's user and account, and all the person's memberships. */
export function currentMe(db: Db, caller: Caller): Promise<Me> {
  return describeMe(db, caller);
}

/**
 * Moves the session into another of the person's accounts (404 for an account they are not a
 * member of); the next sign-in opens there too.
 */
export async function switchAccount(db: Db, caller: Caller, accountId: string, now = new Date()): Promise<Me> {
  const membership = await findMembership(db, caller.personId, accountId);
  if (!membership) throw notFound("Account");
  const moved = await moveSession(db, caller, { accountId, userId: membership.id });
  if (!moved) throw notFound("Account");
  await setLastAccount(db, caller.personId, accountId, now);
  return describeMe(db, { personId: caller.personId, accountId, userId: membership.id });
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
