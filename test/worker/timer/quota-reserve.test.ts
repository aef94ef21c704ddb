// The interactive reserve, measured: background work on a person's token (five queue consumers at
// once) drains their organisation's bucket, and their timer keeps starting and stopping.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { togglClientFor } from "../../../worker/toggl/credentials";
import { isTogglError } from "../../../worker/toggl/errors";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { db } from "../support/accounts";
import { call } from "../support/http";
import { studio } from "./support";

const control = new StandInControl(env.TOGGL_API_URL);

describe("the interactive quota reserve", () => {
  it("holds while concurrent background work drains the bucket: a person's timer always starts and stops", async () => {
    const s = await studio();
    const token = s.seeded.users.owner!.apiToken;
    const wid = s.tree.workspaceId;
    // A busy hour: 60 requests left in the organisation's bucket (Starter: 240 an hour).
    await control.setQuota(token, { remaining: 60, resetsInSeconds: 3000 });
    const before = (await control.requestLog({ token })).total;

    // Five consumers, each with its own client of the owner's credential, at background priority.
    const consumers = await Promise.all(
      Array.from({ length: 5 }, () => togglClientFor(env, db(), s.tree.credentialId, "background")),
    );
    // Earlier in the hour the nightly work read the bucket once (that is how it is known).
    await consumers[0]!.clients(wid);
    const refusals: string[] = [];
    const spent = await Promise.all(
      consumers.map(async (toggl) => {
        for (;;) {
          try {
            await toggl.clients(wid);
          } catch (err) {
            if (!isTogglError(err)) throw err;
            refusals.push(err.kind);
            return toggl.requestsSpent;
          }
        }
      }),
    );
    const background = spent.reduce((a, b) => a + b, 0);
    const afterBackground = (await control.requestLog({ token })).total;
    // Refused here, before anything reached Toggl: the reserve (10% of 240) is left.
    expect(new Set(refusals)).toEqual(new Set(["budget"]));
    expect(afterBackground - before).toBe(background);
    // Never into the reserve; requests still in flight are counted as spent until answered, which
    // can stop background work a few requests early, never late.
    expect(background).toBeLessThanOrEqual(60 - 24);
    expect(background).toBeGreaterThanOrEqual(60 - 24 - 5);

    // The person's morning: start and stop, six times over.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = await call("POST", "/api/timer/start", s.owner.headers, {
        workspaceId: String(wid),
        taskId: s.tree.tasks.wire,
        description: `Focus ${i}`,
      });
      const stopped = await call("POST", "/api/timer/stop", s.owner.headers, {});
      statuses.push(started.status, stopped.status);
    }
    expect(statuses).toEqual(Array.from({ length: 6 }, () => [201, 200]).flat());
    const interactive = (await control.requestLog({ token })).total - afterBackground;
    console.log(
      `quota reserve: background spent ${background} of 60 (5 consumers, stopped at the reserve of 24 of 240); ` +
        `6 timer starts and stops spent ${interactive}`,
    );
    expect(interactive).toBeLessThanOrEqual(24);
  });

  it("runs an admin's re-sync at background priority: it leaves the reserve to the person's timer", async () => {
    const s = await studio();
    const token = s.seeded.users.owner!.apiToken;
    const wid = s.tree.workspaceId;
    // The bucket is known (240) and down to 30: six above the reserve.
    await (await togglClientFor(env, db(), s.tree.credentialId, "background")).clients(wid);
    await control.setQuota(token, { remaining: 30, resetsInSeconds: 3000 });
    const before = (await control.requestLog({ token })).total;

    const resync = await call<{ run: { status: string } | null }>(
      "POST",
      `/api/connections/${s.tree.connectionId}/sync`,
      s.owner.headers,
    );
    expect(resync.status).toBe(200);
    const spent = (await control.requestLog({ token })).total - before;
    // A full structure sync, members and webhook repair need more than six: the rest waits.
    expect(spent).toBeLessThanOrEqual(6);

    const started = await call("POST", "/api/timer/start", s.owner.headers, {
      workspaceId: String(wid),
      taskId: s.tree.tasks.wire,
    });
    expect(started.status).toBe(201);
    console.log(`quota reserve: a re-sync with 30 left spent ${spent} and left the reserve of 24 to the timer`);
  });
});
