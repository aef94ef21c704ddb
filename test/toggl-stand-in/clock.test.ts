import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTogglStandIn, type TogglStandIn } from "./server.ts";
import { togglClient } from "./test-helpers.ts";

let standIn: TogglStandIn;
beforeAll(async () => {
  standIn = await startTogglStandIn();
});
afterAll(() => standIn.close());

describe("Toggl's clock", () => {
  it("moves on when told: entries, quota windows and webhook times follow it, and it never goes back", async () => {
    const s = await standIn.control.seed({
      plan: "free",
      users: [{ key: "a", email: "clock@q.test" }],
      workspaces: [{ key: "w", admins: ["a"] }],
    });
    const a = togglClient(standIn.url, s.users.a!.apiToken);
    const wid = s.workspaces.w!.id;
    const realNow = Date.now();

    const monday = new Date(Math.max(realNow, Date.parse(await standIn.control.clock())) + 10 * 86_400_000);
    expect(Date.parse(await standIn.control.setClock(monday))).toBe(monday.getTime());
    const made = await a("POST", `/api/v9/workspaces/${wid}/time_entries`, {
      workspace_id: wid,
      created_with: "clock test",
      start: new Date(monday.getTime() - 3_600_000).toISOString(),
      duration: 1800,
    });
    expect(made.status).toBe(200);
    // Toggl keeps `at` to the second.
    expect(Date.parse((made.body as { at: string }).at)).toBeGreaterThanOrEqual(
      Math.floor(monday.getTime() / 1000) * 1000,
    );
    expect(made.headers.get("x-toggl-quota-remaining")).toBe("29");

    // An hour later on Toggl's clock the window is full again.
    const later = Date.parse(await standIn.control.advanceClock(3_601_000));
    expect(later).toBeGreaterThanOrEqual(monday.getTime() + 3_601_000);
    const listed = await a("GET", `/api/v9/workspaces/${wid}/clients`);
    expect(listed.headers.get("x-toggl-quota-remaining")).toBe("29");

    const back = await fetch(`${standIn.url}/__control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ now: new Date(realNow).toISOString() }),
    });
    expect(back.status).toBe(400);
  });
});
