// The four kinds of workspace structure, one descriptor each: how Toggl lists it, the schema of
// its webhook payloads, the row it becomes and when two rows are the same, and where rows are
// stored. The structure sync, structure webhook events and id-only deletions all run on these;
// their order here (clients → projects → tasks → tags) is the sync's order.
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type * as z from "zod";
import { clients, projects, tags, tasks } from "../../db/schema";
import type { TogglClient } from "../../toggl/client";
import { clientSchema, projectSchema, tagSchema, taskSchema } from "../../toggl/types";
import { clientRow, projectRow, sameClient, sameProject, sameTag, sameTask, tagRow, taskRow } from "./tree";

export type StructureToggl = Pick<
  TogglClient,
  "clients" | "projects" | "tasks" | "tags" | "projectUsers" | "requestsSpent"
>;

/** What every mirrored row has; `togglAt` (Toggl's last change) where Toggl gives one. */
export interface MirrorRow {
  id: string;
  name: string;
  archived: boolean;
  togglAt?: string | null;
}

type MirrorTable = typeof clients | typeof projects | typeof tasks | typeof tags;

export interface EntityType<Item, Row extends MirrorRow> {
  /** How a sync that was cut off names the types it already stored. */
  kind: "clients" | "projects" | "tasks" | "tags";
  /** `metadata.model` of its webhook events. */
  model: string;
  table: MirrorTable;
  /** The table's column for each field of a row (the account, workspace and updated_at aside). */
  columns: { [K in keyof Row]: SQLiteColumn };
  /**
   * One listing from Toggl (one request): everything, or with `since` only what changed since then
   * (deletions included) where Toggl can filter. `complete`: what is missing from it has vanished.
   */
  list(toggl: StructureToggl, workspaceId: string, since: Date | null): Promise<{ items: Item[]; complete: boolean }>;
  /** Its webhook payloads (and listings). */
  schema: z.ZodType<Item>;
  workspaceOf(item: Item): string;
  row(item: Item): Row;
  same(a: Row, b: Row): boolean;
  /** Its rows feed the timer's targets (tags do not). */
  targets: boolean;
}

const clientType: EntityType<z.infer<typeof clientSchema>, ReturnType<typeof clientRow>> = {
  kind: "clients",
  model: "client",
  table: clients,
  columns: { id: clients.id, name: clients.name, archived: clients.archived, togglAt: clients.togglAt },
  // Archived ones included; Toggl has no `since` for clients, so the listing is always complete.
  list: async (toggl, wid) => ({ items: await toggl.clients(wid, { status: "both" }), complete: true }),
  schema: clientSchema,
  workspaceOf: (c) => c.wid,
  row: clientRow,
  same: sameClient,
  targets: true,
};

const projectType: EntityType<z.infer<typeof projectSchema>, ReturnType<typeof projectRow>> = {
  kind: "projects",
  model: "project",
  table: projects,
  columns: {
    id: projects.id,
    clientId: projects.clientId,
    name: projects.name,
    billable: projects.billable,
    color: projects.color,
    private: projects.private,
    archived: projects.archived,
    togglAt: projects.togglAt,
  },
  list: async (toggl, wid, since) => ({
    items: await toggl.projects(wid, since ? { since } : {}),
    complete: since === null,
  }),
  schema: projectSchema,
  workspaceOf: (p) => p.workspace_id,
  row: projectRow,
  same: sameProject,
  targets: true,
};

const taskType: EntityType<z.infer<typeof taskSchema>, ReturnType<typeof taskRow>> = {
  kind: "tasks",
  model: "task",
  table: tasks,
  columns: {
    id: tasks.id,
    projectId: tasks.projectId,
    name: tasks.name,
    archived: tasks.archived,
    togglAt: tasks.togglAt,
  },
  list: async (toggl, wid, since) => ({
    items: await toggl.tasks(wid, since ? { since } : {}),
    complete: since === null,
  }),
  schema: taskSchema,
  workspaceOf: (t) => t.workspace_id,
  row: taskRow,
  same: sameTask,
  targets: true,
};

const tagType: EntityType<z.infer<typeof tagSchema>, ReturnType<typeof tagRow>> = {
  kind: "tags",
  model: "tag",
  table: tags,
  columns: { id: tags.id, name: tags.name, archived: tags.archived, togglAt: tags.togglAt },
  list: async (toggl, wid) => ({ items: await toggl.tags(wid), complete: true }),
  schema: tagSchema,
  workspaceOf: (t) => t.workspace_id,
  row: tagRow,
  same: sameTag,
  targets: false,
};

/** In sync order. */
export const ENTITY_TYPES = [clientType, projectType, taskType, tagType] as const;

type AnyEntityType = (typeof ENTITY_TYPES)[number];
export type StructureKind = AnyEntityType["kind"];

export const entityTypeOfModel = (model: string): AnyEntityType | undefined =>
  ENTITY_TYPES.find((t) => t.model === model);
