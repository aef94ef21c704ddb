import { Hono } from "hono";
import { createUserSchema, updateUserSchema, type Items, type User } from "../../../shared/contract";
import { requireAdmin, requireUser } from "../../auth/middleware";
import type { AppEnv } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { idParam, valid } from "../../lib/validation";
import { matchMembersForUser } from "../members/store";
import { findUser, findUserByEmail, insertUser, listUsers, toUser, updateRole } from "./store";

export const routes = new Hono<AppEnv>()
  .use(requireUser, requireAdmin)
  .get("/", async (c) => {
    const body: Items<User> = { items: (await listUsers(c.get("db"), c.get("caller").accountId)).map(toUser) };
    return c.json(body);
  })
  // Adds a person by email; they are linked when they first sign in with a Toggl token whose
  // email matches, and Toggl members with that email are matched right away.
  .post("/", valid("json", createUserSchema), async (c) => {
    const db = c.get("db");
    const caller = c.get("caller");
    const input = c.req.valid("json");
    if (input.role === "owner" && caller.role !== "owner") throw new ApiError(403, "forbidden", "Only an owner may make someone an owner");
    const user = await insertUser(db, { accountId: caller.accountId, email: input.email, name: input.name, role: input.role });
    if (!user) throw new ApiError(409, "email_taken", `${input.email} is already a user of this account`);
    await matchMembersForUser(db, caller.accountId, { id: user.id, email: user.email, togglUserId: null });
    return c.json(toUser(user), 201);
  })
  .patch("/:id", valid("param", idParam), valid("json", updateUserSchema), async (c) => {
    const db = c.get("db");
    const caller = c.get("caller");
    const { role } = c.req.valid("json");
    const target = await findUser(db, caller.accountId, c.req.valid("param").id);
    if (!target) throw notFound("User");
    // Admins manage members and admins; owners' roles and new owners are an owner's decision.
    if ((role === "owner" || target.role === "owner") && caller.role !== "owner") {
      throw new ApiError(403, "forbidden", "Only an owner may grant or change the owner role");
    }
    if (target.role === role) return c.json(toUser(target));
    const updated = await updateRole(db, caller.accountId, target.id, role);
    if (!updated) throw new ApiError(409, "last_owner", "The account's last owner cannot be demoted; make someone else owner first");
    return c.json(toUser(updated));
  });
