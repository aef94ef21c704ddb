// Shared setup for the Toggl client tests: the stand-in's control client, a seeded organisation
// per test file, and clients whose waits are recorded instead of slept.
import { env } from "cloudflare:workers";
import { StandInControl, type SeedSpec } from "../../toggl-stand-in/control-client.ts";
import { TogglClient, type TogglClientOptions } from "../../../worker/toggl/client";

export const control = new StandInControl(env.TOGGL_API_URL);

/** A unique tag for this file's emails and names (test files share one stand-in). */
export const uniq = () => crypto.randomUUID().slice(0, 8);

/** Seeds, and lifts the leaky bucket for every seeded token so only deliberate 429s happen. */
export async function seed(spec: SeedSpec) {
  const seeded = await control.seed(spec);
  for (const u of Object.values(seeded.users)) await control.setRateLimit(u.apiToken, { perSecond: 1000, burst: 1000 });
  return seeded;
}

export interface Harness {
  client: TogglClient;
  sleeps: number[];
}

/** A client against the stand-in; `sleep` only records (no test waits on real time for backoff). */
export function clientFor(apiToken: string, options: Partial<TogglClientOptions> = {}): Harness {
  const sleeps: number[] = [];
  const client = new TogglClient({
    baseUrl: env.TOGGL_API_URL,
    apiToken,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, sleeps };
}

export const str = (n: number) => String(n);
