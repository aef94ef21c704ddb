import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Seeded } from "../../toggl-stand-in/control-client.ts";
import { QuotaBudget, type QuotaObservation } from "../../../worker/toggl/quota";
import { clientFor, control, seed, str, uniq } from "./helpers";

let s: Seeded;
const tag = uniq();
const manyProjects = Array.from({ length: 205 }, (_, i) => ({
  key: `p${i}`,
  name: `Project ${String(i).padStart(3, "0")}`,
}));

beforeAll(async () => {
  s = await seed({
    plan: "premium",
    organizationName: `Structure ${tag}`,
    users: [
      { key: "alice", email: `alice-${tag}@acme.test`, fullname: "Alice Admin", timezone: "Europe/Berlin" },
      { key: "bob", email: `bob-${tag}@acme.test`, fullname: "Bob Member" },
    ],
    workspaces: [
      {
        key: "main",
        name: `Acme ${tag}`,
        admins: ["alice"],
        members: ["bob"],
        clients: [
          { key: "c1", name: "Globex" },
          { key: "c2", name: "Initech", archived: true },
        ],
        projects: [
          { key: "web", name: "Website", client: "c1", billable: true, color: "#0b83d9" },
          { key: "old", name: "Legacy", client: "c2", active: false },
          ...manyProjects,
        ],
        tasks: [
          { key: "t1", name: "Design", project: "web" },
          { key: "t2", name: "Launch", project: "web", active: false },
        ],
        tags: [
          { key: "g1", name: "urgent" },
          { key: "g2", name: "review" },
        ],
      },
      { key: "side", name: `Side ${tag}`, admins: ["alice"] },
    ],
  });
});

beforeEach(async () => {
  await control.resetQuota(s.users.alice!.apiToken);
});

const alice = () => s.users.alice!;
const wid = () => str(s.workspaces.main!.id);

describe("TogglClient: user and workspaces", () => {
  it("reads /me with ids as strings, and with related data on request", async () => {
    const { client } = clientFor(alice().apiToken);
    const me = await client.me();
    expect(me).toMatchObject({
      id: str(alice().id),
      email: alice().email,
      fullname: "Alice Admin",
      timezone: "Europe/Berlin",
    });
    expect(me.workspaces ?? null).toBeNull();

    const full = await client.me({ withRelatedData: true });
    expect(full.workspaces?.map((w) => w.id).sort()).toEqual([wid(), str(s.workspaces.side!.id)].sort());
    expect(client.organizationOf(wid())).toBe(str(s.organizationId));
  });

  it("lists the token's workspaces and organizations, and one workspace", async () => {
    const { client } = clientFor(alice().apiToken);
    const workspaces = await client.myWorkspaces();
    expect(workspaces.map((w) => [w.id, w.organization_id, w.name]).sort()).toEqual(
      [
        [wid(), str(s.organizationId), `Acme ${tag}`],
        [str(s.workspaces.side!.id), str(s.organizationId), `Side ${tag}`],
      ].sort(),
    );
    expect(workspaces.find((w) => w.id === wid())?.role).toBe("admin");

    const orgs = await client.myOrganizations();
    expect(orgs.map((o) => [o.id, o.name])).toEqual([[str(s.organizationId), `Structure ${tag}`]]);

    const one = await clientFor(alice().apiToken).client.workspace(wid());
    expect(one).toMatchObject({ id: wid(), organization_id: str(s.organizationId), name: `Acme ${tag}` });
  });

  it("lists members in both id spaces", async () => {
    const { client } = clientFor(alice().apiToken);
    const simple = await client.workspaceUsers(wid());
    expect(simple.map((u) => [u.id, u.email, u.fullname]).sort()).toEqual(
      [
        [str(alice().id), alice().email, "Alice Admin"],
        [str(s.users.bob!.id), s.users.bob!.email, "Bob Member"],
      ].sort(),
    );
    const detailed = await client.workspaceUsersDetailed(wid());
    const bob = detailed.find((u) => u.email === s.users.bob!.email);
    expect(bob?.uid).toBe(str(s.users.bob!.id));
    expect(bob?.id).not.toBe(str(s.users.bob!.id));
  });
});

