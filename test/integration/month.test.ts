// Thirty days of two connected workspaces, played against the Toggl stand-in with both clocks
// moved together: the nightly cron at 03:00 and the frequent cron every 15 minutes, as in
// production; people join and leave the workspaces, clients and projects are created, renamed,
// archived and deleted, an admin invites and then unmaps a member, two people join Hourline by
// invitation and one of them is removed again (his connection handed over), a workspace is unlinked
// while its nightly sync is queued and re-enabled ten days later (filling the gap), its owner's
// token loses access to it for a day, a subscription is disabled on Toggl's side, the quota runs
// out at a peak, and a quarter of the webhooks are lost (retried later, out of order). At the end
// D1 equals Toggl's truth. One line per day: the night's requests, entries applied and repairs,
// and the frequent cron's quarters that had work (the others did nothing).
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Connection, InvitationAccepted } from "../../shared/contract.ts";
import type { TogglTimeEntry } from "../toggl-stand-in/control-client.ts";
import { seededRandom } from "../toggl-stand-in/random.ts";
import { FREQUENT_CRON, NIGHTLY_CRON, startStack, type Stack } from "./support/stack.ts";
import { storedFields, togglFields, type TimeLogRow } from "./support/time-logs.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = 30;
/** The frequent cron's period (`*\/15 * * * *`). */
const QUARTER = 15 * 60_000;
/** The Starter bucket (240 an hour) less the interactive reserve: what one night may spend. */
const NIGHT_BUDGET = 240 - 24;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ clocked: true });
}, 60_000);
afterAll(() => stack?.close());

