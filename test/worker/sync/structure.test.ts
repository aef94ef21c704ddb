import { and, eq } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Page, TimeLog } from "../../../shared/contract";
import { clients, projects, quotaBudgets, tags, tasks, trackTargets } from "../../../worker/db/schema";
import { applyStructureEvent } from "../../../worker/features/workspace-mirror/structure";
import { storeCredential } from "../../../worker/toggl/credentials";
import { applyTimeEntry } from "../../../worker/features/time-logs/apply";
import { ensureJob } from "../../../worker/sync/jobs";
import { runConnectionWork } from "../../../worker/sync/runner";
import { db } from "../support/accounts";
import { connectDirect, control, seedOrg } from "../connections/support";
import { call } from "../support/http";

const rows = async <T extends typeof clients | typeof projects | typeof tasks | typeof tags>(
  table: T,
  accountId: string,
) =>
  (await db().select().from(table).where(eq(table.accountId, accountId))) as {
    id: string;
    name: string;
    archived: boolean;
  }[];
const named = (list: { name: string; archived: boolean }[]) =>
  Object.fromEntries(list.map((r) => [r.name, r.archived]));

async function structureRun(ref: { accountId: string; connectionId: string }, opts: { full?: boolean } = {}) {
  await ensureJob(db(), ref, "structure", new Date(), { restart: true, ...(opts.full ? { full: true } : {}) });
  const result = await runConnectionWork(env, db(), { ...ref, reason: "nightly" }, { kinds: ["structure"] });
  expect(result?.status).toBe("ok");
  return result!.steps[0]!;
}

