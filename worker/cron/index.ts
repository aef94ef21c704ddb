import type { Bindings } from "../env";

export const NIGHTLY_CRON = "0 3 * * *";
export const FREQUENT_CRON = "*/15 * * * *";

/** One entry point for every cron trigger; dispatches on the expression. */
export async function runScheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
  switch (controller.cron) {
    case NIGHTLY_CRON:
    case FREQUENT_CRON:
      return;
    default:
      console.warn("unknown cron", controller.cron);
  }
}
