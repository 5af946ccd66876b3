import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMembers } from '../../../test/members.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { excludesAnything } from '../../domain/audience.ts';
import { ensureTag, rebuildFilterTags } from '../../repositories/tag.repository.ts';
import { DEFAULT_QUERY, type WorkQuery } from '../../search/work-query.ts';
import { searchWorksSql } from '../../search/work-search-sql.ts';
import type { Member } from '../accounts/actor.ts';
import { CatalogService } from '../catalog.service.ts';
import { createWork } from '../posting/work-posting.service.ts';
import { postComment } from './comment.service.ts';
import { commentsFor } from './comment-listing.service.ts';
import {
  excludeFromListings,
  includeInListings,
  memberFiltersOf,
  removeSavedFilter,
  saveFilter,
  setMemberRelation,
} from './member-filter.service.ts';

const FANDOMS = ['Firefly', 'Buffy the Vampire Slayer', 'Sherlock'];
const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature'] as const;

/**
 * The count-consistency tests: what a member muted or excluded is never counted. Each listing the muter reads
 * (total, every facet, a tag's page, a text search, the fandom counts, creators, series) equals the same
 * listing run for a member with no exclusions with those works filtered out by the query language itself.
 */
describe.each(DIALECTS)('muting, blocking and exclusions on %s', (dialect) => {
  let db: TestStore;
  let catalog: CatalogService;
  let muter: Member;
  let muted: Member;
  let writer: Member;
  let reader: Member;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    catalog = new CatalogService(db.store, db.search, { hideExplicit: false });
    [muter, muted, writer, reader] = (await signUpMembers(db, 'muter', 'mutedone', 'writer', 'reader')) as [
      Member,
      Member,
      Member,
      Member,
    ];
    let n = 0;
    for (const [author, count] of [
      [muted, 5],
      [writer, 7],
    ] as const)
      for (let i = 0; i < count; i++) {
        n++;
        await createWork(db.store.db, db.search, author, {
          title: `Work ${n} by ${author.name}`,
          fandoms: [FANDOMS[n % 3] as string, ...(n % 4 === 0 ? [FANDOMS[(n + 1) % 3] as string] : [])],
          rating: RATINGS[n % 3] as string,
          warnings: ['No Archive Warnings Apply'],
          freeforms: n % 2 === 0 ? ['Fluff'] : ['Angst'],
          chapters: [{ body: `Willow and the captain talk, story ${n}.`, format: 'text' }],
        });
      }
  });
  afterAll(async () => db?.cleanup());

  /** A listing as `who` reads it, on the filter index and in SQL: both must give the same answer. */
  async function both(query: Partial<WorkQuery>, who: Member) {
    const full = { ...DEFAULT_QUERY, perPage: 3, facets: 20, ...query };
    const indexed = await catalog.search(full, who);
    const sql = await searchWorksSql(db.store.db, db.search, await catalog.forViewer(full, who), 'members');
    expect(sql).toEqual(indexed);
    return indexed;
  }

  it('counts nothing of a muted member: totals, facets, tag pages, searches, tags, creators', async () => {
    await setMemberRelation(db.store.db, muter, 'mute', muted.userId, true);
    for (const query of [
      {},
      { includeTags: ['Firefly'] },
      { includeTags: ['Fluff'] },
      { text: 'captain' },
      { page: 2 },
    ] as Partial<WorkQuery>[]) {
      const seen = await both(query, muter);
      const reference = await both(
        { ...query, text: `${query.text ?? ''} -creator:mutedone`.trim() },
        reader,
      );
      expect(seen).toEqual(reference);
      expect(seen.works.every((work) => !work.title?.includes('mutedone'))).toBe(true);
    }
    expect((await both({}, muter)).total).toBe(7);
    expect((await both({}, reader)).total).toBe(12);
    const fandoms = await catalog.tags(['fandom'], muter);
    const facets = (await both({ text: '-creator:mutedone', facets: 50 }, reader)).facets.fandom;
    expect(fandoms.map(({ name, count }) => ({ name, count }))).toEqual(
      facets.map(({ name, count }) => ({ name, count })),
    );
    expect((await catalog.creators(muter)).map((creator) => creator.name)).toEqual(['writer']);
    expect((await catalog.languages(muter))[0]?.count).toBe(7);
    // The muted member's own page is empty for the muter, full for everyone else.
    expect((await both({ creatorName: 'mutedone' }, muter)).total).toBe(0);
    expect((await both({ creatorName: 'mutedone' }, reader)).total).toBe(5);
    await setMemberRelation(db.store.db, muter, 'mute', muted.userId, false);
    expect((await both({}, muter)).total).toBe(12);
  });

  it('leaves out excluded tags, ratings and creators the same way, counts and facets included', async () => {
    await excludeFromListings(db.store.db, muter, 'tag', 'Fluff');
    await excludeFromListings(db.store.db, muter, 'rating', 'mature');
    for (const query of [{}, { includeTags: ['Firefly'] }, { text: 'captain' }] as Partial<WorkQuery>[]) {
      const seen = await both(query, muter);
      expect(seen).toEqual(
        await both({ ...query, excludeTags: ['Fluff'], excludeRatings: ['Mature'] }, reader),
      );
    }
    const fandoms = await catalog.tags(['fandom'], muter);
    const facets = (await both({ excludeTags: ['Fluff'], excludeRatings: ['Mature'], facets: 50 }, reader))
      .facets.fandom;
    expect(fandoms.map(({ name, count }) => ({ name, count }))).toEqual(
      facets.map(({ name, count }) => ({ name, count })),
    );
    await includeInListings(db.store.db, muter, 'tag', 'Fluff');
    await includeInListings(db.store.db, muter, 'rating', 'Mature');
    await excludeFromListings(db.store.db, muter, 'creator', 'writer');
    expect(await both({}, muter)).toEqual(await both({ text: '-creator:writer' }, reader));
    await includeInListings(db.store.db, muter, 'creator', 'writer');
    expect(excludesAnything(await catalog.personal(muter))).toBe(false);
  });

  it('refuses an exclusion of what does not exist, and muting oneself, an unknown member or as a guest', async () => {
    await expect(excludeFromListings(db.store.db, muter, 'tag', 'No Such Tag')).rejects.toThrow(
      /no work in this archive has the tag "No Such Tag"/,
    );
    await expect(excludeFromListings(db.store.db, muter, 'rating', 'Spicy')).rejects.toThrow(
      /rating: one of/,
    );
    await expect(excludeFromListings(db.store.db, muter, 'colour', 'red')).rejects.toThrow(/kind: one of/);
    await expect(setMemberRelation(db.store.db, muter, 'mute', muter.userId, true)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'You cannot mute yourself.',
    });
    await expect(setMemberRelation(db.store.db, muter, 'block', 999_999, true)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(setMemberRelation(db.store.db, null, 'block', muted.userId, true)).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
  });

  it('keeps saved searches checked, and deletes only the owner’s', async () => {
    const id = await saveFilter(db.store.db, muter, {
      name: '<script>x</script>',
      query: '?tags=Fluff&page=3',
    });
    expect((await memberFiltersOf(db.store.db, muter, muter.userId)).saved).toMatchObject([
      { id, name: '<script>x</script>', query: 'tags=Fluff' },
    ]);
    await expect(
      saveFilter(db.store.db, muter, { name: 'bad', query: 'sort=nonsense' }),
    ).rejects.toMatchObject({
      code: 'INVALID_QUERY',
    });
    await expect(saveFilter(db.store.db, muter, { name: ' ', query: '' })).rejects.toThrow(/name: give/);
    await expect(removeSavedFilter(db.store.db, reader, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeSavedFilter(db.store.db, reader, 123_456)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await removeSavedFilter(db.store.db, muter, id);
    expect((await memberFiltersOf(db.store.db, muter, muter.userId)).saved).toEqual([]);
  });

  it('refuses a blocked member’s comments and replies, keeps their old ones, and tells the blocker nothing', async () => {
    const work = (await both({ creatorName: 'writer' }, reader)).works[0]?.id as number;
    const before = await postComment(db.store.db, muted, work, { comment: 'Lovely, before the block.' });
    const writerComment = await postComment(db.store.db, writer, work, { comment: 'Thank you!' });
    await setMemberRelation(db.store.db, writer, 'block', muted.userId, true);
    await expect(postComment(db.store.db, muted, work, { comment: 'Again?' })).rejects.toMatchObject({
      code: 'BLOCKED',
      message: "This work's creator has blocked you: you cannot comment on their works.",
    });
    await expect(
      postComment(db.store.db, muted, work, { comment: 'Reply?', parentId: writerComment.id }),
    ).rejects.toMatchObject({ code: 'BLOCKED' });
    const section = await commentsFor(db.store.db, muted, work, 'full');
    expect(section).toMatchObject({ canComment: false, blocked: true });
    expect(section?.threads.map((thread) => thread.id)).toContain(before.id);
    // Blocking does not hide the blocker's works from the blocked.
    expect((await both({ creatorName: 'writer' }, muted)).total).toBe(7);
    // A reply to the blocker on another member's work is refused too.
    const other = (await both({ creatorName: 'mutedone' }, reader)).works[0]?.id as number;
    const onOther = await postComment(db.store.db, writer, other, { comment: 'A note from the writer.' });
    await expect(
      postComment(db.store.db, muted, other, { comment: 'No.', parentId: onOther.id }),
    ).rejects.toMatchObject({ code: 'BLOCKED', message: /writer has blocked you/ });
    const told = await db.store.db
      .selectFrom('notifications')
      .select('comment_id')
      .where('user_id', '=', writer.userId)
      .execute();
    expect(told.map((row) => row.comment_id)).toEqual([before.id]);
    await setMemberRelation(db.store.db, writer, 'block', muted.userId, false);
  });

  it('hides a muted member’s comments from the muter, and counts them out', async () => {
    const work = (await both({ creatorName: 'writer' }, reader)).works[1]?.id as number;
    const root = await postComment(db.store.db, muted, work, { comment: 'From the muted one.' });
    await postComment(db.store.db, reader, work, { comment: 'Answering them.', parentId: root.id });
    await postComment(db.store.db, reader, work, { comment: 'My own thread.' });
    await setMemberRelation(db.store.db, muter, 'mute', muted.userId, true);
    const forMuter = await commentsFor(db.store.db, muter, work, 'full');
    const forReader = await commentsFor(db.store.db, reader, work, 'full');
    expect(forReader?.count).toBe(3);
    expect(forMuter?.count).toBe(1);
    expect(forMuter?.threads).toHaveLength(1);
    expect(forMuter?.threads[0]?.html).toContain('My own thread.');
    await setMemberRelation(db.store.db, muter, 'mute', muted.userId, false);
  });

  it('follows an excluded tag’s whole synonym chain in the side lists, as the works search does', async () => {
    const id = await createWork(db.store.db, db.search, writer, {
      title: 'Chained',
      fandoms: ['Sherlock'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      freeforms: ['Chain Start'],
      chapters: [{ body: 'Willow and the captain talk, chained.', format: 'text' }],
    });
    await excludeFromListings(db.store.db, muter, 'tag', 'Chain Start');
    // A chain of two steps, as an import's mapping can leave one: start -> middle -> end.
    const end = await ensureTag(db.store.db, { kind: 'freeform', name: 'Chain End', canonical: true });
    const middle = await ensureTag(db.store.db, { kind: 'freeform', name: 'Chain Middle', canonical: false });
    await db.store.db.updateTable('tags').set({ synonym_of: end.id }).where('id', '=', middle.id).execute();
    await db.store.db
      .updateTable('tags')
      .set({ synonym_of: middle.id, canonical: 0 })
      .where('name', '=', 'Chain Start')
      .execute();
    await rebuildFilterTags(db.store.db, [id]);
    const seen = await both({ facets: 50 }, muter);
    expect(seen.total).toBe((await both({}, reader)).total - 1);
    const fandoms = await catalog.tags(['fandom'], muter);
    expect(fandoms.map(({ name, count }) => ({ name, count }))).toEqual(
      seen.facets.fandom.map(({ name, count }) => ({ name, count })),
    );
    expect((await catalog.creators(muter)).find((creator) => creator.name === 'writer')?.count).toBe(
      (await both({ creatorName: 'writer' }, muter)).total,
    );
    await includeInListings(db.store.db, muter, 'tag', 'Chain Start');
  });

  it('goes with the account: deleting a member deletes their lists and others’ entries for them', async () => {
    await setMemberRelation(db.store.db, reader, 'mute', muter.userId, true);
    await db.store.db.deleteFrom('users').where('id', '=', muter.userId).execute();
    const left = await db.store.db
      .selectFrom('mutes')
      .selectAll()
      .where((eb) => eb.or([eb('user_id', '=', muter.userId), eb('muted_user_id', '=', muter.userId)]))
      .execute();
    expect(left).toEqual([]);
  });
});
