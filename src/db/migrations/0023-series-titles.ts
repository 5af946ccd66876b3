import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Series titles stop being unique: two writers' "Missing Scenes" are two series, as on AO3, and a writer
 * naming a series joins their own, never another writer's (repositories/work.repository.ts, `seriesIdFor`).
 * The titles keep an index of their own for that look-up.
 *
 * SQLite cannot drop a column's UNIQUE, so the table is made again under the same ids, with foreign keys off
 * (dropping the old table must not cascade to bookmarks of a series) and the version triggers of migration
 * 0020 made again. Kysely runs SQLite's migrations outside a transaction, so the pragma takes effect.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function unlockSeriesTitles(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`DO $$
      DECLARE constraint_name text;
      BEGIN
        FOR constraint_name IN
          SELECT conname FROM pg_constraint WHERE conrelid = 'series'::regclass AND contype = 'u'
        LOOP
          EXECUTE format('ALTER TABLE series DROP CONSTRAINT %I', constraint_name);
        END LOOP;
      END $$`.execute(db);
    await db.schema.createIndex('series_title').on('series').column('title').execute();
    return;
  }
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      const sequence = await sql<{
        seq: number;
      }>`SELECT seq FROM sqlite_sequence WHERE name = 'series'`.execute(trx);
      await trx.schema
        .createTable('series_next')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('title', 'text', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO series_next (id, title) SELECT id, title FROM series`.execute(trx);
      await trx.schema.dropTable('series').execute();
      await trx.schema.alterTable('series_next').renameTo('series').execute();
      // Ids of series gone stay unused: a bookmark or subscription of one must not come to name another.
      const last = sequence.rows[0]?.seq ?? 0;
      await sql`UPDATE sqlite_sequence SET seq = max(seq, ${last}) WHERE name = 'series'`.execute(trx);
      await sql`INSERT INTO sqlite_sequence (name, seq) SELECT 'series', ${last}
        WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'series')`.execute(trx);
      for (const event of ['INSERT', 'UPDATE', 'DELETE'])
        await sql
          .raw(
            `CREATE TRIGGER series_${event.toLowerCase()}_archive_version AFTER ${event} ON series BEGIN UPDATE archive_version SET version = version + 1 WHERE id = 1; END`,
          )
          .execute(trx);
      await trx.schema.createIndex('series_title').on('series').column('title').execute();
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0)
        throw new Error('series could not be made again: a foreign key would break');
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}
