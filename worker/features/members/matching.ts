// Pure member ↔ user matching rules, apart from any I/O.
import type { MatchKind } from "../../../shared/contract";
import { normalizeEmail } from "../../../shared/time-log";

export interface Mapping {
  userId: string | null;
  match: MatchKind | null;
}

export interface LocalUser {
  id: string;
  /** Normalised. */
  email: string;
  togglUserId: string | null;
}

/**
 * The mapping a member should have after an import or a user change.
 * - A manual decision always wins, including a manual unmapping (user null): admins are not
 *   overruled by a later import.
 * - Else the local user who signed in as this very Toggl user.
 * - Else the local user with the same normalised email, unless that user is already linked to a
 *   different Toggl user (then the email is stale on one side, and guessing would be wrong).
 * Automatic matches are reported as "email": the identity match starts from an email match too.
 */
export function automaticMapping(
  member: { togglUserId: string; email: string },
  current: Mapping,
  users: readonly LocalUser[],
): Mapping {
  if (current.match === "manual") return current;
  const byIdentity = users.find((u) => u.togglUserId === member.togglUserId);
  if (byIdentity) return { userId: byIdentity.id, match: "email" };
  const email = normalizeEmail(member.email);
  if (email) {
    const byEmail = users.find(
      (u) => u.email === email && (u.togglUserId === null || u.togglUserId === member.togglUserId),
    );
    if (byEmail) return { userId: byEmail.id, match: "email" };
  }
  return { userId: null, match: null };
}

export function sameMapping(a: Mapping, b: Mapping): boolean {
  return a.userId === b.userId && a.match === b.match;
}
