// /api/users: the account's people (owners and admins only).
import { Hono } from "hono";
import { createUserSchema, updateUserSchema, type Items, type User } from "../../shared/contract";
import { requireAdmin, requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { listUsers } from "../features/people/store";
import { addUser, changeRole } from "../features/users/service";
import { idParam, valid } from "../lib/validation";
import { removeUser } from "../sync/people";

export const routes = new Hono<AppEnv>()
  .use(requireUser, requireAdmin)
  .get("/", async (c) => {
    const body: Items<User> = { items: await listUsers(c.get("db"), c.get("caller").accountId) };
    return c.json(body);
  })
  .post("/", valid("json", createUserSchema), async (c) =>
    c.json(await addUser(c.get("db"), c.get("caller"), c.req.valid("json")), 201),
  )
  .patch("/:id", valid("param", idParam), valid("json", updateUserSchema), async (c) =>
    c.json(await changeRole(c.get("db"), c.get("caller"), c.req.valid("param").id, c.req.valid("json").role)),
  )
  .delete("/:id", valid("param", idParam), async (c) =>
    c.json(await removeUser(c.env, c.get("db"), c.get("caller"), c.req.valid("param").id)),
  );
