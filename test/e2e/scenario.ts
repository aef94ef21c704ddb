// One team for the browser scenarios: Ada owns the Toggl organisation (workspace admin), Bob and
// Carol are members; Carol's Toggl email matches no Hourline user until an admin maps her.
import type { Seeded, StandInControl } from "../toggl-stand-in/control-client.ts";
import { launchExtension, type ExtensionBrowser } from "./browser.ts";
import { createSession, startStack, type Stack } from "./stack.ts";

export interface Scenario {
  stack: Stack;
  ext: ExtensionBrowser;
  seeded: Seeded;
  /** Points the extension at the worker and, when given a Toggl token, signs in through the API. */
  signIn(togglApiToken?: string): Promise<string | null>;
  close(): Promise<void>;
}

export async function startScenario(): Promise<Scenario> {
  const stack = await startStack();
  try {
    return await withStack(stack);
  } catch (e) {
    await stack.close(); // a half-started scenario must not leave workerd or the stand-in behind
    throw e;
  }
}

/** The team in the stand-in: Ada's agency with two workspaces. */
export function seedTeam(control: StandInControl): Promise<Seeded> {
  return control.seed({
    plan: "starter",
    organizationName: "Ada's agency",
    users: [
      { key: "ada", email: "ada@example.com", fullname: "Ada Lovelace" },
      { key: "bob", email: "bob@example.com", fullname: "Bob Builder" },
      { key: "carol", email: "carol.personal@example.net", fullname: "Carol Shaw" },
    ],
    workspaces: [
      {
        key: "agency",
        name: "Agency",
        admins: ["ada"],
        members: ["bob", "carol"],
        clients: [{ key: "acme", name: "Acme" }],
        projects: [
          { key: "website", name: "Website", client: "acme", billable: true },
          { key: "internal", name: "Internal tools", billable: false },
          // Private: Ada (a workspace admin) and Carol may track on it; Bob may not.
          { key: "secret", name: "Secret launch", private: true, members: ["carol"] },
        ],
        tasks: [
          { key: "design", name: "Design", project: "website" },
          { key: "support", name: "Support", project: "website" },
        ],
        tags: [{ key: "urgent", name: "urgent" }],
      },
      { key: "side", name: "Side projects", admins: ["ada"], members: ["bob"] },
    ],
  });
}

async function withStack(stack: Stack): Promise<Scenario> {
  const seeded = await seedTeam(stack.control);
  const ext = await launchExtension();
  await ext.setStorage({ serverUrl: stack.workerUrl });
  return {
    stack,
    ext,
    seeded,
    signIn: async (togglApiToken) => {
      if (!togglApiToken) return null;
      const session = await createSession(stack.workerUrl, togglApiToken);
      await ext.setStorage({
        sessionToken: session.token,
        me: { user: session.user, account: session.account, memberships: session.memberships },
      });
      return session.token;
    },
    close: async () => {
      await ext.close();
      await stack.close();
    },
  };
}
