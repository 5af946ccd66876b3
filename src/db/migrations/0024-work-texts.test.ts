import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readText } from '../../../test/helpers.ts';
import { PG_URL } from '../../../test/stores.ts';
import { loadKnowledge } from '../../analysis/packs/pack.loader.ts';
import { tagWork } from '../../analysis/tag-work.ts';
import { insertWork } from '../../repositories/work.repository.ts';
import type { WorkIndexer } from '../../repositories/work-indexer.ts';
import { toWorkInput } from '../../repositories/work-input.ts';
import { postgresSearch } from '../../search/postgres-fts.ts';
import { parseWorkQuery } from '../../search/work-query.ts';
import { searchWorks } from '../../search/work-search.ts';
import { openStore } from '../connect.ts';
import type { Database } from '../database.ts';
import { migrationsFor } from './index.ts';

/** How works were indexed before this migration: both vectors on the works row. */
const olderIndexer: WorkIndexer = {
  async indexWork(db, workId, document) {
    const body = typeof document.body === 'string' ? document.body : new TextDecoder().decode(document.body);
    await sql`UPDATE works SET
        search_head = setweight(to_tsvector('english', ${document.title}), 'A') ||
          setweight(to_tsvector('english', ${document.tags}), 'B') ||
          setweight(to_tsvector('english', ${document.summary}), 'B'),
        search_vector = setweight(to_tsvector('english', ${document.title}), 'A') ||
          setweight(to_tsvector('english', ${document.tags}), 'B') ||
          setweight(to_tsvector('english', ${document.summary}), 'B') || to_tsvector('english', ${body})
      WHERE id = ${workId}`.execute(db);
  },
  async removeWork() {},
};

/** A body of many different words, whose vector passes PostgreSQL's 2 kB row threshold. */
const LONG_BODY = Array.from({ length: 600 }, (_, i) => `ward${i}`).join(' ');

const STORIES = [
  'Title: The Lantern\nFandom: BtVS\nRating: G\n\nBuffy walked home through the cemetery without a light.',
  'Title: Ordinary Evening\nFandom: BtVS\nRating: G\n\nThe lantern swung. Willow held the lantern high.',
  `Title: Daylight\nFandom: BtVS\nRating: G\n\nGiles polished his glasses in the library. ${LONG_BODY}`,
];

describe.skipIf(!PG_URL)('full-text vectors moved to work_texts on PostgreSQL', () => {
  const schema = `quire_texts_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every work findable, indexes new works there and drops a work’s vector with the work', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    const older: Kysely<Database> = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` }),
      }),
    });
    const all = await migrationsFor('postgres').getMigrations();
    const { error } = await new Migrator({
      db: older,
      provider: {
        getMigrations: async () => Object.fromEntries(Object.entries(all).filter(([name]) => name < '0024')),
      },
      migrationTableSchema: schema,
    }).migrateToLatest();
    if (error) throw error;
    const knowledge = loadKnowledge();
    const ids: number[] = [];
    // Today's insertWork writes a column a later migration (0028) adds: lent for the inserts, then taken away.
    await sql`ALTER TABLE works ADD COLUMN updated_unknown smallint NOT NULL DEFAULT 0`.execute(older);
    for (const text of STORIES) {
      const input = toWorkInput(tagWork(await readText(text), knowledge), knowledge, '2026-01-01T00:00:00Z');
      ids.push(await insertWork(older, olderIndexer, input, '2026-01-01T00:00:00Z'));
    }
    await sql`ALTER TABLE works DROP COLUMN updated_unknown`.execute(older);
    await older.destroy();

    const store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 2 });
    cleanups.push(() => store.close());
    const db = store.db;
    const columns = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = ${schema} AND table_name = 'works'`.execute(db);
    expect(columns.rows.map((row) => row.name)).not.toContain('search_vector');
    // Migration 0028 on the way: works whose file stated no date have an unknown update date too.
    const undated = await db.selectFrom('works').select(['date_unknown', 'updated_unknown']).execute();
    expect(undated.map((row) => [Number(row.date_unknown), Number(row.updated_unknown)])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const titles = async (q: string) =>
      (await searchWorks(db, postgresSearch, parseWorkQuery({ q })))?.works.map((work) => work.title);
    // Title matches rank first, as before; body matches are found through the moved vectors.
    expect(await titles('lantern')).toEqual(['The Lantern', 'Ordinary Evening']);
    expect(await titles('glasses')).toEqual(['Daylight']);

    const input = toWorkInput(
      tagWork(
        await readText(`Title: Patrol\nFandom: BtVS\nRating: G\n\nFaith swung a lantern. ${LONG_BODY}`),
        knowledge,
      ),
      knowledge,
      '2026-01-02T00:00:00Z',
    );
    const patrol = await insertWork(db, postgresSearch, input, '2026-01-02T00:00:00Z');
    expect(await titles('lantern')).toEqual(['The Lantern', 'Patrol', 'Ordinary Evening']);
    // What the table is for: a long work's vector, migrated or new, is out of its row (in the TOAST table),
    // so a match reads an id and a pointer; the short ones stay in their rows.
    const toast = await sql<{ name: string }>`SELECT reltoastrelid::regclass::text AS name FROM pg_class
      WHERE oid = 'work_texts'::regclass`.execute(db);
    const stored = await sql<{ n: number }>`SELECT count(DISTINCT chunk_id)::integer AS n
      FROM ${sql.raw(toast.rows[0]?.name ?? 'missing')}`.execute(db);
    expect(stored.rows[0]?.n).toBe(2);

    await db
      .deleteFrom('works')
      .where('id', 'in', [patrol, ids[1] as number])
      .execute();
    const left = await sql<{ work_id: number }>`SELECT work_id FROM work_texts ORDER BY work_id`.execute(db);
    expect(left.rows.map((row) => row.work_id)).toEqual([ids[0], ids[2]]);
    expect(await titles('lantern')).toEqual(['The Lantern']);
  });
});
