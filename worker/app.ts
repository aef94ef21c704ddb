import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { BOOKMARK_HEADER } from "../shared/headers";
import { getDb } from "./db/client";
import { routes as connectionRoutes } from "./routes/connections";
import { routes as invitationRoutes } from "./routes/invitations";
import { routes as memberRoutes } from "./routes/members";
import { routes as sessionRoutes } from "./routes/session";
import { routes as summaryRoutes } from "./routes/summary";
import { routes as tagRoutes } from "./routes/tags";
import { routes as taskRoutes } from "./routes/tasks";
import { routes as timeEntryRoutes } from "./routes/time-entries";
import { routes as timeLogRoutes } from "./routes/time-logs";
import { routes as timerRoutes } from "./routes/timer";
import { routes as userRoutes } from "./routes/users";
import { routes as webhookRoutes } from "./routes/webhooks";
import { useClock, type Clock } from "./clock";
import type { AppEnv, Bindings } from "./env";
import { errorBody } from "./lib/errors";
import { onError } from "./on-error";
import { runScheduled } from "./sync/cron";
import { consumeSyncBatch } from "./sync/queue";
import { VERSION } from "./version";

/** JSON API and webhook bodies larger than this answer 413. */
const MAX_BODY_BYTES = 256 * 1024;

/** A D1 bookmark as D1 writes them (hex groups and dashes); anything else is ignored. */
const BOOKMARK = /^[0-9a-f-]{1,128}$/i;

const app = new Hono<AppEnv>()
  // Every request runs in a D1 session (read replication): reads may be answered by a replica,
  // from the client's newest bookmark on when it sends one; writes start at the primary.
  .use(async (c, next) => {
    const sent = c.req.header(BOOKMARK_HEADER)?.trim();
    const reads = c.req.method === "GET" || c.req.method === "HEAD";
    const session = c.env.DB.withSession(
      sent && BOOKMARK.test(sent) ? sent : reads ? "first-unconstrained" : "first-primary",
    );
    c.set("db", getDb(session));
    await next();
    const latest = session.getBookmark();
    if (latest) c.res.headers.set(BOOKMARK_HEADER, latest);
  })
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`), 413),
    }),
  )
  .get("/health", (c) => c.json({ ok: true, version: VERSION }))
  // /api/session, /api/session/account, /api/sessions, /api/me
  .route("/api", sessionRoutes)
  .route("/api/invitations", invitationRoutes)
  .route("/api/users", userRoutes)
  .route("/api/members", memberRoutes)
  // /api/toggl/workspaces, /api/connections, /api/overview
  .route("/api", connectionRoutes)
  .route("/api/tasks", taskRoutes)
  .route("/api/timer", timerRoutes)
  .route("/api/time-entries", timeEntryRoutes)
  .route("/api/tags", tagRoutes)
  .route("/api/summary", summaryRoutes)
  .route("/api/time-logs", timeLogRoutes)
  // /webhooks/toggl/:connectionId
  .route("/webhooks", webhookRoutes);

app.notFound((c) => c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404));

app.onError(onError);

/**
 * The worker's handler. `clock` replaces the system time for the whole isolate: a test plays days
 * against Toggl's stand-in (whose clock moves the same way) with the real handler and real D1.
 */
export function createWorker(options: { clock?: Clock } = {}) {
  if (options.clock) useClock(options.clock);
  return {
    fetch: app.fetch,
    scheduled: runScheduled,
    queue: consumeSyncBatch,
  } satisfies ExportedHandler<Bindings>;
}
