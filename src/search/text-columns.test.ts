import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertStories, openTestStore, PG_URL, type TestStore } from '../../test/stores.ts';
import { FilterIndex } from './index/filter-index.ts';
import { postgresSearch } from './postgres-fts.ts';
import { servingSearchProvider } from './providers.ts';
import type { SearchProvider, TextColumns, TextMatch } from './search-provider.ts';
import { sqliteSearch } from './sqlite-fts.ts';
import { readTextMatch, rowsToColumns, unpackColumns } from './text-columns.ts';
import { withTextThread } from './text-thread.ts';

// "Lantern" in two titles, a summary and a tag's worth of metadata for one, the story alone for two.
const STORIES = [
  'Title: The Lantern\nAuthor: ana\nFandom: Firefly\n\nThe ship drifted.',
  'Title: Lantern Light\nAuthor: ana\nFandom: Firefly\n\nA lantern swung, and the lantern went out.',
  'Title: Dark Water\nAuthor: ben\nFandom: Firefly\n\nKaylee lit a lantern in the engine room.',
  'Title: Night Shift\nAuthor: ben\nFandom: Firefly\n\nThe lantern was the only light for miles.',
  'Title: No Light\nAuthor: cy\nFandom: Firefly\n\nNothing burned at all.',
];

const byId = ({ ids, ranks }: TextColumns) =>
  new Map(Array.from(ids, (id, i) => [id, ranks instanceof Float64Array ? (ranks[i] as number) : ranks]));

describe('a packed text match', () => {
  it('joins its rows, in order, with the ranks of each row', () => {
    const rows = [
      { ids: '3,17,250000', ranks: '0.5,0,1e-05' },
      { ids: '250001', ranks: '0.25' },
    ];
    expect(unpackColumns(rows, true)).toEqual({
      ids: Float64Array.from([3, 17, 250000, 250001]),
      ranks: Float64Array.from([0.5, 0, 0.00001, 0.25]),
    });
    expect(unpackColumns(rows, false).ranks).toBeNull();
    // Too many to rank: every work alike, said once; nothing matched: no rows and empty columns.
    expect(unpackColumns([{ ids: '4,5', ranks: null }], true).ranks).toBe('alike');
    expect(unpackColumns([], true)).toEqual({ ids: new Float64Array(0), ranks: new Float64Array(0) });
  });

  it('refuses a row that is not a list of whole numbers, or ranks that do not go with the ids', () => {
    for (const ids of ['1,,2', '1,x', '-1', '1.5', '1,', '12345678901'])
      expect(() => unpackColumns([{ ids, ranks: null }], false), ids).toThrow(/whole number|empty id/);
    expect(() => unpackColumns([{ ids: '1,2', ranks: '0.5' }], true)).toThrow(/one number for each work/);
    expect(() => unpackColumns([{ ids: '1', ranks: 'high' }], true)).toThrow(/one number for each work/);
  });
});

