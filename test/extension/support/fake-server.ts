// A stand-in for the worker's HTTP API for component and unit tests only (fetch replaced);
// the browser tests in test/e2e run against the real worker.
import { vi } from "vitest";

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

export function fakeServer(routes: Record<string, Reply | Handler> = {}): FakeServer {
  const table = new Map<string, Reply | Handler>(Object.entries(routes));
  const server: FakeServer = {
    calls: [],
    offline: false,
    callsTo: (route) => server.calls.filter((c) => `${c.method} ${c.path}` === route),
    on: (route, reply) => void table.set(route, reply),
  };
  vi.stubGlobal("fetch", async (input: string | URL, init: RequestInit = {}) => {
    if (server.offline) throw new TypeError("Failed to fetch");
    const url = new URL(String(input));
    const call: Call = {
      method: (init.method ?? "GET").toUpperCase(),
      path: url.pathname,
      url,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
    };
    server.calls.push(call);
    const entry = table.get(`${call.method} ${call.path}`);
    const reply: Reply = typeof entry === "function" ? await entry(call) : (entry ?? { status: 404, body: { error: { code: "not_found", message: `No route for ${call.method} ${call.path}` } } });
    const status = reply.status ?? 200;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status,
      headers: { "content-type": "application/json", ...reply.headers },
    });
  });
  return server;
}
