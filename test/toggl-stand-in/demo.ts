// A realistic demo organisation for `npm start`, and a simulator that keeps its people working
// (timers started, stopped, edited, deleted), so signed webhooks keep flowing.
import { StandInControl, type SeedSpec, type SeedTimeEntry, type Seeded } from "./control-client.ts";
import { seededRandom } from "./random.ts";

export { seededRandom };

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

const DESCRIPTIONS = [
  "Standup",
  "Design review",
  "Client call",
  "Bug fixing",
  "Sprint planning",
  "Code review",
  "Wireframes",
  "Copy edits",
  "Deploy",
  "Research",
];

function demoSpec(): SeedSpec {
  return {
    plan: "starter",
    organizationName: "Northwind",
    users: [
      { key: "olivia", email: "olivia@northwind.example", fullname: "Olivia Owner", timezone: "Europe/London" },
      { key: "mateo", email: "mateo@northwind.example", fullname: "Mateo Admin", timezone: "Europe/Madrid" },
      { key: "aiko", email: "aiko@northwind.example", fullname: "Aiko Designer", timezone: "Asia/Tokyo" },
      { key: "sam", email: "sam@northwind.example", fullname: "Sam Developer", timezone: "America/New_York" },
      { key: "lena", email: "lena@northwind.example", fullname: "Lena Writer", timezone: "Europe/Berlin" },
    ],
    workspaces: [
      {
        key: "studio",
        name: "Northwind Studio",
        admins: ["olivia", "mateo"],
        members: ["aiko", "sam", "lena"],
        clients: [
          { key: "acme", name: "Acme Corp" },
          { key: "globex", name: "Globex" },
          { key: "initech", name: "Initech", archived: true },
        ],
        projects: [
          { key: "acme-site", name: "Acme website relaunch", client: "acme", billable: true, color: "#0b83d9" },
          { key: "acme-app", name: "Acme mobile app", client: "acme", billable: true, color: "#9e5bd9" },
          { key: "globex-brand", name: "Globex brand refresh", client: "globex", color: "#d94182" },
          { key: "initech-tps", name: "Initech TPS reports", client: "initech", active: false, color: "#e36a00" },
          { key: "internal", name: "Internal", color: "#2da608" },
        ],
        tasks: [
          { key: "site-design", name: "Design", project: "acme-site" },
          { key: "site-build", name: "Build", project: "acme-site" },
          { key: "site-content", name: "Content", project: "acme-site" },
          { key: "app-api", name: "API integration", project: "acme-app" },
          { key: "app-ui", name: "UI polish", project: "acme-app" },
          { key: "brand-logo", name: "Logo concepts", project: "globex-brand" },
          { key: "brand-guide", name: "Style guide", project: "globex-brand", active: false },
          { key: "internal-admin", name: "Admin", project: "internal" },
        ],
        tags: [
          { key: "meeting", name: "meeting" },
          { key: "deep-work", name: "deep work" },
          { key: "overtime", name: "overtime" },
        ],
      },
      {
        key: "labs",
        name: "Northwind Labs",
        admins: ["mateo"],
        members: ["sam", "aiko"],
        clients: [{ key: "umbrella", name: "Umbrella Research" }],
        projects: [
          { key: "prototype", name: "Prototype", client: "umbrella", color: "#06a893" },
          { key: "experiments", name: "Experiments", color: "#465bb3" },
        ],
        tasks: [
          { key: "proto-spike", name: "Spike", project: "prototype" },
          { key: "proto-test", name: "Usability test", project: "prototype" },
        ],
        tags: [{ key: "labs-meeting", name: "meeting" }],
      },
    ],
  };
}

/** Finished entries over the last `days` working days, 2–4 per person per day. */
function history(spec: SeedSpec, rng: () => number, days: number, now: number): SeedTimeEntry[] {
  const entries: SeedTimeEntry[] = [];
  const dayMs = 86_400_000;
  const today = Math.floor(now / dayMs) * dayMs;
  for (let d = days; d >= 1; d--) {
    const day = today - d * dayMs;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const ws of spec.workspaces) {
      const people = [...ws.admins, ...(ws.members ?? [])];
      const tasks = (ws.tasks ?? []).filter((t) => t.active !== false);
      for (const person of people) {
        // Everyone mostly works in one workspace; Labs sees less time.
        if (ws.key === "labs" && rng() < 0.6) continue;
        let cursor = day + (8 + Math.floor(rng() * 2)) * 3_600_000;
        const count = 2 + Math.floor(rng() * 3);
        for (let i = 0; i < count; i++) {
          const task = rng() < 0.8 ? pick(rng, tasks) : undefined;
          const minutes = 20 + Math.floor(rng() * 140);
          const tags = (ws.tags ?? []).filter(() => rng() < 0.25).map((t) => t.name);
          entries.push({
            user: person,
            workspace: ws.key,
            project: task?.project,
            task: task?.key,
            description: pick(rng, DESCRIPTIONS),
            start: new Date(cursor).toISOString(),
            stop: new Date(cursor + minutes * 60_000).toISOString(),
            billable: task?.project === "acme-site" || task?.project === "acme-app",
            tags,
          });
          cursor += (minutes + 5 + Math.floor(rng() * 30)) * 60_000;
        }
      }
    }
  }
  return entries;
}

