import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { DEFAULT_QUERY } from '../search/work-query.ts';
import { signUp } from './accounts/account.service.ts';
import type { Member } from './accounts/actor.ts';
import { CatalogService } from './catalog.service.ts';
import { createWork, setWorkHidden } from './posting/work-posting.service.ts';

const GUEST = null;
const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };

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
    const found = await open.findWorks(DEFAULT_QUERY, GUEST);
    expect(titles(found.blurbs)).toEqual(['Heated', 'Library', 'Quiet']);
    expect(found.query.excludeRatings).toEqual([]);
    expect((await open.recentWorks(10, GUEST)).total).toBe(3);
    expect(await open.countWorks(GUEST)).toBe(3);
    expect((await open.search(DEFAULT_QUERY, GUEST)).total).toBe(3);
  });

  it('keeps Explicit works out of listings, counts, tags and creators when the site hides them', async () => {
    const found = await hiding.findWorks(DEFAULT_QUERY, GUEST);
    expect(titles(found.blurbs)).toEqual(['Library', 'Quiet']);
    expect(found.query.excludeRatings).toEqual(['Explicit']);
    expect(await hiding.recentWorks(1, GUEST)).toMatchObject({ total: 2, blurbs: [expect.anything()] });
    expect(await hiding.countWorks(GUEST)).toBe(2);
    expect((await hiding.search(DEFAULT_QUERY, GUEST)).works.map((work) => work.title).sort()).toEqual([
      'Library',
      'Quiet',
    ]);
    expect((await hiding.tags(['fandom'], GUEST)).find((tag) => tag.name === 'Firefly')?.count).toBe(2);
    expect((await open.tags(['fandom'], GUEST)).find((tag) => tag.name === 'Firefly')?.count).toBe(3);
    expect(titles((await hiding.creatorWorks('ink', { page: 1, perPage: 10 }, GUEST))?.blurbs ?? [])).toEqual(
      ['Quiet'],
    );
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
    const [heated] = (await open.findWorks({ ...DEFAULT_QUERY, ratings: ['Explicit'] }, GUEST)).blurbs;
    const id = heated?.id ?? 0;
    expect((await hiding.work(id, GUEST))?.title).toBe('Heated');
    expect(await hiding.chapters(id, GUEST)).toHaveLength(1);
    expect((await hiding.download(id, GUEST))?.chapters).toHaveLength(1);
    expect(await hiding.work(999_999, GUEST)).toBeUndefined();
  });

  it('finds no creator and no tag that do not exist, and reads the archive version', async () => {
    expect(await hiding.creatorWorks('nobody', { page: 1, perPage: 10 }, GUEST)).toBeNull();
    expect(await hiding.tag('No Such Tag')).toBeNull();
    expect(await hiding.version()).toBeGreaterThan(0);
  });

  it('counts languages once per archive version, and again when a work changes', async () => {
    const before = await open.languages(GUEST);
    expect(await open.languages(GUEST)).toBe(before);
    const total = before.reduce((sum, language) => sum + language.count, 0);
    const first = await db.store.db.selectFrom('works').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.store.db.updateTable('works').set({ language: 'xx' }).where('id', '=', first.id).execute();
    const after = await open.languages(GUEST);
    expect(after.find((language) => language.code === 'xx')).toEqual({ code: 'xx', count: 1 });
    expect(after.reduce((sum, language) => sum + language.count, 0)).toBe(total);
  });
});

