import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeedTimeEntry } from "./control-client.ts";
import { startTogglStandIn, type TogglStandIn } from "./server.ts";
import { togglClient, type ReportRowJson } from "./test-helpers.ts";

let standIn: TogglStandIn;
beforeAll(async () => {
  standIn = await startTogglStandIn();
});
afterAll(() => standIn.close());

const path = (wid: number) => `/reports/api/v3/workspace/${wid}/search/time_entries`;

async function seedWithEntries(timeEntries: SeedTimeEntry[]) {
  return standIn.control.seed({
    plan: "starter",
    users: [
      { key: "admin", email: "admin@r.test", fullname: "Ada", timezone: "Europe/Helsinki" },
      { key: "member", email: "member@r.test", fullname: "Max", timezone: "America/New_York" },
    ],
    workspaces: [
      {
        key: "w",
        admins: ["admin"],
        members: ["member"],
        projects: [{ key: "p", name: "Proj" }],
        tags: [{ key: "t", name: "focus" }],
      },
    ],
    timeEntries,
  });
}

describe("Reports v3 detailed search", () => {
  it("refuses an empty body", async () => {
    const s = await seedWithEntries([]);
    const res = await togglClient(standIn.url, s.users.admin!.apiToken)("POST", path(s.workspaces.w!.id), {});
    expect(res.status).toBe(400);
    expect(res.body).toBe("At least one parameter must be set");
  });

  it("groups entries into rows, in the user's UTC offset, finished and live ones only", async () => {
    const s = await seedWithEntries([
      {
        user: "member",
        workspace: "w",
        project: "p",
        description: "Calls",
        start: "2026-11-03T09:00:00Z",
        stop: "2026-11-03T09:30:00Z",
        tags: ["focus"],
      },
      {
        user: "member",
        workspace: "w",
        project: "p",
        description: "Calls",
        start: "2026-11-04T09:00:00Z",
        stop: "2026-11-04T10:00:00Z",
        tags: ["focus"],
      },
      {
        user: "member",
        workspace: "w",
        description: "Other",
        start: "2026-11-05T09:00:00Z",
        stop: "2026-11-05T09:10:00Z",
      },
      {
        user: "member",
        workspace: "w",
        description: "Deleted",
        start: "2026-11-05T11:00:00Z",
        stop: "2026-11-05T12:00:00Z",
        deleted: true,
      },
      { user: "member", workspace: "w", description: "Running", start: "2026-11-06T09:00:00Z", stop: null },
    ]);
    const res = await togglClient(standIn.url, s.users.admin!.apiToken)<ReportRowJson[]>(
      "POST",
      path(s.workspaces.w!.id),
      {
        start_date: "2026-11-01",
        end_date: "2026-11-30",
        order_dir: "ASC",
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-next-id")).toBeNull();
    expect(res.body).toHaveLength(2);
    const [calls, other] = res.body;
    expect(calls).toMatchObject({
      user_id: s.users.member!.id,
      username: "Max",
      project_id: s.projects.p,
      description: "Calls",
      tag_ids: [s.tags.t],
      row_number: 1,
    });
    expect(calls!.time_entries).toHaveLength(2);
    // The admin (Helsinki, UTC+2 in November) sees times in their own offset.
    expect(calls!.time_entries[0]).toMatchObject({
      seconds: 1800,
      start: "2026-11-03T11:00:00+02:00",
      stop: "2026-11-03T11:30:00+02:00",
    });
    expect(calls!.time_entries[0]!.id).toBeGreaterThan(2 ** 31);
    expect(calls!.time_entries[0]!.at).toMatch(/\+00:00$/);
    expect(calls!.time_entries[0]!.at_tz).toMatch(/\+02:00$/);
    expect(other).toMatchObject({ description: "Other", row_number: 2 });
  });

  it("pages with X-Next-ID / X-Next-Row-Number, absent on the last page", async () => {
    const entries: SeedTimeEntry[] = Array.from({ length: 5 }, (_, i) => ({
      key: `e${i}`,
      user: "admin",
      workspace: "w",
      description: `Entry ${i}`,
      start: `2026-11-1${i}T08:00:00Z`,
      stop: `2026-11-1${i}T09:00:00Z`,
    }));
    const s = await seedWithEntries(entries);
    const call = togglClient(standIn.url, s.users.admin!.apiToken);
    const seen: string[] = [];
    let firstRow: number | undefined;
    let pages = 0;
    for (;;) {
      const res = await call<ReportRowJson[]>("POST", path(s.workspaces.w!.id), {
        start_date: "2026-11-01",
        end_date: "2026-11-30",
        order_dir: "ASC",
        page_size: 2,
        ...(firstRow ? { first_row_number: firstRow } : {}),
      });
      pages++;
      seen.push(...res.body.map((r: { description: string }) => r.description));
      const next = res.headers.get("x-next-row-number");
      if (!next) {
        expect(res.headers.get("x-next-id")).toBeNull();
        break;
      }
      expect(Number(res.headers.get("x-next-id"))).toBe(s.timeEntries[`e${Number(next) - 1}`]);
      firstRow = Number(next);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(["Entry 0", "Entry 1", "Entry 2", "Entry 3", "Entry 4"]);
  });

  it("shows a non-admin only their own entries", async () => {
    const s = await seedWithEntries([
      {
        user: "admin",
        workspace: "w",
        description: "Admin work",
        start: "2026-11-03T09:00:00Z",
        stop: "2026-11-03T10:00:00Z",
      },
      {
        user: "member",
        workspace: "w",
        description: "Member work",
        start: "2026-11-03T09:00:00Z",
        stop: "2026-11-03T10:00:00Z",
      },
    ]);
    const body = { start_date: "2026-11-01", end_date: "2026-11-30" };
    const member = await togglClient(standIn.url, s.users.member!.apiToken)<ReportRowJson[]>(
      "POST",
      path(s.workspaces.w!.id),
      body,
    );
    expect(member.body.map((r: { description: string }) => r.description)).toEqual(["Member work"]);
    const admin = await togglClient(standIn.url, s.users.admin!.apiToken)("POST", path(s.workspaces.w!.id), body);
    expect(admin.body).toHaveLength(2);
  });

  it("answers 403 for a workspace the caller cannot see", async () => {
    const s = await seedWithEntries([]);
    const other = await seedWithEntries([]);
    const res = await togglClient(standIn.url, s.users.admin!.apiToken)("POST", path(other.workspaces.w!.id), {
      start_date: "2026-11-01",
    });
    expect(res.status).toBe(403);
    expect(res.body).toBe("Workspace not found/accessible");
  });
});
