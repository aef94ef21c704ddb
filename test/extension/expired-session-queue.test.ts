import { describe, expect, it } from "vitest";
import { api } from "../../extension/lib/api";
import type { QueuedAction } from "../../extension/lib/offline-queue";
import { meItem, offlineQueueItem, queueOwnerItem, sessionTokenItem } from "../../extension/lib/storage";
import { signIn, signOut } from "../../extension/state/session";
import { adminMe, memberMe } from "./support/fixtures";
import { apiError, fakeServer } from "./support/fake-server";

const queued: QueuedAction[] = [
  {
    id: "a1",
    kind: "start",
    at: "2026-11-24T09:00:00.000Z",
    input: { workspaceId: "1", description: "Offline work" },
    title: "Offline work",
  },
  { id: "a2", kind: "stop", at: "2026-11-24T09:30:00.000Z" },
];

async function expireSessionWithQueuedClicks() {
  fakeServer({ "GET /api/timer": apiError(401, "unauthenticated", "Session expired") });
  await sessionTokenItem.setValue("old");
  await meItem.setValue(adminMe);
  await offlineQueueItem.setValue(queued);
  await expect(api.timer()).rejects.toMatchObject({ status: 401 });
}

describe("clicks queued when a session expires", () => {
  it("are kept for their owner while signed out", async () => {
    await expireSessionWithQueuedClicks();
    expect(await sessionTokenItem.getValue()).toBeNull();
    expect(await offlineQueueItem.getValue()).toEqual(queued);
    expect(await queueOwnerItem.getValue()).toBe(adminMe.user.id);
  });

  it("stay queued when the same person signs in again", async () => {
    await expireSessionWithQueuedClicks();
    fakeServer({
      "POST /api/session": { status: 201, body: { token: "new", expiresAt: "2026-12-24T00:00:00Z", ...adminMe } },
    });
    await signIn("toggl-token");
    expect(await sessionTokenItem.getValue()).toBe("new");
    expect(await offlineQueueItem.getValue()).toEqual(queued);
    expect(await queueOwnerItem.getValue()).toBeNull();
  });

  it("are dropped when someone else signs in on this browser", async () => {
    await expireSessionWithQueuedClicks();
    fakeServer({
      "POST /api/session": { status: 201, body: { token: "other", expiresAt: "2026-12-24T00:00:00Z", ...memberMe } },
    });
    await signIn("another-token");
    expect(await offlineQueueItem.getValue()).toEqual([]);
  });

  it("are dropped by an explicit sign-out", async () => {
    fakeServer({ "DELETE /api/session": { status: 204 } });
    await sessionTokenItem.setValue("s");
    await meItem.setValue(adminMe);
    await offlineQueueItem.setValue(queued);
    await signOut();
    expect(await offlineQueueItem.getValue()).toEqual([]);
    expect(await queueOwnerItem.getValue()).toBeNull();
  });
});
