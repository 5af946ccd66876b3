import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { watchWorksColumns } from './0017-counts-version.ts';

/**
 * PostgreSQL matches full text in a narrow table of its own, `work_texts` (a work's id and its whole
 * `vector`), instead of a column of `works`. A GIN index answers with row addresses, and every matching row
 * is then read only to check it is visible: for a common word at 100,000 works that was a bitmap heap scan
 * of about 17,000 pages of wide works rows, 100 of the 111 ms of the match (bench/README.md, issue #23).
 * PostgreSQL keeps a vector of more than about 2 kB (a story of a few hundred different words) out of its
 * row, in the TOAST table, so such a row is an id and a pointer, about 50 bytes: the same match then reads
 * some 700 pages, and still reads no vector. The ranking head (`works.search_head`) stays on `works`: it is
 * read only for the few matches that are ranked.
 *
 * The match functions of migrations 0004 and 0021 are made again over the new table. Dropping the column
 * frees its space in `works` only when the table is next rewritten (VACUUM FULL), which an owner may run.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function moveTextMatchToWorkTexts(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE TABLE work_texts (
      work_id integer PRIMARY KEY REFERENCES works (id) ON DELETE CASCADE,
      vector tsvector NOT NULL
    )`.execute(db);
  await sql`INSERT INTO work_texts (work_id, vector)
      SELECT id, search_vector FROM works WHERE search_vector IS NOT NULL`.execute(db);
  // As migration 0021 set for the old index: a search reads GIN's whole pending list, so it stays short.
  await sql`CREATE INDEX work_texts_vector ON work_texts USING gin (vector)
      WITH (gin_pending_list_limit = 256)`.execute(db);
  // The update trigger names every column of works (migration 0017): it goes first and is made again without.
  await sql`DROP TRIGGER works_update_archive_version ON works`.execute(db);
  await sql`ALTER TABLE works DROP COLUMN search_vector`.execute(db);
  await watchWorksColumns(db, dialect);
  await sql`ANALYZE work_texts`.execute(db);

  await sql`CREATE OR REPLACE FUNCTION works_text_ids(query tsquery, empty_matches_all boolean)
    RETURNS TABLE (id integer) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id FROM works w; END IF;
        RETURN;
      END IF;
      RETURN QUERY SELECT t.work_id FROM work_texts t WHERE t.vector @@ query;
    END $$`.execute(db);
  await sql`CREATE OR REPLACE FUNCTION works_text_ranked(query tsquery, terms tsquery[],
      empty_matches_all boolean)
    RETURNS TABLE (id integer, rank double precision) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id, 0::double precision FROM works w; END IF;
        RETURN;
      END IF;
      RETURN QUERY SELECT w.id,
          (SELECT coalesce(sum(ts_rank(w.search_head, t.term)::double precision), 0)
             FROM unnest(terms) AS t (term)) AS rank
        FROM works w WHERE w.id IN (SELECT m.work_id FROM work_texts m WHERE m.vector @@ query);
    END $$`.execute(db);
  await sql`CREATE OR REPLACE FUNCTION works_text_matched(query tsquery, terms tsquery[],
      empty_matches_all boolean, rank_limit integer)
    RETURNS TABLE (id integer, rank double precision) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    DECLARE
      matched integer[];
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id, 0::double precision FROM works w; END IF;
        RETURN;
      END IF;
      SELECT array_agg(t.work_id) INTO matched FROM work_texts t WHERE t.vector @@ query;
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
