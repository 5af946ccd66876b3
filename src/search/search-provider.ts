import type { Expression, RawBuilder, SqlBool } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { WorkIndexer } from '../repositories/work-indexer.ts';

/** A full-text condition: the ids of matching works, and a relevance score to sort by best match. */
export interface TextMatch {
  /** A subquery selecting the ids (as `id`) of matching works. */
  ids: RawBuilder<{ id: number }>;
  /** A subquery of matching works with their relevance (`id`, `rank`; higher is better), to join for best match. */
  ranked: RawBuilder<{ id: number; rank: number }>;
  /** A condition on `w` to use instead of `ids` where the dialect can test a row directly. */
  where?: Expression<SqlBool>;
}

/**
 * The seam where SQL dialects differ for search: SQLite answers full text with FTS5, PostgreSQL with a
 * tsvector and a GIN index. Everything else in search is shared SQL over the same tag tables.
 */
export interface SearchProvider extends WorkIndexer {
  dialect: Dialect;
  /** Null when the text has no searchable words (only stop words or punctuation). */
  matchText(text: string): TextMatch | null;
  /**
   * The same match as separate terms, when the engine's rank of the whole query is exactly the sum of its
   * terms' ranks in query order: works matching every `positive` term and no `negative` one, ranked by the
   * sum. Lets search cache matches per term, which queries share. Null as for `matchText`.
   */
  matchTerms?(text: string): TermMatches | null;
}

export interface TermMatches {
  positive: TextMatch[];
  negative: TextMatch[];
}

/** English stop words, removed before either engine sees a query, so both answer the same. */
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

export interface TextQuery {
  /** Each term is a word or a phrase (several words in order). */
  terms: { words: string[]; negated: boolean }[];
}

/**
 * Read what a person typed into terms: words, "quoted phrases" and -excluded words. Anything else
 * (operators, quotes left open, SQL) is just text: only letters and digits survive into the terms.
 */
export function parseTextQuery(text: string): TextQuery {
  const terms: TextQuery['terms'] = [];
  const pattern = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const negated = (match[1] ?? match[3]) === '-';
    const raw = match[2] ?? match[4] ?? '';
    const words = raw
      .toLowerCase()
      .normalize('NFKC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0 && !STOP_WORDS.has(word))
      .slice(0, 16);
    if (words.length === 0) continue;
    terms.push({ words, negated });
    if (terms.length >= 16) break;
  }
  // A query of only exclusions matches nothing useful; treat the words as plain terms.
  if (terms.length > 0 && terms.every((term) => term.negated)) for (const term of terms) term.negated = false;
  return { terms };
}
