// A 403 on one workspace: the integration owner lost access to that workspace in Toggl, and only
// that connection is flagged. The owner's other connections keep syncing, their token stays valid,
// their timer keeps working and nobody is signed out.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Connection, Items, Me, Overview, RunningTimer } from "../../../shared/contract";
import { connections, togglCredentials } from "../../../worker/db/schema";
import { connectionsWithDueJobs } from "../../../worker/sync/jobs";
import { runConnectionWork } from "../../../worker/sync/runner";
import { storeCredential } from "../../../worker/toggl/credentials";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { createAccount, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";
import { call } from "../support/http";

const control = new StandInControl(env.TOGGL_API_URL);

async function agency() {
  const stamp = crypto.randomUUID().slice(0, 8);
  const seeded = await control.seed({
    plan: "starter",
    users: [
      { key: "olga", email: `olga-${stamp}@access.test`, fullname: "Olga Owner" },
      { key: "bob", email: `bob-${stamp}@access.test`, fullname: "Bob Admin" },
    ],
    workspaces: [
      { key: "lost", name: `Lost ${stamp}`, admins: ["olga", "bob"], projects: [{ key: "p", name: "Website" }] },
      { key: "kept", name: `Kept ${stamp}`, admins: ["olga"], projects: [{ key: "q", name: "Internal" }] },
    ],
  });
  const accountId = await createAccount("Agency");
  const person = async (key: "olga" | "bob", role: "owner" | "admin") => {
    const t = seeded.users[key]!;
    const user = await createUser(accountId, {
      role,
      togglUserId: String(t.id),
      name: t.email.split("-")[0],
      email: t.email,
    });
    const credentialId = await storeCredential(env, db(), {
      personId: user.personId,
      togglUserId: String(t.id),
      apiToken: t.apiToken,
    });
    return { ...user, credentialId, token: t.apiToken, togglId: t.id };
  };
  const olga = await person("olga", "owner");
  const bob = await person("bob", "admin");
  const connect = (key: "lost" | "kept") =>
    seedConnection({
      accountId,
      owner: olga,
      credentialId: olga.credentialId,
      workspaceId: String(seeded.workspaces[key]!.id),
      workspaceName: `${key === "lost" ? "Lost" : "Kept"} ${stamp}`,
      organizationId: String(seeded.organizationId),
    });
  const lost = await connect("lost");
  const kept = await connect("kept");
  const nightly = (c: { id: string }) =>
    runConnectionWork(
      env,
      db(),
      { accountId, connectionId: c.id, reason: "nightly" },
      { kinds: ["structure", "members"] },
    );
  return { seeded, accountId, olga, bob, lost, kept, nightly };
}

describe("Toggl access per workspace", () => {
  it("a 403 on one workspace flags that connection only: the others keep syncing and the owner's timer works", async () => {
    const a = await agency();
    // Members first, while Olga still has access: Bob shows as a Toggl admin of that workspace.
    expect((await a.nightly(a.lost))?.status).toBe("ok");
    await control.removeMember(Number(a.lost.workspaceId), a.olga.togglId);

    const lostRun = await a.nightly(a.lost);
    const keptRun = await a.nightly(a.kept);
    expect(lostRun?.status).toBe("failed");
    expect(keptRun?.status).toBe("ok");
    expect(keptRun?.steps.map((s) => [s.step, s.ok])).toEqual([
      ["structure", true],
      ["members", true],
    ]);

    const [lost] = await db().select().from(connections).where(eq(connections.id, a.lost.id));
    const [kept] = await db().select().from(connections).where(eq(connections.id, a.kept.id));
    expect(lost).toMatchObject({ status: "error", ownerProblem: "lost_workspace_access" });
    expect(kept).toMatchObject({ status: "active", ownerProblem: null });
    // The token is fine: /me said so.
    const [credential] = await db().select().from(togglCredentials).where(eq(togglCredentials.id, a.olga.credentialId));
    expect(credential!.invalidAt).toBeNull();

    // The Overview and the Connections tab say what happened and who can fix it.
    const listed = await call<Items<Connection>>("GET", "/api/connections", a.olga.headers);
    const flagged = listed.body.items.find((c) => c.id === a.lost.id)!;
    expect(flagged.ownerProblem).toMatchObject({ kind: "lost_workspace_access", canFix: [{ id: a.bob.id }] });
    expect(flagged.ownerProblem!.message).toMatch(/^Toggl denies olga access to the workspace "Lost .*" \(403\)/);
    expect(flagged.ownerProblem!.message).toContain("bob can take it over with Re-sync");
    expect(listed.body.items.find((c) => c.id === a.kept.id)?.ownerProblem).toBeNull();
    const overview = await call<Overview>("GET", "/api/overview", a.olga.headers);
    expect(overview.body.status).toBe("attention");
    expect(overview.body.errors).toEqual([
      expect.objectContaining({ connectionId: a.lost.id, message: flagged.ownerProblem!.message }),
    ]);

    // Nobody is signed out, and the owner's timer works in the workspace she still has.
    expect((await call<Me>("GET", "/api/me", a.olga.headers)).status).toBe(200);
    const started = await call<RunningTimer>("POST", "/api/timer/start", a.olga.headers, {
      workspaceId: a.kept.workspaceId,
      description: "Still tracking",
    });
    expect(started.status, started.text).toBe(201);
    const entries = await control.listTimeEntries(Number(a.kept.workspaceId));
    expect(entries.find((e) => e.stop === null)).toMatchObject({
      description: "Still tracking",
      user_id: a.olga.togglId,
    });

    // The flagged connection waits instead of asking Toggl again every few minutes.
    const due = await connectionsWithDueJobs(db(), new Date(Date.now() + 60 * 60_000));
    expect(due.map((d) => d.connectionId)).not.toContain(a.lost.id);
  });

  it("a re-sync by an admin Toggl confirms hands the flagged connection over; the owner's own re-sync clears it once access is back", async () => {
    const a = await agency();
    await a.nightly(a.lost);
    await a.nightly(a.kept);
    await control.removeMember(Number(a.lost.workspaceId), a.olga.togglId);
    await control.removeMember(Number(a.kept.workspaceId), a.olga.togglId);
    await a.nightly(a.lost);
    await a.nightly(a.kept);

    // Bob is a Toggl admin of "lost": he takes it over.
    const taken = await call<{ connection: Connection }>("POST", `/api/connections/${a.lost.id}/sync`, a.bob.headers);
    expect(taken.status, taken.text).toBe(200);
    expect(taken.body.connection).toMatchObject({ owner: { id: a.bob.id }, ownerProblem: null });

    // Bob is not in "kept" at all: no takeover, the flag stays.
    const refused = await call<{ connection: Connection }>("POST", `/api/connections/${a.kept.id}/sync`, a.bob.headers);
    expect(refused.status).toBe(200);
    expect(refused.body.connection).toMatchObject({
      owner: { id: a.olga.id },
      ownerProblem: { kind: "lost_workspace_access" },
    });

    // Olga gets her access back and re-syncs herself: the connection runs again, still hers.
    await control.addMember(Number(a.kept.workspaceId), { userId: a.olga.togglId, admin: true });
    const back = await call<{ connection: Connection }>("POST", `/api/connections/${a.kept.id}/sync`, a.olga.headers);
    expect(back.status).toBe(200);
    expect(back.body.connection).toMatchObject({ owner: { id: a.olga.id }, ownerProblem: null });
  });

  it("a token Toggl's /me rejects flags every connection that uses it, until the person signs in again", async () => {
    const a = await agency();
    // Olga resets her API token in Toggl: the stored one is dead.
    const { apiToken } = await control.resetToken(a.olga.togglId);
    await a.nightly(a.kept);
    const [kept] = await db().select().from(connections).where(eq(connections.id, a.kept.id));
    expect(kept).toMatchObject({ status: "error", ownerProblem: "token_rejected" });
    const [credential] = await db().select().from(togglCredentials).where(eq(togglCredentials.id, a.olga.credentialId));
    expect(credential!.invalidAt).not.toBeNull();

    const signedIn = await call(
      "POST",
      "/api/session",
      { "content-type": "application/json" },
      { togglApiToken: apiToken },
    );
    expect(signedIn.status).toBe(201);
    const [after] = await db().select().from(connections).where(eq(connections.id, a.kept.id));
    expect(after).toMatchObject({ status: "active", ownerProblem: null });
  });
});
