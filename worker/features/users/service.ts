// Managing the account's people: adding one by email, changing roles, and deciding which user a
// Toggl member is (mapping by hand, or inviting the member as a new user). Adding or linking a
// user re-runs the automatic member matching, so Time Logs show under them at once.
import type { Member, MemberInvited, Role, User } from "../../../shared/contract";
import type { Caller, Db } from "../../env";
import { ApiError, notFound } from "../../lib/errors";
import { findMemberRow, getMember, matchMembersForUser, setMapping } from "../members/store";
import { findUser, findUserByEmail, insertUser, toUser, updateRole } from "./store";

/**
 * Adds a person by email; they are linked when they first sign in with a Toggl token whose email
 * matches, and Toggl members with that email are matched right away.
 */
export async function addUser(
  db: Db,
  caller: Caller,
  input: { email: string; name: string; role: Role },
): Promise<User> {
  if (input.role === "owner" && caller.role !== "owner")
    throw new ApiError(403, "forbidden", "Only an owner may make someone an owner");
  const user = await insertUser(db, {
    accountId: caller.accountId,
    email: input.email,
    name: input.name,
    role: input.role,
  });
  if (!user) throw new ApiError(409, "email_taken", `${input.email} is already a user of this account`);
  await matchMembersForUser(db, caller.accountId, { id: user.id, email: user.email, togglUserId: null });
  return toUser(user);
}

/** Admins manage members and admins; owners' roles and new owners are an owner's decision. */
export async function changeRole(db: Db, caller: Caller, userId: string, role: Role): Promise<User> {
  const target = await findUser(db, caller.accountId, userId);
  if (!target) throw notFound("User");
  if ((role === "owner" || target.role === "owner") && caller.role !== "owner") {
    throw new ApiError(403, "forbidden", "Only an owner may grant or change the owner role");
  }
  if (target.role === role) return toUser(target);
  const updated = await updateRole(db, caller.accountId, target.id, role);
  if (!updated)
    throw new ApiError(409, "last_owner", "The account's last owner cannot be demoted; make someone else owner first");
  return toUser(updated);
}

/** Manual mapping (wins over email matching and survives imports); null unmaps for good. */
export async function mapMemberToUser(
  db: Db,
  accountId: string,
  memberId: string,
  userId: string | null,
): Promise<Member> {
  const member = await findMemberRow(db, accountId, memberId);
  if (!member) throw notFound("Member");
  if (userId !== null && !(await findUser(db, accountId, userId))) throw notFound("User");
  await setMapping(db, member, { userId, match: "manual" });
  const mapped = await getMember(db, accountId, member.id);
  if (!mapped) throw notFound("Member");
  return mapped;
}

/**
 * Creates the local user from the member's email and name (or reuses the one with that email) and
 * maps the member to it by hand. `created` is false when that user already existed.
 */
export async function inviteMemberAsUser(db: Db, accountId: string, memberId: string): Promise<MemberInvited> {
  const member = await findMemberRow(db, accountId, memberId);
  if (!member) throw notFound("Member");
  if (!member.email)
    throw new ApiError(
      409,
      "member_without_email",
      "Toggl shows no email for this member; add the user by email instead",
    );

  let user = await findUserByEmail(db, accountId, member.email);
  let created = false;
  if (!user) {
    user = await insertUser(db, { accountId, email: member.email, name: member.name, role: "member" });
    created = user !== null;
    // Lost a race with a concurrent invite or add: use the user that won.
    user ??= await findUserByEmail(db, accountId, member.email);
    if (!user) throw new ApiError(409, "conflict", "The user changed while inviting; try again");
  }
  await setMapping(db, member, { userId: user.id, match: "manual" });
  if (created)
    await matchMembersForUser(db, accountId, { id: user.id, email: user.email, togglUserId: user.togglUserId });
  const invited = await getMember(db, accountId, member.id);
  if (!invited) throw notFound("Member");
  return { member: invited, user: toUser(user), created };
}
