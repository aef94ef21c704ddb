// The tag picker's list: the workspace's mirrored tags, from D1 (never from Toggl).
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tag } from "../../../shared/contract";
import { tags } from "../../db/schema";
import type { Db } from "../../env";
import { ApiError } from "../../lib/errors";
import { connectionForWorkspace } from "../connections/service";

export async function listTags(db: Db, accountId: string, workspaceId: string): Promise<Tag[]> {
  const connection = await connectionForWorkspace(db, accountId, workspaceId);
  if (!connection) throw new ApiError(404, "not_found", "Workspace not connected to Hourline");
  const rows = await db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.accountId, accountId), eq(tags.workspaceId, workspaceId), eq(tags.archived, false)))
    .orderBy(asc(sql`${tags.name} collate nocase`));
  return rows.map((r) => ({ id: r.id, workspaceId, name: r.name }));
}
