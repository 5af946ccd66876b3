import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * On PostgreSQL, a text match comes back as rows of at most 4,096 works each, `works_text_lists`, in place of
 * migration 0025's one row of `int4send` values: each row's ids as decimal numbers joined by commas and, when
 * ranked, their ranks likewise (`array_to_string`). pg reads each value whole into one string, and a common
 * word's ids in one bytea (sent as hex, twice its size) cost Node several times what the same ids cost in
 * rows of text; `array_agg` also spares the server `int4send`, which sets aside a kilobyte for each id
 * (bench/README.md, Stop 41). Same arguments as `works_text_packed`, which this replaces: no row when nothing
 * matches; ranks only when at most `rank_limit` works match, and never for a query PostgreSQL finds no words
 * in (every work, or none, as `empty_matches_all` says).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function sendTextMatchesInLists(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`DROP FUNCTION works_text_packed(tsquery, tsquery[], boolean, integer)`.execute(db);
  await sql`CREATE FUNCTION works_text_lists(query tsquery, terms tsquery[], empty_matches_all boolean,
      rank_limit integer)
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
          SELECT array_agg(r.id ORDER BY r.id), array_agg(r.rank ORDER BY r.id) INTO matched, ranked
            FROM (SELECT w.id,
                (SELECT coalesce(sum(ts_rank(w.search_head, t.term)::double precision), 0)
                   FROM unnest(terms) AS t (term)) AS rank
              FROM works w WHERE w.id = ANY (matched)) AS r;
        END IF;
      END IF;
      -- Sliced from a subquery's column, not the variables: each reference to a variable copies the array.
      RETURN QUERY SELECT array_to_string(v.a[i : i + 4095], ','), array_to_string(v.r[i : i + 4095], ',')
        FROM (SELECT matched AS a, ranked AS r) AS v, generate_series(1, cardinality(v.a), 4096) AS i;
    END $$`.execute(db);
}
