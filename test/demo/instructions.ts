// What `npm start` prints once everything runs: pure text from what was started.
import type { Seeded } from "../toggl-stand-in/control-client.ts";

export interface DemoPerson {
  key: string;
  email: string;
  apiToken: string;
  role: "admin" | "member";
}

/**
 * The seeded people, admins first, the one administering the most workspaces leading: the demo
 * signs that one in, so a single admin connects every workspace it can.
 */
export function pickDemoPeople(
  seeded: Pick<Seeded, "users" | "workspaces">,
  isAdmin: (workspaceId: number, userId: number) => boolean,
): DemoPerson[] {
  const workspaceIds = Object.values(seeded.workspaces).map((w) => w.id);
  const people = Object.entries(seeded.users).map(([key, u]) => {
    const administers = workspaceIds.filter((wid) => isAdmin(wid, u.id)).length;
    return {
      key,
      email: u.email,
      apiToken: u.apiToken,
      role: administers > 0 ? ("admin" as const) : ("member" as const),
      administers,
    };
  });
  return people.sort((a, b) => b.administers - a.administers).map(({ administers: _, ...p }) => p);
}

export interface DemoState {
  workerUrl: string;
  standInUrl: string;
  extensionDir: string;
  extensionBuilt: boolean;
  buildLog: string;
  workerLog: string;
  people: DemoPerson[];
  connected: string[];
  connectProblem: string | null;
  activityEverySeconds: number;
  cronEverySeconds: number;
}

export function instructions(s: DemoState): string {
  const admin = s.people.find((p) => p.role === "admin");
  const member = s.people.find((p) => p.role === "member");
  const width = Math.max(...s.people.map((p) => p.email.length), 10);
  const lines = [
    "",
    "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
    " Hourline is running",
    "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
    `  Worker          ${s.workerUrl}   (${s.workerUrl}/health · log: ${s.workerLog})`,
    `  Toggl stand-in  ${s.standInUrl}   (demo organisation; people keep working every ~${s.activityEverySeconds} s)`,
    s.extensionBuilt
      ? `  Extension       ${s.extensionDir}`
      : `  Extension       build FAILED — see ${s.buildLog}, then run: npm run build`,
    "",
    " Load the extension in Chrome or Chromium:",
    "  1. open chrome://extensions",
    "  2. switch on Developer mode (top right)",
    `  3. Load unpacked → choose ${s.extensionDir}`,
    "  4. pin Hourline, open its popup and paste a demo Toggl API token below",
    "",
    " Demo Toggl API tokens (the popup's sign-in asks for one):",
    ...s.people.map((p) => `  ${p.role.padEnd(6)}  ${p.email.padEnd(width)}  ${p.apiToken}`),
    "",
  ];
  if (admin)
    lines.push(`  Start with the admin (${admin.email}): the admin section and the options page show the connections.`);
  if (member) lines.push(`  Then a member (${member.email}) to start timers on imported tasks.`);
  lines.push("");
  if (s.connected.length) {
    lines.push(
      ` Connected workspaces: ${s.connected.join(", ")} — webhooks flow from the stand-in to the worker,`,
      "  so Time Logs arrive within seconds of an entry being stopped (see Recent in the popup).",
    );
  } else {
    lines.push(
      ` The demo workspaces are NOT connected yet: ${s.connectProblem ?? "unknown reason"}.`,
      "  Sign in as the admin and connect them from the popup's admin section.",
    );
  }
  lines.push(
    "",
    ` Crons: the frequent one (*/15) is triggered every ${s.cronEverySeconds} s; the nightly one on demand:`,
    `  curl "${s.workerUrl}/cdn-cgi/handler/scheduled?cron=0+3+*+*+*"`,
    "",
    " Ctrl-C stops everything (worker, stand-in, simulator).",
    "",
  );
  return lines.join("\n");
}
