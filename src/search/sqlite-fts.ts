import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { textParameter } from '../db/stored-text.ts';
import type { SearchDocument } from '../repositories/work-indexer.ts';
import {
  fullTextTerms,
  type SearchProvider,
  type TermMatches,
  type TextMatch,
  type TextTerm,
} from './search-provider.ts';

/** Full-text search on SQLite: a contentless FTS5 table keyed by work id, Porter stemming, BM25 ranking. */
export const sqliteSearch: SearchProvider = {
  dialect: 'sqlite',

  async indexWork(db: Db, workId: number, document: SearchDocument): Promise<void> {
    await sql`DELETE FROM works_fts WHERE rowid = ${workId}`.execute(db);
    await sql`INSERT INTO works_fts (rowid, title, summary, tags, body) VALUES (${workId}, ${document.title}, ${document.summary}, ${document.tags}, ${textParameter(db, document.body)})`.execute(
      db,
    );
  },

  async removeWork(db: Db, workId: number): Promise<void> {
    await sql`DELETE FROM works_fts WHERE rowid = ${workId}`.execute(db);
  },

  matchText(text: string): TextMatch | null {
    const query = toFtsQuery(text);
    return query ? ftsMatch(query) : null;
  },

  /**
   * FTS5's bm25 adds one score per phrase, in query order, each from that phrase's hits in the row, the
   * row's length and the phrase's document frequency, none of which depend on the other phrases (an
   * excluded phrase adds exactly zero). So the rank of `"a" AND "b" NOT "c"` is, bit for bit, the rank of
   * `"a"` plus the rank of `"b"` (IEEE doubles without fused multiply-add, as on x86-64).
   */
  matchTerms(text: string): TermMatches | null {
    const { positive, negative } = fullTextTerms(text);
    if (positive.length === 0) return null;
    return {
      positive: positive.map((term) => ftsMatch(ftsTerm(term))),
      negative: negative.map((term) => ftsMatch(ftsTerm(term))),
    };
  },
};

function ftsMatch(query: string): TextMatch {
  return {
    ids: sql<{ id: number }>`SELECT rowid AS id FROM works_fts WHERE works_fts MATCH ${query}`,
    // bm25 is lower-is-better; weights favour title, then tags and summary, then body.
    ranked: sql<{
      id: number;
      rank: number;
    }>`SELECT rowid AS id, -bm25(works_fts, 10.0, 4.0, 5.0, 1.0) AS rank FROM works_fts WHERE works_fts MATCH ${query}`,
  };
}

/** One term as FTS5 syntax: a quoted phrase, or phrases joined by OR in brackets. */
function ftsTerm(term: TextTerm): string {
  const phrases = term.alternatives.map((words) => `"${words.join(' ')}"`);
  return phrases.length === 1 ? (phrases[0] as string) : `(${phrases.join(' OR ')})`;
}

/**
 * An FTS5 query built only from quoted terms, so nothing a person types is read as FTS5 syntax:
 * `"word"`, `"two words"` for phrases, `("a" OR "b")` for alternatives, `NOT "word"` for exclusions. Title
 * and creator terms are left to the search (work-search.ts), which matches them on their own columns.
 */
export function toFtsQuery(text: string): string | null {
  const { positive, negative } = fullTextTerms(text);
  if (positive.length === 0) return null;
  return [positive.map(ftsTerm).join(' AND '), ...negative.map((term) => `NOT ${ftsTerm(term)}`)].join(' ');
}
