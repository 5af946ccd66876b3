import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * A flag on works whose file stated no date. Their `published_at` and `updated_at` keep the import day, so
 * both columns stay NOT NULL: making them nullable would mean rebuilding `works` on SQLite (and its triggers,
 * indexes and full-text links), and every reader of a date would have to handle null, when only listings,
 * sorts, filters and the few places that print a date need to know. Works imported before this migration
 * cannot be told apart from dated ones and stay dated.
 *
 * Date sorts put these works last in either direction, so "newest first" reads the flag ascending and the
 * date descending: the indexes below match that order for the two date sorts.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function addDateUnknown(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const flag = dialect === 'postgres' ? 'smallint' : 'integer';
  await db.schema
    .alterTable('works')
    .addColumn('date_unknown', flag, (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['updated_at', 'published_at']) {
    await db.schema
      .createIndex(`works_date_unknown_${column}_desc`)
      .on('works')
      .columns(['date_unknown', `${column} desc`, 'id desc'])
      .execute();
  }
}
