import { dirname } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../bench/story-text.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { openStore } from '../../db/connect.ts';
import type { DraftChapter } from '../../ingest/story.ts';
import { readArchiveVersion } from '../../repositories/archive-version.ts';
import {
  deleteWork,
  insertWork,
  type TagAssignment,
  type WorkInput,
} from '../../repositories/work.repository.ts';
import { makeSynonym, renameTag } from '../../services/tag.service.ts';
import { type ColumnSort, SORT_COLUMNS } from '../search-result.ts';
import { parseWorkQuery, type QueryInput } from '../work-query.ts';
import { searchWorks, searchWorksWithIndex } from '../work-search.ts';
import { searchWorksSql } from '../work-search-sql.ts';
import { currentFilterIndex } from './current-index.ts';
import { FilterIndex } from './filter-index.ts';
import type { TextPositions } from './text-positions.ts';

const VOCABULARY =
  'willow spike buffy library night stake crypt vampire slayer magic book door window quiet dark cold light smile whisper remember morning'.split(
    ' ',
  );
const FANDOMS = ['Buffy the Vampire Slayer', 'Sherlock (TV)', 'Harry Potter - J. K. Rowling', 'Due South'];
const FREEFORMS = ['Angst', 'angst', 'Fluff', 'Hurt/Comfort', 'Äsop', 'Zebras', 'Slow Burn', 'Émile'];
const TITLES = [
  'The Crypt',
  'a Library',
  'Ärger',
  'zebra',
  'Zebra',
  'Night',
  '',
  'Morning Light',
  '"Quoted"',
];
const CREATORS = ['amy', 'Bob', 'émile', 'zed', 'Zoë'];
const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated'];
const WARNINGS = ['No Archive Warnings Apply', 'Graphic Depictions Of Violence', 'Major Character Death'];

/** A varied archive with many ties (words, dates, counts, titles) so orders and tie-breaks are exercised. */
function generatedWorks(count: number): WorkInput[] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, index) => {
    const fandom = pick(FANDOMS);
    const tag = (kind: TagAssignment['kind'], name: string, extra: Partial<TagAssignment> = {}) => ({
      kind,
      name,
      canonical: true,
      source: 'author' as const,
      main: false,
      evidence: [],
      ...extra,
    });
    const tags: TagAssignment[] = [tag('fandom', fandom)];
    if (random() < 0.2) tags.push(tag('fandom', pick(FANDOMS.filter((other) => other !== fandom))));
    const rating = pick(RATINGS);
    tags.push(tag('rating', rating), tag('warning', pick(WARNINGS)));
    const characters = [...new Set([pick(['A', 'B', 'C', 'D']), pick(['A', 'B', 'C', 'D'])])].map(
      (name) => `${name} (${fandom.slice(0, 3)})`,
    );
    for (const name of characters) tags.push(tag('character', name, { parentFandom: fandom }));
    if (characters.length === 2) {
      const pair = [...characters].sort().join('/');
      const original = random() < 0.3 ? pair.replace(/ \([^)]*\)/g, '') : undefined;
      tags.push(
        tag('relationship', pair, {
          main: random() < 0.6,
          parentFandom: fandom,
          ...(original ? { original } : {}),
        }),
      );
      tags.push(tag('category', pick(['F/M', 'M/M', 'F/F'])));
    } else tags.push(tag('category', 'Gen'));
    for (let i = 0; i < Math.floor(random() * 4); i++)
      tags.push(tag('freeform', pick(FREEFORMS), { canonical: false }));
    const text = Array.from({ length: 10 + Math.floor(random() * 30) }, () => pick(VOCABULARY)).join(' ');
    const chapter: DraftChapter = {
      title: null,
      notes: null,
      endNotes: null,
      blocks: [{ type: 'paragraph', text, html: text }],
      words: pick([100, 500, 1000, 2500, 40_000]),
    };
    const published = `${2010 + Math.floor(random() * 5)}-0${1 + Math.floor(random() * 3)}-15`;
    return {
      title: random() < 0.05 ? null : `${pick(TITLES)}${random() < 0.5 ? '' : ` ${index % 7}`}`,
      creators: [pick(CREATORS)],
      summary: random() < 0.5 ? pick(VOCABULARY) : null,
      notes: null,
      endNotes: null,
      rating,
      language: pick(['en', 'en', 'en', 'es', 'fr']),
      complete: random() < 0.6,
      chaptersPlanned: null,
      publishedAt: published,
      updatedAt: random() < 0.5 ? published : `${2015 + Math.floor(random() * 3)}-06-01`,
      sourceUrl: null,
      series: [],
      chapters: [chapter],
      tags,
      review: [],
      textHash: `generated-${index}`,
    };
  });
}

