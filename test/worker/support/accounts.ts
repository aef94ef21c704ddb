// Builds accounts, people, memberships and sessions straight in D1 for tests that do not exercise
// sign-in itself.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { createSession } from "../../../worker/auth/sessions";
import { getDb } from "../../../worker/db/client";
import { accounts, invitations, persons, users, type Role } from "../../../worker/db/schema";
import { togglId } from "../../support/toggl-ids.ts";

export const db = () => getDb(env.DB);

export async function createAccount(name = "Test account") {
  const id = crypto.randomUUID();
  await db().insert(accounts).values({ id, name });
  return id;
}

/** A person: one Toggl identity (a fresh Toggl user id unless given). */
async function createPerson(opts: { togglUserId?: string; email?: string; name?: string } = {}) {
  const id = crypto.randomUUID();
  const togglUserId = opts.togglUserId ?? togglId();
  const email = opts.email ?? `${togglUserId}@people.test`;
  await db()
    .insert(persons)
    .values({ id, togglUserId, email, name: opts.name ?? email.split("@")[0] ?? "" });
  return { id, togglUserId, email };
}

/**
 * A joined user of the account (a person and their membership) with a live session. `personId`
 * adds a membership to an existing person instead of making a new one.
 */
export async function createUser(
  accountId: string,
  opts: { role?: Role; email?: string; name?: string; togglUserId?: string; personId?: string } = {},
) {
  const id = crypto.randomUUID();
  const email = opts.email ?? `${id.slice(0, 8)}@example.test`;
  const person = opts.personId
    ? await db()
        .select({ id: persons.id, togglUserId: persons.togglUserId })
        .from(persons)
        .where(eq(persons.id, opts.personId))
        .get()
    : await createPerson({ togglUserId: opts.togglUserId, email, name: opts.name });
  if (!person) throw new Error(`No person ${opts.personId}`);
  await db()
    .insert(users)
    .values({
      id,
      accountId,
      email,
      name: opts.name ?? email.split("@")[0] ?? "",
      role: opts.role ?? "member",
      personId: person.id,
      togglUserId: person.togglUserId,
    });
  const { token } = await createSession(db(), { personId: person.id, accountId, userId: id });
  return {
    id,
    accountId,
    email,
    personId: person.id,
    togglUserId: person.togglUserId,
    token,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  };
}

/** An invited user (no person yet) with a pending invitation to their email. */
export async function createInvitedUser(
  accountId: string,
  opts: { role?: Role; email?: string; name?: string; invitedBy?: string; expiresAt?: Date } = {},
) {
  const id = crypto.randomUUID();
  const email = opts.email ?? `${id.slice(0, 8)}@invited.test`;
  const role = opts.role ?? "member";
  const invitationId = crypto.randomUUID();
  await db().batch([
    db()
      .insert(users)
      .values({ id, accountId, email, name: opts.name ?? "", role }),
    db()
      .insert(invitations)
      .values({
        id: invitationId,
        accountId,
        userId: id,
        email,
        role,
        invitedByUserId: opts.invitedBy ?? null,
        expiresAt: opts.expiresAt ?? new Date(Date.now() + 14 * 86_400_000),
      }),
  ]);
  return { id, accountId, email, invitationId };
}

/** A fresh account with an owner who has a live session. */
export async function createSignedInOwner(opts: { email?: string; togglUserId?: string } = {}) {
  const accountId = await createAccount();
  return createUser(accountId, { role: "owner", ...opts });
}
