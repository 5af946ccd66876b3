import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { DEFAULT_QUERY } from '../search/work-query.ts';
import { CatalogService } from './catalog.service.ts';

const STORIES = [
  'Title: Quiet\nAuthor: ink\nFandom: Firefly\nRating: General Audiences\n\nMal watched Inara leave the shuttle.',
  'Title: Heated\nAuthor: ink\nFandom: Firefly\nRating: Explicit\n\nThe captain poured two drinks.',
  'Title: Library\nAuthor: quill\nFandom: Firefly\nRating: Mature\n\nKaylee fixed the engine again.',
];

describe.each(DIALECTS)('the catalog on %s', (dialect) => {
  let db: TestStore;
  let open: CatalogService;
  let hiding: CatalogService;
  const titles = (blurbs: { title: string }[]) => blurbs.map((blurb) => blurb.title).sort();

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    open = new CatalogService(db.store, db.search, { hideExplicit: false });
    hiding = new CatalogService(db.store, db.search, { hideExplicit: true });
  });
  afterAll(async () => db?.cleanup());

  it('lists every work when nothing is hidden', async () => {
    const found = await open.findWorks(DEFAULT_QUERY);
    expect(titles(found.blurbs)).toEqual(['Heated', 'Library', 'Quiet']);
    expect(found.query.excludeRatings).toEqual([]);
    expect((await open.recentWorks(10)).total).toBe(3);
    expect(await open.countWorks()).toBe(3);
    expect((await open.search(DEFAULT_QUERY)).total).toBe(3);
  });

  it('keeps Explicit works out of listings, counts, tags and creators when the site hides them', async () => {
    const found = await hiding.findWorks(DEFAULT_QUERY);
    expect(titles(found.blurbs)).toEqual(['Library', 'Quiet']);
    expect(found.query.excludeRatings).toEqual(['Explicit']);
    expect(await hiding.recentWorks(1)).toMatchObject({ total: 2, blurbs: [expect.anything()] });
    expect(await hiding.countWorks()).toBe(2);
    expect((await hiding.search(DEFAULT_QUERY)).works.map((work) => work.title).sort()).toEqual([
      'Library',
      'Quiet',
    ]);
    expect((await hiding.tags(['fandom'])).find((tag) => tag.name === 'Firefly')?.count).toBe(2);
    expect((await open.tags(['fandom'])).find((tag) => tag.name === 'Firefly')?.count).toBe(3);
    expect(titles((await hiding.creatorWorks('ink', { page: 1, perPage: 10 }))?.blurbs ?? [])).toEqual([
      'Quiet',
    ]);
  });

  it('adds its exclusion to the reader’s own once, whatever the reader excluded', () => {
    const query = { ...DEFAULT_QUERY, excludeRatings: ['Explicit', 'Mature'] as const };
    expect(hiding.visible({ ...query, excludeRatings: [...query.excludeRatings] }).excludeRatings).toEqual([
      'Explicit',
      'Mature',
    ]);
    expect(open.visible(DEFAULT_QUERY)).toBe(DEFAULT_QUERY);
  });

  it('still opens a hidden work by its address, with its chapters and its download', async () => {
    const [heated] = (await open.findWorks({ ...DEFAULT_QUERY, ratings: ['Explicit'] })).blurbs;
    const id = heated?.id ?? 0;
    expect((await hiding.work(id))?.title).toBe('Heated');
    expect(await hiding.chapters(id)).toHaveLength(1);
    expect((await hiding.download(id))?.chapters).toHaveLength(1);
    expect(await hiding.work(999_999)).toBeUndefined();
  });

  it('finds no creator and no tag that do not exist, and reads the archive version', async () => {
    expect(await hiding.creatorWorks('nobody', { page: 1, perPage: 10 })).toBeNull();
    expect(await hiding.tag('No Such Tag')).toBeNull();
    expect(await hiding.version()).toBeGreaterThan(0);
  });
});
