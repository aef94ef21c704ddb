// The worker over a real listener (wrangler's test harness: workerd, local D1 with migrations,
// the sync queue) wired both ways to the Toggl stand-in: the worker calls Toggl at the stand-in,
// and the stand-in pings and delivers webhooks to the worker's listener.
import { request } from "node:http";
import { createTestHarness, type TestHarness } from "wrangler";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { TEST_ENCRYPTION_KEY } from "../../support/encryption-key.ts";
import { startTogglStandIn, type TogglStandIn } from "../../toggl-stand-in/server.ts";

export const NIGHTLY_CRON = "0 3 * * *";
export const FREQUENT_CRON = "*/15 * * * *";

interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  /** The raw response text, for checks such as "no Toggl token in any body". */
  text: string;
}

/** The slice of D1's binding the tests use (Node has no Workers types). */
interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { all(): Promise<{ results: unknown[] }> } };
}

export interface Stack {
  standIn: TogglStandIn;
  control: StandInControl;
  harness: TestHarness;
  /** The worker's origin, also its PUBLIC_URL (so webhook callbacks reach this listener). */
  workerUrl: string;
  /** Every response body the worker sent through `api`/`signIn`, in order. */
  bodies: string[];
  /** Calls the JSON API; `token` is a session token (Bearer). */
  api<T = unknown>(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<ApiAnswer<T>>;
  /** Signs in with a Toggl API token; returns the session token. */
  signIn(togglApiToken: string): Promise<string>;
  /** Runs a cron expression's scheduled handler now. */
  cron(expression: string): Promise<void>;
  /** Runs a cron expression's scheduled handler as if fired at `at` (default now). */
  cronAt(expression: string, at: Date): Promise<void>;
  /**
   * Moves Toggl's clock and the worker's together to `at` (clocked stacks only; never back). Both
   * then run on from there at real speed.
   */
  setClock(at: Date): Promise<void>;
  /** SQL against the worker's D1 (rows as objects). */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * `clocked`: the worker entry with a movable clock (test/worker/clocked), for simulated weeks;
 * `configPath`: another wrangler config (a bench may run a wrapped entry point).
 */
export async function startStack(options: { clocked?: boolean; configPath?: string } = {}): Promise<Stack> {
  const standIn = await startTogglStandIn();
  const vars = { TOGGL_API_URL: standIn.url, PUBLIC_URL: "" };
  const secrets = { TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };
  const configPath =
    options.configPath ?? (options.clocked ? "./test/worker/clocked/wrangler.toml" : "./wrangler.toml");
  const harness = createTestHarness({ workers: [{ configPath, vars, secrets }] });
  const first = await harness.listen();
  // The listener's port is known only now; reload with PUBLIC_URL pointing at it (the port stays).
  const origin = new URL(first.url).origin.replace("localhost", "127.0.0.1");
  await harness.update({
    workers: [{ configPath, vars: { ...vars, PUBLIC_URL: origin }, secrets }],
  });
  const workerUrl = new URL((await harness.listen()).url).origin.replace("localhost", "127.0.0.1");
  if (workerUrl !== origin)
    throw new Error(`worker moved from ${origin} to ${workerUrl} on reload: webhook callbacks would miss it`);
  const worker = harness.getWorker();
  await worker.applyD1Migrations("DB");
  const bodies: string[] = [];
  let signIns = 0;

  async function api<T>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${workerUrl}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    bodies.push(text);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, body: body as T, text };
  }

  return {
    standIn,
    control: new StandInControl(standIn.url),
    harness,
    workerUrl,
    bodies,
    api,
    async signIn(togglApiToken) {
      // Each sign-in from its own loopback address: the worker counts sign-ins per client address
      // (10 a minute), and a test file signs in more often than a person would.
      const { status, text } = await postFrom(
        `127.0.0.${2 + (signIns++ % 250)}`,
        `${workerUrl}/api/session`,
        JSON.stringify({ togglApiToken }),
      );
      bodies.push(text);
      if (status !== 201) throw new Error(`sign-in failed: ${status} ${text}`);
      return (JSON.parse(text) as { token: string }).token;
    },
    async cron(expression) {
      const result = await worker.scheduled({ cron: expression, scheduledTime: new Date() });
      if (result.outcome !== "ok") throw new Error(`cron ${expression} ended with ${result.outcome}`);
    },
    async cronAt(expression, at) {
      const result = await worker.scheduled({ cron: expression, scheduledTime: at });
      if (result.outcome !== "ok") throw new Error(`cron ${expression} ended with ${result.outcome}`);
    },
    async setClock(at) {
      if (!options.clocked) throw new Error("setClock needs startStack({ clocked: true })");
      await new StandInControl(standIn.url).setClock(at);
      const res = await fetch(`${workerUrl}/__test/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ now: at.getTime() }),
      });
      if (!res.ok) throw new Error(`worker clock: ${res.status}`);
    },
    async query<T>(sql: string, ...params: unknown[]) {
      const env = (await worker.getEnv()) as { DB: D1Like };
      const { results } = await env.DB.prepare(sql)
        .bind(...params)
        .all();
      return results as T[];
    },
    async close() {
      await harness.close();
      await standIn.close();
    },
  };
}

/** A JSON POST sent from the given local address (fetch cannot choose its source address). */
function postFrom(localAddress: string, url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", localAddress, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
