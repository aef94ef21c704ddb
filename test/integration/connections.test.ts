// Connecting workspaces end to end over real HTTP both ways: the worker creates Hourline's
// subscriptions in the stand-in, the stand-in pings and delivers to the worker's listener.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Connection, SyncRunStep } from "../../shared/contract.ts";
import type { Seeded } from "../toggl-stand-in/control-client.ts";
import { NIGHTLY_CRON, startStack, type Stack } from "./support/stack.ts";

let stack: Stack;
/** Every Toggl token handed to the worker in this file. */
const togglTokens = new Set<string>();
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

async function agency(): Promise<{ seeded: Seeded; token: string; session: string; ws: number; ws2: number }> {
  const stamp = crypto.randomUUID().slice(0, 8);
  const seeded = await stack.control.seed({
    plan: "starter",
    users: [
      { key: "owner", email: `owner-${stamp}@agency.test`, fullname: "Olga Owner" },
      { key: "ann", email: `ann-${stamp}@agency.test`, fullname: "Ann" },
    ],
    workspaces: [
      {
        key: "main",
        name: `Agency ${stamp}`,
        admins: ["owner"],
        members: ["ann"],
        clients: [{ key: "acme", name: "Acme" }],
        projects: [{ key: "site", name: "Website", client: "acme" }],
        tasks: [{ key: "wire", name: "Wireframes", project: "site" }],
      },
      { key: "second", name: `Second ${stamp}`, admins: ["owner"], projects: [{ key: "int", name: "Internal" }] },
    ],
  });
  const token = seeded.users.owner!.apiToken;
  togglTokens.add(token);
  togglTokens.add(seeded.users.ann!.apiToken);
  const session = await stack.signIn(token);
  return { seeded, token, session, ws: seeded.workspaces.main!.id, ws2: seeded.workspaces.second!.id };
}

