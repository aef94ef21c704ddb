// `npm start`: the whole product locally, on a fresh clone.
// 1. .dev.vars with a fresh TOKEN_ENCRYPTION_KEY when missing; 2. local D1 migrations;
// 3. the Toggl stand-in on 127.0.0.1:8788 with a demo organisation that keeps working;
// 4. the extension built (meanwhile), then `wrangler dev` on 127.0.0.1:8787 in its own process group;
// 5. the demo admin signed in through the API and the demo workspaces connected, so webhooks flow;
// 6. the frequent cron triggered every minute; instructions printed. Ctrl-C stops everything.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemoOrganisation, simulateActivity } from "../toggl-stand-in/demo.ts";
import { startTogglStandIn, type TogglStandIn } from "../toggl-stand-in/server.ts";
import { ensureDevVars } from "./dev-vars.ts";
import { instructions, pickDemoPeople, type DemoPerson } from "./instructions.ts";
import { killGroupNow, portFree, running, startNodeTool, stopGroup, waitForOk, type Started } from "./processes.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const HOST = "127.0.0.1";
const WORKER_PORT = 8787;
const STAND_IN_PORT = 8788;
const WORKER_URL = `http://${HOST}:${WORKER_PORT}`;
const FREQUENT_CRON = "*/15 * * * *";
const CRON_EVERY_MS = 60_000;
const ACTIVITY_EVERY_MS = 5_000;
const LOG_DIR = join(ROOT, ".wrangler", "demo");
const WORKER_LOG = join(LOG_DIR, "worker.log");
// The stand-in starts empty each run, so the demo's D1 does too (kept apart from .wrangler/state).
const DEMO_STATE = join(LOG_DIR, "state");
const BUILD_LOG = join(LOG_DIR, "extension-build.log");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const WXT = join(ROOT, "node_modules", "wxt", "bin", "wxt.mjs");

const say = (text: string) => console.log(`[hourline] ${text}`);
const rel = (path: string) => relative(process.cwd(), path) || ".";

let worker: Started | undefined;
let build: Started | undefined;
let migrate: Started | undefined;
let standIn: TogglStandIn | undefined;
let stopActivity: (() => unknown) | undefined;
let cronTimer: NodeJS.Timeout | undefined;
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  say("stopping…");
  if (cronTimer) clearInterval(cronTimer);
  try {
    await stopActivity?.();
  } catch {
    // the simulator is going away anyway
  }
  await Promise.all([stopGroup(worker, { orphans: true }), stopGroup(build), stopGroup(migrate)]);
  await standIn?.close().catch(() => undefined);
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));
// Whatever happens, no workerd is left behind.
process.on("exit", () => {
  killGroupNow(worker?.child.pid);
  if (running(build)) killGroupNow(build?.child.pid);
  if (running(migrate)) killGroupNow(migrate?.child.pid);
});

