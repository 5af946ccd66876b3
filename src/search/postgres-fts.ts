import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../archive/tag.repository.ts';
import {
  parseTextQuery,
  type SearchDocument,
  type SearchProvider,
  type TextMatch,
} from './search-provider.ts';

/**
 * PostgreSQL refuses tsvectors over 1 MB. The first part of the body keeps word positions (phrase search
 * needs them); the rest, in very long works, is indexed without positions, and past the cap not at all.
 */
const POSITIONED_BODY_CHARS = 400_000;
const MAX_BODY_CHARS = 2_000_000;

/** Full-text search on PostgreSQL: a weighted tsvector column with a GIN index, English stemming. */
export const postgresSearch: SearchProvider = {
  dialect: 'postgres',

  async indexWork(db: Db, workId: number, document: SearchDocument): Promise<void> {
    await sql`UPDATE works SET search_vector =
        setweight(to_tsvector('english', ${document.title}), 'A') ||
        setweight(to_tsvector('english', ${document.tags}), 'B') ||
        setweight(to_tsvector('english', ${document.summary}), 'B') ||
        to_tsvector('english', ${document.body.slice(0, POSITIONED_BODY_CHARS)}) ||
        strip(to_tsvector('english', ${document.body.slice(POSITIONED_BODY_CHARS, MAX_BODY_CHARS)}))
      WHERE id = ${workId}`.execute(db);
  },

  async removeWork(): Promise<void> {
    // The vector lives on the works row and goes with it.
  },

  matchText(text: string): TextMatch | null {
    const query = toTsQuery(text);
    if (!query) return null;
    return {
      ids: sql<{ id: number }>`SELECT id FROM works WHERE search_vector @@ ${query}`,
      ranked: sql<{
        id: number;
        rank: number;
      }>`SELECT id, ts_rank(search_vector, ${query}) AS rank FROM works WHERE search_vector @@ ${query}`,
      where: sql`w.search_vector @@ ${query}`,
    };
  },
};

/**
 * A tsquery built from the same terms as the SQLite query: each word through `plainto_tsquery` (so the
 * text is data, never tsquery syntax), phrases with `phraseto_tsquery`, exclusions negated.
 */
function toTsQuery(text: string): RawBuilder<unknown> | null {
  const { terms } = parseTextQuery(text);
  const positive = terms.filter((term) => !term.negated);
  if (positive.length === 0) return null;
  const parts = terms.map((term) => {
    const phrase = term.words.join(' ');
    const single =
      term.words.length === 1
        ? sql`plainto_tsquery('english', ${phrase})`
        : sql`phraseto_tsquery('english', ${phrase})`;
    return term.negated ? sql`!!(${single})` : single;
  });
  return sql`(${sql.join(parts, sql` && `)})`;
}