test(
  "a simulated month ends with D1 equal to Toggl's truth, every night within its request budget",
  {
    timeout: 120_000,
  },
  async () => {
    const { control } = stack;
    const rand = seededRandom(20261202);
    // Day 0 starts at the next UTC midnight after both clocks (the stand-in's never goes back).
    const day0 = Math.ceil((Math.max(Date.now(), Date.parse(await control.clock())) + DAY) / DAY) * DAY;
    const at = (day: number, hours: number) => new Date(day0 + day * DAY + hours * HOUR);
    await stack.setClock(at(0, 8));

    const seeded = await control.seed({
      plan: "starter",
      users: [
        { key: "lead", email: "lead@month.test", fullname: "Lead" },
        { key: "ann", email: "ann@month.test", fullname: "Ann" },
        { key: "bob", email: "bob@month.test", fullname: "Bob" },
        { key: "cid", email: "cid@month.test", fullname: "Cid" },
        { key: "dee", email: "dee@month.test", fullname: "Dee" },
        { key: "eve", email: "eve@month.test", fullname: "Eve" },
        { key: "max", email: "max@month.test", fullname: "Max" },
      ],
      workspaces: [
        {
          key: "studio",
          name: "Studio",
          admins: ["lead"],
          members: ["ann", "bob", "cid"],
          clients: [{ key: "acme", name: "Acme" }],
          projects: [
            { key: "site", name: "Website", client: "acme", billable: true },
            { key: "app", name: "App" },
          ],
          tasks: [{ key: "design", name: "Design", project: "site" }],
        },
        {
          key: "lab",
          name: "Lab",
          admins: ["lead", "max"],
          members: ["eve"],
          projects: [{ key: "research", name: "Research" }],
        },
      ],
      // History from before connecting: the admin chooses none of it.
      timeEntries: [0, 1, 2].map((i) => ({
        user: "ann",
        workspace: "studio",
        project: "app",
        description: `Before Hourline ${i}`,
        start: at(-3 + i, 10).toISOString(),
        stop: at(-3 + i, 11).toISOString(),
      })),
    });
    const user = (key: string) => seeded.users[key]!;
    const studio = seeded.workspaces.studio!.id;
    const lab = seeded.workspaces.lab!.id;
    const token = user("lead").apiToken;
    const tokens = [token, user("max").apiToken];
    /** Toggl requests made so far with each person's token (each has its own quota bucket). */
    const requestsByToken = () => Promise.all(tokens.map(async (t) => (await control.requestLog({ token: t })).total));

    // The lead connects both workspaces with no history.
    const session = await stack.signIn(token);
    const connected = await stack.api<{ items: { id: string; workspaceId: string }[] }>("POST", "/api/connections", {
      token: session,
      body: { workspaceIds: [String(studio), String(lab)], backfillDays: 0 },
    });
    expect(connected.status).toBe(201);
    const connectionOf = (wid: number) => connected.body.items.find((c) => c.workspaceId === String(wid))!.id;
    const labConnection = connectionOf(lab);
    /** Periods whose entries belong in D1, per workspace. */
    const periods = new Map<number, [number, number][]>([
      [studio, [[at(0, 8).getTime(), Infinity]]],
      [lab, [[at(0, 8).getTime(), Infinity]]],
    ]);

    // A quarter of the webhooks are lost (Toggl retries them later) and the rest come reordered.
    for (const wid of [studio, lab]) await control.setDeliveryMode(wid, { drop: 0.25, reorder: true, seed: 11 });

    const targets = [
      { projectId: seeded.projects.site!, taskId: seeded.tasks.design! },
      { projectId: seeded.projects.site!, taskId: null },
      { projectId: seeded.projects.app!, taskId: null },
      { projectId: null, taskId: null },
    ];
    const working = new Map<number, number[]>([
      [studio, [user("ann").id, user("bob").id, user("cid").id, user("lead").id]],
      [lab, [user("eve").id, user("max").id]],
    ]);
    const made: TogglTimeEntry[] = [];
    const deleted = new Set<number>();
    const nights: string[] = [];
    let globex: { id: number } | undefined;
    let temp: { id: number } | undefined;

    /** Waits until the queue has nothing left to run now: its runs started, no job running or due. */
    async function settle(atTime: Date, minRuns: number) {
      await expect
        .poll(
          async () => {
            const [row] = await stack.query<{ runs: number; busy: number }>(
              `select (select count(*) from sync_runs where started_at >= ?) as runs,
                    (select count(*) from sync_jobs where state = 'running'
                       or (state = 'pending' and (not_before is null or not_before <= ?))) as busy`,
              atTime.getTime(),
              atTime.getTime() + 60_000,
            );
            return row!.runs >= minRuns && row!.busy === 0;
          },
          { interval: 100, timeout: 20_000 },
        )
        .toBe(true);
    }

    async function liveConnections(): Promise<number> {
      const [row] = await stack.query<{ n: number }>(
        "select count(*) as n from connections where status in ('active', 'paused', 'error')",
      );
      return row!.n;
    }

    /** When the earliest paced job of a live connection is due (null: none waits). */
    async function nextDue(): Promise<number | null> {
      const [row] = await stack.query<{ due: number | null }>(
        `select min(coalesce(j.not_before, 0)) as due from sync_jobs j
           join connections c on c.id = j.connection_id and c.account_id = j.account_id
          where c.status in ('active', 'paused', 'error') and j.state in ('pending', 'paused')`,
      );
      return row!.due;
    }

    /**
     * The frequent cron at every quarter hour after `from` and before `to`. It only fans out the jobs due at its
     * tick, so a quarter with nothing due does nothing: those are counted and skipped, except the
     * first idle quarter of the morning, fired for real to show that it spends no request and starts no run.
     */
    async function frequentCron(from: Date, to: Date, proveIdle: boolean) {
      let provedIdle = !proveIdle;
      for (let tick = Math.floor(from.getTime() / QUARTER) * QUARTER + QUARTER; tick < to.getTime(); tick += QUARTER) {
        const due = await nextDue();
        const idle = due === null || due > tick;
        if (idle && provedIdle) {
          // Nothing is due before the quarter at or after `due`: jump there.
          const next = due === null ? to.getTime() : Math.ceil(due / QUARTER) * QUARTER;
          const skipped = Math.max(1, Math.ceil((Math.min(next, to.getTime()) - tick) / QUARTER));
          today.idleQuarters += skipped;
          tick += (skipped - 1) * QUARTER;
          continue;
        }
        const at = new Date(tick);
        await stack.setClock(at);
        const before = await requestsByToken();
        await stack.cronAt(FREQUENT_CRON, at);
        if (idle) {
          provedIdle = true;
          today.idleQuarters++;
          const [runs] = await stack.query<{ n: number }>(
            "select count(*) as n from sync_runs where started_at >= ?",
            tick,
          );
          expect({ requests: await requestsByToken(), runs: runs!.n }, `idle quarter ${at.toISOString()}`).toEqual({
            requests: before,
            runs: 0,
          });
          continue;
        }
        await settle(at, 1);
        const after = await requestsByToken();
        today.busyQuarters++;
        today.quarterRequests += after.reduce((sum, n, i) => sum + n - before[i]!, 0);
      }
    }
    let today = { idleQuarters: 0, busyQuarters: 0, quarterRequests: 0 };
    let maxUserId = "";
    let cidUserId = "";
    let maxSession = "";
    /** Max's Time Logs when he was removed: all his then, and they stay his. */
    let maxLogsAtRemoval = new Set<string>();

    /** Signs a person in and accepts their pending invitation into the lead's account; their user id there. */
    async function joinByInvitation(apiToken: string): Promise<{ session: string; userId: string }> {
      const own = await stack.signIn(apiToken);
      const invitations = await stack.api<{ items: { id: string }[] }>("GET", "/api/invitations", { token: own });
      expect(invitations.body.items).toHaveLength(1);
      const accepted = await stack.api<InvitationAccepted>(
        "POST",
        `/api/invitations/${invitations.body.items[0]!.id}/accept`,
        { token: own },
      );
      expect(accepted.status, accepted.text).toBe(200);
      const { account, userId } = accepted.body.membership;
      const switched = await stack.api("POST", "/api/session/account", { token: own, body: { accountId: account.id } });
      expect(switched.status, switched.text).toBe(200);
      return { session: own, userId };
    }

    const started = performance.now();
    for (let day = 1; day <= DAYS; day++) {
      // 03:00: the nightly run (day 15's peak: the quota ran out just before).
      const night = at(day, 3);
      await stack.setClock(night);
      if (day === 15) await control.exhaustQuota(token, "organization");
      const before = await requestsByToken();
      await stack.cronAt(NIGHTLY_CRON, night);
      if (day === 10) {
        // The admin unlinks the Lab while its nightly sync is queued.
        const unlinked = await stack.api("DELETE", `/api/connections/${labConnection}`, { token: session });
        expect(unlinked.status).toBe(200);
        periods.get(lab)![0]![1] = night.getTime();
      }
      await settle(night, day === 10 ? 1 : await liveConnections());
      const spentByToken = (await requestsByToken()).map((n, i) => n - before[i]!);
      const spent = spentByToken.reduce((a, b) => a + b, 0);
      const [work] = await stack.query<{ applied: number | null; runs: number }>(
        "select sum(items_changed) as applied, count(*) as runs from sync_runs where started_at >= ?",
        night.getTime(),
      );
      const repairs = (
        await stack.query<{ steps: string }>("select steps from sync_runs where started_at >= ?", night.getTime())
      ).flatMap((r) =>
        (JSON.parse(r.steps) as { step: string; itemsChanged: number }[]).filter(
          (s) => s.step === "webhook_repair" && s.itemsChanged > 0,
        ),
      ).length;
      const night_ = `night ${String(day).padStart(2)}  requests ${String(spent).padStart(3)}  runs ${work!.runs}  entries applied ${String(work!.applied ?? 0).padStart(3)}  repairs ${repairs}`;
      for (const [i, n] of spentByToken.entries())
        expect(n, `night ${day}, token ${i}`).toBeLessThanOrEqual(NIGHT_BUDGET);
      if (day === 23) {
        // The night after Max's token lost the Lab: that connection alone is flagged, at once, and
        // asking Toggl about it cost a handful of Max's requests, not a night's worth.
        const list = await stack.api<{ items: Connection[] }>("GET", "/api/connections", { token: session });
        const byId = new Map(list.body.items.map((c) => [c.id, c]));
        expect(byId.get(labConnection)?.ownerProblem?.kind).toBe("lost_workspace_access");
        expect(byId.get(connectionOf(studio))?.ownerProblem).toBeNull();
        expect(byId.get(connectionOf(studio))?.status).toBe("active");
        expect(spentByToken[1], "Max's requests on the night he lost the Lab").toBeLessThanOrEqual(3);
      }
      today = { idleQuarters: 0, busyQuarters: 0, quarterRequests: 0 };
      await frequentCron(night, at(day, 18), true);

      // The working day, told at 18:00.
      const evening = at(day, 18);
      await stack.setClock(evening);
      if (day === 2) await control.updateProject(seeded.projects.site!, { name: "Website 2" });
      if (day === 3) {
        // The lead invites Cid (a member) and Max (an admin); both sign in and accept.
        for (const [key, role] of [
          ["cid", "member"],
          ["max", "admin"],
        ] as const) {
          const invited = await stack.api("POST", "/api/users", {
            token: session,
            body: { email: user(key).email, name: key, role },
          });
          expect(invited.status, invited.text).toBe(201);
        }
        cidUserId = (await joinByInvitation(user("cid").apiToken)).userId;
        ({ session: maxSession, userId: maxUserId } = await joinByInvitation(user("max").apiToken));
      }
      if (day === 4) {
        globex = await control.createClient({ workspaceId: studio, name: "Globex" });
        temp = await control.createClient({ workspaceId: studio, name: "Temp" });
        const mobile = await control.createProject({ workspaceId: studio, name: "Mobile", clientId: globex.id });
        targets.push({ projectId: mobile.id, taskId: null });
        await control.createProject({ workspaceId: studio, name: "Scratch" });
      }
      if (day === 5) {
        // Bob leaves the Studio.
        await control.removeMember(studio, user("bob").id);
        working.set(
          studio,
          working.get(studio)!.filter((id) => id !== user("bob").id),
        );
      }
      if (day === 6) {
        // Dee joins it.
        await control.addMember(studio, { userId: user("dee").id });
        working.get(studio)!.push(user("dee").id);
      }
      if (day === 7) {
        // The admin invites Ann from her member row, then sets her member to "no user" after all.
        const members = await stack.api<{ items: { id: string; togglUserId: string }[] }>("GET", "/api/members", {
          token: session,
        });
        const annMember = members.body.items.find((m) => m.togglUserId === String(user("ann").id))!.id;
        expect((await stack.api("POST", `/api/members/${annMember}/invite`, { token: session })).status).toBeLessThan(
          300,
        );
        const unmapped = await stack.api("PUT", `/api/members/${annMember}/user`, {
          token: session,
          body: { userId: null },
        });
        expect(unmapped.status).toBe(200);
      }
      if (day === 8) await control.updateProject(seeded.projects.app!, { active: false });
      if (day === 9) {
        const scratch = (await control.structure(studio)).projects.find((p) => p.name === "Scratch")!;
        await control.deleteProject(scratch.id);
      }
      if (day === 11) await control.updateClient(seeded.clients.acme!, { name: "Acme Corp" });
      if (day === 13) await control.updateClient(globex!.id, { archived: true });
      if (day === 16) await control.deleteClient(temp!.id);
      if (day === 22) {
        // Max, the Lab's owner since he re-enabled it, loses access to it (removed from it in Toggl)…
        await control.removeMember(lab, user("max").id);
        working.set(
          lab,
          working.get(lab)!.filter((id) => id !== user("max").id),
        );
      }
      if (day === 23) {
        // …and gets it back the next day; he re-syncs the Lab at once.
        await control.addMember(lab, { userId: user("max").id, admin: true });
        working.get(lab)!.push(user("max").id);
        const resynced = await stack.api<{ connection: Connection }>("POST", `/api/connections/${labConnection}/sync`, {
          token: maxSession,
          body: {},
        });
        expect(resynced.status, resynced.text).toBe(200);
        expect(resynced.body.connection.ownerProblem).toBeNull();
      }
      if (day === 26) {
        // The lead removes Max from Hourline: the Lab goes back to the lead, a Toggl admin of it.
        const his = await stack.query<{ toggl_id: string; user_id: string | null }>(
          "select toggl_id, user_id from time_logs where toggl_user_id = ?",
          String(user("max").id),
        );
        expect(his.length).toBeGreaterThan(0);
        expect(his.filter((r) => r.user_id !== maxUserId)).toEqual([]);
        maxLogsAtRemoval = new Set(his.map((r) => r.toggl_id));
        const removed = await stack.api<{ connections: { id: string; newOwner: { email: string } | null }[] }>(
          "DELETE",
          `/api/users/${maxUserId}`,
          { token: session },
        );
        expect(removed.status, removed.text).toBe(200);
        expect(removed.body.connections).toEqual([
          expect.objectContaining({
            id: labConnection,
            newOwner: expect.objectContaining({ email: "lead@month.test" }),
          }),
        ]);
      }
      if (day === 12) {
        // Toggl disables Hourline's Studio subscription.
        const [sub] = (await control.listSubscriptions(studio)).filter((s) => s.description.startsWith("Hourline"));
        await control.disableSubscription(studio, sub!.subscription_id);
      }
      if (day === 20) {
        // Ten days later Max re-enables the Lab (and so owns it) and fills the gap: one unbroken history.
        maxSession = await stack.signIn(user("max").apiToken);
        const reenabled = await stack.api("POST", `/api/connections/${labConnection}/sync`, {
          token: maxSession,
          body: { fillGap: true },
        });
        expect(reenabled.status).toBe(200);
        periods.get(lab)![0]![1] = Infinity;
      }

      for (const [wid, people] of working) {
        for (const [i, userId] of people.entries()) {
          for (let n = 0; n < 2; n++) {
            const start = at(day, 9 + n * 3 + i * 0.25).getTime();
            const minutes = 20 + Math.floor(rand() * 90);
            const target =
              wid === studio
                ? targets[Math.floor(rand() * targets.length)]!
                : { projectId: seeded.projects.research!, taskId: null };
            made.push(
              await control.createTimeEntry({
                userId,
                workspaceId: wid,
                ...target,
                description: `Day ${day} ${n}`,
                start: new Date(start).toISOString(),
                stop: new Date(start + minutes * 60_000).toISOString(),
                billable: rand() < 0.3,
                tags: rand() < 0.2 ? ["review"] : [],
              }),
            );
          }
        }
      }
      // An edit and a deletion of something from the last days.
      const recent = made.filter((te) => Date.parse(te.start) > at(day - 3, 0).getTime() && !deleted.has(te.id));
      const edit = recent[Math.floor(rand() * recent.length)]!;
      await control.updateTimeEntry(edit.id, { description: `Edited on day ${day}` });
      if (day % 3 === 0) {
        const gone = recent.find((te) => te.id !== edit.id)!;
        deleted.add(gone.id);
        await control.deleteTimeEntry(gone.id);
      }
      // Ann runs a timer over the evening; it ends before the next one starts (on the last day it runs on).
      const timer = await control.createTimeEntry({
        userId: user("ann").id,
        workspaceId: studio,
        description: `Evening ${day}`,
        start: at(day, 17.5).toISOString(),
        stop: null,
      });
      if (day < DAYS) await control.stopTimeEntry(timer.id, at(day, 17.9).toISOString());
      else made.push(timer);

      // The frequent cron through the evening and the small hours, up to the next night.
      await frequentCron(evening, at(day + 1, 3), false);
      nights.push(
        `${night_}  | ${String(Math.round((performance.now() - started) / 1000)).padStart(3)} s  quarters with work ${String(today.busyQuarters).padStart(2)} (requests ${String(today.quarterRequests).padStart(3)}), idle ${today.idleQuarters}`,
      );
    }

    // The last night. Toggl keeps retrying what was lost until it is delivered: by now every retry
    // has landed (late and out of order); reconciliation sees the last days.
    const last = at(DAYS + 1, 3);
    await stack.setClock(last);
    for (const wid of [studio, lab]) {
      await control.setDeliveryMode(wid, {});
      await control.flushDeliveries(wid);
    }
    await stack.cronAt(NIGHTLY_CRON, last);
    await settle(last, 2);
    console.log(["The month, night by night:", ...nights].join("\n"));

    // Every finished entry inside each connection's periods exactly once, field by field; nothing
    // from outside them; deletions flagged.
    const inPeriods = (wid: number, start: number) =>
      periods.get(wid)!.some(([from, to]) => start >= from && start < to);
    for (const wid of [studio, lab]) {
      const truth = await control.listTimeEntries(wid);
      const rows = await stack.query<TimeLogRow>("select * from time_logs where workspace_id = ?", String(wid));
      const byId = new Map(rows.map((r) => [r.toggl_id, r]));
      expect(byId.size, `workspace ${wid}: one row per entry`).toBe(rows.length);
      const expected = truth.filter(
        (te) => te.stop !== null && te.server_deleted_at === null && inPeriods(wid, Date.parse(te.start)),
      );
      const live = rows.filter((r) => r.deleted_in_toggl === 0);
      const wanted = new Set(expected.map((te) => String(te.id)));
      const extra = live.filter((r) => !wanted.has(r.toggl_id));
      const missing = expected.filter((te) => !byId.has(String(te.id)) || byId.get(String(te.id))!.deleted_in_toggl);
      expect(
        { extra, missing },
        `workspace ${wid}: ${JSON.stringify({ extra: extra.map((r) => truth.find((te) => String(te.id) === r.toggl_id)), missing })}`,
      ).toEqual({ extra: [], missing: [] });
      for (const te of expected) {
        const row = byId.get(String(te.id))!;
        expect(storedFields(row), `entry ${te.id}`).toEqual(togglFields(te));
      }
      // Nothing from before a boundary or from the unlinked days, in any state.
      for (const row of rows) expect(inPeriods(wid, row.start), `row ${row.toggl_id} inside the periods`).toBe(true);
      // Deleted in Toggl: flagged where Hourline had them.
      for (const te of truth.filter((t) => t.server_deleted_at !== null)) {
        const row = byId.get(String(te.id));
        if (row) expect(row.deleted_in_toggl, `deleted entry ${te.id}`).toBe(1);
      }
    }

    // Structure with names and archived flags, as Toggl has it now.
    const structure = await control.structure(studio);
    const projects = await stack.query<{ id: string; name: string; archived: number; deleted_at: number | null }>(
      "select * from projects where workspace_id = ?",
      String(studio),
    );
    for (const p of structure.projects) {
      expect(
        projects.find((r) => r.id === String(p.id)),
        `project ${p.name}`,
      ).toMatchObject({
        name: p.name,
        archived: p.active ? 0 : 1,
      });
    }
    // Deleted in Toggl: kept, archived.
    for (const r of projects.filter((r) => !structure.projects.some((p) => String(p.id) === r.id)))
      expect(r.archived, `deleted project ${r.name}`).toBe(1);
    const clients = await stack.query<{ id: string; name: string; archived: number }>(
      "select * from clients where workspace_id = ?",
      String(studio),
    );
    for (const c of structure.clients)
      expect(
        clients.find((r) => r.id === String(c.id)),
        `client ${c.name}`,
      ).toMatchObject({ name: c.name, archived: c.archived ? 1 : 0 });
    for (const r of clients.filter((r) => !structure.clients.some((c) => String(c.id) === r.id)))
      expect(r.archived, `deleted client ${r.name}`).toBe(1);
    expect(clients.find((c) => c.id === String(temp!.id))?.archived).toBe(1);

    // Members as Toggl lists them; Ann's member stays unmapped, her Time Logs unattributed.
    const members = await stack.query<{ toggl_user_id: string; user_id: string | null; active: number }>(
      "select * from members where workspace_id = ?",
      String(studio),
    );
    for (const m of await control.listMembers(studio))
      expect(
        members.some((r) => r.toggl_user_id === String(m.userId)),
        `member ${m.email}`,
      ).toBe(true);
    expect(members.find((m) => m.toggl_user_id === String(user("ann").id))?.user_id).toBeNull();
    const annLogs = await stack.query<{ n: number }>(
      "select count(*) as n from time_logs where toggl_user_id = ? and user_id is not null",
      String(user("ann").id),
    );
    expect(annLogs[0]!.n).toBe(0);

    // People who joined Hourline and left it. Cid joined by invitation: his member is his user and
    // every Time Log of his is his, those from before he joined included.
    const memberOf = async (wid: number, key: string) =>
      (
        await stack.query<{ user_id: string | null }>(
          "select user_id from members where workspace_id = ? and toggl_user_id = ?",
          String(wid),
          String(user(key).id),
        )
      )[0]?.user_id;
    const logsOf = (key: string) =>
      stack.query<{ toggl_id: string; user_id: string | null }>(
        "select toggl_id, user_id from time_logs where toggl_user_id = ? and deleted_in_toggl = 0",
        String(user(key).id),
      );
    expect(await memberOf(studio, "cid")).toBe(cidUserId);
    const cidLogs = await logsOf("cid");
    expect(cidLogs.length).toBeGreaterThan(0);
    expect(cidLogs.filter((r) => r.user_id !== cidUserId)).toEqual([]);
    // Max was removed on day 26: his member is unmapped; the Time Logs he had then stay his (edits
    // included), what arrived after belongs to nobody here.
    expect(await memberOf(lab, "max")).toBeNull();
    const maxLogs = await logsOf("max");
    expect(maxLogs.some((r) => !maxLogsAtRemoval.has(r.toggl_id))).toBe(true);
    expect(
      maxLogs.filter((r) => r.user_id !== (maxLogsAtRemoval.has(r.toggl_id) ? maxUserId : null)),
      "Max's Time Logs: his until the removal, nobody's after",
    ).toEqual([]);

    // The Lab is active again with a validated subscription; the Studio's was repaired. (A month on,
    // the admin's first session has expired: they sign in again.)
    const later = await stack.signIn(token);
    const connections = await stack.api<{ items: Connection[] }>("GET", "/api/connections", { token: later });
    for (const c of connections.body.items)
      expect(c, c.id).toMatchObject({
        status: "active",
        webhook: { status: "validated" },
        ownerProblem: null,
        owner: { email: "lead@month.test" },
      });
    expect((await control.listSubscriptions(studio)).find((s) => s.description.startsWith("Hourline"))?.enabled).toBe(
      true,
    );

    // No phantom running timers: exactly what runs in Toggl.
    const running = await stack.query<{ toggl_id: string }>("select toggl_id from running_entries");
    const runningInToggl = (await control.listTimeEntries(studio)).filter(
      (te) => te.stop === null && te.server_deleted_at === null,
    );
    expect(running.map((r) => r.toggl_id).sort()).toEqual(runningInToggl.map((te) => String(te.id)).sort());
  },
);
