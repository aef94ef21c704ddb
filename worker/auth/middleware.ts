import { createMiddleware } from "hono/factory";
import { ACCOUNT_HEADER } from "../../shared/headers";
import { isAdminRole } from "../../shared/enums";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";
import { findCaller } from "./sessions";

/** Any signed-in user of an account (Authorization: Bearer <session token>). */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError(401, "unauthenticated", "Sign in first: missing session token");
  const caller = await findCaller(c.get("db"), match[1]);
  if (!caller) throw new ApiError(401, "unauthenticated", "Session expired or signed out: sign in again");
  c.set("caller", caller);
  // Which account answered: the extension files data under it and drops an answer meant for an
  // account it has switched away from.
  c.header(ACCOUNT_HEADER, caller.accountId);
  await next();
});

/** Owners and admins only; use after requireUser. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (!isAdminRole(c.get("caller").role))
    throw new ApiError(403, "forbidden", "Only account owners and admins may do this");
  await next();
});
