import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore, SERVING_SQLITE_CACHE_KB } from './connect.ts';
import { translateDatabaseError } from './errors.ts';

describe('opening the archive', () => {
  it('creates the SQLite file with WAL and foreign keys on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-connect-'));
    const store = await openStore({ dataDir: dir });
    expect(store.location).toBe(join(dir, 'quire.db'));
    await store.close();
    const raw = new SQLite(join(dir, 'quire.db'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('page_size', { simple: true })).toBe(16384);
    raw.close();
  });

  it("sets a server's smaller SQLite page cache on its connection when asked, and leaves the default else", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-connect-'));
    const cacheSize = async (options: { sqliteCacheKb?: number }) => {
      const store = await openStore({ dataDir: dir, ...options });
      const { rows } = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(store.db);
      await store.close();
      return rows[0]?.cache_size;
    };
    expect(await cacheSize({ sqliteCacheKb: SERVING_SQLITE_CACHE_KB })).toBe(-SERVING_SQLITE_CACHE_KB);
    expect(await cacheSize({})).toBe(-16000);
  });

  it('keeps the page size of an archive made before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-connect-'));
    const old = new SQLite(join(dir, 'quire.db'));
    old.pragma('page_size = 4096');
    old.exec('CREATE TABLE kept (id INTEGER)');
    old.close();
    const store = await openStore({ dataDir: dir });
    await store.close();
    const raw = new SQLite(join(dir, 'quire.db'));
    expect(raw.pragma('page_size', { simple: true })).toBe(4096);
    raw.close();
  });

  it('runs a migration that landed after a later one had already run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-connect-'));
    await (await openStore({ dataDir: dir })).close();
    // As an archive made between the two landings would be: 0022 run, 0021 not yet.
    const raw = new SQLite(join(dir, 'quire.db'));
    raw.exec("DELETE FROM kysely_migration WHERE name = '0021_listing_reads'");
    raw.exec('DROP INDEX tags_name');
    raw.exec('DROP INDEX series_works_work');
    raw.close();
    await (await openStore({ dataDir: dir })).close();
    const after = new SQLite(join(dir, 'quire.db'));
    const names = after.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    const indexes = after.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
    after.close();
    expect(names).toContain('0021_listing_reads');
    expect(indexes).toEqual(expect.arrayContaining(['tags_name', 'series_works_work']));
  });

  it('answers a kept statement with its new parameters, and after the schema changed', async () => {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'quire-kept-')) });
    const names = ['nightowl', 'dawnlark', 'duskwren'];
    for (const name of names) await store.db.insertInto('creators').values({ name }).execute();
    const byName = (name: string) =>
      store.db.selectFrom('creators').selectAll().where('name', '=', name).executeTakeFirst();
    for (const name of names) expect((await byName(name))?.name).toBe(name);
    expect(await byName('nobody')).toBeUndefined();
    // A kept statement whose table changed is prepared again by SQLite: `selectAll` sees the new column.
    await sql`ALTER TABLE creators ADD COLUMN pseud text`.execute(store.db);
    expect(await byName('dawnlark')).toMatchObject({ name: 'dawnlark', pseud: null });
    await store.close();
  });

  it('says so when another process holds the database locked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-locked-'));
    (await openStore({ dataDir: dir })).close();
    const holder = new SQLite(join(dir, 'quire.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const store = await openStore({ dataDir: dir });
      // Migrations are already done; the lock shows on the first write.
      const failure = await store.db
        .insertInto('users')
        .values({ name: 'x', created_at: 'now' })
        .execute()
        .catch((error: unknown) => error);
      expect(String(translateDatabaseError(failure, store.location))).toMatch(/is locked by another process/);
      await store.close();
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 20_000);

  it('names a file that is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-notdb-'));
    writeFileSync(
      join(dir, 'quire.db'),
      'this is not a database, just some text that is long enough to look like a header of sorts',
    );
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/is not a Quire database or is damaged/);
  });

  it('says the PostgreSQL server is not answering', async () => {
    await expect(openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(
      /The PostgreSQL server at postgres:\/\/127\.0\.0\.1:1\/test is not answering \(ECONNREFUSED\)\. Is it running\?/,
    );
  });
});
