// What every change to the caller's own entries shares: the caller's own Toggl client (their token,
// their quota, interactive priority), what a Toggl 403 means (a dead token, or no right to track
// there: which project and why), and how our own write ranks against webhooks of the same change.
import { and, eq } from "drizzle-orm";
import { projects, tasks } from "../../db/schema";
import type { Bindings, Caller, Db } from "../../env";
import { ApiError } from "../../lib/errors";
import { CREATED_WITH, type CreateTimeEntryInput, type TogglClient } from "../../toggl/client";
import { markCredentialInvalid, togglClientFor } from "../../toggl/credentials";
import { isTogglError } from "../../toggl/errors";
import type { NormalizedTimeEntry } from "../time-logs/apply";
import { VERSION } from "../../version";
import { timerIdentity, type TimerTarget } from "./store";

export interface TimerContext {
  env: Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL">;
  db: Db;
  caller: Caller;
  now: Date;
}

/** A request's context: its environment, database and caller, and the time it came in. */
export const timerContext = (env: TimerContext["env"], db: Db, caller: Caller): TimerContext => ({
  env,
  db,
  caller,
  now: new Date(),
});

/** What a change was about, for a Toggl refusal that names it. */
export interface Subject {
  projectId?: string | null;
  taskId?: string | null;
}

const tokenRejected = () =>
  new ApiError(
    401,
    "toggl_token_rejected",
    "Toggl no longer accepts your API token; sign in again with your current token",
  );

/** The caller's own Toggl client: their token, their quota, interactive priority. */
export async function callerClient(ctx: TimerContext) {
  const { credentialId, togglUserId } = await timerIdentity(ctx.db, ctx.caller);
  if (!credentialId || !togglUserId) {
    throw new ApiError(401, "toggl_token_missing", "Sign in with your Toggl API token to start and stop timers");
  }
  try {
    const toggl = await togglClientFor(ctx.env, ctx.db, credentialId, "interactive");
    return { toggl, togglUserId, credentialId };
  } catch (err) {
    // A 401 asks the extension for a new sign-in and keeps queued clicks; a 409 would drop them.
    if (err instanceof ApiError && err.code === "toggl_token_invalid") throw tokenRejected();
    throw err;
  }
}

/**
 * A 403 on a workspace call may mean "no access to that workspace" as well as "bad token": /me
 * tells them apart. A dead token is marked invalid (the user must sign in again: 401); a live one
 * simply may not track there (403, the session stays), and the answer says on what and why.
 */
export async function withTokenCheck<T>(
  ctx: TimerContext,
  toggl: TogglClient,
  credentialId: string,
  work: () => Promise<T>,
  subject: Subject = {},
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isTogglError(err, "auth") && !isTogglError(err, "forbidden")) throw err;
    // A 401/403 on a /me path is the token itself; elsewhere only /me can tell.
    const token = err.kind === "auth" ? "rejected" : await toggl.tokenStatus();
    if (token !== "rejected") throw new ApiError(403, "toggl_forbidden", await refusal(ctx, subject, err.togglMessage));
    await markCredentialInvalid(ctx.db, credentialId, ctx.now);
    throw tokenRejected();
  }
}

/** "Toggl does not let you track time on project "X": …" with Toggl's own words. */
async function refusal(ctx: TimerContext, subject: Subject, togglMessage: string | undefined): Promise<string> {
  const said = togglMessage ? ` (Toggl said: ${togglMessage})` : "";
  const { db, caller } = ctx;
  const task = subject.taskId
    ? await db
        .select({ name: tasks.name, projectId: tasks.projectId })
        .from(tasks)
        .where(and(eq(tasks.accountId, caller.accountId), eq(tasks.id, subject.taskId)))
        .get()
    : undefined;
  const projectId = subject.projectId ?? task?.projectId;
  const project = projectId
    ? await db
        .select({ name: projects.name, private: projects.private })
        .from(projects)
        .where(and(eq(projects.accountId, caller.accountId), eq(projects.id, projectId)))
        .get()
    : undefined;
  if (!project) return `Toggl does not let you track time in this workspace${said}`;
  const why = project.private
    ? "it is a private project and you are not one of its members; ask a workspace admin to add you to it"
    : "your role in the workspace does not allow it";
  return `Toggl does not let you track time on project "${project.name}": ${why}${said}`;
}

/**
 * Our own write, answered by Toggl just now, ranks as observed now (within the second of its `at`),
 * so a webhook of an earlier state in that same second cannot roll it back.
 */
export function observedNow(entry: NormalizedTimeEntry, now: Date): NormalizedTimeEntry {
  return { ...entry, at: Math.min(Math.max(entry.at, now.getTime()), entry.at + 999) };
}

/** What a new entry of Hourline's carries besides its times: the checked target, billable (the project's unless given), tags. */
export function newEntryFields(
  input: { description: string; billable?: boolean; tags: string[] },
  target: TimerTarget,
): Pick<CreateTimeEntryInput, "description" | "project_id" | "task_id" | "billable" | "tags" | "created_with"> {
  return {
    description: input.description,
    project_id: target.projectId,
    task_id: target.taskId,
    billable: input.billable ?? target.projectBillable,
    tags: input.tags,
    created_with: `${CREATED_WITH}/${VERSION}`,
  };
}

/** Replayed clicks and added entries cannot be ahead of us (a minute of clock skew allowed). */
export function notInFuture(at: Date, now: Date, field: string): Date {
  if (at.getTime() > now.getTime() + 60_000) throw new ApiError(400, "invalid_input", `${field} is in the future`);
  return at;
}
