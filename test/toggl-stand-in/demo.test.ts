import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoOrganisation, seededRandom, simulateActivity } from "./demo.ts";
import { startTogglStandIn, type TogglStandIn } from "./server.ts";
import { startReceiver, togglClient, waitFor, type NamedJson } from "./test-helpers.ts";

let standIn: TogglStandIn;
beforeAll(async () => {
  standIn = await startTogglStandIn();
});
afterAll(() => standIn.close());

describe("demo organisation", () => {
  it("seeds two workspaces, an archived client, five people with tokens and some history", async () => {
    const demo = await seedDemoOrganisation(standIn.control, {
      rng: seededRandom(1),
      now: Date.parse("2026-11-24T12:00:00Z"),
    });
    expect(Object.keys(demo.workspaces)).toEqual(["studio", "labs"]);
    expect(Object.keys(demo.users)).toHaveLength(5);
    const olivia = togglClient(standIn.url, demo.users.olivia!.apiToken);
    const archived = await olivia<NamedJson[]>(
      "GET",
      `/api/v9/workspaces/${demo.workspaces.studio!.id}/clients?status=archived`,
    );
    expect(archived.body.map((c: { name: string }) => c.name)).toEqual(["Initech"]);
    const entries = await standIn.control.listTimeEntries(demo.workspaces.studio!.id);
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.every((e) => e.stop !== null)).toBe(true);
  });

  it("keeps people working, and the changes arrive as webhooks", async () => {
    const demo = await seedDemoOrganisation(standIn.control, { rng: seededRandom(2) });
    const wid = demo.workspaces.studio!.id;
    const receiver = await startReceiver();
    const olivia = togglClient(standIn.url, demo.users.olivia!.apiToken);
    const sub = await olivia("POST", `/webhooks/api/v1/subscriptions/${wid}`, {
      url_callback: receiver.url,
      enabled: true,
      description: "demo",
      event_filters: [{ entity: "time_entry", action: "*" }],
    });
    expect(sub.status).toBe(200);
    const sim = simulateActivity(standIn, demo, { rng: seededRandom(3) });
    for (let i = 0; i < 30; i++) await sim.step();
    await sim.stop();
    expect(sim.log.filter((l) => l.startsWith("skipped"))).toEqual([]);
    expect(sim.log.some((l) => l.includes("started"))).toBe(true);
    const changedInStudio = (await standIn.control.listTimeEntries(wid)).filter(
      (e) => Date.parse(e.at) > Date.now() - 60_000,
    ).length;
    expect(changedInStudio).toBeGreaterThan(0);
    await waitFor(() => receiver.events().length > 0);
    await receiver.close();
  });

  it("acts on its own every intervalMs until stopped", async () => {
    const demo = await seedDemoOrganisation(standIn.control, { rng: seededRandom(4), days: 1 });
    const sim = simulateActivity(standIn.control, demo, { intervalMs: 20, rng: seededRandom(5) });
    await waitFor(() => sim.log.length >= 5, 5000);
    await sim.stop();
    const count = sim.log.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.log.length).toBe(count);
  });
});
