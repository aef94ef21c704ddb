// /api/users: the account's people (owners and admins only).
import { Hono } from "hono";
import { createUserSchema, updateUserSchema, type Items, type User } from "../../shared/contract";
import { requireAdmin, requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { addUser, changeRole } from "../features/users/service";
import { listUsers, toUser } from "../features/users/store";
import { idParam, valid } from "../lib/validation";

export const routes = new Hono<AppEnv>()
  .use(requireUser, requireAdmin)
  .get("/", async (c) => {
    const body: Items<User> = { items: (await listUsers(c.get("db"), c.get("caller").accountId)).map(toUser) };
    return c.json(body);
  })
  .post("/", valid("json", createUserSchema), async (c) =>
    c.json(await addUser(c.get("db"), c.get("caller"), c.req.valid("json")), 201),
  )
  .patch("/:id", valid("param", idParam), valid("json", updateUserSchema), async (c) =>
    c.json(await changeRole(c.get("db"), c.get("caller"), c.req.valid("param").id, c.req.valid("json").role)),
  );
