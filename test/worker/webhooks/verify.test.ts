import { describe, expect, it } from "vitest";
import {
  isFreshTimestamp,
  isOwnCallback,
  MAX_CLOCK_SKEW_MS,
  webhookCallbackUrl,
} from "../../../worker/features/webhooks/verify";

describe("isFreshTimestamp", () => {
  const now = Date.parse("2026-11-24T12:00:00Z");
  it("accepts Toggl's nanosecond timestamps within five minutes either way", () => {
    expect(isFreshTimestamp("2026-11-24T11:56:00.207820267Z", now)).toBe(true);
    expect(isFreshTimestamp("2026-11-24T12:04:59+00:00", now)).toBe(true);
  });
  it("refuses older, later and unreadable timestamps", () => {
    expect(isFreshTimestamp(new Date(now - MAX_CLOCK_SKEW_MS - 1000).toISOString(), now)).toBe(false);
    expect(isFreshTimestamp(new Date(now + MAX_CLOCK_SKEW_MS + 1000).toISOString(), now)).toBe(false);
    expect(isFreshTimestamp("yesterday", now)).toBe(false);
  });
});

describe("isOwnCallback", () => {
  const id = "0b7c9a52-5c1e-4a8e-9d57-3d2f5c6c0e11";
  it("holds to the URL the subscription was made with, ignoring a trailing slash", () => {
    const subscribed = `https://hooks.example/webhooks/toggl/${id}`;
    expect(isOwnCallback(`${subscribed}/`, id, [], subscribed)).toBe(true);
    expect(isOwnCallback(`https://other.example/webhooks/toggl/${id}`, id, ["https://other.example"], subscribed)).toBe(
      false,
    );
  });
  it("without one, wants this connection's path on a known origin", () => {
    const origins = ["https://hourline.example", "http://127.0.0.1:8787"];
    expect(isOwnCallback(webhookCallbackUrl("https://hourline.example/", id), id, origins)).toBe(true);
    expect(isOwnCallback(`http://127.0.0.1:8787/webhooks/toggl/${id}`, id, origins)).toBe(true);
    expect(isOwnCallback(`https://hourline.example/webhooks/toggl/another`, id, origins)).toBe(false);
    expect(isOwnCallback(`https://evil.example/webhooks/toggl/${id}`, id, origins)).toBe(false);
    expect(isOwnCallback("not a url", id, origins)).toBe(false);
  });
});
