import { describe, expect, it } from "vitest";
import { automaticMapping, type LocalUser } from "../../../worker/features/members/matching";

const people: LocalUser[] = [
  { id: "u-ada", email: "ada@studio.test", togglUserId: null },
  { id: "u-bo", email: "bo@studio.test", togglUserId: "9001" },
];
const none = { userId: null, match: null } as const;

describe("automatic member matching", () => {
  it("matches an email that differs only in case and whitespace", () => {
    expect(automaticMapping({ togglUserId: "1", email: "  ADA@Studio.Test " }, none, people)).toEqual({
      userId: "u-ada",
      match: "email",
    });
  });

  it("keeps a manual mapping, and a manual unmapping, whatever the email says", () => {
    const manual = { userId: "u-bo", match: "manual" } as const;
    expect(automaticMapping({ togglUserId: "1", email: "ada@studio.test" }, manual, people)).toEqual(manual);
    const unmapped = { userId: null, match: "manual" } as const;
    expect(automaticMapping({ togglUserId: "1", email: "ada@studio.test" }, unmapped, people)).toEqual(unmapped);
  });

  it("follows the signed-in Toggl identity even after the member's email changed", () => {
    expect(automaticMapping({ togglUserId: "9001", email: "bo.new@elsewhere.test" }, none, people)).toEqual({
      userId: "u-bo",
      match: "email",
    });
  });

  it("does not hand a user linked to another Toggl person a member by email", () => {
    expect(automaticMapping({ togglUserId: "42", email: "bo@studio.test" }, none, people)).toEqual(none);
  });

  it("drops a stale email match when nobody matches any more, and leaves empty emails unmatched", () => {
    expect(
      automaticMapping({ togglUserId: "1", email: "gone@studio.test" }, { userId: "u-ada", match: "email" }, people),
    ).toEqual(none);
    expect(
      automaticMapping({ togglUserId: "1", email: "  " }, none, [{ id: "u-x", email: "", togglUserId: null }]),
    ).toEqual(none);
  });
});