const QUERIES: QueryInput[] = [
  {},
  { facets: '0' },
  { facets: '100' },
  { tags: 'Buffy the Vampire Slayer' },
  { tags: ['Buffy the Vampire Slayer', 'Angst'], exclude_tags: 'Fluff' },
  { tags: 'A/B', sort: 'kudos' },
  { tags: 'A (Buf)/B (Buf)' },
  { main_relationship: 'A (Buf)/B (Buf)', sort: 'words', order: 'asc' },
  { main_relationship: 'Not A Pairing' },
  { tags: 'No Such Tag' },
  { exclude_tags: 'No Such Tag', sort: 'hits' },
  { tags: 'angst', exclude_tags: ['Angst', 'Zebras'] },
  { exclude_tags: ['Sherlock (TV)', 'Due South'], rating: ['Mature', 'Explicit'] },
  { exclude_rating: 'Explicit', complete: 'in-progress', sort: 'bookmarks' },
  { warning: 'Major Character Death', exclude_warning: 'Graphic Depictions Of Violence' },
  { category: 'F/M', exclude_category: 'Gen', sort: 'comments', order: 'asc' },
  { words_min: '500', words_max: '2500', sort: 'words' },
  { words_min: '40001' },
  { published_from: '2011-02-15', published_to: '2012-03-15', sort: 'published', order: 'asc' },
  { updated_from: '2015-06-01', updated_to: '2015-06-01', sort: 'updated' },
  { updated_from: '2030-01-01' },
  { language: 'es', sort: 'title' },
  { language: 'de' },
  { crossovers: 'only', sort: 'author', order: 'desc' },
  { crossovers: 'exclude', fandoms_max: '0' },
  { fandoms_min: '1', fandoms_max: '1', sort: 'title', order: 'desc' },
  { sort: 'title', per_page: '7', page: '3' },
  { sort: 'author', per_page: '1', page: '40' },
  { sort: 'kudos', order: 'asc', per_page: '200' },
  { page: '1000' },
  { q: 'willow' },
  { q: 'willow', order: 'asc' },
  { q: 'crypt magic', page: '2', per_page: '5' },
  { q: 'crypt', sort: 'updated', tags: 'Fluff' },
  { q: '"quiet dark"', sort: 'title' },
  { q: 'library -night' },
  { q: 'willow willow spike -crypt -"dark cold"', per_page: '50' },
  { q: 'whisper morning remember', order: 'asc', page: '3', per_page: '4' },
  { q: 'nonexistentword' },
  { q: 'the and of' },
  { q: "'; DROP TABLE works; --", tags: "Robert'); DROP TABLE tags;--" },
  { tags: '%', exclude_tags: '_' },
  { q: 'NEAR(willow spike)', exclude_tags: '"' },
];

