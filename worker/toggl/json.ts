// Toggl ids are int64: time entry ids pass 2^31, webhook event ids sit near 2^53 and nothing stops
// them from passing it. JSON.parse would round such numbers, so every integer that is not a safe
// JS integer is kept as its exact decimal text (the id schemas then turn all ids into strings).
// Going the other way, Toggl answers 400 to string ids, so ids go out as raw JSON numbers.

type ReviverContext = { source?: string };
type JsonWithSource = {
  parse(
    text: string,
    reviver: (this: unknown, key: string, value: unknown, context?: ReviverContext) => unknown,
  ): unknown;
  rawJSON(text: string): unknown;
};
const J = JSON as unknown as JsonWithSource;

const INTEGER = /^-?\d+$/;

/** JSON.parse that keeps every digit of integers beyond Number.MAX_SAFE_INTEGER (as strings). */
export function parseTogglJson(text: string): unknown {
  return J.parse(text, (_key, value, context) => {
    if (typeof value === "number" && !Number.isSafeInteger(value) && context?.source && INTEGER.test(context.source)) {
      return context.source;
    }
    return value;
  });
}

const ID = /^\d{1,19}$/;

/** True for a decimal Toggl id (positive int64 written without sign, exponent or leading junk). */
export function isTogglId(value: string): boolean {
  return ID.test(value) && (value.length < 19 || value <= "9223372036854775807");
}

/** A Toggl id for a request body: emitted as a JSON number with every digit intact. */
export function idNumber(id: string): unknown {
  if (!isTogglId(id)) throw new TypeError(`Not a Toggl id: ${JSON.stringify(id).slice(0, 40)}`);
  return J.rawJSON(String(BigInt(id)));
}

/** The same for a list of ids. */
export function idNumbers(ids: readonly string[]): unknown[] {
  return ids.map(idNumber);
}

/** A Toggl id for a URL path segment (validated, so nothing odd ends up in the path). */
export function idPath(id: string): string {
  if (!isTogglId(id)) throw new TypeError(`Not a Toggl id: ${JSON.stringify(id).slice(0, 40)}`);
  return String(BigInt(id));
}

/** The decimal text of an id read from a loose payload (a number, or the digits parseTogglJson kept); "" otherwise. */
export function idText(value: unknown): string {
  return typeof value === "number" || typeof value === "string" ? String(value) : "";
}
