import type { TestProject } from "vitest/node";
import { startTogglStandIn } from "../toggl-stand-in/server.ts";

// One Toggl stand-in for the whole worker suite. Test files run in parallel against it, so each
// file seeds its own organisation (seeding is additive) and scopes faults to its own tokens.
export default async function setup(project: TestProject) {
  const standIn = await startTogglStandIn();
  project.provide("togglPort", standIn.port);
  return () => standIn.close();
}
