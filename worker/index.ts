import { app } from "./app";
import { runScheduled } from "./cron";
import type { Bindings } from "./env";

export default {
  fetch: app.fetch,
  scheduled: runScheduled,
} satisfies ExportedHandler<Bindings>;
