// Minimal routing and request helpers for the stand-in (plain node:http, no framework).
import { ApiError } from "./state.ts";

export interface Reply {
  status: number;
  /** JSON-encoded unless `raw` is set. `undefined` = empty body. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Request {
  method: string;
  path: string;
  url: URL;
  params: Record<string, string>;
  rawBody: string;
}

export type Handler<C> = (req: Request, ctx: C) => Reply | Promise<Reply>;

interface Route<C> {
  method: string;
  parts: string[];
  handler: Handler<C>;
}

export class Router<C> {
  private readonly routes: Route<C>[] = [];

  on(method: string, pattern: string, handler: Handler<C>): this {
    this.routes.push({ method, parts: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  /** The matching route, or "method" when the path exists under another method. */
  match(method: string, path: string): { handler: Handler<C>; params: Record<string, string> } | "method" | undefined {
    const segments = path.split("/").filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < route.parts.length; i++) {
        const part = route.parts[i]!;
        const seg = segments[i]!;
        if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(seg);
        else if (part !== seg) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    return pathMatched ? "method" : undefined;
  }
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });

/** Parses the JSON body; Toggl answers 400 for anything that is not JSON. */
export function jsonBody(req: Request): unknown {
  if (!req.rawBody.trim()) return undefined;
  try {
    return JSON.parse(req.rawBody);
  } catch {
    throw new ApiError(400, "Invalid JSON input");
  }
}

export function jsonObject(req: Request): Record<string, unknown> {
  const body = jsonBody(req);
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ApiError(400, "Invalid JSON input");
  return body as Record<string, unknown>;
}

/** A positive integer path parameter, else Toggl's 404. */
export function idParam(req: Request, name: string, message = "Resource can not be found"): number {
  const raw = req.params[name] ?? "";
  if (!/^\d{1,16}$/.test(raw))
    throw new ApiError(
      name === "time_entry_id" ? 400 : 404,
      name === "time_entry_id" ? "Invalid or missing time_entry_id" : message,
    );
  return Number(raw);
}

/** Type checks as Toggl's decoder does: `Unexpected "field" type string`. */
export function optionalInt(body: Record<string, unknown>, field: string): number | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw new ApiError(400, `Unexpected "${field}" type ${typeof value}`);
  return value;
}
export function optionalString(body: Record<string, unknown>, field: string): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  if (typeof value !== "string") throw new ApiError(400, `Unexpected "${field}" type ${typeof value}`);
  return value;
}
export function optionalBool(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new ApiError(400, `Unexpected "${field}" type ${typeof value}`);
  return value;
}
export function optionalStringArray(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    throw new ApiError(400, `Unexpected "${field}" type`);
  return value as string[];
}
export function optionalIntArray(body: Record<string, unknown>, field: string): number[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "number" || !Number.isInteger(v)))
    throw new ApiError(400, `Unexpected "${field}" type`);
  return value as number[];
}
