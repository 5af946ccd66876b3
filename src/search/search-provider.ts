import type { RawBuilder } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { WorkIndexer } from '../repositories/work-indexer.ts';

/** A full-text condition: the ids of matching works, and a relevance score to sort by best match. */
export interface TextMatch {
  /**
   * The match may read each candidate work's vector (a phrase: the index finds works holding its words, not
   * in that order), which for common words takes seconds rather than milliseconds.
   */
  slow?: boolean;
  /** A subquery selecting the ids (as `id`) of matching works. */
  ids: RawBuilder<{ id: number }>;
  /** A subquery of matching works with their relevance (`id`, `rank`; higher is better), to join for best match. */
  ranked: RawBuilder<{ id: number; rank: number }>;
  /**
   * The match in one statement, where the dialect can: rows of a few thousand works each, their ids as
   * decimal numbers joined by commas, and their ranks likewise when `rankLimit` is not null and at most that
   * many works match (see text-columns.ts, `unpackColumns`).
   */
  packed?(rankLimit: number | null): RawBuilder<PackedColumns>;
}

/** One row of a text match as `TextMatch.packed` reads it: none when nothing matched. */
export interface PackedColumns {
  ids: string | null;
  ranks: string | null;
}

/** What to read for one text match (see text-columns.ts): plain data, so a thread can take it. */
export interface TextRead {
  ids: CompiledSql;
  /** The ranked query, when ranks are wanted. */
  ranked: CompiledSql | null;
  /** Past this many matches, none is ranked. */
  limit: number;
}

/**
 * A text match's ranks: one per work; `'alike'` when ranks were asked for and every work ranks the same
 * (a match too large to rank, text-columns.ts), which is kept as that word instead of an array of zeros;
 * null when ranks were not asked for.
 */
export type Ranks = Float64Array | 'alike' | null;

/** A text match's works, in columns: ids and, when ranked, each one's rank. */
export interface TextColumns {
  ids: Float64Array;
  ranks: Ranks;
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
  /**
   * Read a text match (see text-columns.ts) somewhere other than the calling thread: SQLite answers on the
   * thread that asks, and a common word's match takes long enough to hold every other request (see
   * text-thread.ts). Without it the queries run on `db`.
   */
  readText?(read: TextRead): Promise<TextColumns>;
  /**
   * The line a text match read on `db` waits in (`slow` as the match says): a common word's match costs
   * PostgreSQL tens of milliseconds, and run side by side with every other search's it made each of them
   * wait as long.
   */
  queueText?<T>(read: () => Promise<T>, slow: boolean): Promise<T>;
  /**
   * Run a query of numeric columns somewhere other than the calling thread, one array per column: the
   * count sorts' reordering reads every work's counts (see FilterIndex.withCurrentCounts).
   */
  readNumbers?(query: CompiledSql): Promise<Float64Array[]>;
}

/** A query compiled for the provider's database, as a thread can receive it. */
export interface CompiledSql {
  sql: string;
  parameters: readonly unknown[];
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

/** Where a term looks: the full text (title, summary, tags, story), or the title or creator names alone. */
export type TextField = 'any' | 'title' | 'creator';

/** The field prefixes a person may type, as AO3's search and the usual engines spell them. */
const FIELD_PREFIXES: Readonly<Record<string, TextField>> = {
  title: 'title',
  creator: 'creator',
  creators: 'creator',
  author: 'creator',
  by: 'creator',
};

export interface TextTerm {
  /** Alternatives joined by OR, each a word or a phrase (several words in order); most terms have one. */
  alternatives: string[][];
  negated: boolean;
  field: TextField;
  /** What was typed for a title or creator term (quotes removed), matched as a substring of the name. */
  value: string;
}

export interface TextQuery {
  terms: TextTerm[];
}

/**
 * Read what a person typed into terms, with AO3's and the usual operators: words, "quoted phrases",
 * -excluded words or phrases, `a OR b`, and `title:` and `creator:` (also `author:`) prefixes. Anything else
 * (other operators, quotes left open, SQL) is just text: only letters and digits survive into the terms.
 */
export function parseTextQuery(text: string): TextQuery {
  const terms: TextTerm[] = [];
  const pattern = /(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|([^\s"]+))/g;
  let orPending = false;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const negated = match[1] === '-';
    const prefix = match[2]?.toLowerCase();
    const field = prefix ? FIELD_PREFIXES[prefix] : 'any';
    // An unknown prefix (`http:`) is part of the text.
    const raw = field ? (match[3] ?? match[4] ?? '') : `${match[2]}:${match[3] ?? match[4] ?? ''}`;
    if (!negated && !prefix && match[3] === undefined && raw === 'OR') {
      orPending = terms.length > 0;
      continue;
    }
    const words = raw
      .toLowerCase()
      .normalize('NFKC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0 && !STOP_WORDS.has(word))
      .slice(0, 16);
    const value = raw.normalize('NFKC').trim().slice(0, 200);
    const previous = terms.at(-1);
    const joinable = orPending && previous && !negated && !previous.negated;
    orPending = false;
    if ((field ?? 'any') === 'any') {
      if (words.length === 0) continue;
      if (joinable && previous.field === 'any' && previous.alternatives.length < 16) {
        previous.alternatives.push(words);
        continue;
      }
      terms.push({ alternatives: [words], negated, field: 'any', value });
    } else {
      if (value === '') continue;
      terms.push({ alternatives: [], negated, field: field as TextField, value });
    }
    if (terms.length >= 16) break;
  }
  return { terms };
}

/** The full-text terms (not the title or creator ones): what the text engines match. */
export function fullTextTerms(text: string): { positive: TextTerm[]; negative: TextTerm[] } {
  const terms = parseTextQuery(text).terms.filter((term) => term.field === 'any');
  return { positive: terms.filter((term) => !term.negated), negative: terms.filter((term) => term.negated) };
}

/** A term written back as query text that parses to the same words, not negated: to match what it excludes. */
export function termText(term: TextTerm): string {
  return term.alternatives.map((words) => `"${words.join(' ')}"`).join(' OR ');
}
