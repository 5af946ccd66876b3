import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { textParameter } from '../db/stored-text.ts';
import type { SearchDocument } from '../repositories/work-indexer.ts';
import { parseTextQuery, type SearchProvider, type TermMatches, type TextMatch } from './search-provider.ts';

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
    const { terms } = parseTextQuery(text);
    const phrase = (words: string[]) => ftsMatch(`"${words.join(' ')}"`);
    const positive = terms.filter((term) => !term.negated).map((term) => phrase(term.words));
    if (positive.length === 0) return null;
    return { positive, negative: terms.filter((term) => term.negated).map((term) => phrase(term.words)) };
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

/**
 * An FTS5 query built only from quoted terms, so nothing a person types is read as FTS5 syntax:
 * `"word"`, `"two words"` for phrases, `NOT "word"` for exclusions.
 */
export function toFtsQuery(text: string): string | null {
  const { terms } = parseTextQuery(text);
  const positive = terms.filter((term) => !term.negated).map((term) => `"${term.words.join(' ')}"`);
  if (positive.length === 0) return null;
  const negative = terms.filter((term) => term.negated).map((term) => `NOT "${term.words.join(' ')}"`);
  return [positive.join(' AND '), ...negative].join(' ');
}
