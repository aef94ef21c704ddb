// Removing a person from an account while the admin waits: the membership ends (their sessions
// there answer 401 from the next call), and each connection they owned goes to another admin whom
// Toggl confirms as an admin of its workspace, its webhook then re-made with the new owner's token
// in the background; without one it is flagged "needs a new owner".
import type { UserRemoved } from "../../shared/contract";
import type { Bindings, Caller, Db } from "../env";
import { findSuccessor, handOver } from "../features/connections/handover";
import { flagOwnerProblem } from "../features/connections/owner-problems";
import { describeUser } from "../features/people/store";
import { removeMembership } from "../features/users/service";
import { ensureJob, resumeOwnerWaits } from "./jobs";
import { enqueueConnections } from "./queue";

type RemovalEnv = Pick<Bindings, "TOKEN_ENCRYPTION_KEY" | "TOGGL_API_URL" | "SYNC_QUEUE">;

export async function removeUser(
  env: RemovalEnv,
  db: Db,
  caller: Caller,
  userId: string,
  now = new Date(),
): Promise<UserRemoved> {
  const { user, owned } = await removeMembership(db, caller, userId, now);
  const handed: UserRemoved["connections"] = [];
  const toRepair: string[] = [];
  for (const connection of owned) {
    const successor = await findSuccessor(env, db, connection, { askedBy: caller.userId, exclude: [user.id] });
    if (successor) {
      await handOver(db, connection, successor, now);
      await resumeOwnerWaits(db, { accountId: connection.accountId, connectionId: connection.id }, now);
      await ensureJob(db, { accountId: connection.accountId, connectionId: connection.id }, "webhook_repair", now, {
        restart: true,
      });
      toRepair.push(connection.id);
    } else {
      await flagOwnerProblem(db, connection, "owner_left", now);
    }
    handed.push({
      id: connection.id,
      workspaceName: connection.workspaceName,
      newOwner: successor ? { id: successor.id, name: successor.name, email: successor.email } : null,
    });
  }
  if (toRepair.length > 0) {
    await enqueueConnections(
      env.SYNC_QUEUE,
      toRepair.map((connectionId) => ({ accountId: caller.accountId, connectionId, reason: "manual" as const })),
    );
  }
  return { user: await describeUser(db, user, now), connections: handed };
}
