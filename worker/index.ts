import { app } from "./app";
import { runScheduled } from "./sync/cron";
import type { Bindings } from "./env";
import { consumeSyncBatch } from "./sync/queue";

export default {
  fetch: app.fetch,
  scheduled: runScheduled,
  queue: consumeSyncBatch,
} satisfies ExportedHandler<Bindings>;
