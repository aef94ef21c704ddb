import type { Bindings } from "../env";

/** Consumes connection jobs fanned out by the crons (one message per connection job). */
export async function consumeSyncBatch(batch: MessageBatch<unknown>, env: Bindings, ctx: ExecutionContext): Promise<void> {
  for (const message of batch.messages) message.ack();
}
