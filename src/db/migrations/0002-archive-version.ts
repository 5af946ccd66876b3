import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/** Tables whose changes can alter a search result: the works, their filter tags, and tag names and synonyms. */
const SEARCHED_TABLES = ['works', 'work_filter_tags', 'tags'] as const;

/**
 * A one-row counter bumped by triggers whenever a searched table changes, in any process, so the in-memory
 * search index can tell with one tiny query that it must be rebuilt. SQLite has only row triggers (one
 * small update per changed row); PostgreSQL bumps once per statement.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createArchiveVersion(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('archive_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('archive_version').values({ id: 1, version: 1 }).execute();
  if (dialect === 'sqlite') {
    for (const table of SEARCHED_TABLES) {
      for (const event of ['insert', 'update', 'delete'] as const) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_${event}_archive_version AFTER ${event.toUpperCase()} ON ${table} BEGIN UPDATE archive_version SET version = version + 1 WHERE id = 1; END`,
          )
          .execute(db);
      }
    }
    return;
  }
  await sql`CREATE FUNCTION bump_archive_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE archive_version SET version = version + 1 WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of SEARCHED_TABLES) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_archive_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_archive_version()`,
      )
      .execute(db);
  }
}
