import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Tables whose changes pages show without a change to `works`: who wrote a work (a co-creator's accepted
 * invitation, an account deleted and its names taken off) and the series a work is in. Until now none of them
 * moved the archive version, so a kept page (web/page-cache.ts) went on showing the old creators or series.
 */
const SHOWN_TABLES = ['work_creators', 'creators', 'series', 'series_works'] as const;

/** The archive version (row 1, migration 0002) bumped by changes to the creators and series tables too. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function watchCreatorsAndSeries(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const table of SHOWN_TABLES) {
    if (dialect === 'sqlite') {
      for (const event of ['insert', 'update', 'delete'] as const)
        await sql
          .raw(
            `CREATE TRIGGER ${table}_${event}_archive_version AFTER ${event.toUpperCase()} ON ${table} BEGIN UPDATE archive_version SET version = version + 1 WHERE id = 1; END`,
          )
          .execute(db);
    } else {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_archive_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_archive_version()`,
        )
        .execute(db);
    }
  }
}
