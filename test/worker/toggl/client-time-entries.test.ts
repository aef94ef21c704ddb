import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Seeded } from "../../toggl-stand-in/control-client.ts";
import { TogglError } from "../../../worker/toggl/errors";
import { clientFor, control, seed, str, uniq } from "./helpers";

let s: Seeded;
const tag = uniq();

beforeAll(async () => {
  s = await seed({
    plan: "premium",
    users: [
      { key: "ann", email: `ann-${tag}@acme.test` },
      { key: "ben", email: `ben-${tag}@acme.test` },
      { key: "cat", email: `cat-${tag}@acme.test` },
    ],
    workspaces: [
      {
        key: "w",
        admins: ["ann"],
        members: ["ben", "cat"],
        clients: [{ key: "c", name: "Globex" }],
        projects: [{ key: "p", name: "Website", client: "c" }],
        tasks: [{ key: "t", name: "Design", project: "p" }],
        tags: [{ key: "g", name: "urgent" }],
      },
    ],
    timeEntries: [
      {
        key: "old",
        user: "ann",
        workspace: "w",
        project: "p",
        task: "t",
        description: "Kickoff",
        start: "2026-11-02T09:00:00Z",
        stop: "2026-11-02T10:30:00Z",
        tags: ["urgent"],
        billable: true,
      },
      {
        key: "gone",
        user: "ann",
        workspace: "w",
        description: "Mistake",
        start: "2026-11-03T09:00:00Z",
        stop: "2026-11-03T09:10:00Z",
        deleted: true,
      },
    ],
  });
});

beforeEach(async () => {
  for (const u of Object.values(s.users)) await control.resetQuota(u.apiToken);
});

const wid = () => str(s.workspaces.w!.id);

describe("TogglClient: time entries", () => {
  it("lists the token owner's entries in a window, ids above 2^31 as exact strings", async () => {
    const { client } = clientFor(s.users.ann!.apiToken);
    const entries = await client.myTimeEntries({ startDate: "2026-11-01T00:00:00Z", endDate: "2026-11-30T23:59:59Z" });
    const kickoff = entries.find((e) => e.id === str(s.timeEntries.old!));
    expect(Number(kickoff!.id)).toBeGreaterThan(2 ** 31);
    expect(kickoff).toMatchObject({
      workspace_id: wid(),
      user_id: str(s.users.ann!.id),
      project_id: str(s.projects.p!),
      task_id: str(s.tasks.t!),
      description: "Kickoff",
      billable: true,
      tags: ["urgent"],
      tag_ids: [str(s.tags.g!)],
      start: "2026-11-02T09:00:00.000Z",
      stop: "2026-11-02T10:30:00.000Z",
      duration: 5400,
      server_deleted_at: null,
    });
    expect(entries.map((e) => e.id)).not.toContain(str(s.timeEntries.gone!));
  });

  it("returns deleted entries with server_deleted_at when asked for changes since a moment", async () => {
    const { client } = clientFor(s.users.ann!.apiToken);
    const changes = await client.myTimeEntries({ since: new Date(Date.now() - 3_600_000) });
    const gone = changes.find((e) => e.id === str(s.timeEntries.gone!));
    expect(gone?.server_deleted_at).toEqual(expect.stringMatching(/Z$/));
  });

  it("starts, reads, updates, stops and deletes a timer; stopping twice is a conflict", async () => {
    const { client } = clientFor(s.users.ben!.apiToken, { priority: "interactive" });
    expect(await client.currentTimeEntry()).toBeNull();

    const start = new Date(Date.now() - 60_000).toISOString();
    const running = await client.createTimeEntry(wid(), {
      start,
      description: "Timer from Hourline",
      project_id: str(s.projects.p!),
      task_id: str(s.tasks.t!),
      billable: true,
      tags: ["urgent", "fresh-tag"],
    });
    expect(running).toMatchObject({
      description: "Timer from Hourline",
      stop: null,
      project_id: str(s.projects.p!),
      user_id: str(s.users.ben!.id),
    });
    expect(running.duration).toBeLessThan(0);
    expect(running.tags.sort()).toEqual(["fresh-tag", "urgent"]);

    const current = await client.currentTimeEntry();
    expect(current?.id).toBe(running.id);

    const updated = await client.updateTimeEntry(wid(), running.id, { description: "Renamed timer", billable: false });
    expect(updated).toMatchObject({
      id: running.id,
      description: "Renamed timer",
      billable: false,
      project_id: str(s.projects.p!),
    });

    const stopped = await client.stopTimeEntry(wid(), running.id);
    expect(stopped.stop).not.toBeNull();
    expect(stopped.duration).toBeGreaterThanOrEqual(59);
    expect(await client.currentTimeEntry()).toBeNull();

    const again = await client.stopTimeEntry(wid(), running.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TogglError);
    expect(again).toMatchObject({ kind: "conflict", status: 409, togglMessage: "Time entry already stopped" });

    await client.deleteTimeEntry(wid(), running.id);
    const truth = await control.listTimeEntries(s.workspaces.w!.id);
    expect(truth.find((e) => String(e.id) === running.id)?.server_deleted_at).not.toBeNull();
  });

  it("creates a finished entry from start and stop, and reports Toggl's 400 message", async () => {
    const { client } = clientFor(s.users.cat!.apiToken);
    const entry = await client.createTimeEntry(wid(), {
      start: "2026-11-05T08:00:00+01:00",
      stop: "2026-11-05T08:45:00+01:00",
      description: "Manual",
    });
    expect(entry).toMatchObject({
      start: "2026-11-05T07:00:00.000Z",
      stop: "2026-11-05T07:45:00.000Z",
      duration: 2700,
    });

    const bad = await client
      .createTimeEntry(wid(), { start: "2026-11-05T08:00:00Z", project_id: "999999999" })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ kind: "bad_request", status: 400 });
    expect((bad as TogglError).togglMessage).toBeTruthy();
  });
});
