// /api/members: the connected workspaces' Toggl members and the users they are mapped to.
import { Hono } from "hono";
import { listMembersQuery, mapMemberSchema, type Items, type Member } from "../../shared/contract";
import { requireAdmin, requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { listMembers } from "../features/members/store";
import { inviteMemberAsUser, mapMemberToUser } from "../features/users/service";
import { idParam, valid } from "../lib/validation";

export const routes = new Hono<AppEnv>()
  .use(requireUser, requireAdmin)
  .get("/", valid("query", listMembersQuery), async (c) => {
    const body: Items<Member> = {
      items: await listMembers(c.get("db"), c.get("caller").accountId, c.req.valid("query").filter),
    };
    return c.json(body);
  })
  .put("/:id/user", valid("param", idParam), valid("json", mapMemberSchema), async (c) =>
    c.json(
      await mapMemberToUser(
        c.get("db"),
        c.get("caller").accountId,
        c.req.valid("param").id,
        c.req.valid("json").userId,
      ),
    ),
  )
  .post("/:id/invite", valid("param", idParam), async (c) => {
    const body = await inviteMemberAsUser(c.get("db"), c.get("caller"), c.req.valid("param").id);
    return c.json(body, body.created ? 201 : 200);
  });
