/**
 * Repository and search tests run once per database: SQLite always, PostgreSQL when QUIRE_TEST_PG_URL is
 * set (CI sets it). Each PostgreSQL run works in a schema of its own, dropped afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadKnowledge } from '../src/analysis/packs/pack.loader.ts';
import { tagWork } from '../src/analysis/tag-work.ts';
import { openStore, type Store } from '../src/db/connect.ts';
import { insertWork } from '../src/repositories/work.repository.ts';
import { toWorkInput } from '../src/repositories/work-input.ts';
import { postgresSearch } from '../src/search/postgres-fts.ts';
import type { SearchProvider } from '../src/search/search-provider.ts';
import { sqliteSearch } from '../src/search/sqlite-fts.ts';
import { readText } from './helpers.ts';

export interface TestStore {
  store: Store;
  search: SearchProvider;
  cleanup(): Promise<void>;
}

export const PG_URL = process.env.QUIRE_TEST_PG_URL;
export const DIALECTS = PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
if (!PG_URL) console.log('QUIRE_TEST_PG_URL is not set: PostgreSQL tests are skipped; SQLite tests run.');

export async function openTestStore(dialect: 'sqlite' | 'postgres'): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'quire-db-')) });
    return { store, search: sqliteSearch, cleanup: () => store.close() };
  }
  const schema = `quire_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 4 });
  return {
    store,
    search: postgresSearch,
    cleanup: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** Read, analyse and store stories given as text, as an import would. */
export async function insertStories(
  db: TestStore,
  stories: readonly string[],
  published = '2026-01-01',
): Promise<void> {
  const knowledge = loadKnowledge();
  for (const text of stories) {
    const tagged = tagWork(await readText(text), knowledge);
    const input = toWorkInput(tagged, knowledge, `${published}T00:00:00Z`);
    await insertWork(db.store.db, db.search, input, `${published}T00:00:00Z`);
  }
}
