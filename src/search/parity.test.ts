import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import { openTestStore, PG_URL, type TestStore } from '../../test/stores.ts';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { tagWork } from '../analysis/tag-work.ts';
import type { Audience } from '../domain/audience.ts';
import { insertWork } from '../repositories/work.repository.ts';
import { toWorkInput } from '../repositories/work-input.ts';
import { HitCounter } from '../services/community/hit-counter.ts';
import { leaveKudos } from '../services/community/kudos.service.ts';
import { FilterIndex } from './index/filter-index.ts';
import { parseWorkQuery, type QueryInput } from './work-query.ts';
import { searchWorksWithIndex } from './work-search.ts';
import { searchWorksSql } from './work-search-sql.ts';

const knowledge = loadKnowledge();
const AUDIENCES: Audience[] = ['public', 'members'];

// A small archive with every rating, several fandoms, a crossover, complete and in-progress works.
const STORIES = [
  [
    '2011-01-01',
    'Title: One\nAuthor: Annie Wren\nFandom: BtVS\nPairing: Spike/Willow\nRating: G\n\nWillow read to Spike from the spell book. He kissed her.',
  ],
  [
    '2012-02-02',
    'Title: Two\nAuthor: annie wren\nFandom: BtVS\nPairing: Spuffy\nRating: NC-17\n\nBuffy pushed Spike down. His cock was hard; he thrust into her and she came.',
  ],
  [
    '2013-03-03',
    'Title: Three\nFandom: Sherlock (TV)\nRating: T\n\nSherlock shouted at John about the bloody milk. John laughed.\n\nTBC',
  ],
  [
    '2014-04-04',
    'Title: Four\nAuthor: Bob_Stone\nFandom: Harry Potter\nPairing: Drarry\nRating: M\n\nDraco and Harry made love in the Room of Requirement.',
  ],
  [
    '2015-05-05',
    'Title: Five\nFandom: BtVS, Harry Potter\nRating: PG-13\n\nGiles met Dumbledore at Hogwarts. Hermione asked questions about slayers.',
  ],
  [
    '2016-06-06',
    'Title: Six\nFandom: BtVS\nRating: R\nWarnings: graphic violence\n\nThe demon gutted the vampire. Blood sprayed across the crypt, entrails spilled; Buffy beheaded it.',
  ],
  // Made a draft, restricted to members and hidden below: listed for no one, for members, for no one.
  [
    '2017-07-07',
    'Title: Seven\nFandom: BtVS\nPairing: Spike/Willow\nRating: G\n\nWillow cast a spell on Spike.',
  ],
  ['2018-08-08', 'Title: Eight\nFandom: BtVS\nRating: T\n\nSpike read the spell book to Dawn.'],
  ['2019-09-09', 'Title: Nine\nFandom: Sherlock (TV)\nRating: G\n\nJohn made tea for Sherlock.'],
] as const;
/** Kudos and hits per story above, in order, given through the services: ties and not. */
const KUDOS = [2, 0, 3, 1, 3, 0, 2, 1, 0];
const HITS = [1, 4, 0, 2, 2, 3, 0, 1, 5];
/** Stories whose file stated no date (by position above): last in date sorts, outside date ranges. */
const UNDATED = [2, 4];
const UNLISTED = {
  Seven: { status: 'draft' },
  Eight: { restricted: 1 },
  Nine: { status: 'hidden' },
} as const;

