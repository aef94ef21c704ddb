import { describe, expect, it } from "vitest";
import { idNumber, idNumbers, idPath, isTogglId, parseTogglJson } from "../../../worker/toggl/json";
import { timeEntrySchema, togglId, webhookEventSchema } from "../../../worker/toggl/types";

describe("int64-safe Toggl JSON", () => {
  it("keeps every digit of integers beyond 2^53 and leaves ordinary numbers alone", () => {
    const parsed = parseTogglJson(
      '{"id":9223372036854775807,"event_id":9007199254740993,"small":3544298808,"neg":-12,"f":1.5,"s":"123","arr":[18014398509481985,7]}',
    ) as Record<string, unknown>;
    expect(parsed.id).toBe("9223372036854775807");
    expect(parsed.event_id).toBe("9007199254740993");
    expect(parsed.small).toBe(3544298808);
    expect(parsed.neg).toBe(-12);
    expect(parsed.f).toBe(1.5);
    expect(parsed.s).toBe("123");
    expect(parsed.arr).toEqual(["18014398509481985", 7]);
  });

  it("turns ids above 2^31 and above 2^53 into exact decimal strings through the schemas", () => {
    const entry = timeEntrySchema.parse(
      parseTogglJson(
        JSON.stringify({
          workspace_id: 43644207,
          user_id: 30809356,
          project_id: null,
          start: "2024-07-29T12:28:33+02:00",
          stop: "2024-07-29T12:28:55Z",
          duration: 22,
          description: null,
          tags: null,
          at: "2024-07-29T12:28:56+00:00",
        }).replace("{", '{"id":9007199254740993,"tag_ids":[3545645770,12345678901234567],'),
      ),
    );
    expect(entry.id).toBe("9007199254740993");
    expect(entry.workspace_id).toBe("43644207");
    expect(entry.tag_ids).toEqual(["3545645770", "12345678901234567"]);
    expect(entry.project_id).toBeNull();
    expect(entry.task_id).toBeNull();
    expect(entry.description).toBe("");
    expect(entry.tags).toEqual([]);
    expect(entry.start).toBe("2024-07-29T10:28:33.000Z");
    expect(entry.stop).toBe("2024-07-29T12:28:55.000Z");
    expect(entry.server_deleted_at).toBeNull();
  });

  it("parses a webhook event id near 2^53 and string metadata ids exactly", () => {
    const event = webhookEventSchema.parse(
      parseTogglJson(
        '{"event_id":8256404788549451999,"created_at":"2023-08-22T12:43:35.731Z","creator_id":9547721,' +
          '"metadata":{"action":"updated","model":"time_entry","time_entry_id":"3095646709","workspace_id":"7435584"},' +
          '"payload":{"id":3095646709},"subscription_id":10713,"timestamp":"2023-08-22T12:43:36.353083349Z","url_callback":"https://x.test/t"}',
      ),
    );
    expect(event.event_id).toBe("8256404788549451999");
    expect(event.metadata.time_entry_id).toBe("3095646709");
    expect(event.subscription_id).toBe("10713");
  });

  it("sends ids back as JSON numbers without losing precision", () => {
    const body = JSON.stringify({
      workspace_id: idNumber("9007199254740993"),
      tag_ids: idNumbers(["1", "3545645770"]),
    });
    expect(body).toBe('{"workspace_id":9007199254740993,"tag_ids":[1,3545645770]}');
    // And the round trip through our parser gives the same strings back.
    const again = parseTogglJson(body) as { workspace_id: unknown };
    expect(togglId.parse(again.workspace_id)).toBe("9007199254740993");
  });

  it("refuses anything that is not a decimal int64 id", () => {
    for (const bad of ["", "-1", "1e5", "12a", " 12", "9223372036854775808", "../1"]) {
      expect(isTogglId(bad), bad).toBe(false);
      expect(() => idNumber(bad)).toThrow(TypeError);
      expect(() => idPath(bad)).toThrow(TypeError);
    }
    expect(idPath("0042")).toBe("42");
    expect(isTogglId("9223372036854775807")).toBe(true);
  });
});
