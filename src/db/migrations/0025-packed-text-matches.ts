import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * On PostgreSQL, a text match read for search comes back as one row of packed columns, `works_text_packed`:
 * the ids as big-endian 4-byte integers in one bytea, and, when at most `rank_limit` works match, their ranks
 * as big-endian 8-byte floats in another (in the ids' order; null past the limit, or when `rank_limit` is
 * negative: not ranked). A common word matches nearly every work, and `works_text_matched` (migration 0021,
 * dropped here) sent each as a row: at 100,000 works, 100,000 rows that the server stored aside and the
 * driver made an object of each, 115-190 ms a search against 34-38 ms packed (bench/README.md, issue #23).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function packTextMatches(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`DROP FUNCTION works_text_matched(tsquery, tsquery[], boolean, integer)`.execute(db);
  await sql`CREATE FUNCTION works_text_packed(query tsquery, terms tsquery[], empty_matches_all boolean,
      rank_limit integer)
    RETURNS TABLE (ids bytea, ranks bytea) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    DECLARE
      packed bytea;
      matches bigint;
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN
          RETURN QUERY SELECT string_agg(int4send(w.id), ''::bytea), NULL::bytea FROM works w;
        END IF;
        RETURN;
      END IF;
      SELECT string_agg(int4send(t.work_id), ''::bytea), count(*) INTO packed, matches
        FROM work_texts t WHERE t.vector @@ query;
      IF matches = 0 THEN RETURN; END IF;
      IF rank_limit < 0 OR matches > rank_limit THEN
        RETURN QUERY SELECT packed, NULL::bytea;
        RETURN;
      END IF;
      RETURN QUERY SELECT string_agg(int4send(r.id), ''::bytea ORDER BY r.id),
          string_agg(float8send(r.rank), ''::bytea ORDER BY r.id)
        FROM (SELECT w.id,
            (SELECT coalesce(sum(ts_rank(w.search_head, t.term)::double precision), 0)
               FROM unnest(terms) AS t (term)) AS rank
          FROM works w WHERE w.id IN (SELECT m.work_id FROM work_texts m WHERE m.vector @@ query)) AS r;
    END $$`.execute(db);
}
