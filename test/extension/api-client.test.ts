import { describe, expect, it } from "vitest";
import { api } from "../../extension/lib/api";
import { ApiError, describeError } from "../../extension/lib/api-error";
import { BOOKMARK_HEADER } from "../../shared/headers";
import {
  d1BookmarkItem,
  meItem,
  serverUrlItem,
  sessionTokenItem,
  signedOutReasonItem,
} from "../../extension/lib/storage";
import { adminMe } from "./support/fixtures";
import { apiError, fakeServer } from "./support/fake-server";

describe("the API client", () => {
  it("talks to the configured server with the session token as a bearer", async () => {
    const server = fakeServer({ "GET /api/me": { body: adminMe } });
    await serverUrlItem.setValue("https://hourline.example.com");
    await sessionTokenItem.setValue("s3ss10n");
    expect(await api.me()).toEqual(adminMe);
    expect(server.calls[0]!.url.origin).toBe("https://hourline.example.com");
    expect(server.calls[0]!.headers.authorization).toBe("Bearer s3ss10n");
  });

  it("sends back the newest D1 bookmark any answer carried, never an older one", async () => {
    const server = fakeServer({
      "POST /api/timer/stop": { body: null, headers: { [BOOKMARK_HEADER]: "00000000-00000005-00000000-ab" } },
      "GET /api/timer": { body: null, headers: { [BOOKMARK_HEADER]: "00000000-00000003-00000000-cd" } },
    });
    await sessionTokenItem.setValue("s3ss10n");
    await api.timer();
    expect(server.calls[0]!.headers[BOOKMARK_HEADER.toLowerCase()]).toBeUndefined();
    await api.stopTimer({});
    expect(server.calls[1]!.headers[BOOKMARK_HEADER.toLowerCase()]).toBe("00000000-00000003-00000000-cd");
    // An older bookmark (a replica behind) does not replace the newer one.
    await api.timer();
    await api.timer();
    expect(server.calls[3]!.headers[BOOKMARK_HEADER.toLowerCase()]).toBe("00000000-00000005-00000000-ab");
    expect(await d1BookmarkItem.getValue()).toBe("00000000-00000005-00000000-ab");
  });

  it("uses the local worker when no server URL was set", async () => {
    const server = fakeServer({ "GET /api/timer": { body: null } });
    await api.timer();
    expect(server.calls[0]!.url.origin).toBe("http://127.0.0.1:8787");
  });

  it("turns the error shape into an ApiError with code, message, status and retryAfterSeconds", async () => {
    fakeServer({
      "POST /api/timer/start": apiError(503, "toggl_quota_exhausted", "Toggl quota used up", {
        retryAfterSeconds: 1500,
      }),
    });
    const err = await api.startTimer({ workspaceId: "101" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 503,
      code: "toggl_quota_exhausted",
      message: "Toggl quota used up",
      retryAfterSeconds: 1500,
    });
    expect(describeError(err)).toBe("Toggl's hourly quota is used up, try again in 25 min.");
  });

  it("passes Toggl's rate limiting on in the worker's words, not as a used-up quota", async () => {
    fakeServer({
      "POST /api/timer/stop": apiError(503, "toggl_rate_limited", "Toggl is slowing down requests; try again in 5 s", {
        retryAfterSeconds: 5,
      }),
    });
    const err = await api.stopTimer().catch((e: unknown) => e);
    expect(describeError(err)).toBe("Toggl is slowing down requests; try again in 5 s");
  });

  it("reads Retry-After when the body does not say", async () => {
    fakeServer({
      "GET /api/tasks": { ...apiError(429, "rate_limited", "Slow down"), headers: { "retry-after": "30" } },
    });
    const err = (await api.tasks({ q: "x" }).catch((e: unknown) => e)) as ApiError;
    expect(err.retryAfterSeconds).toBe(30);
  });

  it("reports a network failure as the server being unreachable", async () => {
    const server = fakeServer();
    server.offline = true;
    const err = (await api.timer().catch((e: unknown) => e)) as ApiError;
    expect(err.unreachable).toBe(true);
    expect(err.status).toBe(0);
    expect(describeError(err)).toMatch(/Server unreachable/);
  });

  it("signs out everywhere when the server says the session expired", async () => {
    fakeServer({ "GET /api/timer": apiError(401, "unauthenticated", "Session expired") });
    await sessionTokenItem.setValue("old");
    await meItem.setValue(adminMe);
    await expect(api.timer()).rejects.toMatchObject({ status: 401 });
    expect(await sessionTokenItem.getValue()).toBeNull();
    expect(await meItem.getValue()).toBeNull();
    expect(await signedOutReasonItem.getValue()).toBe("Session expired");
  });

  it("sends query parameters only when they have a value", async () => {
    const server = fakeServer({ "GET /api/time-logs": { body: { items: [], nextCursor: null } } });
    await api.timeLogs({ limit: 10, cursor: undefined, userId: "all" });
    expect(server.calls[0]!.url.search).toBe("?limit=10&userId=all");
  });
});
