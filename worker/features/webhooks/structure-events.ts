// Structure events (client, project, task, tag) from webhooks, where the plan leaves room for them.
import type { Db } from "../../env";
import { applyStructureEvent } from "../connections/structure";
import type { ApplyScope } from "../time-logs/apply";

export async function applyStructureDelivery(
  db: Db,
  scope: ApplyScope,
  model: string,
  action: string,
  payload: Record<string, unknown>,
): Promise<string> {
  return applyStructureEvent(db, scope.accountId, scope.workspaceId, model, action, payload);
}
