// The task search's matching rule, one copy for the worker (whose trigram-index queries implement
// it) and the extension (which filters the list it already holds while the server answers).

/** More words than this add nothing to a search box and would only grow the SQL. */
const MAX_QUERY_WORDS = 8;

/** Words shorter than this match only at the start of a word (a trigram index needs three). */
const SHORT_WORD_BELOW = 3;

/**
 * The distinct lower-cased words of a query. Every word must occur somewhere in a target's path
 * (workspace, client, project, task), so "acme api" finds "Acme → API rewrite → Tests".
 */
export function queryWords(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/→/g, ""))
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** Shorter words match only at the start of a word: "07" is "Client 07", not "Task 10707". */
export const isShortWord = (word: string) => [...word].length < SHORT_WORD_BELOW;

/**
 * Whether a target's lower-cased path matches: every query word occurs in it, a word of one or two
 * characters at the start of one of its words.
 */
export function matchesSearch(lowerCasedPath: string, q: string): boolean {
  const text = ` ${lowerCasedPath}`;
  return queryWords(q).every((w) => text.includes(isShortWord(w) ? ` ${w}` : w));
}
