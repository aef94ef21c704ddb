// Pure rules of the timer's task search: how a query becomes words, which targets match, how a hit
// is ranked, and the trigram-index queries that find each rank's hits.

// Which targets match is shared/task-search.ts (the extension filters by it too); the trigram
// queries below implement that rule.
import { isShortWord, queryWords } from "../../../shared/task-search";

/**
 * Rank of a hit, lower first: 0 when a part of the label ("Client → Project → Task") starts with
 * the whole query, 1 when a word of the path starts with the first query word, 2 otherwise. The
 * trigram queries below implement this rule; this copy documents it and is what unit tests pin.
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

/** An FTS5 string literal (double quotes doubled): matched as a substring, never as syntax. */
const ftsString = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The FTS5 queries of ranks 0, 1 and 2. */
type RankQueries = [partStart: string, wordStart: string, rest: string];

/**
 * The FTS5 queries over track_targets_fts (migration 0007) that find a query's hits, one per rank,
 * best first. The index holds the account id, search_words (the
 * path with every word after two spaces, so "  07" is a word start and a trigram even for a
 * one-letter word) and search_label ("→ " and the label, so "→ client 07" is a label part
 * starting with "client 07"). Null for a query without words.
 */
export function rankQueries(accountId: string, q: string): RankQueries | null {
  const words = queryWords(q);
  const first = words[0];
  if (!first) return null;
  const all = [
    `account_id : ${ftsString(accountId)}`,
    ...words.map((w) => `search_words : ${ftsString(isShortWord(w) ? `  ${w}` : w)}`),
  ].join(" AND ");
  const partStart = `search_label : ${ftsString(`→ ${q.trim().toLowerCase()}`)}`;
  const wordStart = `search_words : ${ftsString(`  ${first}`)}`;
  return [
    `(${all}) AND ${partStart}`,
    `((${all}) AND ${wordStart}) NOT ${partStart}`,
    `((${all}) NOT ${partStart}) NOT ${wordStart}`,
  ];
}