const QUERIES: QueryInput[] = [
  {},
  { tags: 'Buffy the Vampire Slayer' },
  { tags: 'Buffy the Vampire Slayer', exclude_tags: 'Buffy Summers/Spike' },
  { tags: 'S/W' },
  { exclude_tags: ['Harry Potter - J. K. Rowling', 'Sherlock (TV)'] },
  { rating: ['Mature', 'Explicit'], complete: 'complete', words_min: '5', words_max: '100' },
  { warning: 'Graphic Depictions Of Violence' },
  { exclude_warning: 'No Archive Warnings Apply' },
  { category: 'M/M' },
  { crossovers: 'only' },
  { crossovers: 'exclude', sort: 'title' },
  { fandoms_min: '2' },
  { main_relationship: 'Draco Malfoy/Harry Potter' },
  { published_from: '2012-01-01', published_to: '2014-12-31', sort: 'published', order: 'asc' },
  { language: 'en', sort: 'words' },
  { q: 'spell' },
  { q: 'kissing' },
  { q: '"spell book"' },
  { q: 'slayers -hogwarts' },
  { q: '-spike' },
  { q: '-spike -"spell book"', sort: 'title' },
  { q: 'spike OR hogwarts' },
  { q: 'spike OR hogwarts', sort: 'title' },
  { q: 'buffy -spike OR slayers' },
  { q: 'title:fi' },
  { q: 'creator:ANNIE -title:one' },
  { q: 'spike author:annie', sort: 'words' },
  { title: 'T', creator: 'b' },
  { creator: '_' },
  { q: 'the of' },
  { sort: 'author' },
  { per_page: '2', page: '3', sort: 'title' },
  { page: '99' },
  { tags: 'No Such Tag' },
  { exclude_tags: 'No Such Tag', sort: 'kudos', order: 'asc' },
  { main_relationship: 'No Such Pairing' },
  { tags: 'Buffy the Vampire Slayer', rating: 'Explicit', exclude_rating: 'Explicit' },
  { tags: ['Buffy the Vampire Slayer', 'Harry Potter - J. K. Rowling'], sort: 'hits' },
  { exclude_category: 'Gen', category: ['M/M', 'F/M'], sort: 'bookmarks', order: 'asc' },
  { updated_from: '2013-01-01', updated_to: '2015-12-31', sort: 'updated', order: 'asc' },
  { sort: 'updated', order: 'asc' },
  { sort: 'published', per_page: '2', page: '3' },
  { updated_to: '2030-01-01', sort: 'published', order: 'asc' },
  { words_max: '20', complete: 'in-progress' },
  { fandoms_min: '1', fandoms_max: '1', crossovers: 'exclude', sort: 'comments' },
  { language: 'fr' },
  { sort: 'title', order: 'desc', per_page: '1', page: '6' },
  { sort: 'author', order: 'desc', per_page: '4', page: '2' },
  { q: 'spike', sort: 'title' },
  { q: 'spike', sort: 'words', order: 'asc', tags: 'Buffy the Vampire Slayer' },
  { q: 'nothingmatchesthis' },
  { q: "'; DROP TABLE works; --" },
  { q: 'NEAR(spike willow) OR *', tags: "x'); DELETE FROM tags; --" },
  { tags: '%', exclude_tags: ['_', '"'] },
  { facets: '0' },
  { facets: '1', per_page: '200' },
  { sort: 'kudos' },
  { sort: 'kudos', order: 'asc', tags: 'Buffy the Vampire Slayer' },
  { sort: 'hits', order: 'asc', per_page: '3', page: '2' },
  { sort: 'hits', q: 'spike' },
];

