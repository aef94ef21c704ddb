// GET /api/tags?workspaceId=: the workspace's mirrored tags from D1, no Toggl call.
import { describe, expect, it } from "vitest";
import type { Items, Tag, ApiErrorBody } from "../../../shared/contract";
import { tags } from "../../../worker/db/schema";
import { createUser, db } from "../support/accounts";
import { call } from "../support/http";
import { seedConnection } from "../support/connections";

describe("GET /api/tags", () => {
  it("lists the workspace's live tags by name, for any user of the account", async () => {
    const c = await seedConnection();
    await db()
      .insert(tags)
      .values([
        { accountId: c.accountId, id: "11", workspaceId: c.workspaceId, name: "urgent" },
        { accountId: c.accountId, id: "12", workspaceId: c.workspaceId, name: "Design" },
        { accountId: c.accountId, id: "13", workspaceId: c.workspaceId, name: "gone", archived: true },
        { accountId: c.accountId, id: "14", workspaceId: "999", name: "elsewhere" },
      ]);
    const member = await createUser(c.accountId, { role: "member" });
    const res = await call<Items<Tag>>("GET", `/api/tags?workspaceId=${c.workspaceId}`, member.headers);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: "12", workspaceId: c.workspaceId, name: "Design" },
      { id: "11", workspaceId: c.workspaceId, name: "urgent" },
    ]);
  });

  it("answers 404 for another account's workspace and 400 without a workspace id", async () => {
    const mine = await seedConnection();
    const theirs = await seedConnection();
    const me = await createUser(mine.accountId);
    expect((await call("GET", `/api/tags?workspaceId=${theirs.workspaceId}`, me.headers)).status).toBe(404);
    const missing = await call<ApiErrorBody>("GET", "/api/tags", me.headers);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("invalid_input");
    expect((await call("GET", `/api/tags?workspaceId=${mine.workspaceId}`)).status).toBe(401);
  });
});
