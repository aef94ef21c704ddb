// Shared by the stand-in's own tests: Swagger documents, an authenticated Toggl client, and a
// webhook receiver on loopback that records what it gets.
import { createServer, type IncomingHttpHeaders } from "node:http";
import { check, loadSwagger, responseSchema, type SwaggerDoc } from "./swagger-check.ts";

export const swagger = {
  track: loadSwagger(new URL("./openapi/toggl-track-api-v9.swagger.json", import.meta.url)),
  reports: loadSwagger(new URL("./openapi/toggl-reports-v3.swagger.json", import.meta.url)),
  webhooks: loadSwagger(new URL("./openapi/toggl-webhooks-v1.swagger.json", import.meta.url)),
};

/** Problems of a body against the documented 200 response of `method path`. */
export function conforms(doc: SwaggerDoc, path: string, method: string, body: unknown): string[] {
  return check(doc, responseSchema(doc, path, method), body);
}

// Toggl's JSON as the tests read it: raw (numeric ids, snake_case), naming only the fields a test
// reads; everything else stays unknown, for toMatchObject and the Swagger check.
export type Raw<T> = T & Record<string, unknown>;
export type IdJson = Raw<{ id: number }>;
export type NamedJson = Raw<{ id: number; name: string }>;
export type ProjectJson = Raw<{ id: number; server_deleted_at: string | null }>;
export type TasksPageJson = Raw<{ data: NamedJson[] }>;
export type WorkspaceUserJson = Raw<{ id: number; uid: number }>;
export type TimeEntryJson = Raw<{
  id: number;
  description: string;
  stop: string | null;
  duration: number;
  server_deleted_at: string | null;
}>;
export type ReportRowJson = Raw<{
  description: string;
  time_entries: Raw<{ id: number; at: string; at_tz: string }>[];
}>;
export type SubscriptionJson = Raw<{ subscription_id: number; enabled: boolean; validated_at: string | null }>;
type PayloadJson = Raw<{ id?: number; description?: string; server_deleted_at?: string | null }>;
/** A webhook delivery: a ping (payload "ping", validation fields) or an event (metadata, payload). */
type DeliveryJson = Raw<{
  event_id: number;
  timestamp: string;
  metadata: Record<string, string>;
  payload: PayloadJson | "ping";
  validation_code?: string | null;
  validation_code_url?: string | null;
}>;

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

function basic(token: string) {
  return `Basic ${Buffer.from(`${token}:api_token`).toString("base64")}`;
}

/** Calls the stand-in as Toggl's API with a user's token. */
export function togglClient(baseUrl: string, token: string) {
  return async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: basic(token), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // HTML (429) stays text.
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  /** The parsed body ({} when empty). */
  json: DeliveryJson;
}
interface ReceivedEvent extends Received {
  json: DeliveryJson & { payload: PayloadJson };
}

/** A webhook callback. `answer` decides the reply; by default 200 echoing any validation code. */
export async function startReceiver() {
  const received: Received[] = [];
  let answer: (r: Received) => { status: number; body?: unknown } = (r) =>
    r.json.validation_code
      ? { status: 200, body: { validation_code: r.json.validation_code } }
      : { status: 200, body: {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const r: Received = { headers: req.headers, raw, json: (raw ? JSON.parse(raw) : {}) as DeliveryJson };
      received.push(r);
      const reply = answer(r);
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/toggl`,
    received,
    /** Events only (no pings). */
    events: () => received.filter((r): r is ReceivedEvent => r.json.payload !== "ping"),
    answerWith(fn: (r: Received) => { status: number; body?: unknown }) {
      answer = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
