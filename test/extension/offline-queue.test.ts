import { describe, expect, it, vi } from "vitest";
import { offlineQueueItem, timerItem } from "../../extension/lib/storage";
import { replayQueue, startTimer, stopTimer } from "../../extension/lib/timer-actions";
import { runningTimer } from "./support/fixtures";
import { apiError, timerServer } from "./support/fake-server";

const t0 = new Date("2026-11-24T09:00:00.000Z");
const t1 = new Date("2026-11-24T09:20:00.000Z");
const t2 = new Date("2026-11-24T09:25:00.000Z");

describe("the offline queue", () => {
  it("queues a start made while the server is unreachable, with its real time, and shows it as queued", async () => {
    const { server } = timerServer();
    server.offline = true;
    expect(await startTimer({ workspaceId: "101", description: "Offline work" }, "Offline work", t0)).toEqual({
      queued: true,
    });
    const queue = await offlineQueueItem.getValue();
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ kind: "start", at: t0.toISOString(), title: "Offline work" });
    expect(await timerItem.getValue()).toMatchObject({ queued: true, start: t0.toISOString(), title: "Offline work" });
  });

  it("replays start and stop in order with their real times once the server answers", async () => {
    const { server, applied, running } = timerServer();
    server.offline = true;
    await startTimer({ workspaceId: "101", description: "A" }, "A", t0);
    await stopTimer(t1);
    await startTimer({ workspaceId: "101", description: "B" }, "B", t2);
    expect((await offlineQueueItem.getValue()).map((a) => a.kind)).toEqual(["start", "stop", "start"]);

    server.offline = false;
    const result = await replayQueue();
    expect(result).toMatchObject({ remaining: 0, rejected: [] });
    expect(applied).toEqual([
      `start A @${t0.toISOString()}`,
      `stop @${t1.toISOString()}`,
      `start B @${t2.toISOString()}`,
    ]);
    expect(await offlineQueueItem.getValue()).toEqual([]);
    expect(running()?.description).toBe("B");
    expect(await timerItem.getValue()).toMatchObject({ description: "B", start: t2.toISOString() });
    expect((await timerItem.getValue())?.queued).toBeUndefined();
  });

  it("queues behind waiting actions even when the server is back, so order holds", async () => {
    const { server, applied } = timerServer();
    server.offline = true;
    await startTimer({ workspaceId: "101", description: "A" }, "A", t0);
    server.offline = false;
    expect(await stopTimer(t1)).toEqual({ queued: true });
    expect(applied).toEqual([]);
    await replayQueue();
    expect(applied).toEqual([`start A @${t0.toISOString()}`, `stop @${t1.toISOString()}`]);
  });

  it("never applies an action twice, even with two replays at once", async () => {
    const { server, applied } = timerServer();
    server.offline = true;
    await startTimer({ workspaceId: "101", description: "A" }, "A", t0);
    await stopTimer(t1);
    server.offline = false;
    await Promise.all([replayQueue(), replayQueue(), replayQueue()]);
    expect(applied).toHaveLength(2);
    await replayQueue();
    expect(applied).toHaveLength(2);
  });

  it("does not start again a queued start whose answer was lost but which is already running", async () => {
    const { server, applied } = timerServer();
    server.offline = true;
    await startTimer({ workspaceId: "101", description: "A" }, "A", t0);
    server.offline = false;
    // The start reached the server but the extension never heard back.
    server.on("POST /api/timer/start", () => {
      throw new TypeError("connection reset");
    });
    await replayQueue();
    expect(await offlineQueueItem.getValue()).toHaveLength(1);
    server.on("GET /api/timer", { body: runningTimer({ start: t0.toISOString(), description: "A" }) });
    server.on("POST /api/timer/start", () => {
      applied.push("second start");
      return { status: 201, body: runningTimer() };
    });
    await replayQueue();
    expect(applied).toEqual([]);
    expect(await offlineQueueItem.getValue()).toEqual([]);
  });

  it("keeps the rest of the queue when the server drops again halfway", async () => {
    const { server, applied } = timerServer();
    server.offline = true;
    await startTimer({ workspaceId: "101", description: "A" }, "A", t0);
    await stopTimer(t1);
    server.offline = false;
    server.on("POST /api/timer/stop", () => {
      server.offline = true;
      throw new TypeError("Failed to fetch");
    });
    const result = await replayQueue();
    expect(applied).toEqual([`start A @${t0.toISOString()}`]);
    expect(result.remaining).toBe(1);
    expect(result.blockedBy?.unreachable).toBe(true);
    expect((await offlineQueueItem.getValue())[0]).toMatchObject({ kind: "stop", at: t1.toISOString() });
  });

  it("keeps actions queued while Toggl's quota is used up", async () => {
    const { server } = timerServer();
    server.offline = true;
    await startTimer({ workspaceId: "101", description: "A" }, "A", t0);
    server.offline = false;
    server.on("POST /api/timer/start", apiError(503, "toggl_quota_exhausted", "quota", { retryAfterSeconds: 600 }));
    const result = await replayQueue();
    expect(result.remaining).toBe(1);
    expect(result.blockedBy?.retryAfterSeconds).toBe(600);
  });

  it("drops an action the server refuses for good and says why", async () => {
    const { server } = timerServer();
    server.offline = true;
    await startTimer({ workspaceId: "101", description: "A" }, "A", t0);
    server.offline = false;
    server.on("POST /api/timer/start", apiError(404, "not_found", "Workspace not connected"));
    const result = await replayQueue();
    expect(result.rejected).toEqual([{ id: expect.any(String), message: "Workspace not connected" }]);
    expect(await offlineQueueItem.getValue()).toEqual([]);
  });

  it("survives the popup closing: a re-opened popup restores the queue from storage", async () => {
    const { server } = timerServer();
    server.offline = true;
    const first = await import("../../extension/state/timer");
    await first.hydrateTimer();
    await first.startTimer({ workspaceId: "101", description: "A" }, "A");
    expect(first.queue.value).toHaveLength(1);

    vi.resetModules();
    const reopened = await import("../../extension/state/timer");
    expect(reopened.queue.value).toEqual([]);
    await reopened.hydrateTimer();
    expect(reopened.queue.value).toHaveLength(1);
    expect(reopened.timer.value).toMatchObject({ queued: true, title: "A" });
  });
});