describe.each(DIALECTS)('the filter index on %s', (dialect) => {
  let db: TestStore;
  let index: FilterIndex;
  const query = (input: QueryInput) => parseWorkQuery(input);

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await db.store.db.transaction().execute(async (trx) => {
      for (const work of generatedWorks(160)) await insertWork(trx, db.search, work, '2026-01-01T00:00:00Z');
    });
    await sql`UPDATE works SET kudos_count = (id * 7) % 5, hits_count = (id * 13) % 4, bookmarks_count = id % 3, comments_count = (id * 3) % 2`.execute(
      db.store.db,
    );
    // Some works whose files stated no date: date sorts put them last in either direction.
    await sql`UPDATE works SET date_unknown = 1 WHERE id % 9 = 0`.execute(db.store.db);
    index = await FilterIndex.load(db.store.db, dialect);
  }, 60_000);
  afterAll(async () => db?.cleanup());

  it.each(QUERIES.map((input) => [JSON.stringify(input), input]))(
    'answers %s as SQL does',
    async (_, input) => {
      const parsed = query(input as QueryInput);
      const expected = await searchWorksSql(db.store.db, db.search, parsed);
      expect(await searchWorksWithIndex(db.store.db, db.search, parsed, index)).toEqual(expected);
      // Again, from the text cache.
      expect(await searchWorksWithIndex(db.store.db, db.search, parsed, index)).toEqual(expected);
    },
  );

  it('pages a few matches as the walk over the whole order does, undated works last, in every sort', () => {
    const random = seededRandom(7);
    const all = Uint32Array.from(index.ids.keys());
    for (const sort of Object.keys(SORT_COLUMNS) as ColumnSort[])
      for (const order of ['asc', 'desc'] as const) {
        // Every match: the walk, whatever the sizes.
        const whole = index.pageByColumn(all, sort, order, 0, index.size);
        for (const size of [1, 2, 5, 12]) {
          const picked = Uint32Array.from(all.filter(() => random() < size / index.size)).sort();
          if (picked.length === 0) continue;
          const ids = new Set([...picked].map((position) => index.ids[position]));
          const offset = Math.floor(random() * 3);
          expect(index.pageByColumn(picked, sort, order, offset, 4)).toEqual(
            whole.filter((id) => ids.has(id)).slice(offset, offset + 4),
          );
        }
      }
  });

  it('pages a match too large to rank (every rank 0) from the highest id down, as ranked ties are', () => {
    const text = index.positionsOf(index.ids, new Float64Array(index.size));
    const byIdDescending = [...index.ids].sort((a, b) => b - a);
    expect(index.pageByRank(text.positions, text, 'desc', 3, 5)).toEqual(byIdDescending.slice(3, 8));
    expect(index.pageByRank(text.positions, text, 'asc', 158, 5)).toEqual(byIdDescending.slice(158));
  });

  it('keeps a match too large to rank as ranked alike, paging and adding up as every rank 0 did', async () => {
    const zeros = (positions: Uint32Array): TextPositions => ({
      positions,
      ranks: new Float64Array(positions.length),
    });
    const every = index.positionsOf(index.ids, new Float64Array(index.size));
    expect(every.ranks).toBe('alike');
    expect(every.positions).toEqual(index.positionsOf(index.ids, null).positions);
    // Some of the works, ranked: a rarer word searched with a common one.
    const some = index.ids.filter((_, i) => i % 3 === 0);
    const rarer = index.positionsOf(
      some,
      some.map((id) => (id * 37) % 11),
    );
    const odd = index.positionsOf(
      index.ids.filter((id) => id % 2 === 1),
      new Float64Array(index.ids.filter((id) => id % 2 === 1).length),
    );
    expect(odd.ranks).toBe('alike');
    const pages = (text: TextPositions, matches = text.positions) =>
      (['desc', 'asc'] as const).flatMap((order) =>
        [0, 5, 40, 150].map((offset) => index.pageByRank(matches, text, order, offset, 20)),
      );
    // Alone, with a filter's matches, and added to other terms (ranked, alike, left out).
    expect(pages(every)).toEqual(pages(zeros(every.positions)));
    expect(pages(every, odd.positions)).toEqual(pages(zeros(every.positions), odd.positions));
    for (const [terms, withZeros] of [
      [
        [every, rarer],
        [zeros(every.positions), rarer],
      ],
      [
        [rarer, every],
        [rarer, zeros(every.positions)],
      ],
      [
        [every, odd],
        [zeros(every.positions), zeros(odd.positions)],
      ],
    ] as const) {
      const combined = index.combineTerms([...terms], [], true);
      const before = index.combineTerms([...withZeros], [], true);
      expect(combined.positions).toEqual(before.positions);
      expect(pages(combined)).toEqual(pages(before));
      if (combined.ranks !== 'alike') expect(combined.ranks).toEqual(before.ranks);
      const without = index.combineTerms([...terms], [odd], true);
      expect(pages(without)).toEqual(pages(index.combineTerms([...withZeros], [zeros(odd.positions)], true)));
    }
    expect(index.combineTerms([every, odd], [], true).ranks).toBe('alike');
    expect(index.combineTerms([every, odd], [], false).ranks).toBeNull();
    // Kept, it costs its positions alone.
    const fresh = await FilterIndex.load(db.store.db, dialect);
    const empty = fresh.byteSize();
    fresh.keepText('every work', every);
    expect(fresh.keptText('every work')).toBe(every);
    expect(fresh.byteSize() - empty).toBe(every.positions.byteLength);
  });

  it('holds every work and its tags in a few typed arrays', () => {
    expect(index.size).toBe(160);
    expect(index.byteSize()).toBeGreaterThan(0);
    // A synonym resolves to its canonical tag, of the kind asked for.
    expect(index.resolveTag('A/B', 'relationship')).not.toBe(-1);
    expect(index.resolveTag('A/B')).toBe(index.resolveTag('A/B', 'relationship'));
    expect(index.resolveTag('A/B', 'fandom')).toBe(-1);
    expect(index.resolveTag('No Such Tag')).toBe(-1);
  });
});

