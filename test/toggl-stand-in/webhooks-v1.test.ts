import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "./control-client.ts";
import { startTogglStandIn, type TogglStandIn } from "./server.ts";
import {
  conforms,
  startReceiver,
  swagger,
  togglClient,
  waitFor,
  type SubscriptionJson,
  type TimeEntryJson,
} from "./test-helpers.ts";
import { signature } from "./webhooks-v1.ts";

let standIn: TogglStandIn;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
beforeAll(async () => {
  standIn = await startTogglStandIn({ retryDelayMs: 150 });
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await standIn.close();
});

async function receiver() {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

async function team(plan: Plan = "starter") {
  const s = await standIn.control.seed({
    plan,
    users: [
      { key: "admin", email: "admin@w.test" },
      { key: "member", email: "member@w.test" },
    ],
    workspaces: [{ key: "w", admins: ["admin"], members: ["member"], projects: [{ key: "p", name: "Proj" }] }],
  });
  const wid = s.workspaces.w!.id;
  return {
    s,
    wid,
    admin: togglClient(standIn.url, s.users.admin!.apiToken),
    member: togglClient(standIn.url, s.users.member!.apiToken),
  };
}

const TIME_ENTRY_EVENTS = [
  { entity: "time_entry", action: "created" },
  { entity: "time_entry", action: "updated" },
  { entity: "time_entry", action: "deleted" },
];
const subs = (wid: number) => `/webhooks/api/v1/subscriptions/${wid}`;

describe("signatures", () => {
  it("match the documented test vector", () => {
    const body =
      '{"event_id":0,"created_at":"2022-06-25T03:58:10.207820267Z","creator_id":6,"metadata":{"request_type":"POST","event_user_id":6},"payload":"ping","subscription_id":6,"timestamp":"2022-06-25T03:58:10.207820267Z","url_callback":"https://callback-url.com"}';
    expect(signature("PGuRrhCFajIyEvFlreKL", body)).toBe(
      "sha256=bf829606cda0ca6923defb5ca70a43135adc7e8887486a201a19cb50ca6006b1",
    );
  });
});

describe("subscriptions", () => {
  it("are refused when the callback does not answer 2xx, and nothing is stored", async () => {
    const { wid, admin } = await team();
    const r = await receiver();
    r.answerWith(() => ({ status: 500 }));
    const res = await admin("POST", subs(wid), {
      url_callback: r.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Hourline",
    });
    expect(res.status).toBe(400);
    expect(res.body).toBe(`URL endpoint ${r.url} responded with status 500 instead of 200`);
    const unreachable = await admin("POST", subs(wid), {
      url_callback: "http://127.0.0.1:9/nothing",
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Hourline",
    });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body).toMatch(/^URL endpoint http:\/\/127\.0\.0\.1:9\/nothing request failed with error: /);
    expect(await standIn.control.listSubscriptions(wid)).toEqual([]);
  });

  it("are validated when the ping is answered with the validation code", async () => {
    const { s, wid, admin } = await team();
    const r = await receiver();
    const res = await admin<SubscriptionJson>("POST", subs(wid), {
      url_callback: r.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Hourline",
      secret: "PGuRrhCFajIyEvFlreKL",
    });
    expect(res.status).toBe(200);
    expect(conforms(swagger.webhooks, "/subscriptions/{workspace_id}", "post", res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      workspace_id: wid,
      user_id: s.users.admin!.id,
      enabled: true,
      secret: "PGuRrhCFajIyEvFlreKL",
      validated_at: expect.any(String),
    });
    const ping = r.received[0]!;
    expect(ping.json).toMatchObject({
      event_id: 0,
      payload: "ping",
      subscription_id: res.body.subscription_id,
      url_callback: r.url,
      metadata: { request_type: "POST", event_user_id: s.users.admin!.id },
    });
    expect(ping.headers["x-webhook-signature-256"]).toBe(signature("PGuRrhCFajIyEvFlreKL", ping.raw));
    const list = await admin("GET", subs(wid));
    expect(conforms(swagger.webhooks, "/subscriptions/{workspace_id}", "get", list.body)).toEqual([]);
    expect(list.body).toHaveLength(1);
  });

  it("are validated through validation_code_url when the ping is only acknowledged", async () => {
    const { wid, admin, member } = await team();
    const r = await receiver();
    r.answerWith(() => ({ status: 200, body: { ok: true } }));
    const res = await admin<SubscriptionJson>("POST", subs(wid), {
      url_callback: r.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Later",
    });
    expect(res.body.validated_at).toBeNull();
    // Unvalidated: changes produce no events.
    await member("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      workspace_id: wid,
      start: "2026-11-02T10:00:00Z",
      duration: 60,
    });
    await standIn.control.flushDeliveries(wid);
    expect(r.events()).toEqual([]);

    const url = r.received[0]!.json.validation_code_url as string;
    expect(url).toBe(
      `${standIn.url}/webhooks/api/v1/validate/${wid}/${res.body.subscription_id}/${r.received[0]!.json.validation_code}`,
    );
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toBe("OK");
    const again = await fetch(url);
    expect(again.status).toBe(400);
    expect(await again.json()).toBe(`subscription ${res.body.subscription_id} has already been validated`);
    expect((await standIn.control.listSubscriptions(wid))[0]!.validated_at).toEqual(expect.any(String));
  });

  it("enforce unique descriptions and the plan's limits with Toggl's texts", async () => {
    const { s, wid, admin } = await team("free");
    const r = await receiver();
    const limits = await admin("GET", `/webhooks/api/v1/limits/${wid}`);
    expect(conforms(swagger.webhooks, "/limits/{workspace_id}", "get", limits.body)).toEqual([]);
    expect(limits.body).toEqual({ max_webhooks: 1, max_events_per_webhook: 3 });

    const tooMany = await admin("POST", subs(wid), {
      url_callback: r.url,
      event_filters: [...TIME_ENTRY_EVENTS, { entity: "project", action: "*" }],
      enabled: true,
      description: "Four",
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toBe(
      "The limit of 3 event filters for your subscription has been exceeded as you're trying to set 4 filters",
    );

    expect(
      (
        await admin("POST", subs(wid), {
          url_callback: r.url,
          event_filters: TIME_ENTRY_EVENTS,
          enabled: true,
          description: "Hourline",
        })
      ).status,
    ).toBe(200);
    const dup = await admin("POST", subs(wid), {
      url_callback: r.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: false,
      description: "Hourline",
    });
    expect(dup.status).toBe(400);
    expect(dup.body).toBe(`Subscription description 'Hourline' is already in use for workspace ${wid}`);
    const second = await admin("POST", subs(wid), {
      url_callback: r.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Second",
    });
    expect(second.status).toBe(400);
    expect(second.body).toBe(
      `User ${s.users.admin!.id} already reached the limit of 1 enabled subscriptions for workspace ${wid}`,
    );
    const badAction = await admin("POST", subs(wid), {
      url_callback: r.url,
      event_filters: [{ entity: "time_entry", action: "touched" }],
      enabled: false,
      description: "Bad",
    });
    expect(badAction.body).toBe("Invalid value 'touched' for event filter action");
    const empty = await admin("POST", subs(wid), {
      url_callback: r.url,
      event_filters: [],
      enabled: false,
      description: "Empty",
    });
    expect(empty.body).toBe("The list of event filters must not be empty");
  });

  it("cannot be deleted while disabled (Toggl's quirk) and return the deleted subscription", async () => {
    const { wid, admin } = await team();
    const r = await receiver();
    const created = await admin<SubscriptionJson>("POST", subs(wid), {
      url_callback: r.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Hourline",
    });
    const sid = created.body.subscription_id;
    const off = await admin<SubscriptionJson>("PATCH", `${subs(wid)}/${sid}`, { enabled: false });
    expect(conforms(swagger.webhooks, "/subscriptions/{workspace_id}/{subscription_id}", "patch", off.body)).toEqual(
      [],
    );
    expect(off.body.enabled).toBe(false);
    const refused = await admin("DELETE", `${subs(wid)}/${sid}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("disabled");
    expect(await standIn.control.listSubscriptions(wid)).toHaveLength(1);

    expect((await admin<SubscriptionJson>("PATCH", `${subs(wid)}/${sid}`, { enabled: true })).body.enabled).toBe(true);
    const deleted = await admin("DELETE", `${subs(wid)}/${sid}`);
    expect(deleted.status).toBe(200);
    expect(
      conforms(swagger.webhooks, "/subscriptions/{workspace_id}/{subscription_id}", "delete", deleted.body),
    ).toEqual([]);
    expect(deleted.body).toMatchObject({ subscription_id: sid, deleted_at: expect.any(String) });
    expect(await standIn.control.listSubscriptions(wid)).toEqual([]);
  });

  it("update with PUT, re-validating a new callback URL, and ping on demand", async () => {
    const { wid, admin } = await team();
    const first = await receiver();
    const created = await admin<SubscriptionJson>("POST", subs(wid), {
      url_callback: first.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Hourline",
    });
    const sid = created.body.subscription_id;
    const second = await receiver();
    second.answerWith(() => ({ status: 204 }));
    const updated = await admin("PUT", `${subs(wid)}/${sid}`, {
      url_callback: second.url,
      event_filters: [{ entity: "time_entry", action: "*" }],
      enabled: true,
      description: "Hourline v2",
    });
    expect(updated.status).toBe(200);
    expect(conforms(swagger.webhooks, "/subscriptions/{workspace_id}/{subscription_id}", "put", updated.body)).toEqual(
      [],
    );
    expect(updated.body).toMatchObject({
      url_callback: second.url,
      description: "Hourline v2",
      event_filters: [{ entity: "time_entry", action: "*" }],
      validated_at: null,
    });
    expect(second.received[0]!.json.validation_code).toEqual(expect.any(String));

    second.answerWith(() => ({ status: 500 }));
    const failing = await admin("PUT", `${subs(wid)}/${sid}`, {
      url_callback: second.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "Hourline v3",
    });
    expect(failing.status).toBe(400);
    expect(failing.body).toBe(`URL endpoint ${second.url} responded with status 500 instead of 2xx`);
    expect((await standIn.control.listSubscriptions(wid))[0]!.description).toBe("Hourline v2");

    second.answerWith((r) => ({ status: 200, body: { validation_code: r.json.validation_code } }));
    const ping = await admin("POST", `/webhooks/api/v1/ping/${wid}/${sid}`);
    expect(ping.status).toBe(200);
    expect(conforms(swagger.webhooks, "/ping/{workspace_id}/{subscription_id}", "post", ping.body)).toEqual([]);
    expect((await standIn.control.listSubscriptions(wid))[0]!.validated_at).toEqual(expect.any(String));
    const missing = await admin("PUT", `${subs(wid)}/999999`, {
      url_callback: second.url,
      event_filters: TIME_ENTRY_EVENTS,
      enabled: true,
      description: "x",
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toBe(`subscription 999999 for workspace ${wid} was not found`);
  });

  it("list the event filters and answer the status check", async () => {
    const { admin } = await team();
    const filters = await admin<Record<string, string[]>>("GET", "/webhooks/api/v1/event_filters");
    expect(conforms(swagger.webhooks, "/event_filters", "get", filters.body)).toEqual([]);
    expect(filters.body.time_entry).toEqual(["created", "updated", "deleted"]);
    expect(filters.body).toHaveProperty("project");
    const status = await fetch(`${standIn.url}/webhooks/api/v1/status`);
    expect(await status.json()).toEqual({ status: "OK" });
  });

  it("answer 403 to someone outside the workspace", async () => {
    const { wid } = await team();
    const outsider = await team();
    const res = await outsider.admin("GET", subs(wid));
    expect(res.status).toBe(403);
    expect(res.body).toBe("User not found/accessible for workspace");
  });
});

describe("deliveries", () => {
  async function subscribed(plan: Plan = "starter", filters = TIME_ENTRY_EVENTS, who: "admin" | "member" = "admin") {
    const t = await team(plan);
    const r = await receiver();
    const res = await t[who]<SubscriptionJson>("POST", subs(t.wid), {
      url_callback: r.url,
      event_filters: filters,
      enabled: true,
      description: "Hourline",
      secret: "s3cr3t-for-test",
    });
    expect(res.status).toBe(200);
    return { ...t, r, sid: res.body.subscription_id };
  }

  it("deliver signed time entry events for API changes and control changes alike", async () => {
    const { s, wid, member, r, sid } = await subscribed();
    const created = await member<TimeEntryJson>("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      created_with: "t",
      workspace_id: wid,
      start: "2026-11-02T10:00:00Z",
      duration: 600,
      description: "Via API",
    });
    const event = await waitFor(() => r.events()[0]);
    expect(event.headers["x-webhook-signature-256"]).toBe(signature("s3cr3t-for-test", event.raw));
    expect(event.headers["content-type"]).toBe("application/json");
    expect(event.json.event_id).toBeGreaterThan(8e15);
    expect(event.json.event_id).toBeLessThan(2 ** 53);
    expect(event.json).toMatchObject({
      subscription_id: sid,
      creator_id: s.users.admin!.id,
      url_callback: r.url,
      payload: { id: created.body.id, description: "Via API", stop: "2026-11-02T10:10:00Z", duration: 600 },
    });
    expect(Object.keys(event.json)).toEqual([
      "event_id",
      "created_at",
      "creator_id",
      "metadata",
      "payload",
      "subscription_id",
      "timestamp",
      "url_callback",
    ]);
    expect(event.json.metadata).toMatchObject({
      action: "created",
      model: "time_entry",
      event_user_id: String(s.users.member!.id),
      model_owner_id: String(s.users.member!.id),
      workspace_id: String(wid),
      time_entry_id: String(created.body.id),
      request_type: "POST",
      path: `/api/v9/workspaces/${wid}/time_entries`,
    });
    for (const value of Object.values(event.json.metadata)) expect(typeof value).toBe("string");

    // A person acting through the control surface produces the same kind of event.
    const running = await standIn.control.createTimeEntry({
      userId: s.users.member!.id,
      workspaceId: wid,
      start: new Date().toISOString(),
      stop: null,
      description: "Timer",
    });
    await standIn.control.stopTimeEntry(running.id);
    await standIn.control.deleteTimeEntry(created.body.id);
    await waitFor(() => r.events().length >= 4);
    expect(r.events().map((e) => `${e.json.metadata.action}:${e.json.payload.description}`)).toEqual([
      "created:Via API",
      "created:Timer",
      "updated:Timer",
      "deleted:Via API",
    ]);
    const createdRunning = r.events()[1]!.json.payload;
    expect(createdRunning.stop).toBeNull();
    expect(createdRunning.duration).toBeLessThan(0);
    expect(r.events()[3]!.json.payload.server_deleted_at).toEqual(expect.any(String));
    const log = await standIn.control.deliveries(wid);
    expect(log.filter((d) => d.kind !== "ping").every((d) => d.ok && d.signatureValid)).toBe(true);
  });

  it("filter by what the creator may see: a member's subscription gets only their own entries", async () => {
    const { s, wid, r } = await subscribed("starter", TIME_ENTRY_EVENTS, "member");
    await standIn.control.createTimeEntry({
      userId: s.users.admin!.id,
      workspaceId: wid,
      start: "2026-11-02T10:00:00Z",
      stop: "2026-11-02T11:00:00Z",
      description: "Admin's",
    });
    await standIn.control.createTimeEntry({
      userId: s.users.member!.id,
      workspaceId: wid,
      start: "2026-11-02T10:00:00Z",
      stop: "2026-11-02T11:00:00Z",
      description: "Member's",
    });
    await standIn.control.flushDeliveries(wid);
    await waitFor(() => r.events().length >= 1);
    expect(r.events().map((e) => e.json.payload.description)).toEqual(["Member's"]);
  });

  it("carry structure events to subscribers that asked for them", async () => {
    const { wid, r } = await subscribed("starter", [
      { entity: "project", action: "*" },
      { entity: "client", action: "created" },
    ]);
    const client = await standIn.control.createClient({ workspaceId: wid, name: "New Client" });
    const project = await standIn.control.createProject({ workspaceId: wid, name: "New Project", clientId: client.id });
    await standIn.control.updateProject(project.id, { active: false });
    await waitFor(() => r.events().length >= 3);
    expect(r.events().map((e) => `${e.json.metadata.model}.${e.json.metadata.action}`)).toEqual([
      "client.created",
      "project.created",
      "project.updated",
    ]);
    expect(r.events()[2]!.json.payload).toMatchObject({ id: project.id, active: false, client_id: client.id });
    expect(r.events()[1]!.json.metadata.project_id).toBe(String(project.id));
  });

  it("retry a failed delivery later with a fresh timestamp", async () => {
    const { s, wid, r } = await subscribed();
    let failures = 1;
    r.answerWith(() => (failures-- > 0 ? { status: 503 } : { status: 200 }));
    await standIn.control.createTimeEntry({
      userId: s.users.admin!.id,
      workspaceId: wid,
      start: "2026-11-02T10:00:00Z",
      stop: "2026-11-02T11:00:00Z",
    });
    // retryDelayMs is 150 in this file, so the retry comes by itself.
    await waitFor(() => r.events().length >= 2, 3000);
    const [first, second] = r.events();
    expect(second!.json.event_id).toBe(first!.json.event_id);
    expect(second!.json.timestamp).not.toBe(first!.json.timestamp);
    expect(second!.headers["x-webhook-signature-256"]).toBe(signature("s3cr3t-for-test", second!.raw));
    const log = (await standIn.control.deliveries(wid)).filter((d) => d.kind !== "ping");
    expect(log.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 503, false],
      [2, 200, true],
    ]);
  });

  it("hold events until flushed, and can send bad signatures on purpose", async () => {
    const { s, wid, r } = await subscribed();
    await standIn.control.setDeliveryMode(wid, { hold: true, badSignature: 1, seed: 7 });
    await standIn.control.createTimeEntry({
      userId: s.users.admin!.id,
      workspaceId: wid,
      start: "2026-11-02T10:00:00Z",
      stop: "2026-11-02T11:00:00Z",
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.events()).toEqual([]);
    expect((await standIn.control.listSubscriptions(wid))[0]!.has_pending_events).toBe(true);
    const flushed = await standIn.control.flushDeliveries(wid);
    expect(flushed.attempted).toBe(1);
    const event = r.events()[0]!;
    expect(event.headers["x-webhook-signature-256"]).not.toBe(signature("s3cr3t-for-test", event.raw));
    const log = (await standIn.control.deliveries(wid)).filter((d) => d.kind !== "ping");
    expect(log[0]).toMatchObject({ signatureValid: false });
  });

  /** Eight finished entries on eight days, E0…E7. */
  async function eightEntries(userId: number, wid: number) {
    for (let i = 0; i < 8; i++) {
      await standIn.control.createTimeEntry({
        userId,
        workspaceId: wid,
        start: `2026-11-0${i + 1}T10:00:00Z`,
        stop: `2026-11-0${i + 1}T11:00:00Z`,
        description: `E${i}`,
      });
    }
  }

  it("make chaos reproducible: the same seed drops, duplicates and reorders the same way", async () => {
    async function run(seed: number) {
      const { s, wid, r } = await subscribed("premium");
      await standIn.control.setDeliveryMode(wid, { hold: true, drop: 0.3, duplicate: 0.5, reorder: true, seed });
      await eightEntries(s.users.admin!.id, wid);
      await standIn.control.flushDeliveries(wid);
      await standIn.control.flushDeliveries(wid);
      await standIn.control.flushDeliveries(wid);
      return {
        order: r.events().map((e) => e.json.payload.description as string),
        log: (await standIn.control.deliveries(wid)).filter((d) => d.kind !== "ping"),
      };
    }
    const a = await run(11);
    const b = await run(11);
    expect(a.order).toEqual(b.order);
    expect(a.log.map((d) => [d.attempt, d.ok, d.error ?? null])).toEqual(
      b.log.map((d) => [d.attempt, d.ok, d.error ?? null]),
    );
    // Something was dropped, something duplicated, and the order is not the creation order.
    expect(a.log.some((d) => d.error === "dropped")).toBe(true);
    expect(a.order.length).toBeGreaterThan(new Set(a.order).size);
    expect([...new Set(a.order)]).not.toEqual([...new Set(a.order)].sort());
  });

  it("with several deliveries in flight, let the seed decide the same drops and duplicates per event", async () => {
    async function run() {
      const { s, wid } = await subscribed("premium");
      await standIn.control.setDeliveryMode(wid, { hold: true, drop: 0.3, duplicate: 0.5, seed: 5, concurrency: 4 });
      await eightEntries(s.users.admin!.id, wid);
      const { attempted } = await standIn.control.flushDeliveries(wid);
      const log = (await standIn.control.deliveries(wid)).filter((d) => d.kind !== "ping");
      // Per event (ids differ between runs; their order of creation does not): dropped, or sent once or twice.
      const byEvent = new Map<number, string[]>();
      for (const d of log) byEvent.set(d.eventId, [...(byEvent.get(d.eventId) ?? []), d.error ?? "sent"]);
      return {
        attempted,
        logged: log.length,
        outcomes: [...byEvent.keys()].sort((x, y) => x - y).map((id) => byEvent.get(id)!.join("+")),
      };
    }
    const a = await run();
    const b = await run();
    expect(a.attempted).toBe(a.logged);
    expect(a.outcomes).toEqual(b.outcomes);
    expect(a.outcomes).toContain("dropped");
    expect(a.outcomes).toContain("sent+sent");
  });

  it("stop when the subscription is disabled behind the owner's back", async () => {
    const { s, wid, r, sid } = await subscribed();
    await standIn.control.disableSubscription(wid, sid);
    await standIn.control.createTimeEntry({
      userId: s.users.admin!.id,
      workspaceId: wid,
      start: "2026-11-02T10:00:00Z",
      stop: "2026-11-02T11:00:00Z",
    });
    await standIn.control.flushDeliveries(wid);
    expect(r.events()).toEqual([]);
    expect((await standIn.control.listSubscriptions(wid))[0]!.enabled).toBe(false);
  });

  it("keep events of a disabled subscription pending and send them once it is enabled again", async () => {
    const { s, wid, admin, r, sid } = await subscribed();
    r.answerWith(() => ({ status: 500 }));
    await standIn.control.createTimeEntry({
      userId: s.users.admin!.id,
      workspaceId: wid,
      start: "2026-11-02T10:00:00Z",
      stop: "2026-11-02T11:00:00Z",
    });
    await waitFor(() => r.events().length >= 1);
    await standIn.control.disableSubscription(wid, sid);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Retries pause while disabled (retryDelayMs is 150 here).
    expect(r.events()).toHaveLength(1);
    expect((await standIn.control.listSubscriptions(wid))[0]!.has_pending_events).toBe(true);
    r.answerWith((x) =>
      x.json?.validation_code ? { status: 200, body: { validation_code: x.json.validation_code } } : { status: 200 },
    );
    expect((await admin("PATCH", `${subs(wid)}/${sid}`, { enabled: true })).status).toBe(200);
    await waitFor(() => r.events().length >= 2);
    expect(r.events()[1]!.json.event_id).toBe(r.events()[0]!.json.event_id);
  });
});