describe.skipIf(!PG_URL)('SQLite and PostgreSQL, SQL and the filter index give the same answers', () => {
  const stores: TestStore[] = [];
  const indexes: FilterIndex[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const db = await openTestStore(dialect);
      stores.push(db);
      const hits = new HitCounter(db.store.db, { countEveryMs: 0 });
      for (const [position, [published, text]] of STORIES.entries()) {
        const tagged = tagWork(await readText(text), knowledge);
        const input = toWorkInput(tagged, knowledge, `${published}T00:00:00Z`);
        await insertWork(
          db.store.db,
          db.search,
          { ...input, publishedAt: published, updatedAt: published, dateUnknown: UNDATED.includes(position) },
          `${published}T00:00:00Z`,
        );
        const { id } = await db.store.db
          .selectFrom('works')
          .select('id')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        for (let guest = 0; guest < (KUDOS[position] ?? 0); guest++)
          await leaveKudos(db.store.db, null, id, `parity-guest-${guest}-secret`);
        for (let visitor = 0; visitor < (HITS[position] ?? 0); visitor++)
          await hits.visit(id, { address: `10.9.9.${visitor}`, userAgent: 'parity' });
      }
      for (const [title, change] of Object.entries(UNLISTED))
        await db.store.db.updateTable('works').set(change).where('title', '=', title).execute();
      indexes.push(await FilterIndex.load(db.store.db, dialect));
    }
  });
  afterAll(async () => {
    for (const db of stores) await db.cleanup();
  });

  const cases = QUERIES.flatMap((query) =>
    AUDIENCES.map((audience) => [`${audience} ${JSON.stringify(query)}`, query, audience] as const),
  );
  it.each(cases)('%s', async (_, query, audience) => {
    const parsed = parseWorkQuery(query as QueryInput);
    const [sqlite, postgres] = await Promise.all(
      stores.map((db) => searchWorksSql(db.store.db, db.search, parsed, audience)),
    );
    // Drafts and hidden works are never found; the members-only work is found by members only.
    const found = (sqlite?.works ?? []).map((work) => work.title);
    expect(found).not.toContain('Seven');
    expect(found).not.toContain('Nine');
    if (audience === 'public') expect(found).not.toContain('Eight');
    // On each database the filter index answers exactly as SQL does.
    for (const [i, db] of stores.entries()) {
      const index = indexes[i] as FilterIndex;
      const indexed = await searchWorksWithIndex(db.store.db, db.search, parsed, index, audience);
      expect(indexed).toEqual(i === 0 ? sqlite : postgres);
    }
    const shape = (result: typeof sqlite) => ({
      total: result?.total,
      titles: (result?.works ?? []).map((work) => work.title),
      facets: result?.facets,
    });
    const ordered = !('q' in (query as object)) || (query as QueryInput).sort !== undefined;
    if (ordered) expect(shape(postgres)).toEqual(shape(sqlite));
    else {
      // Best match ranks with BM25 in one and ts_rank in the other: the same works, perhaps in another order.
      expect(postgres?.total).toBe(sqlite?.total);
      expect(postgres?.works.map((work) => work.title).sort()).toEqual(
        sqlite?.works.map((work) => work.title).sort(),
      );
    }
  });
});

describe.each(PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const))(
  'kudos and hits given through the services sort on %s',
  (dialect) => {
    it('orders by them in SQL and in the filter index alike', async () => {
      const db = await openTestStore(dialect);
      try {
        const hits = new HitCounter(db.store.db, { countEveryMs: 0 });
        for (const [position, [published, text]] of STORIES.slice(0, 4).entries()) {
          const input = toWorkInput(
            tagWork(await readText(text), knowledge),
            knowledge,
            `${published}T00:00:00Z`,
          );
          const id = await insertWork(db.store.db, db.search, input, `${published}T00:00:00Z`);
          for (let guest = 0; guest < (KUDOS[position] ?? 0); guest++)
            await leaveKudos(db.store.db, null, Number(id), `sort-guest-${guest}-secret`);
          for (let visitor = 0; visitor < (HITS[position] ?? 0); visitor++)
            await hits.visit(Number(id), { address: `10.8.8.${visitor}`, userAgent: 'sort' });
        }
        const index = await FilterIndex.load(db.store.db, dialect);
        for (const sort of ['kudos', 'hits'] as const) {
          const query = parseWorkQuery({ sort });
          const fromSql = await searchWorksSql(db.store.db, db.search, query, 'public');
          const fromIndex = await searchWorksWithIndex(db.store.db, db.search, query, index, 'public');
          expect(fromIndex).toEqual(fromSql);
          const expected =
            sort === 'kudos'
              ? [
                  ['Three', 3],
                  ['One', 2],
                  ['Four', 1],
                  ['Two', 0],
                ]
              : [
                  ['Two', 4],
                  ['Four', 2],
                  ['One', 1],
                  ['Three', 0],
                ];
          expect(fromSql.works.map((work) => [work.title, work[sort]])).toEqual(expected);
        }
      } finally {
        await db.cleanup();
      }
    });
  },
);
