// A stand-in for the worker's HTTP API for component and unit tests only (fetch replaced);
// the browser tests in test/e2e run against the real worker.
import { vi } from "vitest";
import type {
  ApiErrorBody,
  RunningTimer,
  StartTimerBody,
  StopTimerBody,
  StoppedTimer,
  TimeLog,
} from "../../../shared/contract";
import { runningTimer } from "./fixtures";

export interface Call {
  method: string;
  path: string;
  url: URL;
  body: unknown;
  headers: Record<string, string>;
}
export type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
export type Handler = (call: Call) => Reply | Promise<Reply>;

export interface FakeServer {
  calls: Call[];
  callsTo(route: string): Call[];
  on(route: string, reply: Reply | Handler): void;
  /** While offline every request fails like a dropped network. */
  offline: boolean;
}

/** The worker's error shape with its status. */
export function apiError(
  status: number,
  code: string,
  message: string,
  extra: Omit<ApiErrorBody["error"], "code" | "message"> = {},
): Reply {
  const body: ApiErrorBody = { error: { code, message, ...extra } };
  return { status, body };
}

/** Replaces fetch for the current test (the extension project restores mocks before each test). */
export function fakeServer(routes: Record<string, Reply | Handler> = {}): FakeServer {
  const table = new Map<string, Reply | Handler>(Object.entries(routes));
  const server: FakeServer = {
    calls: [],
    offline: false,
    callsTo: (route) => server.calls.filter((c) => `${c.method} ${c.path}` === route),
    on: (route, reply) => void table.set(route, reply),
  };
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (server.offline) throw new TypeError("Failed to fetch");
    const url = new URL(input instanceof Request ? input.url : input);
    const call: Call = {
      method: (init.method ?? "GET").toUpperCase(),
      path: url.pathname,
      url,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      headers: Object.fromEntries(
        Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
      ),
    };
    server.calls.push(call);
    const entry = table.get(`${call.method} ${call.path}`);
    const reply: Reply =
      typeof entry === "function"
        ? await entry(call)
        : (entry ?? apiError(404, "not_found", `No route for ${call.method} ${call.path}`));
    const status = reply.status ?? 200;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status,
      headers: { "content-type": "application/json", ...reply.headers },
    });
  });
  return server;
}

export interface TimerServer {
  server: FakeServer;
  /** What the worker applied, in order: "start <description> @<startedAt|now>", "stop @<stoppedAt|now>". */
  applied: string[];
  running: () => RunningTimer | null;
  setRunning: (timer: RunningTimer | null) => void;
}

/**
 * A worker that really keeps one running timer, so a start or stop applied twice would show:
 * starting answers the new timer, stopping with nothing running answers 409 like the worker.
 */
export function timerServer(options: { recent?: TimeLog[] } = {}): TimerServer {
  let running: RunningTimer | null = null;
  const applied: string[] = [];
  const server = fakeServer({
    "GET /api/timer": () => ({ body: running }),
    "GET /api/time-logs": { body: { items: options.recent ?? [], nextCursor: null } },
    "POST /api/timer/start": (c: Call) => {
      const { description, startedAt } = c.body as StartTimerBody;
      running = runningTimer({
        togglId: String(5000 + applied.length),
        description: description ?? "",
        start: startedAt ?? new Date().toISOString(),
      });
      applied.push(`start ${description} @${startedAt ?? "now"}`);
      return { status: 201, body: running };
    },
    "POST /api/timer/stop": (c: Call) => {
      if (!running) return apiError(409, "not_running", "No running timer");
      const stoppedAt = (c.body as StopTimerBody)?.stoppedAt;
      const stop = stoppedAt ?? new Date().toISOString();
      const stopped: StoppedTimer = {
        togglId: running.togglId,
        workspaceId: running.workspaceId,
        start: running.start,
        stop,
        durationSeconds: Math.round((Date.parse(stop) - Date.parse(running.start)) / 1000),
        title: running.title,
      };
      running = null;
      applied.push(`stop @${stoppedAt ?? "now"}`);
      return { body: stopped };
    },
  });
  return { server, applied, running: () => running, setRunning: (t) => void (running = t) };
}