describe.each(DIALECTS)('what each viewer may find on %s', (dialect) => {
  let db: TestStore;
  let catalog: CatalogService;
  let willow: Member;
  let tara: Member;
  const ids: Record<string, number> = {};
  const titles = (blurbs: { title: string }[]) => blurbs.map((blurb) => blurb.title).sort();
  const work = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    fandoms: ['Firefly'],
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    characters: ['Kaylee Frye'],
    chapters: [{ body: `Kaylee fixed the engine in ${title}.`, format: 'text' }],
    ...extra,
  });

  beforeAll(async () => {
    db = await openTestStore(dialect);
    const member = (username: string) =>
      signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' });
    willow = await member('willow');
    tara = await member('tara');
    catalog = new CatalogService(db.store, db.search, { hideExplicit: false });
    const post = (title: string, extra?: Record<string, unknown>) =>
      createWork(db.store.db, db.search, willow, work(title, extra));
    ids.Public = await post('Public');
    ids.Members = await post('Members', { restricted: true });
    ids.Draft = await post('Draft', { draft: true });
    ids.Hidden = await post('Hidden');
    await setWorkHidden(db.store.db, ADMIN, ids.Hidden, true);
  });
  afterAll(async () => db?.cleanup());

  it('lists posted works only: public ones for guests, members-only ones too for members', async () => {
    expect(titles((await catalog.findWorks(DEFAULT_QUERY, GUEST)).blurbs)).toEqual(['Public']);
    expect(titles((await catalog.findWorks(DEFAULT_QUERY, tara)).blurbs)).toEqual(['Members', 'Public']);
    // Not even their creator or an admin finds a draft or a hidden work in a listing.
    expect(titles((await catalog.findWorks(DEFAULT_QUERY, willow)).blurbs)).toEqual(['Members', 'Public']);
    expect(titles((await catalog.findWorks(DEFAULT_QUERY, ADMIN)).blurbs)).toEqual(['Members', 'Public']);
    expect(await catalog.countWorks(GUEST)).toBe(1);
    expect(await catalog.countWorks(tara)).toBe(2);
    // The full text finds only what the listing may show.
    const text = { ...DEFAULT_QUERY, text: 'engine' };
    expect((await catalog.search(text, GUEST)).total).toBe(1);
    expect((await catalog.search(text, tara)).total).toBe(2);
  });

  it('counts tags, facets and a creator’s works over what the viewer may find', async () => {
    const firefly = async (viewer: Member | null) =>
      (await catalog.tags(['fandom'], viewer)).find((tag) => tag.name === 'Firefly')?.count;
    expect(await firefly(GUEST)).toBe(1);
    expect(await firefly(tara)).toBe(2);
    const facets = (await catalog.search(DEFAULT_QUERY, GUEST)).facets.character;
    expect(facets.find((tag) => tag.name === 'Kaylee Frye')?.count).toBe(1);
    const page = { page: 1, perPage: 10 };
    expect((await catalog.creatorWorks('willow', page, GUEST))?.total).toBe(1);
    expect(titles((await catalog.creatorWorks('willow', page, tara))?.blurbs ?? [])).toEqual([
      'Members',
      'Public',
    ]);
  });

  it('opens a work by address only for those the policy lets read it', async () => {
    const readable = async (title: string, viewer: Member | null) =>
      (await catalog.work(ids[title] as number, viewer))?.title === title &&
      (await catalog.chapters(ids[title] as number, viewer)).length === 1 &&
      (await catalog.download(ids[title] as number, viewer))?.title === title;
    expect(await readable('Public', GUEST)).toBe(true);
    expect(await readable('Members', tara)).toBe(true);
    expect(await readable('Draft', willow)).toBe(true);
    expect(await readable('Draft', tara)).toBe(false);
    expect(await readable('Draft', ADMIN)).toBe(false);
    expect(await readable('Hidden', ADMIN)).toBe(true);
    expect(await readable('Hidden', willow)).toBe(false);
    expect(await readable('Hidden', GUEST)).toBe(false);
    expect(await readable('Draft', GUEST)).toBe(false);
    // A guest at a members-only work is asked to log in, not told it does not exist.
    await expect(catalog.work(ids.Members as number, GUEST)).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
    await expect(catalog.download(ids.Members as number, GUEST)).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
  });

  it('reuses the access a summary was read with for the same viewer only', async () => {
    const hidden = await catalog.work(ids.Hidden as number, ADMIN);
    expect(hidden?.title).toBe('Hidden');
    if (!hidden) return;
    // The page of the viewer who read the summary needs no second check...
    expect(await catalog.chapters(hidden, ADMIN)).toHaveLength(1);
    expect((await catalog.comments(hidden.id, ADMIN, 1, 1, hidden))?.workId).toBe(hidden.id);
    expect(await catalog.subscribed('work', hidden.id, ADMIN, hidden)).toBeNull();
    // ...but anyone else handed that summary is checked afresh.
    expect(await catalog.chapters(hidden, GUEST)).toEqual([]);
    expect(await catalog.chapters(hidden, willow)).toEqual([]);
    expect(await catalog.comments(hidden.id, GUEST, 1, 1, hidden)).toBeNull();
    expect((await catalog.kudos(hidden.id, GUEST, undefined, hidden)).canLeave).toBe(false);
  });
});