async function main() {
  for (const port of [WORKER_PORT, STAND_IN_PORT]) {
    if (!(await portFree(port, HOST))) {
      throw new Error(
        `port ${port} on ${HOST} is in use (another npm start or wrangler dev?); stop it and run npm start again`,
      );
    }
  }
  rmSync(DEMO_STATE, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  writeFileSync(WORKER_LOG, "");
  writeFileSync(BUILD_LOG, "");

  const devVars = ensureDevVars(join(ROOT, ".dev.vars"));
  if (devVars !== "kept") say(`.dev.vars ${devVars} with a fresh random TOKEN_ENCRYPTION_KEY`);

  // The extension builds while the database and the stand-in get ready; it is done before the
  // worker answers, so whoever sees /health can load it.
  say(`building the extension and applying D1 migrations to a fresh local database (${rel(DEMO_STATE)})…`);
  build = startNodeTool(ROOT, WXT, ["build"], BUILD_LOG);
  migrate = startNodeTool(
    ROOT,
    WRANGLER,
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", DEMO_STATE],
    WORKER_LOG,
  );
  const migrated = await migrate.exited;
  if (migrated !== 0) throw new Error(`applying migrations failed (exit ${migrated}); see ${rel(WORKER_LOG)}`);

  standIn = await startTogglStandIn({ host: HOST, port: STAND_IN_PORT, retryDelayMs: 10_000 });
  const seeded = await seedDemoOrganisation(standIn.control);
  const state = standIn.state;
  const people = pickDemoPeople(seeded, (workspaceId, userId) => state.isAdmin(workspaceId, userId));
  say(
    `Toggl stand-in on ${standIn.url}: demo organisation seeded (${Object.keys(seeded.workspaces).length} workspaces, ${people.length} people)`,
  );

  const built = await build.exited;
  if (built !== 0) console.error(`[hourline] the extension build failed (exit ${built}); see ${rel(BUILD_LOG)}`);

  say(`starting the worker (wrangler dev on ${WORKER_URL})…`);
  worker = startNodeTool(
    ROOT,
    WRANGLER,
    ["dev", "--ip", HOST, "--port", String(WORKER_PORT), "--persist-to", DEMO_STATE],
    WORKER_LOG,
  );
  void worker.exited.then((code) => {
    if (!shuttingDown) {
      console.error(`[hourline] the worker stopped unexpectedly (exit ${code}); see ${rel(WORKER_LOG)}`);
      void shutdown(1);
    }
  });
  await waitForOk(`${WORKER_URL}/health`, 90_000, () =>
    worker?.child.exitCode != null ? `wrangler dev exited; see ${rel(WORKER_LOG)}` : null,
  );
  say(`worker ready: ${WORKER_URL}/health`);

  const admin = people.find((p) => p.role === "admin");
  let connected: string[] = [];
  let connectProblem: string | null = null;
  if (!admin) connectProblem = "the demo organisation has no workspace admin";
  else {
    try {
      connected = await connectDemoWorkspaces(admin, people);
    } catch (err) {
      connectProblem = err instanceof Error ? err.message : String(err);
    }
  }

  const simulator = simulateActivity(standIn.control, seeded, { intervalMs: ACTIVITY_EVERY_MS });
  stopActivity = () => simulator.stop();

  cronTimer = setInterval(() => void triggerCron(FREQUENT_CRON), CRON_EVERY_MS);
  void triggerCron(FREQUENT_CRON);

  console.log(
    instructions({
      workerUrl: WORKER_URL,
      standInUrl: standIn.url,
      extensionDir: join(ROOT, ".output", "chrome-mv3"),
      extensionBuilt: built === 0,
      buildLog: rel(BUILD_LOG),
      workerLog: rel(WORKER_LOG),
      people,
      connected,
      connectProblem,
      activityEverySeconds: ACTIVITY_EVERY_MS / 1000,
      cronEverySeconds: CRON_EVERY_MS / 1000,
    }),
  );
}

/** Signs the admin in through the API (as the extension does), connects the workspaces they administer, invites the team. */
async function connectDemoWorkspaces(admin: DemoPerson, people: DemoPerson[]): Promise<string[]> {
  const session = await api<{ token: string }>("POST", "/api/session", undefined, { togglApiToken: admin.apiToken });
  const workspaces = await api<{ items: { id: string; name: string; role: string; connected: boolean }[] }>(
    "GET",
    "/api/toggl/workspaces",
    session.token,
  );
  // Webhooks see everyone's entries only when made with an admin's token.
  const ids = workspaces.items.filter((w) => w.role === "admin" || w.role === "owner").map((w) => w.id);
  if (ids.length === 0) throw new Error(`${admin.email} administers none of the workspaces it sees`);
  // A week of history comes in through the backfill; new entries arrive by webhook.
  await api("POST", "/api/connections", session.token, { workspaceIds: ids, backfillDays: 7 });
  await inviteTeam(session.token, admin, people);
  return workspaces.items.filter((w) => ids.includes(w.id)).map((w) => w.name);
}

/**
 * Invites every Toggl member of the connected workspaces, as an admin would from the Users tab, so
 * the demo tokens sign in to this account (an uninvited person would get an account of their own).
 * Toggl workspace admins become Hourline admins.
 */
async function inviteTeam(token: string, admin: DemoPerson, people: DemoPerson[]) {
  type MemberRow = { id: string; email: string; togglUserId: string; user: { id: string } | null; active: boolean };
  let members: MemberRow[] = [];
  // Members come with the connect's first import; give it a moment if it runs behind.
  for (let i = 0; i < 20 && members.length === 0; i++) {
    members = (await api<{ items: MemberRow[] }>("GET", "/api/members", token)).items;
    if (members.length === 0) await new Promise((r) => setTimeout(r, 500));
  }
  const invited = new Set<string>();
  for (const m of members) {
    if (!m.active || m.user || !m.email || m.email === admin.email || invited.has(m.togglUserId)) continue;
    invited.add(m.togglUserId);
    await api("POST", `/api/members/${m.id}/invite`, token);
  }
  const admins = new Set(people.filter((p) => p.role === "admin").map((p) => p.email));
  const users = (await api<{ items: { id: string; email: string; role: string }[] }>("GET", "/api/users", token)).items;
  for (const u of users) {
    if (admins.has(u.email) && u.role === "member") await api("PATCH", `/api/users/${u.id}`, token, { role: "admin" });
  }
}

async function api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${WORKER_URL}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Crons never fire by themselves under wrangler dev. */
async function triggerCron(cron: string) {
  try {
    await fetch(`${WORKER_URL}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}`, {
      signal: AbortSignal.timeout(55_000),
    });
  } catch (err) {
    if (!shuttingDown)
      console.error(`[hourline] cron ${cron} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

main().catch((err: unknown) => {
  console.error(`[hourline] npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
