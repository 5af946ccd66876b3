import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { textParameter } from '../db/stored-text.ts';
import type { SearchDocument } from '../repositories/work-indexer.ts';
import {
  fullTextTerms,
  type PackedColumns,
  type SearchProvider,
  type TermMatches,
  type TextMatch,
  type TextTerm,
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
    await indexPostgresWorks(db, [{ id: workId, document }]);
  },

  async removeWork(): Promise<void> {
    // The vectors live on the works row and in work_texts, whose row goes with it (ON DELETE CASCADE).
  },

  matchText(text: string): TextMatch | null {
    const query = toTsQuery(text);
    if (!query) return null;
    const slow = [...query.positive, ...query.negative].some((term) => term.phrase);
    return textMatch(
      query.match,
      query.positive.map((term) => term.query),
      true,
      slow,
    );
  },

  matchTerms(text: string): TermMatches | null {
    const query = toTsQuery(text);
    if (!query) return null;
    return {
      positive: query.positive.map((term) => textMatch(term.query, [term.query], true, term.phrase)),
      negative: query.negative.map((term) => textMatch(term.query, [], false, term.phrase)),
    };
  },
};

/**
 * Relevance: every work whose text matches anywhere (title, tags, summary or body: `work_texts.vector`,
 * through its GIN index) is found, but ranked only on its small `search_head` vector: the sum over the query's
 * positive words and phrases of `ts_rank` on the title (weight A), tags and summary (B). So works whose
 * title, tags or summary match come first, the title above the rest; works matching only in the body follow
 * with rank 0; ties go to the newest id. Ranking never reads, let alone detoasts, a story body, and the rank
 * adds up over terms, so matches are cached per term. The functions are in the migrations (0004, made again
 * over work_texts in 0024, 0025, 0026 and 0027): they make the match use the GIN index even for words nearly
 * every work holds, and rank a one-word match through the heads' own index. A word PostgreSQL drops as a
 * stop word (`about`) leaves its term empty: it then restricts nothing, as parseTextQuery's own stop words.
 * A phrase's match is `slow`: the index finds the works holding its words, and PostgreSQL reads each one's
 * vector for their order.
 */
function textMatch(
  match: RawBuilder<unknown>,
  rankTerms: readonly RawBuilder<unknown>[],
  emptyMatchesAll: boolean,
  slow: boolean,
): TextMatch {
  const terms = rankTerms.length > 0 ? sql`ARRAY[${sql.join(rankTerms)}]` : sql`ARRAY[]::tsquery[]`;
  return {
    slow,
    ids: sql<{ id: number }>`SELECT id FROM works_text_ids(${match}, ${emptyMatchesAll})`,
    ranked: sql<{
      id: number;
      rank: number;
    }>`SELECT id, rank FROM works_text_ranked(${match}, ${terms}, ${emptyMatchesAll})`,
    // One reading of the index and the rows instead of two (migrations 0025 and 0026).
    packed: (rankLimit) =>
      sql<PackedColumns>`SELECT ids, ranks FROM works_text_lists(${match}, ${terms}, ${emptyMatchesAll}, ${rankLimit ?? -1})`,
  };
}

/**
 * Write the search vectors of many works in one statement: `work_texts.vector` with everything (title weight
 * A, tags and summary B, the body unweighted) for matching, and `works.search_head` with only the title, tags
 * and summary, as weighted in the full vector, for ranking. A work no longer there gets neither.
 */
export async function indexPostgresWorks(
  db: Db,
  works: readonly { id: number; document: SearchDocument }[],
): Promise<void> {
  if (works.length === 0) return;
  const rows = works.map(({ id, document }) => {
    // A story handed over as bytes is decoded by the server (see db/stored-text.ts); the body is cut there.
    const body = typeof document.body === 'string' ? document.body.slice(0, MAX_BODY_CHARS) : document.body;
    return sql`(${id}::integer, ${document.title}::text, ${document.tags}::text, ${document.summary}::text, ${textParameter(db, body)}::text)`;
  });
  await sql`WITH d AS (
        SELECT id, setweight(to_tsvector('english', title), 'A') ||
            setweight(to_tsvector('english', tags), 'B') ||
            setweight(to_tsvector('english', summary), 'B') AS head,
          left(text, ${POSITIONED_BODY_CHARS}) AS body,
          substr(text, ${POSITIONED_BODY_CHARS + 1}, ${MAX_BODY_CHARS - POSITIONED_BODY_CHARS}) AS rest
        FROM (VALUES ${sql.join(rows)}) AS v (id, title, tags, summary, text)),
      heads AS (UPDATE works SET search_head = d.head FROM d WHERE works.id = d.id RETURNING works.id)
    INSERT INTO work_texts (work_id, vector)
      SELECT d.id, d.head || to_tsvector('english', d.body) || strip(to_tsvector('english', d.rest))
        FROM d JOIN heads ON heads.id = d.id
      ON CONFLICT (work_id) DO UPDATE SET vector = excluded.vector`.execute(db);
}

/** One term of a query as a tsquery, and whether it is a phrase (matched by reading each candidate's vector). */
interface TsTerm {
  query: RawBuilder<unknown>;
  phrase: boolean;
}

/**
 * A tsquery built from the same terms as the SQLite query: each word through `plainto_tsquery` (so the
 * text is data, never tsquery syntax), phrases with `phraseto_tsquery`, exclusions negated in `match`.
 */
function toTsQuery(text: string): {
  match: RawBuilder<unknown>;
  positive: TsTerm[];
  negative: TsTerm[];
} | null {
  const { positive: positiveTerms, negative: negativeTerms } = fullTextTerms(text);
  const phrase = (words: string[]) => {
    const joined = words.join(' ');
    return words.length === 1
      ? sql`plainto_tsquery('english', ${joined})`
      : sql`phraseto_tsquery('english', ${joined})`;
  };
  // Alternatives (`a OR b`) are one term: the phrases joined with `||`.
  const tsTerm = (term: TextTerm): TsTerm => ({
    query:
      term.alternatives.length === 1
        ? phrase(term.alternatives[0] as string[])
        : sql`(${sql.join(term.alternatives.map(phrase), sql` || `)})`,
    phrase: term.alternatives.some((words) => words.length > 1),
  });
  const positive = positiveTerms.map(tsTerm);
  const negative = negativeTerms.map(tsTerm);
  if (positive.length === 0) return null;
  const parts = [...positive.map((term) => term.query), ...negative.map((term) => sql`!!(${term.query})`)];
  return { match: sql`(${sql.join(parts, sql` && `)})`, positive, negative };
}
