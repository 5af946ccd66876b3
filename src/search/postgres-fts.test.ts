import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStories, openTestStore, PG_URL, type TestStore } from '../../test/stores.ts';
import { postgresSearch } from './postgres-fts.ts';
import { parseWorkQuery } from './work-query.ts';
import { searchWorks } from './work-search.ts';
import { searchWorksSql } from './work-search-sql.ts';

const STORIES = [
  'Title: Ordinary Evening\nFandom: BtVS\nRating: G\n\nThe lantern swung. Willow held the lantern high; the lantern flickered.',
  'Title: The Lantern\nFandom: BtVS\nRating: G\n\nBuffy walked home through the cemetery without a light.',
  'Title: Daylight\nFandom: BtVS\nRating: G\n\nGiles polished his glasses in the library.',
];

describe('PostgreSQL text matches', () => {
  it('says which match may read each candidate’s vector: a phrase’s, not a word’s', () => {
    const terms = postgresSearch.matchTerms?.('door "opened the door" -"cold cellar" spike OR "big bad"');
    expect(terms?.positive.map((match) => match.slow)).toEqual([false, true, true]);
    expect(terms?.negative.map((match) => match.slow)).toEqual([true]);
    expect(postgresSearch.matchText('door spike')?.slow).toBe(false);
    expect(postgresSearch.matchText('door -"cold cellar"')?.slow).toBe(true);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL full text', () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore('postgres');
    await insertStories(db, STORIES);
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('finds body matches but ranks title, tag and summary matches first', async () => {
    for (const q of ['lantern', 'about lantern']) {
      const query = parseWorkQuery({ q });
      for (const result of [
        await searchWorksSql(db.store.db, db.search, query),
        await searchWorks(db.store.db, db.search, query),
      ]) {
        expect(result?.total).toBe(2);
        expect(result?.works.map((work) => work.title)).toEqual(['The Lantern', 'Ordinary Evening']);
      }
    }
  });

  it('ranks on a head vector that holds no body words', async () => {
    const { rows } = await sql<{ title: string; rank: number }>`SELECT title,
        ts_rank(search_head, plainto_tsquery('english', 'lantern')) AS rank FROM works ORDER BY title`.execute(
      db.store.db,
    );
    expect(rows.map((row) => [row.title, row.rank > 0])).toEqual([
      ['Daylight', false],
      ['Ordinary Evening', false],
      ['The Lantern', true],
    ]);
  });

  it('indexes a long story handed over as UTF-8 bytes, words past the positioned part included', async () => {
    // About 430,000 characters of filler, then a word only this story has: it lands in the unpositioned rest.
    const filler = 'Faith sharpened a stake on the crypt’s steps again tonight. '.repeat(7_200);
    const body = new TextEncoder().encode(`${filler}zeppelin ${filler}`);
    const daylight = await db.store.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', 'Daylight')
      .executeTakeFirstOrThrow();
    await db.search.indexWork(db.store.db, daylight.id, { title: 'Daylight', summary: '', tags: '', body });
    for (const q of ['zeppelin', 'sharpened']) {
      const result = await searchWorks(db.store.db, db.search, parseWorkQuery({ q }));
      expect(result.works.map((work) => work.title)).toEqual(['Daylight']);
    }
  });
});