describe('text matches on SQLite', () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore('sqlite');
    await insertStories(db, STORIES);
  });
  afterAll(async () => db?.cleanup());

  it('leaves a match past the limit unranked, and still finds every work it matches', async () => {
    const match = sqliteSearch.matchText('lantern');
    if (!match) throw new Error('no match');
    const full = byId(await readTextMatch(db.store.db, sqliteSearch, match, true));
    const bounded = byId(await readTextMatch(db.store.db, sqliteSearch, match, true, 1));
    expect([...bounded.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect([...bounded.keys()].sort()).toEqual([...full.keys()].sort());
    // Past the limit every work ranks alike: said once, not as a rank of 0 for each.
    expect([...bounded.values()]).toEqual(['alike', 'alike', 'alike', 'alike']);
    // Under the limit, every match is ranked: the titles first.
    expect(Math.min(full.get(1) as number, full.get(2) as number)).toBeGreaterThan(
      Math.max(full.get(3) as number, full.get(4) as number),
    );
    const unranked = await readTextMatch(db.store.db, sqliteSearch, match, false, 1);
    expect(unranked.ranks).toBeNull();
    expect([...unranked.ids].sort()).toEqual([1, 2, 3, 4]);
  });

  it('reads matches in a thread of its own as on the calling thread, and the calling thread goes on meanwhile', async () => {
    const threaded = withTextThread(sqliteSearch, db.store.location);
    try {
      const match = sqliteSearch.matchText('lantern OR light');
      if (!match) throw new Error('no match');
      for (const ranked of [true, false])
        expect(byId(await readTextMatch(db.store.db, threaded, match, ranked))).toEqual(
          byId(await readTextMatch(db.store.db, sqliteSearch, match, ranked)),
        );
      // A query that keeps the thread busy (a long count) does not hold a query on this thread.
      const count =
        'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000000) SELECT max(x) AS id FROM n';
      let slowDone = false;
      const slow = { ids: { sql: count, parameters: [] }, ranked: null, limit: 1 };
      const running = threaded.readText?.(slow).then((columns) => {
        slowDone = true;
        return columns;
      });
      const rows = await db.store.db.selectFrom('works').select('title').where('id', '=', 1).execute();
      expect(rows).toEqual([{ title: 'The Lantern' }]);
      expect(slowDone).toBe(false);
      expect([...((await running)?.ids ?? [])]).toEqual([2_000_000]);
    } finally {
      await threaded.close();
    }
  });

  it('stops the thread when no query comes, and a later query starts it again and is answered the same', async () => {
    const threaded = withTextThread(sqliteSearch, db.store.location, { idleMs: 10 });
    try {
      const match = sqliteSearch.matchText('lantern');
      if (!match) throw new Error('no match');
      expect(threaded.runningThreads).toBe(0);
      const first = byId(await readTextMatch(db.store.db, threaded, match, true));
      expect([...first.keys()].sort()).toEqual([1, 2, 3, 4]);
      await vi.waitFor(() => expect(threaded.runningThreads).toBe(0), { timeout: 10_000, interval: 20 });
      expect(byId(await readTextMatch(db.store.db, threaded, match, true))).toEqual(first);
      await vi.waitFor(() => expect(threaded.runningThreads).toBe(0), { timeout: 10_000, interval: 20 });
      // A bad query fails as it would on a running thread, and the next one is answered.
      await expect(
        threaded.readText?.({ ids: { sql: 'SELECT nonsense FROM', parameters: [] }, ranked: null, limit: 1 }),
      ).rejects.toThrow(/incomplete input/);
      expect(byId(await readTextMatch(db.store.db, threaded, match, false))).toEqual(
        byId(await readTextMatch(db.store.db, sqliteSearch, match, false)),
      );
    } finally {
      await threaded.close();
    }
  });

  it('reads the count sorts in the thread as on the calling thread', async () => {
    await db.store.db
      .updateTable('works')
      .set((eb) => ({ kudos_count: eb('id', '%', 3), hits_count: eb('id', '*', 5), comments_count: 1 }))
      .execute();
    const index = await FilterIndex.load(db.store.db, 'sqlite');
    const threaded = withTextThread(sqliteSearch, db.store.location);
    try {
      const [fromThread, here] = await Promise.all([
        index.withCurrentCounts(db.store.db, threaded.readNumbers),
        index.withCurrentCounts(db.store.db),
      ]);
      for (const sort of ['kudos', 'hits', 'bookmarks', 'comments'] as const) {
        const page = (at: FilterIndex) =>
          at.pageByColumn(at.positionsOf(at.ids, null).positions, sort, 'desc', 0, 5);
        expect(page(fromThread)).toEqual(page(here));
      }
      expect(index.pageByColumn(index.positionsOf(index.ids, null).positions, 'kudos', 'desc', 0, 5)).toEqual(
        [5, 2, 4, 1, 3],
      );
    } finally {
      await threaded.close();
    }
  });
});

describe.skipIf(!PG_URL)('text matches on PostgreSQL', () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore('postgres');
    await insertStories(db, STORIES);
  });
  afterAll(async () => db?.cleanup());

  it('reads a match in one statement with the ranks the two statements give, unranked past the limit', async () => {
    // `lantern -swung` leaves out a work whose title holds the word: a head that holds it ranks only a match.
    for (const text of [
      'lantern',
      'lantern -kaylee',
      'lantern -swung',
      'lantern OR light',
      'nothing',
      'absent',
    ]) {
      const match = postgresSearch.matchText(text);
      if (!match?.packed) throw new Error('no packed match');
      const { rows: ranked } = await match.ranked.execute(db.store.db);
      const full = byId(await readTextMatch(db.store.db, postgresSearch, match, true));
      expect(full).toEqual(byId(rowsToColumns(ranked, true)));
      const bounded = byId(await readTextMatch(db.store.db, postgresSearch, match, true, 1));
      expect([...bounded.keys()].sort()).toEqual([...full.keys()].sort());
      if (full.size > 1) expect(new Set(bounded.values())).toEqual(new Set(['alike']));
      else expect(bounded).toEqual(full);
      // Unranked, the same works and no ranks.
      const { rows: ids } = await match.ids.execute(db.store.db);
      const unranked = await readTextMatch(db.store.db, postgresSearch, match, false);
      expect([...unranked.ids].sort()).toEqual(ids.map((row) => row.id).sort());
      expect(unranked.ranks).toBeNull();
    }
    const lantern = byId(
      await readTextMatch(db.store.db, postgresSearch, postgresSearch.matchText('lantern') as never, true),
    );
    expect([...lantern.keys()].sort()).toEqual([1, 2, 3, 4]);
    // The titles rank above the story text.
    expect(Math.min(lantern.get(1) as number, lantern.get(2) as number)).toBeGreaterThan(
      Math.max(lantern.get(3) as number, lantern.get(4) as number),
    );
  });

  it('reads a query PostgreSQL finds no words in as every work, or none, as the two statements do', async () => {
    // `about` is one of PostgreSQL's stop words, not one of the shared list's: its query is left empty.
    const terms = postgresSearch.matchTerms?.('about -about');
    const [positive] = terms?.positive ?? [];
    const [negative] = terms?.negative ?? [];
    if (!positive?.packed || !negative?.packed) throw new Error('no packed match');
    const all = await readTextMatch(db.store.db, postgresSearch, positive, true);
    expect([...all.ids].sort()).toEqual([1, 2, 3, 4, 5]);
    // Every work ranks the same, said once.
    expect(all.ranks).toBe('alike');
    const none = await readTextMatch(db.store.db, postgresSearch, negative, true);
    expect(none.ids.length).toBe(0);
  });
});