async function connect(session: string, workspaceIds: number[]) {
  const res = await stack.api<{ items: Connection[] }>("POST", "/api/connections", {
    token: session,
    body: { workspaceIds: workspaceIds.map(String) },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.items;
}

/**
 * A finished entry made in Toggl by Ann, started after the connection was made (nothing older is
 * imported); resolves once the worker stored it as a Time Log.
 */
async function entryArrives(seeded: Seeded, ws: number, description: string) {
  const start = Date.now();
  const entry = await stack.control.createTimeEntry({
    userId: seeded.users.ann!.id,
    workspaceId: ws,
    start: new Date(start).toISOString(),
    stop: new Date(start + 60_000).toISOString(),
    description,
  });
  await vi.waitFor(
    async () => {
      const rows = await stack.query<{ description: string }>(
        "select description from time_logs where toggl_id = ?",
        String(entry.id),
      );
      expect(rows).toEqual([{ description }]);
    },
    { timeout: 10_000, interval: 200 },
  );
}

describe("connecting workspaces with self-healing webhooks", () => {
  it("gives two connections with validated subscriptions and the structure in D1; again creates nothing", async () => {
    const org = await agency();
    const items = await connect(org.session, [org.ws, org.ws2]);
    expect(items).toHaveLength(2);
    for (const [i, ws] of [org.ws, org.ws2].entries()) {
      const subs = await stack.control.listSubscriptions(ws);
      expect(subs).toHaveLength(1);
      expect(subs[0]).toMatchObject({
        enabled: true,
        url_callback: `${stack.workerUrl}/webhooks/toggl/${items[i]!.id}`,
      });
      expect(subs[0]!.validated_at).not.toBeNull();
      expect(items[i]!.webhook.status).toBe("validated");
    }
    const names = await stack.query<{ name: string }>(
      "select name from projects where workspace_id in (?, ?) order by name",
      String(org.ws),
      String(org.ws2),
    );
    expect(names.map((r) => r.name)).toEqual(["Internal", "Website"]);
    const callbacks = await stack.query<{ url: string }>(
      "select webhook_callback_url as url from connections where id = ?",
      items[0]!.id,
    );
    expect(callbacks[0]!.url).toBe(`${stack.workerUrl}/webhooks/toggl/${items[0]!.id}`);

    await entryArrives(org.seeded, org.ws, "Kick-off");

    const again = await connect(org.session, [org.ws, org.ws2]);
    expect(again.map((c) => c.id)).toEqual(items.map((c) => c.id));
    expect(await stack.control.listSubscriptions(org.ws)).toHaveLength(1);
    expect(
      await stack.query("select id from connections where workspace_id in (?, ?)", String(org.ws), String(org.ws2)),
    ).toHaveLength(2);
  });

  it("connects with only the interactive reserve left: the subscription is made, the import waits, a timer still starts", async () => {
    const org = await agency();
    // A first workspace of the organisation connected earlier: Toggl's quota headers showed its
    // bucket (Starter, 240 an hour). Now a busy hour leaves 26: two above the reserve kept for
    // people's timers (10%), and the admin connects the second one.
    await connect(org.session, [org.ws2]);
    await stack.control.setQuota(org.token, { remaining: 26, resetsInSeconds: 3000 });

    const [connection] = await connect(org.session, [org.ws]);
    // What the admin waits for: the subscription, validated, so entries made from now on arrive.
    expect(connection!.webhook.status).toBe("validated");
    expect((await stack.control.listSubscriptions(org.ws))[0]?.validated_at).not.toBeNull();
    // The structure and members import does not take the reserve: it waits for the drain.
    const jobs = await stack.query<{ kind: string; state: string }>(
      "select kind, state from sync_jobs where connection_id = ? and kind in ('structure', 'members') order by kind",
      connection!.id,
    );
    expect(jobs.map((j) => [j.kind, j.state === "done" ? "done" : "waiting"])).toEqual([
      ["members", "waiting"],
      ["structure", "waiting"],
    ]);

    // The person's timer still finds the reserve.
    const started = await stack.api("POST", "/api/timer/start", {
      token: org.session,
      body: { workspaceId: String(org.ws), description: "Right after connecting" },
    });
    expect(started.status, started.text).toBe(201);
  });

  it("repairs a subscription disabled behind its back on re-sync, and events flow again", async () => {
    const org = await agency();
    const [conn] = await connect(org.session, [org.ws]);
    const [sub] = await stack.control.listSubscriptions(org.ws);
    await stack.control.disableSubscription(org.ws, sub!.subscription_id);

    const res = await stack.api<{ connection: Connection }>("POST", `/api/connections/${conn!.id}/sync`, {
      token: org.session,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.connection.webhook.status).toBe("validated");
    expect(res.body.connection.webhook.repairedAt).not.toBeNull();
    expect(res.body.connection.webhook.note).toMatch(/disabled/i);
    const [after] = await stack.control.listSubscriptions(org.ws);
    expect(after).toMatchObject({ subscription_id: sub!.subscription_id, enabled: true });
    await entryArrives(org.seeded, org.ws, "After re-enable");
  });

  it("recreates a deleted subscription on the nightly run, and events flow again", async () => {
    const org = await agency();
    const [conn] = await connect(org.session, [org.ws]);
    const [sub] = await stack.control.listSubscriptions(org.ws);
    await stack.control.deleteSubscription(org.ws, sub!.subscription_id);
    expect(await stack.control.listSubscriptions(org.ws)).toHaveLength(0);

    await stack.cron(NIGHTLY_CRON);
    await vi.waitFor(
      async () => {
        const subs = await stack.control.listSubscriptions(org.ws);
        expect(subs).toHaveLength(1);
        expect(subs[0]!.validated_at).not.toBeNull();
      },
      { timeout: 15_000, interval: 250 },
    );
    await vi.waitFor(
      async () => {
        const runs = await stack.query<{ status: string }>(
          "select status from sync_runs where connection_id = ? and kind = 'nightly'",
          conn!.id,
        );
        expect(runs.map((r) => r.status)).toContain("ok");
      },
      { timeout: 15_000, interval: 250 },
    );
    const list = await stack.api<{ items: Connection[] }>("GET", "/api/connections", { token: org.session });
    const repaired = list.body.items.find((c) => c.id === conn!.id)!;
    expect(repaired.webhook).toMatchObject({ status: "validated" });
    expect(repaired.webhook.note).toMatch(/missing/i);
    await entryArrives(org.seeded, org.ws, "After recreate");
  });

  it("unlinks: the subscription is removed (even when disabled) and the imported data stays", async () => {
    const org = await agency();
    const [conn] = await connect(org.session, [org.ws]);
    await entryArrives(org.seeded, org.ws, "Before unlink");
    const [sub] = await stack.control.listSubscriptions(org.ws);
    await stack.control.disableSubscription(org.ws, sub!.subscription_id);

    const res = await stack.api<Connection>("DELETE", `/api/connections/${conn!.id}`, { token: org.session });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe("unlinked");
    expect(await stack.control.listSubscriptions(org.ws)).toHaveLength(0);
    expect(await stack.query("select id from time_logs where connection_id = ?", conn!.id)).toHaveLength(1);
    expect(await stack.query("select id from projects where workspace_id = ?", String(org.ws))).toHaveLength(1);

    // Reconnecting reuses the connection and subscribes again.
    const [back] = await connect(org.session, [org.ws]);
    expect(back!.id).toBe(conn!.id);
    expect(back!.webhook.status).toBe("validated");
    await entryArrives(org.seeded, org.ws, "After reconnect");
  });

  it("re-enables an unlinked connection (validated again, events flow), then moves it to a changed callback URL on the first repair", async () => {
    const org = await agency();
    const [conn] = await connect(org.session, [org.ws]);
    await stack.api("DELETE", `/api/connections/${conn!.id}`, { token: org.session });
    expect(await stack.control.listSubscriptions(org.ws)).toHaveLength(0);

    const res = await stack.api<{ connection: Connection }>("POST", `/api/connections/${conn!.id}/sync`, {
      token: org.session,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.connection).toMatchObject({ id: conn!.id, status: "active", webhook: { status: "validated" } });
    const subs = await stack.control.listSubscriptions(org.ws);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ enabled: true, url_callback: `${stack.workerUrl}/webhooks/toggl/${conn!.id}` });
    expect(subs[0]!.validated_at).not.toBeNull();
    await entryArrives(org.seeded, org.ws, "After re-enabling");

    // The worker's address changed since: Toggl and D1 both still hold the old one. The first repair
    // moves the subscription, and Toggl's validation ping to the new address is accepted.
    const [sub] = await stack.control.listSubscriptions(org.ws);
    const oldUrl = `${stack.workerUrl}/webhooks/toggl/${conn!.id}?via=old-address`;
    await stack.query("update connections set webhook_callback_url = ? where id = ?", oldUrl, conn!.id);
    const moved = await fetch(`${stack.standIn.url}/webhooks/api/v1/subscriptions/${org.ws}/${sub!.subscription_id}`, {
      method: "PUT",
      headers: {
        authorization: `Basic ${btoa(`${org.token}:api_token`)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        description: sub!.description,
        url_callback: oldUrl,
        event_filters: sub!.event_filters,
        enabled: true,
      }),
    });
    expect(moved.status, await moved.text()).toBe(200);

    const repaired = await stack.api<{ connection: Connection }>("POST", `/api/connections/${conn!.id}/sync`, {
      token: org.session,
    });
    expect(repaired.status, repaired.text).toBe(200);
    expect(repaired.body.connection.webhook.status, repaired.body.connection.webhook.note ?? "").toBe("validated");
    const [after] = await stack.control.listSubscriptions(org.ws);
    expect(after).toMatchObject({ url_callback: `${stack.workerUrl}/webhooks/toggl/${conn!.id}` });
    expect(after!.validated_at).not.toBeNull();
    await entryArrives(org.seeded, org.ws, "At the new address");
  });

  it("adopts a stale subscription holding its description (lost secret) instead of duplicating it", async () => {
    const org = await agency();
    const [conn] = await connect(org.session, [org.ws]);
    const [before] = await stack.control.listSubscriptions(org.ws);
    // As if Hourline had lost track of it: no subscription id, no secret.
    await stack.query(
      "update connections set webhook_subscription_id = null, webhook_secret_ciphertext = null where id = ?",
      conn!.id,
    );

    const res = await stack.api<{ connection: Connection }>("POST", `/api/connections/${conn!.id}/sync`, {
      token: org.session,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.connection.webhook.status).toBe("validated");
    const after = await stack.control.listSubscriptions(org.ws);
    expect(after).toHaveLength(1);
    expect(after[0]!.subscription_id).toBe(before!.subscription_id);
    expect(after[0]!.secret).not.toBe(before!.secret);
    await entryArrives(org.seeded, org.ws, "Signed with the new secret");
  });

  it("takes structure changes by webhook where the plan leaves room for them", async () => {
    const org = await agency();
    const [conn] = await connect(org.session, [org.ws]);
    const [sub] = await stack.control.listSubscriptions(org.ws);
    // Starter: 6 filters per subscription, so the time entry events plus project, task and client.
    expect(sub!.event_filters).toEqual(expect.arrayContaining([{ entity: "project", action: "*" }]));
    await stack.control.updateProject(org.seeded.projects.site!, { name: "Website relaunch" });
    await vi.waitFor(
      async () => {
        const rows = await stack.query<{ name: string }>(
          "select name from projects where id = ?",
          String(org.seeded.projects.site),
        );
        expect(rows).toEqual([{ name: "Website relaunch" }]);
        const targets = await stack.query<{ label: string }>(
          "select label from track_targets where key = ?",
          `project:${org.seeded.projects.site}`,
        );
        expect(targets).toEqual([{ label: "Acme → Website relaunch" }]);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(conn!.webhook.status).toBe("validated");
  });

  it("spends at most one Toggl request per listing on a nightly run over an unchanged workspace", async () => {
    const org = await agency();
    const [conn] = await connect(org.session, [org.ws]);
    await stack.cron(NIGHTLY_CRON);
    let steps: SyncRunStep[] = [];
    await vi.waitFor(
      async () => {
        const runs = await stack.query<{ steps: string; status: string }>(
          "select steps, status from sync_runs where connection_id = ? and kind = 'nightly' and status != 'running'",
          conn!.id,
        );
        expect(runs).toHaveLength(1);
        expect(runs[0]!.status).toBe("ok");
        steps = JSON.parse(runs[0]!.steps) as SyncRunStep[];
      },
      { timeout: 15_000, interval: 250 },
    );
    expect(Object.fromEntries(steps.map((s) => [s.step, s.requests]))).toEqual({
      webhook_repair: 1,
      // clients, projects, tasks, tags, project users
      structure: 5,
      members: 1,
      reconcile: 1,
    });
  });

  it("imports the chosen history window through the queue after connecting", async () => {
    const stamp = crypto.randomUUID().slice(0, 8);
    const day = 86_400_000;
    const seeded = await stack.control.seed({
      plan: "free",
      users: [{ key: "owner", email: `history-${stamp}@agency.test` }],
      workspaces: [{ key: "ws", name: `History ${stamp}`, admins: ["owner"], projects: [{ key: "p", name: "Work" }] }],
      timeEntries: [2, 5, 20].map((daysAgo) => ({
        user: "owner",
        workspace: "ws",
        project: "p",
        description: `${daysAgo} days ago`,
        start: new Date(Date.now() - daysAgo * day).toISOString(),
        stop: new Date(Date.now() - daysAgo * day + 3_600_000).toISOString(),
      })),
    });
    togglTokens.add(seeded.users.owner!.apiToken);
    const session = await stack.signIn(seeded.users.owner!.apiToken);
    const res = await stack.api<{ items: Connection[] }>("POST", "/api/connections", {
      token: session,
      body: { workspaceIds: [String(seeded.workspaces.ws!.id)], backfillDays: 7 },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.items[0]!.backfillDays).toBe(7);
    await vi.waitFor(
      async () => {
        const rows = await stack.query<{ description: string }>(
          "select description from time_logs where connection_id = ? order by start",
          res.body.items[0]!.id,
        );
        expect(rows.map((r) => r.description)).toEqual(["5 days ago", "2 days ago"]);
      },
      { timeout: 15_000, interval: 250 },
    );
  });

  it("never sends a Toggl token in any response body", async () => {
    const org = await agency();
    await connect(org.session, [org.ws]);
    await stack.api("GET", "/api/connections", { token: org.session });
    await stack.api("GET", "/api/overview", { token: org.session });
    await stack.api("GET", "/api/toggl/workspaces", { token: org.session });
    expect(stack.bodies.length).toBeGreaterThan(3);
    for (const body of stack.bodies) for (const token of togglTokens) expect(body).not.toContain(token);
  });
});