describe("TogglClient: structure listings", () => {
  it("lists clients including archived ones", async () => {
    const { client } = clientFor(alice().apiToken);
    const clients = await client.clients(wid());
    expect(clients.map((c) => [c.id, c.name, c.archived, c.wid]).sort()).toEqual(
      [
        [str(s.clients.c1!), "Globex", false, wid()],
        [str(s.clients.c2!), "Initech", true, wid()],
      ].sort(),
    );
    expect((await client.clients(wid(), { status: "active" })).map((c) => c.name)).toEqual(["Globex"]);
  });

  it("pages through every project, active and archived", async () => {
    const { client } = clientFor(alice().apiToken);
    const before = client.requestsSpent;
    const projects = await client.projects(wid());
    expect(projects).toHaveLength(207);
    expect(new Set(projects.map((p) => p.id)).size).toBe(207);
    expect(client.requestsSpent - before).toBe(2);
    const web = projects.find((p) => p.id === str(s.projects.web!));
    expect(web).toMatchObject({
      name: "Website",
      client_id: str(s.clients.c1!),
      billable: true,
      active: true,
      workspace_id: wid(),
    });
    expect(projects.find((p) => p.id === str(s.projects.old!))).toMatchObject({
      active: false,
      client_id: str(s.clients.c2!),
    });
    expect(projects.find((p) => p.id === str(s.projects.p0!))?.client_id).toBeNull();
  });

  it("lists tasks (done ones too) out of Toggl's wrapper object, and tags", async () => {
    const { client } = clientFor(alice().apiToken);
    const tasks = await client.tasks(wid());
    expect(tasks.map((t) => [t.id, t.name, t.project_id, t.active]).sort()).toEqual(
      [
        [str(s.tasks.t1!), "Design", str(s.projects.web!), true],
        [str(s.tasks.t2!), "Launch", str(s.projects.web!), false],
      ].sort(),
    );
    const tags = await client.tags(wid());
    expect(tags.map((t) => [t.id, t.name]).sort()).toEqual(
      [
        [str(s.tags.g1!), "urgent"],
        [str(s.tags.g2!), "review"],
      ].sort(),
    );
  });

  it("only returns what changed since a moment", async () => {
    const { client } = clientFor(alice().apiToken);
    // `since` is in whole seconds: wait until the clock has left the second the seed happened in.
    const seededBefore = Math.floor(Date.now() / 1000);
    await vi.waitFor(() => expect(Math.floor(Date.now() / 1000)).toBeGreaterThan(seededBefore), {
      timeout: 2_000,
      interval: 20,
    });
    const since = new Date();
    await control.updateProject(s.projects.p5!, { name: "Renamed five" });
    const changed = await client.projects(wid(), { since });
    expect(changed.map((p) => p.name)).toContain("Renamed five");
    expect(changed.length).toBeLessThan(10);
  });
});

describe("TogglClient: quota and request accounting", () => {
  it("records the quota headers of every response, per bucket, and counts every request", async () => {
    const token = alice().apiToken;
    const seen: QuotaObservation[] = [];
    const budget = new QuotaBudget();
    const { client } = clientFor(token, {
      onQuota: (o) => void seen.push(o),
      budget,
      organizationIds: { [wid()]: str(s.organizationId) },
    });
    const logBefore = (await control.requestLog({ token })).total;

    await client.me();
    await client.clients(wid());
    await client.tags(wid());
    const quota = await client.quota();

    expect(client.requestsSpent).toBe(4);
    expect((await control.requestLog({ token })).total - logBefore).toBe(4);
    // One observation per response plus one per /me/quota entry.
    expect(seen.slice(0, 3).map((o) => o.bucket)).toEqual(["user", "organization", "organization"]);
    expect(seen[1]).toMatchObject({ organizationId: str(s.organizationId), workspaceId: wid() });
    expect(seen[2]!.remaining).toBe(seen[1]!.remaining - 1);
    expect(seen[0]!.resetsInSeconds).toBeGreaterThan(0);
    expect(client.lastQuota).toBe(seen.at(-1));

    const orgEntry = quota.find((q) => q.organization_id === str(s.organizationId));
    expect(orgEntry).toMatchObject({ total: 600 });
    expect(quota.find((q) => q.organization_id === null)).toMatchObject({ total: 30 });
    expect(budget.state(str(s.organizationId))).toMatchObject({ total: 600, remaining: orgEntry!.remaining });
  });
});