describe.skipIf(!PG_URL)('a match of thousands of works on PostgreSQL', () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore('postgres');
    await insertStories(db, STORIES.slice(0, 1));
    // 5,000 copies of the first work, found by a word of their own: a match sent in rows of 4,096 works.
    const { rows } = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'works' AND column_name <> 'id'`.execute(
      db.store.db,
    );
    const names = rows.map((row) => row.name);
    // Each copy's text hash its own: the archive keeps one work per text.
    const copied = names.map((name) => (name === 'text_hash' ? `text_hash || copy` : `"${name}"`));
    await sql`INSERT INTO works (${sql.raw(names.map((name) => `"${name}"`).join(', '))})
      SELECT ${sql.raw(copied.join(', '))} FROM works, generate_series(1, 5000) AS copy
      WHERE id = 1`.execute(db.store.db);
    await sql`INSERT INTO work_texts (work_id, vector)
      SELECT id, to_tsvector('english', 'A lighthouse on the rock') FROM works WHERE id > 1`.execute(
      db.store.db,
    );
  });
  afterAll(async () => db?.cleanup());

  it('reads every row of the match, ids and ranks in the same order as the two statements give them', async () => {
    const match = postgresSearch.matchText('lighthouse');
    if (!match?.packed) throw new Error('no packed match');
    const unranked = await readTextMatch(db.store.db, postgresSearch, match, false);
    expect(unranked.ids.length).toBe(5000);
    expect(new Set(unranked.ids).size).toBe(5000);
    expect(Math.min(...unranked.ids)).toBe(2);
    const { rows: ranked } = await match.ranked.execute(db.store.db);
    const full = await readTextMatch(db.store.db, postgresSearch, match, true, 10_000);
    expect(byId(full)).toEqual(byId(rowsToColumns(ranked, true)));
    expect(Array.from(full.ids)).toEqual(Array.from(full.ids).sort((a, b) => a - b));
    const alike = await readTextMatch(db.store.db, postgresSearch, match, true, 4999);
    expect(alike.ranks).toBe('alike');
    expect(alike.ids.length).toBe(5000);
  });

  it('runs a server process’s text matches one at a time, in the order asked, phrases in a line of their own', async () => {
    const match = postgresSearch.matchText('lighthouse');
    if (!match?.packed) throw new Error('no packed match');
    const packed = match.packed;
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const traced = (name: string, slow = false, gate: Promise<void> = Promise.resolve()): TextMatch => ({
      ...match,
      slow,
      packed: (limit) => {
        const builder = packed(limit);
        return {
          execute: async (on: typeof db.store.db) => {
            most = Math.max(most, ++running);
            log.push(`start ${name}`);
            try {
              await gate;
              return await builder.execute(on);
            } finally {
              running--;
              log.push(`end ${name}`);
            }
          },
        } as typeof builder;
      },
    });
    const readAll = (provider: SearchProvider) =>
      Promise.all(['a', 'b', 'c'].map((name) => readTextMatch(db.store.db, provider, traced(name), false)));
    const serving = servingSearchProvider(db.store);
    try {
      for (const { ids } of await readAll(serving)) expect(ids.length).toBe(5000);
      expect(most).toBe(1);
      expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
      // A phrase's match waits in a line of its own: a word's goes ahead while one is under way.
      let open = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      log.length = 0;
      const phrase = readTextMatch(db.store.db, serving, traced('phrase', true, gate), false);
      await readTextMatch(db.store.db, serving, traced('word'), false);
      expect(log).toEqual(['start phrase', 'start word', 'end word']);
      open();
      expect((await phrase).ids.length).toBe(5000);
      // Without the server's line the three run at once on the pool's connections.
      most = 0;
      await readAll(postgresSearch);
      expect(most).toBe(3);
    } finally {
      await serving.close();
    }
  });
});
