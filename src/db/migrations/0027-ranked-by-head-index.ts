import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * On PostgreSQL, a one-word match is ranked through an index on the ranking head (`works.search_head`: title,
 * tags, summary). Ranking looked up every matching work's row to rank its head; a word in a thousand bodies
 * then cost 7-9 ms of the server's time against under 1 ms for its ids (100,000 works, bench/README.md,
 * Stop 42), though most of those heads did not hold the word and ranked 0. ts_rank of one lexeme is above 0
 * exactly where the head holds it, which is what the head's GIN index finds, so the ranks are the same, read
 * only for the works whose title, tags or summary hold the word. The search ranks each word of a query
 * apart (ranks add up over terms), so this is nearly every ranked match; a phrase, a word that makes several
 * lexemes (`e-mail`) or several terms at once are ranked as before: a head can rank above 0 for them without
 * matching (ts_rank counts the words of a phrase out of order), and their matches take far longer anyway.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function rankWordsByHeadIndex(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  // As for work_texts' index (migration 0024): a search reads GIN's whole pending list, so it stays short.
  await sql`CREATE INDEX works_search_head ON works USING gin (search_head)
      WITH (gin_pending_list_limit = 256)`.execute(db);
  await sql`CREATE OR REPLACE FUNCTION works_text_lists(query tsquery, terms tsquery[],
      empty_matches_all boolean, rank_limit integer)
    RETURNS TABLE (ids text, ranks text) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    DECLARE
      matched integer[];
      ranked double precision[];
    BEGIN
      IF numnode(query) = 0 THEN
        IF NOT empty_matches_all THEN RETURN; END IF;
        SELECT array_agg(w.id) INTO matched FROM works w;
      ELSE
        SELECT array_agg(t.work_id) INTO matched FROM work_texts t WHERE t.vector @@ query;
        IF rank_limit >= 0 AND cardinality(matched) <= rank_limit THEN
          IF cardinality(terms) = 1 AND numnode(terms[1]) = 1 THEN
            -- The heads that hold the word, from their index (OFFSET 0 keeps the planner from reading each
            -- match's row instead); every other match ranks 0.
            SELECT array_agg(m.id ORDER BY m.id), array_agg(coalesce(h.rank, 0) ORDER BY m.id)
              INTO matched, ranked
              FROM unnest(matched) AS m (id)
              LEFT JOIN (SELECT w.id, ts_rank(w.search_head, terms[1])::double precision AS rank
                  FROM works w WHERE w.search_head @@ terms[1] OFFSET 0) AS h ON h.id = m.id;
          ELSE
            SELECT array_agg(r.id ORDER BY r.id), array_agg(r.rank ORDER BY r.id) INTO matched, ranked
              FROM (SELECT w.id,
                  (SELECT coalesce(sum(ts_rank(w.search_head, t.term)::double precision), 0)
                     FROM unnest(terms) AS t (term)) AS rank
                FROM works w WHERE w.id = ANY (matched)) AS r;
          END IF;
        END IF;
      END IF;
      -- Sliced from a subquery's column, not the variables: each reference to a variable copies the array.
      RETURN QUERY SELECT array_to_string(v.a[i : i + 4095], ','), array_to_string(v.r[i : i + 4095], ',')
        FROM (SELECT matched AS a, ranked AS r) AS v, generate_series(1, cardinality(v.a), 4096) AS i;
    END $$`.execute(db);
}
