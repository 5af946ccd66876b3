import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_URL } from '../../../test/stores.ts';
import { createSeries } from '../../repositories/work.repository.ts';
import { openStore, type Store } from '../connect.ts';
import type { Database } from '../database.ts';
import { migrationsFor } from './index.ts';

/** An archive as the Quire before this migration left it: every migration but 0023. */
async function olderArchive(dialect: 'sqlite' | 'postgres', where: string): Promise<Kysely<Database>> {
  const sqlite = () => {
    const database = new SQLite(join(where, 'quire.db'));
    database.pragma('foreign_keys = ON');
    return database;
  };
  const db =
    dialect === 'sqlite'
      ? new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite() }) })
      : new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${where}` }),
          }),
        });
  const all = await migrationsFor(dialect).getMigrations();
  const { error } = await new Migrator({
    db,
    provider: {
      getMigrations: async () => Object.fromEntries(Object.entries(all).filter(([name]) => name < '0023')),
    },
    allowUnorderedMigrations: true,
    ...(dialect === 'postgres' ? { migrationTableSchema: where } : {}),
  }).migrateToLatest();
  if (error) throw error;
  return db;
}

describe.each(DIALECTS)('series titles made not unique on %s', (dialect) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every series, its ids and bookmarks, and then takes a second series of a title', async () => {
    const where =
      dialect === 'sqlite'
        ? mkdtempSync(join(tmpdir(), 'quire-series-'))
        : `quire_series_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`CREATE SCHEMA "${where}"`);
      await client.end();
      cleanups.push(async () => {
        const dropper = new pg.Client({ connectionString: PG_URL });
        await dropper.connect();
        await dropper.query(`DROP SCHEMA IF EXISTS "${where}" CASCADE`);
        await dropper.end();
      });
    }
    const older = await olderArchive(dialect, where);
    const drabbles = await createSeries(older, 'Drabbles');
    const gone = await createSeries(older, 'Gone');
    await older.deleteFrom('series').where('id', '=', gone).execute();
    const user = await older
      .insertInto('users')
      .values({
        name: 'willow',
        email: null,
        password_hash: null,
        created_at: '2026-01-01T00:00:00Z',
        suspended_until: null,
        suspended_reason: null,
        password_changed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await older
      .insertInto('bookmarks')
      .values({
        user_id: user.id,
        work_id: null,
        series_id: drabbles,
        notes: null,
        created_at: '2026-01-01',
        updated_at: '2026-01-01',
      })
      .execute();
    await expect(createSeries(older, 'Drabbles')).rejects.toThrow();
    await older.destroy();

    let store: Store;
    if (dialect === 'sqlite') store = await openStore({ dataDir: where });
    else store = await openStore({ databaseUrl: PG_URL, schema: where, poolSize: 2 });
    cleanups.push(() => store.close());
    const db = store.db;
    expect(await db.selectFrom('series').select(['id', 'title']).execute()).toEqual([
      { id: drabbles, title: 'Drabbles' },
    ]);
    expect(await db.selectFrom('bookmarks').select('series_id').execute()).toEqual([{ series_id: drabbles }]);
    const second = await createSeries(db, 'Drabbles');
    // A gone series' id is not handed out again: a follower of it must not come to follow another.
    expect(second).toBeGreaterThan(gone);
    // The series still moves the archive version (migration 0020's triggers, made again on SQLite).
    const version = async () =>
      Number(
        (
          await db
            .selectFrom('archive_version')
            .select('version')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow()
        ).version,
      );
    const before = await version();
    await db.updateTable('series').set({ title: 'Drabbles Two' }).where('id', '=', second).execute();
    expect(await version()).toBeGreaterThan(before);
    // And deleting a series still takes its bookmarks with it (the foreign keys point at the new table).
    await db.deleteFrom('series').where('id', '=', drabbles).execute();
    expect(await db.selectFrom('bookmarks').select('id').execute()).toEqual([]);
  });
});
