// Pure rules of the timer's task search: how a query becomes words, and how a hit is ranked.

/** More words than this add nothing to a search box and would only grow the SQL. */
const MAX_QUERY_WORDS = 8;

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

/**
 * Rank of a hit, lower first: 0 when a part of the label ("Client → Project → Task") starts with
 * the whole query, 1 when a word of the path starts with the first query word, 2 otherwise. The
 * same rule runs in SQL (store.ts); this copy documents it and is what the unit tests pin.
 */
export function rankTarget(target: { label: string; searchText: string }, q: string): number {
  const phrase = q.trim().toLowerCase();
  if (!phrase) return 0;
  const label = target.label.toLowerCase();
  if (label.startsWith(phrase) || label.includes(`→ ${phrase}`)) return 0;
  const first = queryWords(q)[0];
  if (first && ` ${target.searchText}`.includes(` ${first}`)) return 1;
  return 2;
}
