// Toggl's traffic limits: the hourly quota (sliding window per user per organisation, plus the
// user-level bucket), the per-token leaky bucket behind 429, injected faults, and the request log.
import type { FaultSpec } from "./control-client.ts";

const HOUR_MS = 3_600_000;
export const USER_BUCKET_TOTAL = 30;

export interface BucketRef {
  userId: number;
  /** null = the user-level bucket (/me requests). */
  organizationId: number | null;
  total: number;
}
export interface QuotaReading {
  remaining: number;
  resetsInSeconds: number;
  total: number;
}

/** Sliding-hour request windows keyed by user and organisation. */
export class Quotas {
  private readonly windows = new Map<string, number[]>();
  now: () => number = () => Date.now();

  private key(ref: BucketRef) {
    return `${ref.userId}:${ref.organizationId ?? "user"}`;
  }
  private stamps(ref: BucketRef): number[] {
    const key = this.key(ref);
    const cutoff = this.now() - HOUR_MS;
    const list = (this.windows.get(key) ?? []).filter((t) => t > cutoff);
    this.windows.set(key, list);
    return list;
  }

  read(ref: BucketRef): QuotaReading {
    const list = this.stamps(ref);
    const oldest = list[0];
    const resetsInSeconds =
      oldest === undefined ? 3600 : Math.max(1, Math.ceil((oldest + HOUR_MS - this.now()) / 1000));
    return { remaining: ref.total - list.length, resetsInSeconds, total: ref.total };
  }

  /** Spends one request; false (and nothing spent) when the window is full. */
  take(ref: BucketRef): boolean {
    const list = this.stamps(ref);
    if (list.length >= ref.total) return false;
    list.push(this.now());
    return true;
  }

  /** Makes the bucket read `remaining`, resetting in `resetsInSeconds` (the oldest stamp leaves then). */
  set(ref: BucketRef, remaining: number, resetsInSeconds: number) {
    const used = Math.max(0, ref.total - remaining);
    const stamp = this.now() - HOUR_MS + Math.max(1, resetsInSeconds) * 1000;
    this.windows.set(
      this.key(ref),
      Array.from({ length: used }, () => stamp),
    );
  }

  resetUser(userId: number) {
    for (const key of [...this.windows.keys()]) if (key.startsWith(`${userId}:`)) this.windows.delete(key);
  }
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** Leaky bucket per token: over the burst → 429. */
export class LeakyBuckets {
  private readonly levels = new Map<string, { level: number; at: number }>();
  private readonly overrides = new Map<string, RateLimit>();
  readonly defaults: RateLimit;

  constructor(defaults: RateLimit) {
    this.defaults = defaults;
  }

  setLimit(token: string, limit: RateLimit) {
    this.overrides.set(token, limit);
    this.levels.delete(token);
  }

  allow(token: string, now = Date.now()): boolean {
    const limit = this.overrides.get(token) ?? this.defaults;
    const entry = this.levels.get(token) ?? { level: 0, at: now };
    const level = Math.max(0, entry.level - ((now - entry.at) / 1000) * limit.perSecond);
    if (level + 1 > limit.burst) {
      this.levels.set(token, { level, at: now });
      return false;
    }
    this.levels.set(token, { level: level + 1, at: now });
    return true;
  }
}

export type Fault = FaultSpec & { id: number };

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;

  add(spec: Omit<Fault, "id">): Fault {
    if (![402, 429, 500, 502, 503].includes(spec.status))
      throw new Error("status must be one of 402, 429, 500, 502, 503");
    if (!Number.isInteger(spec.count) || spec.count < 1) throw new Error("count must be a positive integer");
    const fault = { ...spec, id: this.nextId++ };
    this.list.push(fault);
    return fault;
  }

  clear(scope: { token?: string; workspaceId?: number }) {
    this.list = this.list.filter(
      (f) =>
        !(
          (scope.token !== undefined && f.token === scope.token) ||
          (scope.workspaceId !== undefined && f.workspaceId === scope.workspaceId)
        ),
    );
  }

  /** Takes one use of the first fault matching this request. */
  take(request: { token: string | null; path: string; workspaceId: number | null }): Fault | undefined {
    const fault = this.list.find(
      (f) =>
        (f.token === undefined || f.token === request.token) &&
        (f.workspaceId === undefined || f.workspaceId === request.workspaceId) &&
        (f.pathPrefix === undefined || request.path.startsWith(f.pathPrefix)),
    );
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.list = this.list.filter((f) => f !== fault);
    return fault;
  }
}

/** API requests per token, keyed "METHOD /path". */
export class RequestLog {
  private readonly byToken = new Map<string, Map<string, number>>();

  record(token: string, method: string, path: string) {
    const counts = this.byToken.get(token) ?? new Map<string, number>();
    const key = `${method} ${path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    this.byToken.set(token, counts);
  }

  of(token: string): { total: number; byPath: Record<string, number> } {
    const counts = this.byToken.get(token) ?? new Map<string, number>();
    let total = 0;
    for (const n of counts.values()) total += n;
    return { total, byPath: Object.fromEntries(counts) };
  }
}

/** nginx's 429 page, which is what Toggl's edge answers when the leaky bucket overflows. */
export const NGINX_429 =
  "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
