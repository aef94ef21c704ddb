import { describe, expect, it } from "vitest";
import { conforms, swagger } from "./test-helpers.ts";

// The checker is what keeps the stand-in honest, so it must catch real mismatches.
describe("swagger check", () => {
  const entry = {
    id: 4_000_000_001,
    workspace_id: 1,
    start: "2026-11-01T00:00:00+00:00",
    stop: null,
    duration: -1,
    tags: [],
    description: null,
  };

  it("accepts a fitting time entry, nulls and undeclared fields included", () => {
    expect(conforms(swagger.track, "/me/time_entries/current", "get", { ...entry, server_deleted_at: null })).toEqual(
      [],
    );
  });

  it("reports a wrong scalar type with its path", () => {
    expect(conforms(swagger.track, "/me/time_entries/current", "get", { ...entry, duration: "-1" })).toEqual([
      "$.duration: expected integer, got string",
    ]);
  });

  it("tells arrays from objects", () => {
    expect(conforms(swagger.track, "/me/time_entries", "get", entry)).toEqual(["$: expected array, got object"]);
    expect(conforms(swagger.track, "/workspaces/{workspace_id}/tasks", "get", [])).toEqual([
      "$: expected object, got array",
    ]);
  });

  it("checks items inside arrays and nested references", () => {
    const problems = conforms(swagger.track, "/workspaces/{workspace_id}/tasks", "get", {
      data: [{ id: 1, name: 7 }],
      page: 1,
    });
    expect(problems).toEqual(["$.data[0].name: expected string, got integer"]);
  });

  it("checks webhook subscriptions too", () => {
    const problems = conforms(swagger.webhooks, "/subscriptions/{workspace_id}", "get", [
      { subscription_id: 1, enabled: "yes", event_filters: {} },
    ]);
    expect(problems).toEqual([
      "$[0].enabled: expected boolean, got string",
      "$[0].event_filters: expected array, got object",
    ]);
  });
});
