import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMembers, workIdsByTitle } from '../../../test/members.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { DEFAULT_QUERY, parseWorkQuery } from '../../search/work-query.ts';
import { searchWorks } from '../../search/work-search.ts';
import { deleteAccount } from '../accounts/account-deletion.service.ts';
import type { Member } from '../accounts/actor.ts';
import { CatalogService } from '../catalog.service.ts';
import { setWorkHidden } from '../posting/work-posting.service.ts';
import {
  bookmark,
  collectionsOf,
  createCollection,
  deleteOwnCollection,
  removeBookmark,
  renameOwnCollection,
} from './bookmark.service.ts';
import type { BookmarkRequest } from './bookmark-listing.ts';

const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };
const EVERYONE: BookmarkRequest = { ownerId: null, workId: null, tags: [], rec: false, collectionId: null };

describe.each(DIALECTS)('bookmarks on %s', (dialect) => {
  let db: TestStore;
  let catalog: CatalogService;
  let willow: Member;
  let tara: Member;
  let ids: Record<string, number> = {};
  const count = async (id: number) =>
    Number(
      (
        await db.store.db
          .selectFrom('works')
          .select('bookmarks_count')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).bookmarks_count,
    );
  const titlesFor = async (request: BookmarkRequest, viewer: Member | null, query = DEFAULT_QUERY) =>
    (await catalog.findBookmarks(query, request, viewer)).blurbs.map((blurb) => blurb.title).sort();

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.',
      'Title: Engines\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee fixed the engine.',
      'Title: Stars\nAuthor: dawnlark\nFandom: Buffy the Vampire Slayer\n\nBuffy watched the stars.',
    ]);
    ids = await workIdsByTitle(db);
    [willow, tara] = (await signUpMembers(db, 'willow', 'tara')) as [Member, Member];
    catalog = new CatalogService(db.store, db.search, { hideExplicit: false });
  });
  afterAll(async () => db?.cleanup());

  it('bookmarks a work with sanitized notes, tags and a new collection, and counts public ones only', async () => {
    const bells = ids.Bells as number;
    const id = await bookmark(
      db.store.db,
      willow,
      { workId: bells },
      {
        notes: 'Lovely <b>bells</b><script>alert(1)</script>\n\nSecond thought.',
        tags: 'comfort, Comfort , to reread',
        rec: true,
        newCollection: 'Space',
      },
    );
    const found = await catalog.findBookmarks(DEFAULT_QUERY, { ...EVERYONE, ownerId: willow.userId }, null);
    const [mark] = found.bookmarks;
    expect(mark?.id).toBe(id);
    expect(mark?.notes).toBe('<p>Lovely <b>bells</b></p>\n<p>Second thought.</p>');
    expect(mark?.tags).toEqual(['comfort', 'to reread']);
    expect(mark?.rec).toBe(true);
    expect(mark?.collections.map((collection) => collection.name)).toEqual(['Space']);
    expect(await count(bells)).toBe(1);
    // Saving again changes the same bookmark; going private takes it off the count, public puts it back.
    await bookmark(db.store.db, willow, { workId: bells }, { private: true, tags: 'comfort' });
    expect(await count(bells)).toBe(0);
    await bookmark(db.store.db, willow, { workId: bells }, { private: false, tags: 'comfort', rec: true });
    expect(await count(bells)).toBe(1);
    await bookmark(db.store.db, tara, { workId: bells }, { private: true });
    expect(await count(bells)).toBe(1);
    // The sort by bookmarks reads the count.
    const sorted = await searchWorks(db.store.db, db.search, parseWorkQuery({ sort: 'bookmarks' }));
    expect(sorted.works[0]?.id).toBe(bells);
    expect(sorted.works[0]?.bookmarks).toBe(1);
  });

  it('never shows a private bookmark to anyone but its owner', async () => {
    const engines = ids.Engines as number;
    await bookmark(
      db.store.db,
      tara,
      { workId: engines },
      { private: true, notes: 'secret', tags: 'secret' },
    );
    const taraOnly = { ...EVERYONE, ownerId: tara.userId };
    expect(await titlesFor(taraOnly, tara)).toEqual(['Bells', 'Engines']);
    expect(await titlesFor(taraOnly, willow)).toEqual([]);
    expect(await titlesFor(taraOnly, null)).toEqual([]);
    expect(await titlesFor(taraOnly, ADMIN)).toEqual([]);
    expect(await titlesFor({ ...EVERYONE, tags: ['secret'] }, tara)).toEqual([]);
    expect(await catalog.workBookmarks(engines, tara)).toEqual([]);
    expect((await catalog.workBookmarks(ids.Bells as number, null))?.map((b) => b.userName)).toEqual([
      'willow',
    ]);
  });

  it("filters by the works' tags, the bookmarker's tags, recommendations and collections", async () => {
    await bookmark(db.store.db, willow, { workId: ids.Stars as number }, { tags: 'slayer' });
    expect(await titlesFor(EVERYONE, null)).toEqual(['Bells', 'Stars']);
    expect(await titlesFor(EVERYONE, null, parseWorkQuery({ tags: 'Firefly' }))).toEqual(['Bells']);
    expect(await titlesFor({ ...EVERYONE, tags: ['COMFORT'] }, null)).toEqual(['Bells']);
    expect(await titlesFor({ ...EVERYONE, rec: true }, null)).toEqual(['Bells']);
    const collections = await collectionsOf(db.store.db, willow, willow.userId);
    expect(collections.map((collection) => collection.name)).toEqual(['Space']);
    const space = collections[0]?.id as number;
    await expect(collectionsOf(db.store.db, tara, willow.userId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Saving a bookmark without its collections takes it out of them; a collection can hold several.
    await bookmark(db.store.db, willow, { workId: ids.Stars as number }, { collections: [space] });
    await bookmark(
      db.store.db,
      willow,
      { workId: ids.Bells as number },
      { collections: [space], tags: 'comfort' },
    );
    const inSpace = { ...EVERYONE, ownerId: willow.userId, collectionId: space };
    expect(await titlesFor(inSpace, null)).toEqual(['Bells', 'Stars']);
    await renameOwnCollection(db.store.db, willow, space, 'Outer space');
    await expect(renameOwnCollection(db.store.db, tara, space, 'Mine')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(createCollection(db.store.db, willow, 'OUTER SPACE')).rejects.toMatchObject({
      code: 'NAME_TAKEN',
    });
    await expect(createCollection(db.store.db, willow, '   ')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      bookmark(db.store.db, tara, { workId: ids.Stars as number }, { collections: [space] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await deleteOwnCollection(db.store.db, willow, space);
    expect(await titlesFor({ ...EVERYONE, ownerId: willow.userId }, null)).toEqual(['Bells', 'Stars']);
  });

  it('leaves out bookmarks of works a visitor may not see, and refuses bad input', async () => {
    const stars = ids.Stars as number;
    await setWorkHidden(db.store.db, ADMIN, stars, true);
    expect(await titlesFor(EVERYONE, willow)).toEqual(['Bells']);
    expect(await catalog.workBookmarks(stars, willow)).toBeUndefined();
    await expect(bookmark(db.store.db, tara, { workId: stars }, {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await setWorkHidden(db.store.db, ADMIN, stars, false);
    await expect(bookmark(db.store.db, null, { workId: stars }, {})).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
    await expect(bookmark(db.store.db, tara, { workId: 999_999 }, {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      bookmark(db.store.db, tara, { workId: stars }, { tags: 'x'.repeat(200) }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      bookmark(db.store.db, tara, { workId: stars }, { notes: 'n'.repeat(20_001) }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'notes: notes are at most 20,000 characters' });
  });

  it('deletes only its own bookmarks, and takes a deleted account off the counts', async () => {
    const bells = ids.Bells as number;
    const [willows] = (await catalog.workBookmarks(bells, null)) ?? [];
    await expect(removeBookmark(db.store.db, tara, willows?.id as number)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const engines = ids.Engines as number;
    await bookmark(db.store.db, willow, { workId: engines }, {});
    expect(await count(engines)).toBe(1);
    await deleteAccount(db.store.db, db.search, willow.userId, {
      password: 'correct horse',
      works: 'orphan',
    });
    expect(await count(bells)).toBe(0);
    expect(await count(engines)).toBe(0);
  });
});
