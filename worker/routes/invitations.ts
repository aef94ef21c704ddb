// /api/invitations: the signed-in person's pending invitations (addressed to their Toggl email),
// and answering one. Someone else's invitation is "not found".
import { Hono } from "hono";
import type { Invitation, Items } from "../../shared/contract";
import { requireUser } from "../auth/middleware";
import type { AppEnv } from "../env";
import { acceptInvitation, declineInvitation, listInvitationsFor } from "../features/people/invitations";
import { idParam, valid } from "../lib/validation";

export const routes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => {
    const body: Items<Invitation> = { items: await listInvitationsFor(c.get("db"), c.get("caller").personId) };
    return c.json(body);
  })
  .post("/:id/accept", valid("param", idParam), async (c) =>
    c.json(await acceptInvitation(c.get("db"), c.get("caller"), c.req.valid("param").id)),
  )
  .post("/:id/decline", valid("param", idParam), async (c) =>
    c.json(await declineInvitation(c.get("db"), c.get("caller"), c.req.valid("param").id)),
  );
