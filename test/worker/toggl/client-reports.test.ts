import { beforeAll, describe, expect, it } from "vitest";
import type { Seeded } from "../../toggl-stand-in/control-client.ts";
import type { ReportCursor, ReportTimeEntry } from "../../../worker/toggl/types";
import { clientFor, seed, str, uniq } from "./helpers";

let s: Seeded;
const tag = uniq();

beforeAll(async () => {
  s = await seed({
    plan: "premium",
    users: [
      { key: "admin", email: `admin-${tag}@acme.test`, fullname: "Ada Admin", timezone: "Europe/Berlin" },
      { key: "dev", email: `dev-${tag}@acme.test`, fullname: "Dev Person", timezone: "America/New_York" },
    ],
    workspaces: [
      {
        key: "w",
        admins: ["admin"],
        members: ["dev"],
        projects: [{ key: "p", name: "Website" }],
        tasks: [{ key: "t", name: "Build", project: "p" }],
        tags: [{ key: "g", name: "urgent" }],
      },
    ],
    timeEntries: [
      {
        key: "a1",
        user: "admin",
        workspace: "w",
        project: "p",
        description: "Plan",
        start: "2026-10-01T08:00:00Z",
        stop: "2026-10-01T09:00:00Z",
      },
      {
        key: "a2",
        user: "admin",
        workspace: "w",
        project: "p",
        description: "Plan",
        start: "2026-10-02T08:00:00Z",
        stop: "2026-10-02T08:30:00Z",
      },
      {
        key: "d1",
        user: "dev",
        workspace: "w",
        project: "p",
        task: "t",
        description: "Code",
        start: "2026-10-01T13:00:00Z",
        stop: "2026-10-01T15:00:00Z",
        tags: ["urgent"],
        billable: true,
      },
      {
        key: "d2",
        user: "dev",
        workspace: "w",
        description: "Email",
        start: "2026-10-03T10:00:00Z",
        stop: "2026-10-03T10:15:00Z",
      },
      {
        key: "d3",
        user: "dev",
        workspace: "w",
        description: "Review",
        start: "2026-10-04T10:00:00Z",
        stop: "2026-10-04T11:00:00Z",
      },
      { key: "run", user: "dev", workspace: "w", description: "Running", start: "2026-10-04T12:00:00Z" },
      {
        key: "out",
        user: "dev",
        workspace: "w",
        description: "Too late",
        start: "2026-11-20T10:00:00Z",
        stop: "2026-11-20T11:00:00Z",
      },
    ],
  });
});

describe("TogglClient: detailed report pages", () => {
  it("walks every finished entry of everyone one page per call, with a cursor to persist", async () => {
    const { client } = clientFor(s.users.admin!.apiToken);
    const wid = str(s.workspaces.w!.id);
    const entries: ReportTimeEntry[] = [];
    let cursor: ReportCursor | null = null;
    let pages = 0;
    do {
      const page = await client.searchTimeEntriesPage(wid, {
        startDate: "2026-10-01",
        endDate: "2026-10-31",
        pageSize: 2,
        firstRowNumber: cursor?.firstRowNumber,
        firstId: cursor?.firstId,
      });
      entries.push(...page.entries);
      cursor = page.next;
      pages++;
      // The cursor survives a JSON round trip (jobs persist it in D1).
      if (cursor) cursor = JSON.parse(JSON.stringify(cursor)) as ReportCursor;
    } while (cursor && pages < 10);

    expect(pages).toBe(2);
    expect(client.requestsSpent).toBe(2);
    expect(entries.map((e) => e.id).sort()).toEqual(
      ["a1", "a2", "d1", "d2", "d3"].map((k) => str(s.timeEntries[k]!)).sort(),
    );

    const d1 = entries.find((e) => e.id === str(s.timeEntries.d1!));
    expect(d1).toEqual({
      id: str(s.timeEntries.d1!),
      workspace_id: wid,
      user_id: str(s.users.dev!.id),
      username: "Dev Person",
      project_id: str(s.projects.p!),
      task_id: str(s.tasks.t!),
      description: "Code",
      billable: true,
      tag_ids: [str(s.tags.g!)],
      // The report sends the viewer's offset; we hand out UTC.
      start: "2026-10-01T13:00:00.000Z",
      stop: "2026-10-01T15:00:00.000Z",
      duration: 7200,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    // Entries sharing a row are flattened, each with its own times.
    expect(
      entries
        .filter((e) => e.description === "Plan")
        .map((e) => e.duration)
        .sort(),
    ).toEqual([1800, 3600]);
  });

  it("gives a member only their own entries, and null as the cursor of a last page", async () => {
    const { client } = clientFor(s.users.dev!.apiToken);
    const page = await client.searchTimeEntriesPage(str(s.workspaces.w!.id), {
      startDate: "2026-10-01",
      endDate: "2026-10-31",
    });
    expect(page.next).toBeNull();
    expect(new Set(page.entries.map((e) => e.user_id))).toEqual(new Set([str(s.users.dev!.id)]));
    expect(page.rows.length).toBe(3);
  });
});
