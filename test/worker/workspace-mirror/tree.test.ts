import { describe, expect, it } from "vitest";
import { chooseEventFilters } from "../../../worker/features/connections/webhook-health";
import { buildTrackTargets, isOlder, projectRow, taskRow } from "../../../worker/features/workspace-mirror/tree";
import { failureBackoffMs } from "../../../worker/sync/jobs";

describe("tree rules", () => {
  it("asks for structure events only where the plan's filter limit leaves room after time entries", () => {
    const entities = (n: number) => chooseEventFilters(n).map((f) => `${f.entity}:${f.action}`);
    expect(entities(3)).toEqual(["time_entry:created", "time_entry:updated", "time_entry:deleted"]);
    expect(entities(6)).toEqual([
      "time_entry:created",
      "time_entry:updated",
      "time_entry:deleted",
      "project:*",
      "task:*",
      "client:*",
    ]);
    expect(entities(12)).toHaveLength(7);
  });

  it("treats inactive, archived and deleted projects and done tasks as archived", () => {
    const base = {
      id: "1",
      workspace_id: "9",
      client_id: null,
      name: "P",
      billable: false,
      is_private: false,
      at: null,
    };
    expect(projectRow({ ...base, active: true, status: "active" }).archived).toBe(false);
    expect(projectRow({ ...base, active: false, status: "archived" }).archived).toBe(true);
    expect(
      projectRow({ ...base, active: true, status: "deleted", server_deleted_at: "2026-01-01T00:00:00.000Z" }).archived,
    ).toBe(true);
    expect(taskRow({ id: "2", workspace_id: "9", project_id: "1", name: "T", active: false }).archived).toBe(true);
    expect(projectRow({ ...base, active: true, is_private: true }).private).toBe(true);
  });

  it("builds labels from the live names and archives the children of archived parents", () => {
    const targets = buildTrackTargets(
      { id: "9", name: "Studio" },
      [{ id: "c1", name: "Acme", archived: true, togglAt: null }],
      [
        {
          id: "p1",
          clientId: "c1",
          name: "Site",
          billable: true,
          color: null,
          private: true,
          archived: false,
          togglAt: null,
        },
        {
          id: "p2",
          clientId: null,
          name: "Admin",
          billable: false,
          color: null,
          private: false,
          archived: false,
          togglAt: null,
        },
      ],
      [
        { id: "t1", projectId: "p1", name: "Build", archived: false, togglAt: null },
        { id: "t2", projectId: "p2", name: "Mail", archived: false, togglAt: null },
        { id: "t3", projectId: "unknown", name: "Orphan", archived: false, togglAt: null },
      ],
    );
    const byKey = Object.fromEntries(targets.map((t) => [t.key, t]));
    expect(byKey["task:t1"]).toMatchObject({
      label: "Acme → Site → Build",
      searchText: "studio acme site build",
      billable: true,
      private: true,
      archived: true,
    });
    expect(byKey["task:t2"]).toMatchObject({ label: "Admin → Mail", archived: false, private: false });
    expect(byKey["workspace:9"]).toMatchObject({ label: "Studio", archived: false });
    expect(byKey["task:t3"]).toBeUndefined();
  });

  it("builds a workspace's targets in the search's label order (ASCII case folded, then key)", () => {
    const project = (id: string, name: string) => ({
      id,
      clientId: null,
      name,
      billable: false,
      color: null,
      private: false,
      archived: false,
      togglAt: null,
    });
    const targets = buildTrackTargets(
      { id: "9", name: "Studio" },
      [],
      [
        project("p1", "zeta"),
        project("p2", "Éclair"),
        project("p3", "beta"),
        project("p4", "Alpha"),
        project("p5", "beta"),
      ],
      [{ id: "t1", projectId: "p4", name: "Z", archived: false, togglAt: null }],
    );
    // SQLite's `collate nocase` folds ASCII only: "É" sorts after every ASCII letter.
    expect(targets.map((t) => `${t.label} ${t.key}`)).toEqual([
      "Alpha project:p4",
      "Alpha → Z task:t1",
      "beta project:p3",
      "beta project:p5",
      "Studio workspace:9",
      "zeta project:p1",
      "Éclair project:p2",
    ]);
  });

  it("lets only newer structure events win and backs off failures exponentially", () => {
    expect(isOlder("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")).toBe(true);
    expect(isOlder("2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z")).toBe(false);
    expect(isOlder(null, "2026-01-02T00:00:00Z")).toBe(false);
    expect([1, 2, 3].map(failureBackoffMs)).toEqual([15 * 60_000, 30 * 60_000, 60 * 60_000]);
  });
});
