// Webhooks API v1 (/webhooks/api/v1): subscriptions, the validation ping, signed deliveries with
// retries, and the chaos modes tests use to make delivery unreliable on purpose.
import { createHmac, randomBytes } from "node:crypto";
import { idParam, jsonObject, ok, Router, type Request } from "./http.ts";
import { ApiError, isoMicro, PLAN_LIMITS, type Change, type State, type User } from "./state.ts";
import { seededRandom } from "./random.ts";

interface EventFilter {
  entity: string;
  action: string;
}

export interface Subscription {
  id: number;
  wid: number;
  userId: number;
  enabled: boolean;
  description: string;
  filters: EventFilter[];
  url: string;
  secret: string;
  validatedAt: number | null;
  validationCode: string;
  createdAt: number;
  updatedAt: number | null;
}

export interface DeliveryAttempt {
  eventId: number;
  subscriptionId: number;
  kind: string;
  attempt: number;
  status: number | null;
  ok: boolean;
  signatureValid: boolean;
  timestamp: string;
  at: string;
  error?: string;
}

export interface DeliveryMode {
  drop?: number;
  duplicate?: number;
  reorder?: boolean;
  badSignature?: number;
  hold?: boolean;
  seed?: number;
  /** Deliveries in flight at once (default 1, one after the other). Above 1 every chance is
   *  rolled in queue order before sending, so a seed still decides the same drops and duplicates. */
  concurrency?: number;
}

/** The chances an attempt rolled: drop it, tamper with its signature, send it twice. */
interface Rolled {
  drop: boolean;
  badSignature: boolean;
  duplicate: boolean;
}

interface Pending {
  eventId: number;
  subscriptionId: number;
  wid: number;
  kind: string;
  createdAt: string;
  metadata: Record<string, string>;
  payload: unknown;
  attempts: number;
  nextAt: number;
}

const NOT_ACCESSIBLE = "User not found/accessible for workspace";
const ENTITIES = [
  "client",
  "project",
  "project_group",
  "project_user",
  "tag",
  "task",
  "time_entry",
  "workspace",
  "workspace_user",
];
const ACTIONS = ["created", "updated", "deleted"];
const NAME = /^(\*|[A-Za-z0-9_]+)$/;

/** HMAC-SHA256 of the raw body with the subscription secret, as Toggl signs deliveries. */
export function signature(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** RFC 3339 with nanoseconds, like Toggl's delivery `timestamp`. */
function nanoTimestamp(now: number): string {
  const ns = String(process.hrtime.bigint() % 1_000_000n).padStart(6, "0");
  return new Date(now).toISOString().replace("Z", `${ns}Z`);
}

function randomSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return Array.from(randomBytes(20), (b) => alphabet[b % alphabet.length]).join("");
}

/** What the webhook routes read from a request's context (the API's context has more). */
interface RouteContext {
  state: State;
  user: User;
}

export class Webhooks {
  readonly subscriptions = new Map<number, Subscription>();
  private readonly queue: Pending[] = [];
  private readonly log = new Map<number, DeliveryAttempt[]>();
  private readonly modes = new Map<number, { mode: DeliveryMode; rng: () => number }>();
  private readonly pumping = new Map<number, Promise<number>>();
  /** One wake-up per workspace, set for its earliest pending retry. */
  private readonly wakeups = new Map<number, { at: number; timer: ReturnType<typeof setTimeout> }>();
  private nextSubscriptionId = 10_713;
  private nextEventId = 8_256_404_788_549_451;
  private closed = false;
  private readonly state: State;
  private readonly baseUrl: () => string;
  readonly retryDelayMs: number;

  constructor(state: State, options: { baseUrl: () => string; retryDelayMs: number }) {
    this.state = state;
    this.baseUrl = options.baseUrl;
    this.retryDelayMs = options.retryDelayMs;
    state.onChange((change) => this.enqueueChange(change));
  }

  close() {
    this.closed = true;
    for (const { timer } of this.wakeups.values()) clearTimeout(timer);
    this.wakeups.clear();
  }

