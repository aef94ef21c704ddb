import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Seeded } from "../../toggl-stand-in/control-client.ts";
import { TogglError } from "../../../worker/toggl/errors";
import { clientFor, control, seed, str, uniq } from "./helpers";

let s: Seeded;
const tag = uniq();
// A loopback URL that answers 2xx to any POST (the stand-in's own control surface), standing in for
// Hourline's callback: workerd tests have no listener of their own for Toggl's synchronous ping.
const callback = () => `${env.TOGGL_API_URL}/__control/workspaces/1/flush`;

beforeAll(async () => {
  s = await seed({
    plan: "starter",
    users: [{ key: "admin", email: `wh-${tag}@acme.test` }],
    workspaces: [{ key: "w", admins: ["admin"] }],
  });
});

const wid = () => str(s.workspaces.w!.id);

describe("TogglClient: webhooks", () => {
  it("reads the plan's limits and the available event filters", async () => {
    const { client } = clientFor(s.users.admin!.apiToken);
    expect(await client.limits(wid())).toMatchObject({ max_webhooks: 2, max_events_per_webhook: 6 });
    const filters = await client.eventFilters();
    expect(filters.time_entry).toEqual(expect.arrayContaining(["created", "updated", "deleted"]));
  });

  it("creates, lists, updates, disables, pings and deletes a subscription", async () => {
    const { client } = clientFor(s.users.admin!.apiToken);
    const created = await client.createSubscription(wid(), {
      description: `Hourline ${tag}`,
      url_callback: callback(),
      event_filters: [
        { entity: "time_entry", action: "created" },
        { entity: "time_entry", action: "updated" },
        { entity: "time_entry", action: "deleted" },
      ],
      enabled: true,
      secret: "our-own-secret-123",
    });
    expect(created).toMatchObject({
      workspace_id: wid(),
      user_id: str(s.users.admin!.id),
      enabled: true,
      secret: "our-own-secret-123",
      url_callback: callback(),
      validated_at: null,
    });
    expect(created.subscription_id).toMatch(/^\d+$/);
    const sid = created.subscription_id;

    expect((await client.listSubscriptions(wid())).map((x) => x.subscription_id)).toEqual([sid]);

    const updated = await client.updateSubscription(wid(), sid, {
      description: `Hourline ${tag} (renamed)`,
      url_callback: callback(),
      event_filters: [{ entity: "time_entry", action: "*" }],
      enabled: true,
      secret: "our-own-secret-123",
    });
    expect(updated.description).toBe(`Hourline ${tag} (renamed)`);
    expect(updated.event_filters).toEqual([{ entity: "time_entry", action: "*" }]);

    await client.pingSubscription(wid(), sid);
    expect(
      (await control.deliveries(s.workspaces.w!.id)).filter((d) => d.kind === "ping").length,
    ).toBeGreaterThanOrEqual(3);

    const disabled = await client.setSubscriptionEnabled(wid(), sid, false);
    expect(disabled.enabled).toBe(false);
    expect((await control.listSubscriptions(s.workspaces.w!.id))[0]?.enabled).toBe(false);

    // Toggl will not delete a disabled subscription; the client enables it first.
    await client.deleteSubscription(wid(), sid);
    expect(await control.listSubscriptions(s.workspaces.w!.id)).toEqual([]);
  });

  it("surfaces Toggl's message when the callback fails or a validation code is wrong", async () => {
    const { client } = clientFor(s.users.admin!.apiToken);
    const err = await client
      .createSubscription(wid(), {
        description: `Broken ${tag}`,
        url_callback: `${env.TOGGL_API_URL}/__control/no-such-callback`,
        event_filters: [{ entity: "time_entry", action: "*" }],
        enabled: true,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TogglError);
    expect(err).toMatchObject({ kind: "bad_request", status: 400 });
    expect((err as TogglError).togglMessage).toMatch(/responded with status 404/);
    expect(await control.listSubscriptions(s.workspaces.w!.id)).toEqual([]);

    const bad = await client.validateSubscription(wid(), "10713", "deadbeef").catch((e: unknown) => e);
    expect(bad).toMatchObject({ kind: "bad_request", status: 400 });
    expect((bad as TogglError).togglMessage).toMatch(/was not found/);
  });
});
