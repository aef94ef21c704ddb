// The Toggl stand-in: a loopback HTTP server that behaves like Toggl's Track v9, Reports v3 and
// Webhooks v1 for everything Hourline uses, with a control surface under /__control.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ApiContext, Services } from "./context.ts";
import { StandInControl } from "./control-client.ts";
import { controlRoutes } from "./control.ts";
import { Router, type Reply, type Request } from "./http.ts";
import {
  Faults,
  LeakyBuckets,
  NGINX_429,
  Quotas,
  RequestLog,
  USER_BUCKET_TOTAL,
  type BucketRef,
  type RateLimit,
} from "./limits.ts";
import { reportsRoutes } from "./reports-v3.ts";
import { ApiError, PLAN_LIMITS, State, type User } from "./state.ts";
import { trackRoutes } from "./track-v9.ts";
import { Webhooks } from "./webhooks-v1.ts";

export interface StandInOptions {
  port?: number;
  host?: string;
  /** Delay before a failed webhook delivery is retried (default 30 s; flushDeliveries forces it). */
  retryDelayMs?: number;
  /** Default leaky bucket per token (default 20 req/s, burst 40). */
  rateLimit?: RateLimit;
}

export interface TogglStandIn {
  url: string;
  port: number;
  control: StandInControl;
  /** The live model, for Node tests that want to look inside. */
  state: State;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;
const BAD_CREDENTIALS = "Incorrect username and/or password";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  let payload = "";
  if (reply.raw !== undefined) {
    payload = reply.raw;
    headers["content-type"] = reply.contentType ?? "text/html";
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["content-type"] = "application/json; charset=utf-8";
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Who is calling: Basic `<token>:api_token`, or Basic `<email>:<password>`. */
function authenticate(state: State, header: string | undefined): { user: User | undefined; key: string | null } {
  const m = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (!m) return { user: undefined, key: null };
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return { user: undefined, key: decoded };
  const name = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (secret === "api_token") return { user: state.userByToken(name), key: name };
  return { user: state.userByEmailPassword(name, secret), key: name };
}

/** The workspace a path names, for bucket choice and fault scoping. */
function workspaceOf(path: string): number | null {
  const m =
    /^\/(?:api\/v9\/workspaces|reports\/api\/v3\/workspace|webhooks\/api\/v1\/(?:subscriptions|limits|ping))\/(\d+)/.exec(
      path,
    );
  return m ? Number(m[1]) : null;
}

function serverError(status: number): Reply {
  if (status === 500) return { status, body: "Internal Server Error" };
  const title = status === 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable";
  return {
    status,
    raw: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}

export async function startTogglStandIn(options: StandInOptions = {}): Promise<TogglStandIn> {
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";
  const state = new State();
  const services: Services = {
    state,
    quotas: new Quotas(),
    faults: new Faults(),
    rateLimits: new LeakyBuckets(options.rateLimit ?? { perSecond: 20, burst: 40 }),
    requestLog: new RequestLog(),
    webhooks: new Webhooks(state, { baseUrl: () => baseUrl, retryDelayMs: options.retryDelayMs ?? 30_000 }),
    baseUrl: () => baseUrl,
  };

  const api = new Router<ApiContext>();
  trackRoutes(api);
  reportsRoutes(api);
  services.webhooks.routes(api);
  const control = new Router<Services>();
  controlRoutes(control);

  /** Which quota a request spends: the user bucket for /me*, else the workspace's organisation. */
  function bucketFor(user: User, path: string, wid: number | null): BucketRef | null {
    if (path === "/api/v9/me/quota" || path === "/webhooks/api/v1/event_filters") return null;
    const userBucket = { userId: user.id, organizationId: null, total: USER_BUCKET_TOTAL };
    if (path === "/api/v9/me" || path.startsWith("/api/v9/me/")) return userBucket;
    if (wid === null) return userBucket;
    const ws = state.workspaces.get(wid);
    if (!ws || !state.isMember(ws.id, user.id)) return null;
    const org = state.organizations.get(ws.organizationId)!;
    return { userId: user.id, organizationId: org.id, total: PLAN_LIMITS[org.plan].quota };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", baseUrl);
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.replace(/\/+$/, "") || "/";
    let rawBody = "";
    try {
      rawBody = await readBody(req);
    } catch (err) {
      send(res, {
        status: err instanceof ApiError ? err.status : 400,
        body: err instanceof Error ? err.message : "Bad request",
      });
      return;
    }
    const request = (params: Record<string, string>): Request => ({ method, path, url, params, rawBody });

    if (path.startsWith("/__control")) {
      const match = control.match(method, path);
      if (!match || match === "method")
        return send(res, { status: 404, body: { error: `no control route ${method} ${path}` } });
      try {
        send(res, await match.handler(request(match.params), services));
      } catch (err) {
        const status = err instanceof ApiError ? err.status : 500;
        if (status === 500) console.error("stand-in control error", err);
        send(res, { status, body: { error: err instanceof Error ? err.message : String(err) } });
      }
      return;
    }

    // Unauthenticated endpoints.
    if (method === "GET" && (path === "/api/v9/status" || path === "/webhooks/api/v1/status"))
      return send(res, { status: 200, body: { status: "OK" } });
    const validate = /^\/webhooks\/api\/v1\/validate\/(\d+)\/(\d+)\/([^/]+)$/.exec(path);
    if (method === "GET" && validate) {
      try {
        services.webhooks.validate(Number(validate[1]), Number(validate[2]), decodeURIComponent(validate[3]!));
        return send(res, { status: 200, body: "OK" });
      } catch (err) {
        return send(res, {
          status: err instanceof ApiError ? err.status : 500,
          body: err instanceof Error ? err.message : "Internal Server Error",
        });
      }
    }

    const { user, key } = authenticate(state, req.headers.authorization);
    // The leaky bucket sits in front of everything, per token.
    if (!services.rateLimits.allow(key ?? `anonymous:${req.socket.remoteAddress}`)) {
      if (user) services.requestLog.record(user.apiToken, method, path);
      return send(res, { status: 429, raw: NGINX_429 });
    }
    if (!user) return send(res, { status: 403, body: BAD_CREDENTIALS });
    services.requestLog.record(user.apiToken, method, path);

    const wid = workspaceOf(path);
    const bucket = bucketFor(user, path, wid);
    const readingRef = bucket ?? { userId: user.id, organizationId: null, total: USER_BUCKET_TOTAL };
    const quotaHeaders = () => {
      const q = services.quotas.read(readingRef);
      return { "X-Toggl-Quota-Remaining": String(q.remaining), "X-Toggl-Quota-Resets-In": String(q.resetsInSeconds) };
    };

    const fault = services.faults.take({ token: user.apiToken, path, workspaceId: wid });
    if (fault) {
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status === 402) {
        const q = services.quotas.read(readingRef);
        return send(
          res,
          {
            status: 402,
            body: `You have hit your hourly limit for API calls. Your quota will reset in ${q.resetsInSeconds} seconds.`,
          },
          {
            "X-Toggl-Quota-Remaining": "0",
            "X-Toggl-Quota-Resets-In": String(q.resetsInSeconds),
          },
        );
      }
      if (fault.status === 429) return send(res, { status: 429, raw: NGINX_429 }, quotaHeaders());
      return send(res, serverError(fault.status), quotaHeaders());
    }

    const match = api.match(method, path);
    if (match === undefined) return send(res, { status: 404, body: "Resource can not be found" }, quotaHeaders());
    if (match === "method") return send(res, { status: 405, body: "Method Not Allowed" }, quotaHeaders());

    if (bucket && !services.quotas.take(bucket)) {
      const q = services.quotas.read(bucket);
      return send(
        res,
        {
          status: 402,
          body: `You have hit your hourly limit for API calls. Your quota will reset in ${q.resetsInSeconds} seconds.`,
        },
        {
          "X-Toggl-Quota-Remaining": "0",
          "X-Toggl-Quota-Resets-In": String(q.resetsInSeconds),
        },
      );
    }

    try {
      const reply = await match.handler(request(match.params), { ...services, user });
      send(res, reply, quotaHeaders());
    } catch (err) {
      if (err instanceof ApiError) return send(res, { status: err.status, body: err.message }, quotaHeaders());
      console.error("stand-in error", err);
      send(res, { status: 500, body: "Internal Server Error" }, quotaHeaders());
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error("stand-in failure", err);
      if (!res.headersSent) send(res, { status: 500, body: "Internal Server Error" });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  baseUrl = `http://${host}:${port}`;
  return {
    url: baseUrl,
    port,
    control: new StandInControl(baseUrl),
    state,
    close: async () => {
      services.webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