  json(sub: Subscription): Record<string, unknown> {
    return {
      subscription_id: sub.id,
      workspace_id: sub.wid,
      user_id: sub.userId,
      enabled: sub.enabled,
      description: sub.description,
      event_filters: sub.filters.map((f) => ({ entity: f.entity, action: f.action })),
      url_callback: sub.url,
      secret: sub.secret,
      validated_at: sub.validatedAt === null ? null : new Date(sub.validatedAt).toISOString(),
      has_pending_events: this.queue.some((p) => p.subscriptionId === sub.id),
      created_at: new Date(sub.createdAt).toISOString(),
      updated_at: sub.updatedAt === null ? null : new Date(sub.updatedAt).toISOString(),
      deleted_at: null,
    };
  }

  listFor(wid: number): Subscription[] {
    return [...this.subscriptions.values()].filter((s) => s.wid === wid).sort((a, b) => a.id - b.id);
  }

  deliveries(wid: number): DeliveryAttempt[] {
    return this.log.get(wid) ?? [];
  }

  setMode(wid: number, mode: DeliveryMode) {
    this.modes.set(wid, { mode, rng: seededRandom(mode.seed ?? 1) });
    if (!mode.hold) void this.pump(wid, false);
  }

  /** Sends everything queued for the workspace now (held events and not-yet-due retries too). */
  async flush(wid: number): Promise<number> {
    return this.pump(wid, true);
  }

  /** Disables behind the owner's back (control surface). */
  disable(wid: number, sid: number) {
    const sub = this.subscriptions.get(sid);
    if (!sub || sub.wid !== wid) throw new ApiError(404, `subscription ${sid} for workspace ${wid} was not found`);
    sub.enabled = false;
    sub.updatedAt = this.state.now();
  }

  /** Deletes regardless of state (control surface). */
  remove(wid: number, sid: number) {
    const sub = this.subscriptions.get(sid);
    if (!sub || sub.wid !== wid) throw new ApiError(404, `subscription ${sid} for workspace ${wid} was not found`);
    this.subscriptions.delete(sid);
    this.dropQueued(sid);
  }

  // Events

