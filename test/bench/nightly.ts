// Bench: Toggl requests spent by the nightly run over the seeded demo organisation (Northwind, two
// workspaces), through the real worker (workerd, local D1, the queue) against the Toggl stand-in,
// next to the minimum that run needs. Run: node test/bench/nightly.ts
//
// Minimum per connection: webhook check 1 (list subscriptions) + structure 5 (clients, projects
// since, tasks since, tags, project users) + members 1 + reconciliation ceil(report rows / 200), at least 1.
import { seedDemoOrganisation } from "../toggl-stand-in/demo.ts";
import { NIGHTLY_CRON, startStack } from "../integration/support/stack.ts";
import { poll } from "../support/poll.ts";

const RECONCILE_DAYS = 3;
const REPORT_PAGE_SIZE = 200;
const DAY = 86_400_000;

interface RunRow {
  connection_id: string;
  status: string;
  steps: string;
  requests_spent: number;
}

const stack = await startStack();
try {
  const seeded = await seedDemoOrganisation(stack.control);
  // Mateo administers both workspaces.
  const session = await stack.signIn(seeded.users.mateo!.apiToken);
  const visible = await stack.api<{ items: { id: string; role: string }[] }>("GET", "/api/toggl/workspaces", {
    token: session,
  });
  const workspaceIds = visible.body.items.filter((w) => w.role === "admin").map((w) => w.id);
  const connected = await stack.api<{ items: { id: string; workspaceId: string; workspaceName: string }[] }>(
    "POST",
    "/api/connections",
    {
      token: session,
      body: { workspaceIds },
    },
  );
  if (connected.status !== 201) throw new Error(`connect failed: ${connected.status} ${connected.text}`);
  const connections = connected.body.items;

  /** Runs the nightly cron and waits until every connection's nightly run has finished. */
  async function nightly(round: number): Promise<RunRow[]> {
    const before = (
      await stack.query<{ n: number }>(
        "select count(*) as n from sync_runs where kind = 'nightly' and status != 'running'",
      )
    )[0]!.n;
    await stack.cron(NIGHTLY_CRON);
    await poll(
      async () => {
        const done = (
          await stack.query<{ n: number }>(
            "select count(*) as n from sync_runs where kind = 'nightly' and status != 'running'",
          )
        )[0]!.n;
        return done - before >= connections.length ? true : undefined;
      },
      { timeoutMs: 60_000, what: `nightly round ${round} to finish` },
    );
    return stack.query<RunRow>(
      "select connection_id, status, steps, requests_spent from sync_runs where kind = 'nightly' order by started_at desc limit ?",
      connections.length,
    );
  }

  // The floor: what no nightly run can do with less.
  const minimum = new Map<string, number>();
  const windowStart = Date.now() - (RECONCILE_DAYS + 1) * DAY;
  for (const c of connections) {
    const entries = (await stack.control.listTimeEntries(Number(c.workspaceId))).filter(
      (e) => e.stop !== null && e.server_deleted_at === null && Date.parse(e.start) >= windowStart,
    );
    minimum.set(c.id, 1 + 5 + 1 + Math.max(1, Math.ceil(entries.length / REPORT_PAGE_SIZE)));
  }

  const lines: string[] = [];
  for (const round of [1, 2]) {
    const runs = await nightly(round);
    let spent = 0;
    let floor = 0;
    for (const run of runs) {
      const c = connections.find((x) => x.id === run.connection_id)!;
      const steps = (JSON.parse(run.steps) as { step: string; requests: number }[])
        .map((s) => `${s.step} ${s.requests}`)
        .join(", ");
      spent += run.requests_spent;
      floor += minimum.get(run.connection_id)!;
      lines.push(
        `round ${round}  ${c.workspaceName.padEnd(22)} ${run.status.padEnd(7)} spent ${String(run.requests_spent).padStart(3)}  minimum ${String(minimum.get(run.connection_id)).padStart(3)}  (${steps})`,
      );
    }
    lines.push(
      `round ${round}  total: ${spent} Toggl requests spent, minimum ${floor}${spent <= floor ? " (at the floor)" : ` (+${spent - floor})`}`,
    );
  }
  console.log(`nightly run over the demo organisation (${connections.length} connected workspaces)`);
  for (const line of lines) console.log(line);
} finally {
  await stack.close();
}
