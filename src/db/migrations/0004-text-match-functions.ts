import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * PostgreSQL full-text matches through the GIN index, always: a common word matches nearly every work, and
 * the planner then prefers reading the whole table, which tests every row's `search_vector` and so detoasts
 * every story body (seconds); the index's bitmap needs no recheck and reads no body. A function's own
 * `SET` is the one way to tell the planner so for one query. `works_text_ranked` ranks each match by the
 * sum, in order, of `ts_rank` of its small `search_head` against each of `terms` (the query's positive words
 * and phrases), so a query's rank adds up over its terms. A query left empty by PostgreSQL's stop words
 * matches every work (rank 0) when `empty_matches_all`, as a query of only stop words does, else none.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createTextMatchFunctions(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE FUNCTION works_text_ids(query tsquery, empty_matches_all boolean)
    RETURNS TABLE (id integer) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id FROM works w; END IF;
        RETURN;
      END IF;
      RETURN QUERY SELECT w.id FROM works w WHERE w.search_vector @@ query;
    END $$`.execute(db);
  await sql`CREATE FUNCTION works_text_ranked(query tsquery, terms tsquery[], empty_matches_all boolean)
    RETURNS TABLE (id integer, rank double precision) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id, 0::double precision FROM works w; END IF;
        RETURN;
      END IF;
      RETURN QUERY SELECT w.id,
          (SELECT coalesce(sum(ts_rank(w.search_head, t.term)::double precision), 0)
             FROM unnest(terms) AS t (term)) AS rank
        FROM works w WHERE w.search_vector @@ query;
    END $$`.execute(db);
}