  private enqueueChange(change: Change) {
    if (this.closed) return;
    const metadata: Record<string, string> = {
      action: change.action,
      event_user_id: String(change.origin.actorId),
      model: change.model,
      model_owner_id: String(change.ownerId),
      path: change.origin.path,
      request_body: change.origin.requestBody,
      request_type: change.origin.requestType,
      workspace_id: String(change.wid),
      ...change.extraMetadata,
    };
    const sorted = Object.fromEntries(Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b)));
    let queued = false;
    for (const sub of this.listFor(change.wid)) {
      if (
        !sub.filters.some(
          (f) => (f.entity === "*" || f.entity === change.model) && (f.action === "*" || f.action === change.action),
        )
      )
        continue;
      // A subscription sees what its creator may see: admins everyone's entries, others their own.
      if (!this.state.isMember(change.wid, sub.userId)) continue;
      if (change.model === "time_entry" && change.ownerId !== sub.userId && !this.state.isAdmin(change.wid, sub.userId))
        continue;
      // Events are produced only for enabled and validated subscriptions.
      if (!sub.enabled || sub.validatedAt === null) continue;
      this.queue.push({
        eventId: this.nextEventId++,
        subscriptionId: sub.id,
        wid: change.wid,
        kind: `${change.model}.${change.action}`,
        createdAt: isoMicro(this.state.now()),
        metadata: sorted,
        payload: change.payload,
        attempts: 0,
        nextAt: Date.now(),
      });
      queued = true;
    }
    if (queued) setImmediate(() => void this.pump(change.wid, false));
  }

  private pump(wid: number, force: boolean): Promise<number> {
    const previous = this.pumping.get(wid) ?? Promise.resolve(0);
    const run = previous.catch(() => 0).then(() => this.drain(wid, force));
    this.pumping.set(
      wid,
      run.catch(() => 0),
    );
    return run;
  }

  private async drain(wid: number, force: boolean): Promise<number> {
    const chaos = this.modes.get(wid);
    if (this.closed || (chaos?.mode.hold && !force)) return 0;
    const now = Date.now();
    const due = this.queue.filter((p) => {
      if (p.wid !== wid || (!force && p.nextAt > now)) return false;
      const sub = this.subscriptions.get(p.subscriptionId);
      // A disabled subscription keeps its events pending until it is enabled again.
      return sub !== undefined && sub.enabled;
    });
    for (const p of due) this.queue.splice(this.queue.indexOf(p), 1);
    if (chaos?.mode.reorder) {
      for (let i = due.length - 1; i > 0; i--) {
        const j = Math.floor(chaos.rng() * (i + 1));
        [due[i], due[j]] = [due[j]!, due[i]!];
      }
    }
    let attempted = 0;
    const concurrency = chaos?.mode.concurrency ?? 1;
    if (concurrency <= 1) {
      for (const p of due) {
        attempted += await this.attempt(p, chaos);
      }
    } else {
      const roll = (probability: number | undefined) => (probability ? chaos!.rng() < probability : false);
      const planned = due.map((p) => ({
        p,
        rolled: {
          drop: roll(chaos?.mode.drop),
          badSignature: roll(chaos?.mode.badSignature),
          duplicate: roll(chaos?.mode.duplicate),
        },
      }));
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, planned.length) }, async () => {
          while (next < planned.length) {
            const { p, rolled } = planned[next++]!;
            // Read `attempted` only after the await: other senders add to it meanwhile.
            const n = await this.attempt(p, chaos, rolled);
            attempted += n;
          }
        }),
      );
    }
    this.scheduleWakeup(wid);
    return attempted;
  }

  /** Timers may fire a little early, so the queue itself says when to look again. */
  private scheduleWakeup(wid: number) {
    if (this.closed) return;
    let earliest = Infinity;
    // Events of a disabled subscription wait for it to be enabled, which pumps by itself.
    for (const p of this.queue)
      if (p.wid === wid && p.nextAt < earliest && this.subscriptions.get(p.subscriptionId)?.enabled)
        earliest = p.nextAt;
    if (earliest === Infinity) return;
    const existing = this.wakeups.get(wid);
    if (existing && existing.at <= earliest) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(
      () => {
        this.wakeups.delete(wid);
        void this.pump(wid, false);
      },
      Math.max(0, earliest - Date.now()) + 5,
    );
    timer.unref?.();
    this.wakeups.set(wid, { at: earliest, timer });
  }

  private async attempt(
    p: Pending,
    chaos: { mode: DeliveryMode; rng: () => number } | undefined,
    rolled?: Rolled,
  ): Promise<number> {
    const sub = this.subscriptions.get(p.subscriptionId);
    if (!sub || this.closed) return 0;
    p.attempts += 1;
    const rollNow = (probability: number | undefined) =>
      probability ? (chaos?.rng() ?? Math.random()) < probability : false;
    const roll = (probability: number | undefined, chance: keyof Rolled) =>
      rolled ? rolled[chance] : rollNow(probability);
    const timestamp = nanoTimestamp(this.state.now());
    const body = JSON.stringify({
      event_id: p.eventId,
      created_at: p.createdAt,
      creator_id: sub.userId,
      metadata: p.metadata,
      payload: p.payload,
      subscription_id: sub.id,
      timestamp,
      url_callback: sub.url,
    });
    const record = (r: Omit<DeliveryAttempt, "eventId" | "subscriptionId" | "kind" | "attempt" | "at" | "timestamp">) =>
      this.record(p.wid, {
        eventId: p.eventId,
        subscriptionId: sub.id,
        kind: p.kind,
        attempt: p.attempts,
        timestamp,
        at: new Date(this.state.now()).toISOString(),
        ...r,
      });

    if (roll(chaos?.mode.drop, "drop")) {
      record({ status: null, ok: false, signatureValid: true, error: "dropped" });
      this.retryLater(p);
      return 1;
    }
    const badSignature = roll(chaos?.mode.badSignature, "badSignature");
    const result = await this.post(sub.url, body, badSignature ? `${sub.secret}-tampered` : sub.secret);
    record({ status: result.status, ok: result.ok, signatureValid: !badSignature, error: result.error });
    if (!result.ok) {
      this.retryLater(p);
      return 1;
    }
    if (roll(chaos?.mode.duplicate, "duplicate")) {
      p.attempts += 1;
      const timestamp = nanoTimestamp(this.state.now());
      const again = JSON.stringify({ ...(JSON.parse(body) as Record<string, unknown>), timestamp });
      const second = await this.post(sub.url, again, sub.secret);
      this.record(p.wid, {
        eventId: p.eventId,
        subscriptionId: sub.id,
        kind: p.kind,
        attempt: p.attempts,
        timestamp,
        at: new Date(this.state.now()).toISOString(),
        status: second.status,
        ok: second.ok,
        signatureValid: true,
        error: second.error,
      });
      return 2;
    }
    return 1;
  }

  private retryLater(p: Pending) {
    if (this.closed) return;
    p.nextAt = Date.now() + this.retryDelayMs;
    this.queue.push(p);
  }

  private dropQueued(sid: number) {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.subscriptionId === sid) this.queue.splice(i, 1);
  }

  private record(wid: number, attempt: DeliveryAttempt) {
    const list = this.log.get(wid) ?? [];
    list.push(attempt);
    this.log.set(wid, list);
  }

  private async post(
    url: string,
    body: string,
    secret: string,
  ): Promise<{ status: number | null; ok: boolean; text: string; error?: string }> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Toggl Track Webhooks",
          "x-webhook-signature-256": signature(secret, body),
        },
        body,
        // A redirect is not a 2xx: the callback must answer itself.
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      return { status: res.status, ok: res.status >= 200 && res.status < 300, text };
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { status: null, ok: false, text: "", error: cause?.code ?? cause?.message ?? (err as Error).message };
    }
  }

  /**
   * The synchronous PING sent on create, update, enable and /ping. An answer echoing the
   * validation code validates the subscription. Returns Toggl's 400 text when it fails.
   */
  async ping(sub: Subscription, requestType: string, statusWording: "200" | "2xx"): Promise<string | null> {
    const timestamp = nanoTimestamp(this.state.now());
    const payload: Record<string, unknown> = {
      event_id: 0,
      created_at: timestamp,
      creator_id: sub.userId,
      metadata: { request_type: requestType, event_user_id: sub.userId },
      payload: "ping",
      subscription_id: sub.id,
      timestamp,
      url_callback: sub.url,
    };
    if (sub.validatedAt === null) {
      payload.validation_code = sub.validationCode;
      payload.validation_code_url = `${this.baseUrl()}/webhooks/api/v1/validate/${sub.wid}/${sub.id}/${sub.validationCode}`;
    }
    const body = JSON.stringify(payload);
    const result = await this.post(sub.url, body, sub.secret);
    this.record(sub.wid, {
      eventId: 0,
      subscriptionId: sub.id,
      kind: "ping",
      attempt: 1,
      status: result.status,
      ok: result.ok,
      signatureValid: true,
      timestamp,
      at: new Date(this.state.now()).toISOString(),
      error: result.error,
    });
    if (result.status === null)
      return `URL endpoint ${sub.url} request failed with error: ${result.error ?? "unknown error"}`;
    if (!result.ok) return `URL endpoint ${sub.url} responded with status ${result.status} instead of ${statusWording}`;
    try {
      const answer = JSON.parse(result.text) as { validation_code?: unknown };
      if (sub.validatedAt === null && answer.validation_code === sub.validationCode) sub.validatedAt = this.state.now();
    } catch {
      // Any 2xx passes the ping; only an echoed code validates.
    }
    return null;
  }

  validate(wid: number, sid: number, code: string) {
    const sub = this.subscriptions.get(sid);
    if (!sub || sub.wid !== wid || sub.validationCode !== code) {
      throw new ApiError(400, `subscription ${sid} for workspace ${wid} and validation code '${code}' was not found`);
    }
    if (sub.validatedAt !== null) throw new ApiError(400, `subscription ${sid} has already been validated`);
    sub.validatedAt = this.state.now();
    void this.pump(wid, false);
  }

  // Routes

  routes<C extends RouteContext>(router: Router<C>) {
    const base = "/webhooks/api/v1";
    router
      .on("GET", `${base}/subscriptions/:workspace_id`, (req, ctx) => {
        const wid = this.memberWorkspace(req, ctx);
        const admin = ctx.state.isAdmin(wid, ctx.user.id);
        return ok(
          this.listFor(wid)
            .filter((s) => admin || s.userId === ctx.user.id)
            .map((s) => this.json(s)),
        );
      })
      .on("POST", `${base}/subscriptions/:workspace_id`, async (req, ctx) => {
        const wid = this.memberWorkspace(req, ctx);
        const input = this.validInput(jsonObject(req), wid, ctx, null);
        const sub: Subscription = {
          id: this.nextSubscriptionId++,
          wid,
          userId: ctx.user.id,
          enabled: input.enabled,
          description: input.description,
          filters: input.filters,
          url: input.url,
          secret: input.secret ?? randomSecret(),
          validatedAt: null,
          validationCode: randomBytes(16).toString("hex"),
          createdAt: this.state.now(),
          updatedAt: null,
        };
        const failure = await this.ping(sub, "POST", "200");
        if (failure) throw new ApiError(400, failure);
        this.subscriptions.set(sub.id, sub);
        return ok(this.json(sub));
      })
      .on("PUT", `${base}/subscriptions/:workspace_id/:subscription_id`, async (req, ctx) => {
        const { wid, sub } = this.ownSubscription(req, ctx);
        const input = this.validInput(jsonObject(req), wid, ctx, sub);
        const candidate: Subscription = {
          ...sub,
          enabled: input.enabled,
          description: input.description,
          filters: input.filters,
          url: input.url,
          secret: input.secret ?? sub.secret,
          updatedAt: this.state.now(),
        };
        // A new callback URL has to prove itself again.
        if (candidate.url !== sub.url) {
          candidate.validatedAt = null;
          candidate.validationCode = randomBytes(16).toString("hex");
        }
        const failure = await this.ping(candidate, "PUT", "2xx");
        if (failure) throw new ApiError(400, failure);
        Object.assign(sub, candidate);
        void this.pump(wid, false);
        return ok(this.json(sub));
      })
      .on("PATCH", `${base}/subscriptions/:workspace_id/:subscription_id`, async (req, ctx) => {
        const { wid, sub } = this.ownSubscription(req, ctx);
        const body = jsonObject(req);
        if (typeof body.enabled !== "boolean") throw new ApiError(400, "Invalid JSON input");
        if (body.enabled && !sub.enabled) {
          this.checkEnabledLimit(wid, sub.userId, sub.id);
          const failure = await this.ping(sub, "PATCH", "200");
          if (failure) throw new ApiError(400, failure);
        }
        sub.enabled = body.enabled;
        sub.updatedAt = this.state.now();
        if (sub.enabled) void this.pump(wid, false);
        return ok(this.json(sub));
      })
      .on("DELETE", `${base}/subscriptions/:workspace_id/:subscription_id`, (req, ctx) => {
        const { wid, sub } = this.ownSubscription(req, ctx);
        // Toggl refuses to delete a disabled subscription until it is enabled again; reproduced on purpose.
        if (!sub.enabled)
          throw new ApiError(
            400,
            `subscription ${sub.id} for workspace ${wid} is disabled and cannot be deleted, enable it first`,
          );
        const json = { ...this.json(sub), deleted_at: new Date(this.state.now()).toISOString() };
        this.subscriptions.delete(sub.id);
        this.dropQueued(sub.id);
        return ok(json);
      })
      .on("POST", `${base}/ping/:workspace_id/:subscription_id`, async (req, ctx) => {
        const { sub } = this.ownSubscription(req, ctx);
        const failure = await this.ping(sub, "POST", "200");
        if (failure) throw new ApiError(400, failure);
        return ok({ status: "ok" });
      })
      .on("GET", `${base}/limits/:workspace_id`, (req, ctx) => {
        const wid = this.memberWorkspace(req, ctx);
        const plan = ctx.state.organizationOf(wid).plan;
        return ok({
          max_webhooks: PLAN_LIMITS[plan].maxWebhooks,
          max_events_per_webhook: PLAN_LIMITS[plan].maxEventsPerWebhook,
        });
      })
      .on("GET", `${base}/event_filters`, () => ok(Object.fromEntries(ENTITIES.map((e) => [e, [...ACTIONS]]))));
  }

  private memberWorkspace(req: Request, ctx: RouteContext): number {
    const wid = idParam(req, "workspace_id");
    if (!ctx.state.isMember(wid, ctx.user.id)) throw new ApiError(403, NOT_ACCESSIBLE);
    return wid;
  }

  /** Creators manage their own subscriptions; workspace admins manage everyone's. */
  private ownSubscription(req: Request, ctx: RouteContext): { wid: number; sub: Subscription } {
    const wid = this.memberWorkspace(req, ctx);
    const sid = idParam(req, "subscription_id");
    const sub = this.subscriptions.get(sid);
    if (!sub || sub.wid !== wid || (sub.userId !== ctx.user.id && !ctx.state.isAdmin(wid, ctx.user.id))) {
      throw new ApiError(404, `subscription ${sid} for workspace ${wid} was not found`);
    }
    return { wid, sub };
  }

  private checkEnabledLimit(wid: number, userId: number, exceptId: number | null) {
    const limit = PLAN_LIMITS[this.state.organizationOf(wid).plan].maxWebhooks;
    const enabled = this.listFor(wid).filter((s) => s.userId === userId && s.enabled && s.id !== exceptId).length;
    if (enabled >= limit)
      throw new ApiError(
        400,
        `User ${userId} already reached the limit of ${limit} enabled subscriptions for workspace ${wid}`,
      );
  }

  private validInput(body: Record<string, unknown>, wid: number, ctx: RouteContext, existing: Subscription | null) {
    const description = typeof body.description === "string" ? body.description.trim() : "";
    if (!description) throw new ApiError(400, "Subscription description must not be empty");
    if (this.listFor(wid).some((s) => s.description === description && s.id !== existing?.id)) {
      throw new ApiError(400, `Subscription description '${description}' is already in use for workspace ${wid}`);
    }
    const raw: unknown = body.event_filters;
    if (!Array.isArray(raw) || raw.length === 0) throw new ApiError(400, "The list of event filters must not be empty");
    const items: unknown[] = raw;
    const filters: EventFilter[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const fields: Record<string, unknown> = typeof item === "object" && item !== null ? { ...item } : {};
      const entity = typeof fields.entity === "string" ? fields.entity : "";
      const action = typeof fields.action === "string" ? fields.action : "";
      if (!entity) throw new ApiError(400, "The entity field for each subscription event filter must be non-empty");
      if (!NAME.test(entity))
        throw new ApiError(
          400,
          `The value '${entity}' for the filter entity can only contain letters, numbers and '_' or be '*' to match all entities`,
        );
      if (!action) throw new ApiError(400, "The action field for each subscription event filter must be non-empty");
      if (!NAME.test(action))
        throw new ApiError(
          400,
          `The value '${action}' for the filter action can only contain letters, numbers and '_' or be '*' to match all actions`,
        );
      if (action !== "*" && !ACTIONS.includes(action))
        throw new ApiError(400, `Invalid value '${action}' for event filter action`);
      const key = `${entity}:${action}`;
      if (seen.has(key))
        throw new ApiError(
          400,
          `The following event filter appears more than once for your subscription: {entity: ${entity}, action: ${action}}`,
        );
      seen.add(key);
      filters.push({ entity, action });
    }
    const maxEvents = PLAN_LIMITS[ctx.state.organizationOf(wid).plan].maxEventsPerWebhook;
    if (filters.length > maxEvents) {
      throw new ApiError(
        400,
        `The limit of ${maxEvents} event filters for your subscription has been exceeded as you're trying to set ${filters.length} filters`,
      );
    }
    const url = typeof body.url_callback === "string" ? body.url_callback : "";
    let parsed: URL | null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
      throw new ApiError(
        400,
        `URL endpoint ${url} request failed with error: unsupported protocol scheme "${parsed?.protocol.replace(":", "") ?? ""}"`,
      );
    }
    const enabled = body.enabled === true;
    if (enabled && !(existing?.enabled ?? false))
      this.checkEnabledLimit(wid, existing?.userId ?? ctx.user.id, existing?.id ?? null);
    const secret = typeof body.secret === "string" && body.secret ? body.secret : undefined;
    return { description, filters, url, enabled, secret };
  }
}