describe.each(DIALECTS)('search sees every change at once on %s', (dialect) => {
  let db: TestStore;
  const total = async (input: QueryInput) =>
    (await searchWorks(db.store.db, db.search, parseWorkQuery(input))).total;
  const bumps = async (change: () => Promise<unknown>) => {
    const before = await readArchiveVersion(db.store.db);
    await change();
    return (await readArchiveVersion(db.store.db)) > before;
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    for (const work of generatedWorks(20))
      await insertWork(db.store.db, db.search, work, '2026-01-01T00:00:00Z');
  }, 60_000);
  afterAll(async () => db?.cleanup());

  it('after a work is added, a tag renamed or made a synonym, counts changed and a work deleted', async () => {
    expect(await total({})).toBe(20);
    expect(await currentFilterIndex(db.store.db, dialect)).not.toBeNull();

    const [extra] = generatedWorks(21).slice(20);
    const work = {
      ...(extra as WorkInput),
      textHash: 'fresh',
      tags: [
        ...(extra as WorkInput).tags,
        {
          kind: 'freeform' as const,
          name: 'Brand New',
          canonical: true,
          source: 'author' as const,
          main: false,
          evidence: [],
        },
      ],
    };
    let id = 0;
    expect(
      await bumps(async () => {
        id = await insertWork(db.store.db, db.search, work, '2026-01-02T00:00:00Z');
      }),
    ).toBe(true);
    expect(await total({})).toBe(21);
    expect(await total({ tags: 'Brand New' })).toBe(1);

    expect(await bumps(() => renameTag(db.store.db, 'Brand New', 'Renamed'))).toBe(true);
    expect(await total({ tags: 'Brand New' })).toBe(0);
    const facets = (await searchWorks(db.store.db, db.search, parseWorkQuery({ tags: 'Renamed' }))).facets;
    expect(facets.freeform.map((facet) => facet.name)).toContain('Renamed');

    const angst = await total({ tags: 'Angst' });
    expect(await bumps(() => makeSynonym(db.store.db, 'angst', 'Angst'))).toBe(true);
    expect(await total({ tags: 'Angst' })).toBeGreaterThan(angst);
    expect(await total({ tags: 'angst' })).toBe(await total({ tags: 'Angst' }));

    // Counts move their own counter: the index reorders its count sorts and keeps the rest.
    // Under load the reloads after the changes above may still be spaced out (SQL answers meanwhile).
    let loaded = await currentFilterIndex(db.store.db, dialect);
    for (let tries = 0; !loaded && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      loaded = await currentFilterIndex(db.store.db, dialect);
    }
    expect(
      await bumps(() =>
        db.store.db.updateTable('works').set({ kudos_count: 1_000_000 }).where('id', '=', id).execute(),
      ),
    ).toBe(false);
    // A search that does not sort by a count does not wait for the reordering; one that does, does.
    expect(await currentFilterIndex(db.store.db, dialect, { sortsByCount: false })).toBe(loaded);
    const top = await searchWorks(db.store.db, db.search, parseWorkQuery({ sort: 'kudos' }));
    expect(top.works[0]?.id).toBe(id);
    const recounted = await currentFilterIndex(db.store.db, dialect);
    expect(recounted?.version).toBe(loaded?.version);
    expect(recounted?.countsVersion).toBeGreaterThan(loaded?.countsVersion ?? Infinity);
    const match = { positions: Uint32Array.of(0), ranks: null };
    loaded?.keepText('a kept match', match);
    expect(recounted?.keptText('a kept match')).toBe(match);

    expect(await bumps(() => deleteWork(db.store.db, db.search, id))).toBe(true);
    expect(await total({})).toBe(20);
    expect(await total({ tags: 'Renamed' })).toBe(0);
  });

  it('after another connection changes the archive', async () => {
    const before = await total({ rating: 'Explicit' });
    // Another process writes straight to the database: the next search must still see it.
    const other = dialect === 'sqlite' ? await openStore({ dataDir: dirname(db.store.location) }) : null;
    const writer = other?.db ?? db.store.db;
    await sql`UPDATE works SET rating = 'Explicit' WHERE rating <> 'Explicit'`.execute(writer);
    await other?.close();
    expect(await total({ rating: 'Explicit' })).toBeGreaterThan(before);
    expect(await total({ rating: 'Explicit' })).toBe(await total({}));
  });
});
