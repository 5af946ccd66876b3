import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * What listings read on every first visit, made cheap to find (bench/README.md, issue #23):
 *
 * - `tags(name)`: a tag page finds its tag by name alone, and the unique index is (kind, name), so
 *   PostgreSQL read the whole tags table for every tag page (SQLite skip-scanned its index).
 * - `series_works(work_id)`: a blurb reads the series of its work, and the key is (series_id, work_id).
 * - On PostgreSQL, the full-text index's pending list (GIN's unsorted list of recent entries, which every
 *   search reads in full) capped at 256 kB instead of the server's 4 MB, and emptied once here: an import
 *   left it hundreds of pages long until a vacuum, and a search read all of them.
 * - On PostgreSQL, `works_text_matched`: a text match's ids and ranks in one statement, for a ranked search,
 *   ranking only when at most `rank_limit` works match (search/text-columns.ts), as `works_text_ids` then
 *   `works_text_ranked` (migration 0004) did in two, each reading the index and the rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function indexListingReads(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.createIndex('tags_name').on('tags').column('name').execute();
  await db.schema.createIndex('series_works_work').on('series_works').column('work_id').execute();
  if (dialect === 'sqlite') {
    // As in 0018: where ANALYZE ran, the new indexes need statistics of their own to be chosen.
    const analyzed = await sql`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(db);
    if (analyzed.rows.length > 0) {
      await sql`ANALYZE tags_name`.execute(db);
      await sql`ANALYZE series_works_work`.execute(db);
    }
    return;
  }
  await sql`ALTER INDEX works_search_vector SET (gin_pending_list_limit = 256)`.execute(db);
  await sql`SELECT gin_clean_pending_list('works_search_vector'::regclass)`.execute(db);
  await sql`CREATE FUNCTION works_text_matched(query tsquery, terms tsquery[], empty_matches_all boolean,
      rank_limit integer)
    RETURNS TABLE (id integer, rank double precision) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    DECLARE
      matched integer[];
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id, 0::double precision FROM works w; END IF;
        RETURN;
      END IF;
      SELECT array_agg(w.id) INTO matched FROM works w WHERE w.search_vector @@ query;
      IF matched IS NULL THEN RETURN; END IF;
      IF cardinality(matched) > rank_limit THEN
        RETURN QUERY SELECT m.id, 0::double precision FROM unnest(matched) AS m (id);
        RETURN;
      END IF;
      RETURN QUERY SELECT w.id,
          (SELECT coalesce(sum(ts_rank(w.search_head, t.term)::double precision), 0)
             FROM unnest(terms) AS t (term)) AS rank
        FROM works w WHERE w.id = ANY (matched);
    END $$`.execute(db);
}
