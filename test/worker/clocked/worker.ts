// The worker as deployed, on a clock the test moves: POST /__test/clock { now } (epoch ms) sets it.
// Used only by the simulated month (this folder's wrangler.toml); production's entry is worker/index.ts.
import { createWorker } from "../../../worker/app";
import type { Bindings } from "../../../worker/env";

let offsetMs = 0;
const worker = createWorker({ clock: () => Date.now() + offsetMs });

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__test/clock" && request.method === "POST") {
      const { now } = await request.json<{ now: number }>();
      offsetMs = now - Date.now();
      return Response.json({ now: new Date(Date.now() + offsetMs).toISOString() });
    }
    return worker.fetch(request, env, ctx);
  },
  scheduled: worker.scheduled,
  queue: worker.queue,
} satisfies ExportedHandler<Bindings>;
