import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { watchWorksColumns } from './0017-counts-version.ts';

/**
 * A work's two dates known apart. `date_unknown` (migration 0016) marked a work whose file stated no date,
 * and an edit cleared it, so the import day it kept as `published_at` then showed as the day the work was
 * first posted. From here `date_unknown` says the publishing date is unknown, which nothing clears, and
 * `updated_unknown` says the update date is: a new chapter dates the work's update, never its publishing.
 *
 * "Recently updated" reads the new flag ascending and the date descending, as 0016's index did for
 * `date_unknown`, so that index is replaced by one on the new flag.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function addUpdatedUnknown(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const flag = dialect === 'postgres' ? 'smallint' : 'integer';
  await db.schema
    .alterTable('works')
    .addColumn('updated_unknown', flag, (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE works SET updated_unknown = date_unknown WHERE date_unknown = 1`.execute(db);
  await db.schema.dropIndex('works_date_unknown_updated_at_desc').execute();
  await db.schema
    .createIndex('works_updated_unknown_updated_at_desc')
    .on('works')
    .columns(['updated_unknown', 'updated_at desc', 'id desc'])
    .execute();
  await watchWorksColumns(db, dialect);
}
