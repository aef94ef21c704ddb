import { Hono } from "hono";
import { listMembersQuery, mapMemberSchema, type Items, type Member, type MemberInvited } from "../../../shared/contract";
import { requireAdmin, requireUser } from "../../auth/middleware";
import type { AppEnv } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { idParam, valid } from "../../lib/validation";
import { findUser, findUserByEmail, insertUser, toUser } from "../users/store";
import { findMemberRow, getMember, listMembers, matchMembersForUser, setMapping } from "./store";

export const routes = new Hono<AppEnv>()
  .use(requireUser, requireAdmin)
  .get("/", valid("query", listMembersQuery), async (c) => {
    const body: Items<Member> = { items: await listMembers(c.get("db"), c.get("caller").accountId, c.req.valid("query").filter) };
    return c.json(body);
  })
  // Manual mapping (wins over email matching and survives imports); null unmaps for good.
  .put("/:id/user", valid("param", idParam), valid("json", mapMemberSchema), async (c) => {
    const db = c.get("db");
    const { accountId } = c.get("caller");
    const { userId } = c.req.valid("json");
    const member = await findMemberRow(db, accountId, c.req.valid("param").id);
    if (!member) throw notFound("Member");
    if (userId !== null && !(await findUser(db, accountId, userId))) throw notFound("User");
    await setMapping(db, member, { userId, match: "manual" });
    return c.json((await getMember(db, accountId, member.id))!);
  })
  // Creates the local user from the member's email and name (or reuses the one with that email)
  // and maps the member to it by hand.
  .post("/:id/invite", valid("param", idParam), async (c) => {
    const db = c.get("db");
    const { accountId } = c.get("caller");
    const member = await findMemberRow(db, accountId, c.req.valid("param").id);
    if (!member) throw notFound("Member");
    if (!member.email) throw new ApiError(409, "member_without_email", "Toggl shows no email for this member; add the user by email instead");

    let user = await findUserByEmail(db, accountId, member.email);
    let created = false;
    if (!user) {
      user = await insertUser(db, { accountId, email: member.email, name: member.name, role: "member" });
      created = user !== null;
      // Lost a race with a concurrent invite or add: use the user that won.
      user ??= await findUserByEmail(db, accountId, member.email);
      if (!user) throw new ApiError(409, "conflict", "The user changed while inviting; try again");
    }
    await setMapping(db, member, { userId: user.id, match: "manual" });
    if (created) await matchMembersForUser(db, accountId, { id: user.id, email: user.email, togglUserId: user.togglUserId });
    const body: MemberInvited = { member: (await getMember(db, accountId, member.id))!, user: toUser(user), created };
    return c.json(body, created ? 201 : 200);
  });
