import { runScheduled } from "./cron";
import type { Bindings } from "./env";
declare const _default: {
    fetch: (request: Request, env?: {} | Bindings | undefined, executionCtx?: import("hono").ExecutionContext) => Response | Promise<Response>;
    scheduled: typeof runScheduled;
};
export default _default;