/** Seeds the Northwind demo (2 workspaces, 5 people, a few days of history) and returns the map. */
export async function seedDemoOrganisation(
  control: StandInControl,
  options: { rng?: () => number; days?: number; now?: number } = {},
): Promise<Seeded> {
  const spec = demoSpec();
  spec.timeEntries = history(spec, options.rng ?? seededRandom(42), options.days ?? 5, options.now ?? Date.now());
  return control.seed(spec);
}

export interface ActivitySimulator {
  /** Actions performed so far, newest last (e.g. "sam started 'Deploy'"). */
  readonly log: string[];
  /** Performs one action now (the timer calls this every intervalMs). */
  step(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps the seeded people working: starts timers on live tasks, stops them, edits descriptions,
 * adds forgotten entries and deletes the odd mistake. Every action goes through the control
 * surface, so it emits the same webhooks a real change would.
 */
export function simulateActivity(
  target: StandInControl | { control: StandInControl },
  seeded: Seeded,
  options: { intervalMs?: number; rng?: () => number } = {},
): ActivitySimulator {
  const control = target instanceof StandInControl ? target : target.control;
  const rng = options.rng ?? seededRandom(Date.now() & 0xffff);
  const names = new Map(Object.entries(seeded.users).map(([key, u]) => [u.id, key]));
  const running = new Map<number, number>();
  const recent: { id: number; userId: number }[] = [];
  const log: string[] = [];
  let people: { userId: number; workspaceId: number }[] | null = null;
  let busy: Promise<void> = Promise.resolve();
  let stopped = false;

  async function loadPeople() {
    const pairs: { userId: number; workspaceId: number }[] = [];
    for (const ws of Object.values(seeded.workspaces)) {
      for (const m of await control.listMembers(ws.id))
        if (names.has(m.userId)) pairs.push({ userId: m.userId, workspaceId: ws.id });
    }
    return pairs;
  }

  async function act() {
    people ??= await loadPeople();
    if (people.length === 0) return;
    const { userId, workspaceId } = pick(rng, people);
    const who = names.get(userId) ?? String(userId);
    const runningId = running.get(userId);
    const roll = rng();
    if (runningId !== undefined && roll < 0.55) {
      const te = await control.stopTimeEntry(runningId);
      running.delete(userId);
      recent.push({ id: te.id, userId });
      log.push(`${who} stopped '${te.description ?? ""}'`);
    } else if (runningId !== undefined && roll < 0.7) {
      const description = pick(rng, DESCRIPTIONS);
      await control.updateTimeEntry(runningId, { description });
      log.push(`${who} renamed their timer to '${description}'`);
    } else if (roll < 0.9) {
      const structure = await control.structure(workspaceId);
      const activeProjects = new Set(structure.projects.filter((p) => p.active).map((p) => p.id));
      const task = structure.tasks.filter((t) => t.active && activeProjects.has(t.projectId));
      const chosen = task.length > 0 && rng() < 0.8 ? pick(rng, task) : undefined;
      const description = pick(rng, DESCRIPTIONS);
      const te = await control.createTimeEntry({
        userId,
        workspaceId,
        taskId: chosen?.id,
        projectId: chosen?.projectId,
        description,
        start: new Date().toISOString(),
        stop: null,
      });
      if (runningId !== undefined) recent.push({ id: runningId, userId });
      running.set(userId, te.id);
      log.push(`${who} started '${description}'`);
    } else if (roll < 0.97) {
      const minutes = 15 + Math.floor(rng() * 90);
      const stop = Date.now() - 60 * 60_000;
      const description = pick(rng, DESCRIPTIONS);
      const te = await control.createTimeEntry({
        userId,
        workspaceId,
        description,
        start: new Date(stop - minutes * 60_000).toISOString(),
        stop: new Date(stop).toISOString(),
      });
      recent.push({ id: te.id, userId });
      log.push(`${who} added a forgotten entry '${description}'`);
    } else if (recent.length > 0) {
      const victim = recent.splice(Math.floor(rng() * recent.length), 1)[0]!;
      await control.deleteTimeEntry(victim.id);
      log.push(`${names.get(victim.userId) ?? victim.userId} deleted an entry`);
    }
  }

  const step = () => {
    busy = busy.then(act).catch((err: unknown) => {
      // A failed action (e.g. an entry deleted meanwhile) is skipped; the demo keeps going.
      log.push(`skipped: ${err instanceof Error ? err.message : String(err)}`);
    });
    return busy;
  };

  const timer = options.intervalMs
    ? setInterval(() => {
        if (!stopped) void step();
      }, options.intervalMs)
    : undefined;

  return {
    log,
    step,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await busy;
    },
  };
}
