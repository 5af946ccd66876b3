import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { parseWorkQuery, type QueryInput } from './work-query.ts';
import { searchWorks } from './work-search.ts';

const STORIES = [
  'Title: Library Hours\nAuthor: a\nFandom: BtVS\nPairing: S/W\nRating: PG\nPublished: 2010-01-05\n\nWillow was researching demons in the library. Spike kissed her between the stacks.',
  'Title: Rooftops\nAuthor: b\nFandom: Buffy the Vampire Slayer\nPairing: Spuffy\nRating: NC-17\nPublished: 2012-06-01\n\nBuffy pushed Spike down. His cock was hard; he thrust into her and she came, her nipples in his mouth.',
  'Title: Tea\nAuthor: c\nFandom: Sherlock (TV)\nPairing: John/Sherlock\nRating: G\nPublished: 2015-03-03\n\nSherlock made the tea badly. John drank it anyway, smiling, and Sherlock kissed him.\n\nTBC',
];

describe.each(DIALECTS)('search on %s', (dialect) => {
  let db: TestStore;
  const search = (input: QueryInput) => searchWorks(db.store.db, db.search, parseWorkQuery(input));
  const titles = async (input: QueryInput) => (await search(input)).works.map((work) => work.title).sort();

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
  });
  afterAll(async () => db?.cleanup());

  it('filters by a tag, and by a synonym the way it filters by its canonical tag', async () => {
    expect(await titles({ tags: 'Spike/Willow Rosenberg' })).toEqual(['Library Hours']);
    expect(await titles({ tags: 'S/W' })).toEqual(['Library Hours']);
    expect(await titles({ tags: 'Buffy the Vampire Slayer' })).toEqual(['Library Hours', 'Rooftops']);
  });

  it('excludes tags, filters ratings, completeness and main pairings', async () => {
    expect(await titles({ tags: 'Buffy the Vampire Slayer', exclude_tags: 'Buffy Summers/Spike' })).toEqual([
      'Library Hours',
    ]);
    expect(await titles({ rating: 'Explicit' })).toEqual(['Rooftops']);
    expect(await titles({ complete: 'in-progress' })).toEqual(['Tea']);
    expect(await titles({ main_relationship: 'John Watson/Sherlock Holmes' })).toEqual(['Tea']);
  });

  it('searches the text with stemming, and treats hostile strings as data', async () => {
    expect(await titles({ q: 'researched demon' })).toEqual(['Library Hours']);
    for (const hostile of [
      '"',
      "'; DROP TABLE works; --",
      'NEAR(a b)',
      '* OR -',
      'title:x',
      '!!',
      '(((',
      '\\',
    ]) {
      const result = await search({ q: hostile });
      expect(result.total).toBeGreaterThanOrEqual(0);
    }
    expect(await titles({ q: 'tea -badly' })).toEqual([]);
  });

  it('reads the operators readers know: -word alone, OR, phrases, title: and creator:', async () => {
    // A query of only exclusions means every work but those, not the works it names.
    expect(await titles({ q: '-Spike' })).toEqual(['Tea']);
    expect(await titles({ q: '-"tea badly" -library' })).toEqual(['Rooftops']);
    expect(await titles({ q: 'library OR tea' })).toEqual(['Library Hours', 'Tea']);
    expect(await titles({ q: 'kissed OR thrust -library' })).toEqual(['Rooftops', 'Tea']);
    expect(await titles({ q: 'title:roof' })).toEqual(['Rooftops']);
    expect(await titles({ q: 'spike -title:roof' })).toEqual(['Library Hours']);
    expect(await titles({ q: 'creator:B' })).toEqual(['Rooftops']);
    expect(await titles({ q: '-author:b -creator:c' })).toEqual(['Library Hours']);
    expect(await titles({ title: 'HOURS' })).toEqual(['Library Hours']);
    expect(await titles({ creator: 'c', q: 'kissed' })).toEqual(['Tea']);
    expect(await titles({ creator: '%' })).toEqual([]);
    expect(await titles({ q: 'the' })).toEqual([]);
  });

  it('counts facets over the result set and gives an empty result for an unknown tag', async () => {
    const result = await search({ tags: 'Buffy the Vampire Slayer' });
    expect(result.total).toBe(2);
    expect(
      result.facets.character.find((facet) => facet.name === 'Spike (Buffy the Vampire Slayer)')?.count,
    ).toBe(2);
    expect((await search({ tags: 'No Such Tag' })).total).toBe(0);
  });

  it('sorts and pages', async () => {
    const byTitle = await search({ sort: 'title', per_page: '2', page: '2' });
    expect(byTitle.total).toBe(3);
    expect(byTitle.works.map((work) => work.title)).toEqual(['Tea']);
    const byPublished = await search({ sort: 'published' });
    expect(byPublished.works.map((work) => work.title)).toEqual(['Tea', 'Rooftops', 'Library Hours']);
  });
});

describe('bad queries', () => {
  it.each([
    [{ sort: 'random' }, /sort "random" is not one of/],
    [{ words_min: '-5' }, /words_min must be between 0/],
    [{ published_from: '2020-13-40' }, /is not a date/],
    [{ page: '0' }, /page must be between 1/],
    [{ colour: 'blue' }, /"colour" is not a search option/],
  ])('names what is wrong in %o', (input, message) => {
    expect(() => parseWorkQuery(input as QueryInput)).toThrow(message);
  });
});
