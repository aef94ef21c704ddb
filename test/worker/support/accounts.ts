// Builds accounts, users and sessions straight in D1 for tests that do not exercise sign-in itself.
import { env } from "cloudflare:workers";
import { createSession } from "../../../worker/auth/sessions";
import { getDb } from "../../../worker/db/client";
import { accounts, users, type Role } from "../../../worker/db/schema";

export const db = () => getDb(env.DB);

export async function createAccount(name = "Test account") {
  const id = crypto.randomUUID();
  await db().insert(accounts).values({ id, name });
  return id;
}

export async function createUser(
  accountId: string,
  opts: { role?: Role; email?: string; name?: string; togglUserId?: string } = {},
) {
  const id = crypto.randomUUID();
  const email = opts.email ?? `${id.slice(0, 8)}@example.test`;
  await db()
    .insert(users)
    .values({
      id,
      accountId,
      email,
      name: opts.name ?? email.split("@")[0]!,
      role: opts.role ?? "member",
      togglUserId: opts.togglUserId ?? null,
    });
  const { token } = await createSession(db(), { accountId, userId: id });
  return {
    id,
    accountId,
    email,
    token,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  };
}

/** A fresh account with an owner who has a live session. */
export async function createSignedInOwner(opts: { email?: string; togglUserId?: string } = {}) {
  const accountId = await createAccount();
  return createUser(accountId, { role: "owner", ...opts });
}
