// Structure events (client, project, task, tag) from webhooks, where the plan leaves room for them.
import type { Db } from "../../env";
import type { ApplyScope } from "../time-logs/apply";

/** "ignored" until the tree's own event handler is wired in; the nightly sync covers structure. */
export async function applyStructureDelivery(
  _db: Db,
  _scope: ApplyScope,
  _model: string,
  _action: string,
  _payload: Record<string, unknown>,
): Promise<string> {
  return "ignored";
}