describe("structure sync", () => {
  it("imports everything, then spends one request per listing on an unchanged workspace and changes nothing", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    const first = await structureRun(ref);
    expect(first.itemsChanged).toBeGreaterThan(0);
    expect(named(await rows(clients, ref.accountId))).toEqual({ Acme: false, "Gone Client": true });
    expect(named(await rows(tasks, ref.accountId))).toEqual({ Wireframes: false, Copy: false, "Done Task": true });

    const before = (await control().requestLog({ token: org.ownerToken })).total;
    const second = await structureRun(ref);
    expect(second).toMatchObject({ ok: true, itemsChanged: 0 });
    // clients, projects (since), tasks (since), tags, project users
    expect(second.requests).toBeLessThanOrEqual(5);
    expect((await control().requestLog({ token: org.ownerToken })).total - before).toBe(second.requests);
  });

  it("brings renames, new items, archived and deleted items from Toggl into D1 and the timer targets", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    await structureRun(ref);
    const c = control();
    await c.updateProject(org.seeded.projects.site!, { name: "Website 2.0" });
    const added = await c.createTask({
      workspaceId: Number(org.ws),
      projectId: org.seeded.projects.site!,
      name: "Launch",
    });
    await c.deleteProject(org.seeded.projects.misc!);
    await c.updateClient(org.seeded.clients.acme!, { archived: true });

    const step = await structureRun(ref);
    expect(step.itemsChanged).toBeGreaterThanOrEqual(4);
    // (Archiving a client in Toggl may archive its projects too; the rename is what matters here.)
    expect(named(await rows(projects, ref.accountId))).toMatchObject({
      "Website 2.0": expect.any(Boolean),
      "Old Project": true,
      Misc: true,
    });
    expect(named(await rows(clients, ref.accountId))).toMatchObject({ Acme: true });
    const launch = (await rows(tasks, ref.accountId)).find((t) => t.id === String(added.id));
    expect(launch).toMatchObject({ name: "Launch", archived: false });
    // The client is archived, so nothing under it is offered for timers any more.
    const offered = await db()
      .select({ label: trackTargets.label })
      .from(trackTargets)
      .where(and(eq(trackTargets.accountId, ref.accountId), eq(trackTargets.archived, false)));
    expect(offered.map((t) => t.label)).toEqual(["Agency"]);
  });

  it("archives items that vanished from a full listing, never deleting them", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    await structureRun(ref);
    await control().deleteClient(org.seeded.clients.acme!);
    await control().deleteTask(org.seeded.tasks.copy!);
    await structureRun(ref, { full: true });
    expect(named(await rows(clients, ref.accountId))).toEqual({ Acme: true, "Gone Client": true });
    expect(named(await rows(tasks, ref.accountId))).toMatchObject({ Copy: true, Wireframes: false });
  });

  it("stops offering an archived project for timers while its Time Logs keep their titles", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    await structureRun(ref);
    await applyTimeEntry(
      db(),
      { accountId: ref.accountId, connectionId: ref.id, workspaceId: org.ws, historyFrom: null },
      {
        togglId: "8100000001",
        workspaceId: org.ws,
        togglUserId: String(org.seeded.users.ann!.id),
        projectId: String(org.seeded.projects.site!),
        taskId: String(org.seeded.tasks.wire!),
        description: "Sketches",
        start: Date.now() - 7_200_000,
        stop: Date.now() - 3_600_000,
        durationSeconds: 3600,
        billable: false,
        tags: [],
        at: Date.now(),
        deleted: false,
      },
    );
    await control().updateProject(org.seeded.projects.site!, { active: false });
    await structureRun(ref);

    const search = await call<{ label: string }[] | { items: { label: string }[] }>(
      "GET",
      "/api/tasks?q=website",
      org.owner.headers,
    );
    expect(search.status).toBe(200);
    const labels = (Array.isArray(search.body) ? search.body : search.body.items).map((t) => t.label);
    expect(labels).toEqual([]);
    const logs = await call<Page<TimeLog>>("GET", "/api/time-logs", org.owner.headers);
    expect(logs.body.items.map((l) => l.title)).toEqual(["Acme → Website → Wireframes → Sketches"]);
  });

  it("applies structure webhook events in order: an older event changes nothing, a deletion archives", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    await structureRun(ref);
    const id = String(org.seeded.projects.misc!);
    const at = (ms: number) => new Date(ms).toISOString();
    const payload = (name: string, t: number) => ({
      id: Number(id),
      workspace_id: Number(org.ws),
      client_id: null,
      name,
      active: true,
      at: at(t),
    });
    const now = Date.now() + 60_000;
    expect(
      await applyStructureEvent(db(), ref.accountId, org.ws, "project", "updated", payload("Misc renamed", now)),
    ).toBe("updated");
    expect(
      await applyStructureEvent(db(), ref.accountId, org.ws, "project", "updated", payload("Stale name", now - 30_000)),
    ).toBe("unchanged");
    expect((await rows(projects, ref.accountId)).find((p) => p.id === id)?.name).toBe("Misc renamed");
    const target = await db()
      .select()
      .from(trackTargets)
      .where(and(eq(trackTargets.accountId, ref.accountId), eq(trackTargets.key, `project:${id}`)))
      .get();
    expect(target?.label).toBe("Misc renamed");
    expect(await applyStructureEvent(db(), ref.accountId, org.ws, "project", "deleted", { id: Number(id) })).toBe(
      "archived",
    );
    expect((await rows(projects, ref.accountId)).find((p) => p.id === id)?.archived).toBe(true);
    // Another workspace's event is not ours to store.
    expect(
      await applyStructureEvent(db(), ref.accountId, org.ws, "project", "created", {
        ...payload("Elsewhere", now),
        workspace_id: 1,
      }),
    ).toBe("ignored");
  });

  it("applies tag events in order: a rename delivered late does not undo a newer one or a deletion", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    await structureRun(ref);
    const id = String(org.seeded.tags.urgent!);
    const tag = (name: string, t: number, deleted = false) => ({
      id: Number(id),
      workspace_id: Number(org.ws),
      name,
      at: new Date(t).toISOString(),
      deleted_at: deleted ? new Date(t).toISOString() : null,
    });
    const now = Date.now() + 60_000;
    expect(await applyStructureEvent(db(), ref.accountId, org.ws, "tag", "updated", tag("blocker", now))).toBe(
      "updated",
    );
    expect(
      await applyStructureEvent(db(), ref.accountId, org.ws, "tag", "updated", tag("urgent-old", now - 30_000)),
    ).toBe("unchanged");
    expect((await rows(tags, ref.accountId)).find((t) => t.id === id)).toMatchObject({
      name: "blocker",
      archived: false,
    });
    expect(
      await applyStructureEvent(db(), ref.accountId, org.ws, "tag", "deleted", tag("blocker", now + 1000, true)),
    ).toBe("archived");
    expect(await applyStructureEvent(db(), ref.accountId, org.ws, "tag", "created", tag("urgent", now - 60_000))).toBe(
      "unchanged",
    );
    expect((await rows(tags, ref.accountId)).find((t) => t.id === id)).toMatchObject({
      name: "blocker",
      archived: true,
    });
  });

  it("imports a large workspace (hundreds of tasks across pages) in one run", async () => {
    const stamp = crypto.randomUUID().slice(0, 8);
    const seeded = await control().seed({
      plan: "premium",
      users: [{ key: "o", email: `big-${stamp}@agency.test` }],
      workspaces: [
        {
          key: "ws",
          name: `Big ${stamp}`,
          admins: ["o"],
          clients: Array.from({ length: 30 }, (_, i) => ({ key: `c${i}`, name: `Client ${i}` })),
          projects: Array.from({ length: 60 }, (_, i) => ({
            key: `p${i}`,
            name: `Project ${i}`,
            client: `c${i % 30}`,
          })),
          tasks: Array.from({ length: 450 }, (_, i) => ({ key: `t${i}`, name: `Task ${i}`, project: `p${i % 60}` })),
        },
      ],
    });
    const org = await seedOrg();
    const credentialId = await storeCredential(env, db(), {
      personId: org.owner.personId,
      togglUserId: String(seeded.users.o!.id),
      apiToken: seeded.users.o!.apiToken,
    });
    const ref = await connectDirect({ ...org, credentialId, seeded }, String(seeded.workspaces.ws!.id));
    const step = await structureRun(ref);
    expect(step.itemsChanged).toBe(30 + 60 + 450);
    // Tasks come 200 a page; then tags and project users.
    expect(step.requests).toBe(1 + 1 + 3 + 1 + 1);
    const targets = await db()
      .select({ key: trackTargets.key })
      .from(trackTargets)
      .where(eq(trackTargets.accountId, ref.accountId));
    expect(targets).toHaveLength(1 + 30 + 60 + 450);
    expect(await structureRun(ref)).toMatchObject({ itemsChanged: 0 });
  });

  it("resumes a structure run cut off by a 402 after the entity types it had already stored", async () => {
    const org = await seedOrg();
    const ref = await connectDirect(org, org.ws);
    await structureRun(ref);
    const c = control();
    await c.updateProject(org.seeded.projects.site!, { name: "Website 2" });
    await c.updateTask(org.seeded.tasks.wire!, { name: "Wireframes v2" });
    await c.updateTag(org.seeded.tags.urgent!, { name: "asap" });
    await c.fail({ token: org.ownerToken, pathPrefix: `/api/v9/workspaces/${org.ws}/tasks`, status: 402, count: 1 });

    await ensureJob(db(), ref, "structure", new Date(), { restart: true });
    const cut = await runConnectionWork(env, db(), { ...ref, reason: "nightly" }, { kinds: ["structure"] });
    expect(cut?.status).toBe("paused");
    expect(cut?.steps[0]).toMatchObject({ ok: false, requests: 3 });
    expect((await rows(projects, ref.accountId)).map((p) => p.name)).toContain("Website 2");
    expect((await rows(tasks, ref.accountId)).map((t) => t.name)).toContain("Wireframes");

    // The hour passes: Toggl's window and our record of it are fresh again.
    await db().delete(quotaBudgets).where(eq(quotaBudgets.credentialId, org.credentialId));
    const later = new Date(Date.now() + 2 * 3_600_000);
    const resumed = await runConnectionWork(
      env,
      db(),
      { ...ref, reason: "drain" },
      { kinds: ["structure"], clock: () => later },
    );
    expect(resumed?.status).toBe("ok");
    // Only what was left: tasks, tags and project users.
    expect(resumed?.steps[0]).toMatchObject({ ok: true, requests: 3 });
    expect((await rows(tasks, ref.accountId)).map((t) => t.name)).toContain("Wireframes v2");
    const label = await db()
      .select({ label: trackTargets.label })
      .from(trackTargets)
      .where(and(eq(trackTargets.accountId, ref.accountId), eq(trackTargets.key, `task:${org.seeded.tasks.wire}`)))
      .get();
    expect(label?.label).toBe("Acme → Website 2 → Wireframes v2");
    const log = (await control().requestLog({ token: org.ownerToken })).byPath;
    expect(log[`GET /api/v9/workspaces/${org.ws}/clients`]).toBe(2);
  });
});
