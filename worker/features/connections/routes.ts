import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { createConnectionsSchema } from "../../../shared/contract";
import { requireAdmin, requireUser } from "../../auth/middleware";
import type { AppEnv } from "../../env";
import { ApiError } from "../../lib/errors";
import { TogglError } from "../../toggl/errors";
import { describeTogglFailure } from "../timer/toggl-failure";
import { buildOverview, connectWorkspaces, listConnections, listRuns, listTogglWorkspaces, resyncConnection, unlinkConnection } from "./service";

/** Where Toggl calls us back: PUBLIC_URL, else the origin this request reached. */
const callbackBase = (publicUrl: string | undefined, requestUrl: string) => publicUrl || new URL(requestUrl).origin;

/** Runs `work`; a Toggl failure becomes the API's error shape (quota → 503 with retryAfterSeconds). */
async function withToggl(c: Context<AppEnv>, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof TogglError)) throw err;
    const f = describeTogglFailure(err, new Date());
    if (f.retryAfterSeconds !== undefined) c.header("Retry-After", String(f.retryAfterSeconds));
    const message = f.message.replace("the time entry", "the request");
    return c.json(
      { error: { code: f.code, message, ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}) } },
      f.status,
    );
  }
}

const runsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const invalidQuery = (result: { success: boolean; error?: { issues: unknown } }) => {
  if (!result.success) throw new ApiError(400, "invalid_input", "Invalid query", result.error?.issues);
};

const jsonBody = zValidator("json", createConnectionsSchema, (result) => {
  if (!result.success) throw new ApiError(400, "invalid_input", "Invalid input", result.error.issues);
});

export const routes = new Hono<AppEnv>()
  .use("/toggl/*", requireUser, requireAdmin)
  .use("/connections/*", requireUser, requireAdmin)
  .use("/overview", requireUser, requireAdmin)
  .get("/toggl/workspaces", (c) =>
    withToggl(c, async () => c.json({ items: await listTogglWorkspaces(c.env, c.get("db"), c.get("caller")) })),
  )
  .post(
    "/connections",
    async (c, next) => {
      // Without a JSON content type the validator would see {} and report a confusing issue list.
      if (!(c.req.header("content-type") ?? "").toLowerCase().includes("application/json")) {
        throw new ApiError(400, "invalid_input", "Send a JSON body with Content-Type: application/json");
      }
      await next();
    },
    jsonBody,
    (c) =>
      withToggl(c, async () => {
        const input = c.req.valid("json");
        const items = await connectWorkspaces(c.env, c.get("db"), c.get("caller"), input, callbackBase(c.env.PUBLIC_URL, c.req.url));
        return c.json({ items }, 201);
      }),
  )
  .get("/connections", async (c) => {
    const items = await listConnections(c.get("db"), c.get("caller").accountId);
    return c.json({ items });
  })
  .delete("/connections/:id", (c) =>
    withToggl(c, async () => c.json(await unlinkConnection(c.env, c.get("db"), c.get("caller"), c.req.param("id")))),
  )
  .post("/connections/:id/sync", (c) =>
    withToggl(c, async () =>
      c.json(await resyncConnection(c.env, c.get("db"), c.get("caller"), c.req.param("id"), callbackBase(c.env.PUBLIC_URL, c.req.url))),
    ),
  )
  .get("/connections/:id/runs", zValidator("query", runsQuery, invalidQuery), async (c) => {
    const { limit } = c.req.valid("query");
    return c.json({ items: await listRuns(c.get("db"), c.get("caller").accountId, c.req.param("id"), limit) });
  })
  .get("/overview", async (c) => c.json(await buildOverview(c.get("db"), c.get("caller").accountId)));
