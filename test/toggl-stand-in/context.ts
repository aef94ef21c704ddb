// What every route handler gets: the model, the services around it and the caller.
import type { Quotas, Faults, LeakyBuckets, RequestLog } from "./limits.ts";
import type { State, User, Origin } from "./state.ts";
import type { Webhooks } from "./webhooks-v1.ts";

export interface Services {
  state: State;
  quotas: Quotas;
  faults: Faults;
  rateLimits: LeakyBuckets;
  requestLog: RequestLog;
  webhooks: Webhooks;
  /** The stand-in's own origin, e.g. http://127.0.0.1:4567 (for validation_code_url). */
  baseUrl(): string;
}

export interface ApiContext extends Services {
  user: User;
}

export function originOf(user: User, method: string, path: string, rawBody: string): Origin {
  return { actorId: user.id, path, requestType: method, requestBody: rawBody };
}
