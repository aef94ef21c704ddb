// Read replication: every request runs in a D1 session and answers with its newest bookmark; a
// client that sends a bookmark back reads at least what that bookmark saw.
import { describe, expect, it } from "vitest";
import { BOOKMARK_HEADER } from "../../../shared/headers";
import { createSignedInOwner } from "../support/accounts";
import { call } from "../support/http";

describe("D1 sessions", () => {
  it("answers reads and writes with the session's bookmark, newer after a write", async () => {
    const owner = await createSignedInOwner();
    const read = await call("GET", "/api/users", owner.headers);
    expect(read.status).toBe(200);
    const first = read.headers.get(BOOKMARK_HEADER);
    expect(first).toMatch(/^[0-9a-f-]+$/);

    const invited = await call(
      "POST",
      "/api/users",
      { ...owner.headers, [BOOKMARK_HEADER]: first! },
      {
        email: "new.person@example.test",
        name: "New Person",
        role: "member",
      },
    );
    expect(invited.status).toBe(201);
    const afterWrite = invited.headers.get(BOOKMARK_HEADER);
    expect(afterWrite! > first!).toBe(true);

    // Reading from that bookmark on sees the write.
    const again = await call<{ items: { email: string }[] }>("GET", "/api/users", {
      ...owner.headers,
      [BOOKMARK_HEADER]: afterWrite!,
    });
    expect(again.body.items.map((u) => u.email)).toContain("new.person@example.test");
  });

  it("ignores a bookmark header that is not one", async () => {
    const owner = await createSignedInOwner();
    const res = await call("GET", "/api/users", { ...owner.headers, [BOOKMARK_HEADER]: "not a bookmark; drop table" });
    expect(res.status).toBe(200);
    expect(res.headers.get(BOOKMARK_HEADER)).toMatch(/^[0-9a-f-]+$/);
  });
});
