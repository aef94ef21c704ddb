// Seeds an imported tree straight into D1 (connection, workspace, clients, projects, tasks and the
// track_targets rows a structure sync would build) for tests of the task search and the timer.
import type { ConnectionStatus } from "../../../shared/contract";
import { clients, projects, tasks, trackTargets, workspaces } from "../../../worker/db/schema";
import { valueChunks } from "../../../worker/db/batch";
import { byLabel } from "../../../worker/features/workspace-mirror/tree";
import { togglId } from "../../support/toggl-ids.ts";
import { db } from "./accounts";
import { seedConnection } from "./connections";

export interface TreeSpec {
  workspace: { id?: string; name: string };
  /** `id`: a Toggl id to reuse (e.g. one the stand-in gave); else a fresh one. */
  clients?: { key: string; id?: string; name: string; archived?: boolean }[];
  projects?: { key: string; id?: string; name: string; client?: string; billable?: boolean; archived?: boolean }[];
  tasks?: { key: string; id?: string; name: string; project: string; archived?: boolean }[];
}

export interface SeededTree {
  connectionId: string;
  credentialId: string;
  workspaceId: string;
  clients: Record<string, string>;
  projects: Record<string, string>;
  tasks: Record<string, string>;
}

/** A connection owned by `owner` (with a stored credential for `apiToken`) and its tree. */
export async function seedConnectedTree(
  owner: { accountId: string; id: string; personId: string },
  spec: TreeSpec,
  options: {
    apiToken?: string;
    togglUserId?: string;
    status?: ConnectionStatus;
    organizationId?: string;
    /** The webhook signing secret, stored encrypted like the connections feature does. */
    webhookSecret?: string;
  } = {},
): Promise<SeededTree> {
  const organizationId = options.organizationId ?? togglId();
  const { connectionId, credentialId, workspaceId, accountId } = await seedConnection({
    accountId: owner.accountId,
    owner,
    apiToken: options.apiToken ?? `token-${crypto.randomUUID()}`,
    ownerTogglUserId: options.togglUserId,
    workspaceId: spec.workspace.id,
    workspaceName: spec.workspace.name,
    organizationId,
    status: options.status,
    webhook: options.webhookSecret ? { secret: options.webhookSecret, status: "validated" } : undefined,
  });
  const tree = await seedTree(accountId, workspaceId, organizationId, spec);
  return { connectionId, credentialId, workspaceId, ...tree };
}

/** The tree of one workspace plus its track_targets (archived parents make children archived). */
async function seedTree(accountId: string, workspaceId: string, organizationId: string, spec: TreeSpec) {
  const d = db();
  const ids = {
    clients: {} as Record<string, string>,
    projects: {} as Record<string, string>,
    tasks: {} as Record<string, string>,
  };
  const ws = spec.workspace.name;
  await d.insert(workspaces).values({ accountId, id: workspaceId, organizationId, name: ws }).onConflictDoNothing();
  const targets: (typeof trackTargets.$inferInsert)[] = [
    {
      accountId,
      key: `workspace:${workspaceId}`,
      kind: "workspace",
      workspaceId,
      label: ws,
      searchText: ws.toLowerCase(),
    },
  ];
  const clientRows = new Map<string, { id: string; name: string; archived: boolean }>();
  for (const c of spec.clients ?? []) {
    const id = c.id ?? togglId();
    ids.clients[c.key] = id;
    clientRows.set(c.key, { id, name: c.name, archived: c.archived ?? false });
    await d.insert(clients).values({ accountId, id, workspaceId, name: c.name, archived: c.archived ?? false });
    targets.push({
      accountId,
      key: `client:${id}`,
      kind: "client",
      workspaceId,
      clientId: id,
      label: c.name,
      searchText: `${ws} ${c.name}`.toLowerCase(),
      archived: c.archived ?? false,
    });
  }
  const projectRows = new Map<
    string,
    {
      id: string;
      name: string;
      billable: boolean;
      archived: boolean;
      client?: { id: string; name: string; archived: boolean };
    }
  >();
  for (const p of spec.projects ?? []) {
    const id = p.id ?? togglId();
    ids.projects[p.key] = id;
    const client = p.client ? clientRows.get(p.client) : undefined;
    const archived = (p.archived ?? false) || (client?.archived ?? false);
    projectRows.set(p.key, { id, name: p.name, billable: p.billable ?? false, archived, client });
    await d.insert(projects).values({
      accountId,
      id,
      workspaceId,
      clientId: client?.id ?? null,
      name: p.name,
      billable: p.billable ?? false,
      archived: p.archived ?? false,
    });
    targets.push({
      accountId,
      key: `project:${id}`,
      kind: "project",
      workspaceId,
      clientId: client?.id ?? null,
      projectId: id,
      label: [client?.name, p.name].filter(Boolean).join(" → "),
      searchText: [ws, client?.name, p.name].filter(Boolean).join(" ").toLowerCase(),
      billable: p.billable ?? false,
      archived,
    });
  }
  for (const t of spec.tasks ?? []) {
    const id = t.id ?? togglId();
    ids.tasks[t.key] = id;
    const project = projectRows.get(t.project)!;
    await d
      .insert(tasks)
      .values({ accountId, id, workspaceId, projectId: project.id, name: t.name, archived: t.archived ?? false });
    targets.push({
      accountId,
      key: `task:${id}`,
      kind: "task",
      workspaceId,
      clientId: project.client?.id ?? null,
      projectId: project.id,
      taskId: id,
      label: [project.client?.name, project.name, t.name].filter(Boolean).join(" → "),
      searchText: [ws, project.client?.name, project.name, t.name].filter(Boolean).join(" ").toLowerCase(),
      billable: project.billable,
      archived: (t.archived ?? false) || project.archived,
    });
  }
  // In label order, as a structure sync writes them.
  for (const chunk of valueChunks(targets.sort(byLabel))) await d.insert(trackTargets).values(chunk);
  return ids;
}
