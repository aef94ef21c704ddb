import { Hono } from "hono";
import { listTimeLogsQuery, patchTimeLogSchema } from "../../../shared/contract";
import { requireAdmin, requireUser } from "../../auth/middleware";
import type { AppEnv } from "../../env";
import { ApiError } from "../../lib/errors";
import { idParam, valid } from "../../lib/validation";
import { listTimeLogs, updateTimeLogFlags } from "./read";

const isAdmin = (role: string) => role === "owner" || role === "admin";

export const routes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", valid("query", listTimeLogsQuery), async (c) => {
    const caller = c.get("caller");
    const q = c.req.valid("query");
    let userId: string | undefined;
    if (isAdmin(caller.role)) {
      userId = q.userId && q.userId !== "all" ? (q.userId === "me" ? caller.userId : q.userId) : undefined;
    } else {
      // Members see their own Time Logs only.
      if (q.userId && q.userId !== "me" && q.userId !== caller.userId) {
        throw new ApiError(403, "forbidden", "Members can only see their own Time Logs");
      }
      userId = caller.userId;
    }
    const page = await listTimeLogs(c.get("db"), {
      accountId: caller.accountId,
      userId,
      workspaceId: q.workspaceId,
      // Members see only what an admin left displayable; admins see everything, to toggle it.
      displayableOnly: !isAdmin(caller.role),
      limit: q.limit,
      cursor: q.cursor,
    });
    return c.json(page);
  })
  .patch("/:id", requireAdmin, valid("param", idParam), valid("json", patchTimeLogSchema), async (c) => {
    const updated = await updateTimeLogFlags(c.get("db"), c.get("caller").accountId, c.req.valid("param").id, c.req.valid("json"));
    return c.json(updated);
  });
