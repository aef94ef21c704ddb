import type { Bindings } from "../env";
export declare const NIGHTLY_CRON = "0 3 * * *";
export declare const FREQUENT_CRON = "*/15 * * * *";
/** One entry point for every cron trigger; dispatches on the expression. */
export declare function runScheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void>;
