// The studio every timer test starts from: a Toggl organisation in the stand-in mirrored in D1.
import { env } from "cloudflare:workers";
import { storeCredential } from "../../../worker/toggl/credentials";
import { StandInControl } from "../../toggl-stand-in/control-client.ts";
import { createSignedInOwner, createUser, db } from "../support/accounts";
import { seedConnectedTree } from "../support/tree";

const control = () => new StandInControl(env.TOGGL_API_URL);

/**
 * A Toggl organisation in the stand-in (owner + member Ann, one workspace with a client, projects
 * and tasks, some archived) mirrored in D1: the connection, the imported tree, Ann's credential.
 */
export async function studio() {
  const stamp = crypto.randomUUID().slice(0, 8);
  const seeded = await control().seed({
    plan: "starter",
    users: [
      { key: "owner", email: `owner-${stamp}@studio.test`, fullname: "Olga Owner" },
      { key: "ann", email: `ann-${stamp}@studio.test`, fullname: "Ann Member" },
    ],
    workspaces: [
      {
        key: "ws",
        name: "Studio",
        admins: ["owner"],
        members: ["ann"],
        clients: [{ key: "acme", name: "Acme" }],
        projects: [
          { key: "site", name: "Website", client: "acme", billable: true },
          { key: "admin", name: "Admin" },
          { key: "old", name: "Old Project", active: false },
        ],
        tasks: [
          { key: "wire", name: "Wireframes", project: "site" },
          { key: "done", name: "Done Task", project: "site", active: false },
        ],
      },
    ],
  });
  const ownerToggl = seeded.users.owner!;
  const annToggl = seeded.users.ann!;
  const owner = await createSignedInOwner({ togglUserId: String(ownerToggl.id) });
  const ann = await createUser(owner.accountId, { role: "member", togglUserId: String(annToggl.id) });
  const secret = `whsec-${stamp}`;
  const id = (n: number | undefined) => String(n);
  const tree = await seedConnectedTree(
    owner,
    {
      workspace: { id: id(seeded.workspaces.ws!.id), name: "Studio" },
      clients: [{ key: "acme", id: id(seeded.clients.acme), name: "Acme" }],
      projects: [
        { key: "site", id: id(seeded.projects.site), name: "Website", client: "acme", billable: true },
        { key: "admin", id: id(seeded.projects.admin), name: "Admin" },
        { key: "old", id: id(seeded.projects.old), name: "Old Project", archived: true },
      ],
      tasks: [
        { key: "wire", id: id(seeded.tasks.wire), name: "Wireframes", project: "site" },
        { key: "done", id: id(seeded.tasks.done), name: "Done Task", project: "site", archived: true },
      ],
    },
    {
      apiToken: ownerToggl.apiToken,
      togglUserId: String(ownerToggl.id),
      organizationId: String(seeded.organizationId),
      webhookSecret: secret,
    },
  );
  await storeCredential(env, db(), {
    personId: ann.personId,
    togglUserId: String(annToggl.id),
    apiToken: annToggl.apiToken,
  });
  return { seeded, owner, ann, annToggl, tree, secret, workspaceId: Number(seeded.workspaces.ws!.id) };
}

/** A person's live entries in Toggl (the stand-in's own state). */
export const entriesOf = async (workspaceId: number, userId: number) =>
  (await control().listTimeEntries(workspaceId)).filter((e) => e.user_id === userId && e.server_deleted_at === null);
