// The real stack for browser tests: the Toggl stand-in on loopback and the worker in workerd
// (wrangler's test harness, real local D1 with migrations), wired to each other both ways.
import { vi } from "vitest";
import { createTestHarness, type TestHarness } from "wrangler";
import type { Items, Page, SessionCreated, TaskTarget, TimeLog } from "../../shared/contract.ts";
import { TEST_ENCRYPTION_KEY } from "../support/encryption-key.ts";
import { StandInControl } from "../toggl-stand-in/control-client.ts";
import { startTogglStandIn, type TogglStandIn } from "../toggl-stand-in/server.ts";

export interface Stack {
  standIn: TogglStandIn;
  control: StandInControl;
  harness: TestHarness;
  /** The worker's origin, e.g. http://127.0.0.1:51234 (covered by the extension's host permissions). */
  workerUrl: string;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const standIn = await startTogglStandIn();
  const vars = { TOGGL_API_URL: standIn.url, PUBLIC_URL: "http://127.0.0.1:8787" };
  const secrets = { TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };
  const harness = createTestHarness({ workers: [{ configPath: "./wrangler.toml", vars, secrets }] });
  try {
    return await wire(standIn, harness, vars, secrets);
  } catch (e) {
    await harness.close().catch(() => undefined);
    await standIn.close();
    throw e;
  }
}

async function wire(
  standIn: TogglStandIn,
  harness: TestHarness,
  vars: Record<string, string>,
  secrets: Record<string, string>,
): Promise<Stack> {
  const first = await harness.listen();
  // Webhook callbacks must reach this listener, whose port is known only now.
  const origin = new URL(first.url).origin.replace("localhost", "127.0.0.1");
  await harness.update({
    workers: [{ configPath: "./wrangler.toml", vars: { ...vars, PUBLIC_URL: origin }, secrets }],
  });
  const { url } = await harness.listen();
  const workerUrl = new URL(url).origin.replace("localhost", "127.0.0.1");
  if (workerUrl !== origin)
    throw new Error(`worker moved from ${origin} to ${workerUrl} on reload: webhook callbacks would miss it`);
  await harness.getWorker().applyD1Migrations("DB");
  return {
    standIn,
    control: new StandInControl(standIn.url),
    harness,
    workerUrl,
    close: async () => {
      await harness.close();
      await standIn.close();
    },
  };
}

/** Signs in through the worker's API (not the UI): the session token to put in extension storage. */
export async function createSession(workerUrl: string, togglApiToken: string): Promise<SessionCreated> {
  const res = await fetch(`${workerUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ togglApiToken }),
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as SessionCreated;
}

export async function apiCall<T>(
  workerUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${workerUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Connects a workspace as its admin and waits until the structure import made its tasks searchable.
 * With two days of history: the entries a test makes back-dated (yesterday's included) are inside
 * the connection's history; one from before it would be made in Toggl but never listed.
 */
export async function connectAndWaitForTasks(workerUrl: string, session: string, workspaceId: number): Promise<void> {
  await apiCall(workerUrl, session, "POST", "/api/connections", {
    workspaceIds: [String(workspaceId)],
    backfillDays: 2,
  });
  await vi.waitFor(async () => {
    const { items } = await apiCall<Items<TaskTarget>>(workerUrl, session, "GET", "/api/tasks?q=design");
    if (!items.some((t) => t.taskName === "Design")) throw new Error("tasks not imported yet");
  }, EVENTUALLY);
}

/** How long the browser suite waits for what lands a moment after a click or a webhook. */
export const EVENTUALLY = { timeout: 20_000, interval: 100 };

/**
 * Waits until the worker lists a Time Log (of anyone: the session must be an admin's) that
 * `matches`, and answers it. Time Logs arrive by webhook, a moment after Toggl has the entry.
 */
export function waitForTimeLog(
  workerUrl: string,
  session: string,
  matches: (log: TimeLog) => boolean,
): Promise<TimeLog> {
  return vi.waitFor(async () => {
    const { items } = await apiCall<Page<TimeLog>>(workerUrl, session, "GET", "/api/time-logs?userId=all&limit=50");
    const log = items.find(matches);
    if (!log) throw new Error(`no such Time Log yet; listed: ${JSON.stringify(items.map((l) => l.title))}`);
    return log;
  }, EVENTUALLY);
}
