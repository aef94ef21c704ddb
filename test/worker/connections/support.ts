// A Toggl organisation in the stand-in and a Hourline account whose admin signed in with the
// organisation owner's token (credential stored like sign-in does).
import { env } from "cloudflare:workers";
import { storeCredential } from "../../../worker/toggl/credentials";
import { StandInControl, type Plan, type Seeded } from "../../toggl-stand-in/control-client.ts";
import { createSignedInOwner, createUser, db } from "../support/accounts";
import { seedConnection } from "../support/connections";

export const control = () => new StandInControl(env.TOGGL_API_URL);

export interface Org {
  seeded: Seeded;
  owner: Awaited<ReturnType<typeof createSignedInOwner>>;
  ownerToken: string;
  credentialId: string;
  member: Awaited<ReturnType<typeof createUser>>;
  /** Workspace ids as strings. */
  ws: string;
  ws2: string;
  /** A workspace the owner's token sees only as a plain member. */
  foreign: string;
}

/** Two workspaces the owner administers (structure incl. archived items), one where they are only a member. */
export async function seedOrg(opts: { plan?: Plan } = {}): Promise<Org> {
  const stamp = crypto.randomUUID().slice(0, 8);
  const seeded = await control().seed({
    plan: opts.plan ?? "starter",
    users: [
      { key: "owner", email: `owner-${stamp}@agency.test`, fullname: "Olga Owner" },
      { key: "ann", email: `ann-${stamp}@agency.test`, fullname: "Ann Member" },
      { key: "boss", email: `boss-${stamp}@agency.test`, fullname: "Other Boss" },
    ],
    workspaces: [
      {
        key: "main",
        name: `Agency ${stamp}`,
        admins: ["owner"],
        members: ["ann"],
        clients: [
          { key: "acme", name: "Acme" },
          { key: "gone", name: "Gone Client", archived: true },
        ],
        projects: [
          { key: "site", name: "Website", client: "acme", billable: true },
          { key: "old", name: "Old Project", client: "acme", active: false },
          { key: "misc", name: "Misc" },
        ],
        tasks: [
          { key: "wire", name: "Wireframes", project: "site" },
          { key: "copy", name: "Copy", project: "site" },
          { key: "done", name: "Done Task", project: "site", active: false },
        ],
        tags: [{ key: "urgent", name: "urgent" }],
      },
      { key: "second", name: `Second ${stamp}`, admins: ["owner"], projects: [{ key: "int", name: "Internal" }] },
      { key: "foreign", name: `Foreign ${stamp}`, admins: ["boss"], members: ["owner"] },
    ],
  });
  const togglOwner = seeded.users.owner!;
  const owner = await createSignedInOwner({ email: togglOwner.email, togglUserId: String(togglOwner.id) });
  const credentialId = await storeCredential(env, db(), {
    personId: owner.personId,
    togglUserId: String(togglOwner.id),
    apiToken: togglOwner.apiToken,
  });
  const member = await createUser(owner.accountId, { role: "member" });
  return {
    seeded,
    owner,
    ownerToken: togglOwner.apiToken,
    credentialId,
    member,
    ws: String(seeded.workspaces.main!.id),
    ws2: String(seeded.workspaces.second!.id),
    foreign: String(seeded.workspaces.foreign!.id),
  };
}

/** A connection for one of the org's workspaces, as connect would store it (no webhook yet). */
export async function connectDirect(
  org: Org,
  workspaceId: string,
  opts: { backfillDays?: number; createdAt?: Date } = {},
) {
  const { id, accountId } = await seedConnection({
    accountId: org.owner.accountId,
    owner: org.owner,
    credentialId: org.credentialId,
    workspaceId,
    organizationId: String(org.seeded.organizationId),
    workspaceName: workspaceId === org.ws ? "Agency" : "Other",
    ...opts,
  });
  return { id, accountId, connectionId: id };
}
