import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workIdsByTitle } from '../../../test/members.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { createSeries } from '../../repositories/work.repository.ts';
import { loadChapters } from '../../repositories/work-view.ts';
import { parseWorkQuery } from '../../search/work-query.ts';
import { searchWorks } from '../../search/work-search.ts';
import { makeSynonym } from '../../services/tag.service.ts';
import { signUp } from '../accounts/account.service.ts';
import { deleteAccount } from '../accounts/account-deletion.service.ts';
import type { Member } from '../accounts/actor.ts';
import { createPseud } from '../accounts/pseud.service.ts';
import {
  addChapter,
  deleteChapter,
  editChapter,
  publishDueChapters,
  reorderChapters,
} from './chapter.service.ts';
import { answerInvitation, listInvitations } from './cocreator.service.ts';
import { createWork, deleteWorkAs, editWork, postDraft, setWorkHidden } from './work-posting.service.ts';
import { loadWorkAccess, loadWorkFields } from './work-store.repository.ts';

const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };

/** A work form with every required field, changed by `extra`. */
function form(extra: Record<string, unknown> = {}) {
  return {
    title: 'Library Hours',
    summary: 'Research, *and* a kiss.',
    format: 'markdown',
    fandoms: ['Firefly (TV)'],
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['F/M'],
    relationships: ['Spike/Willow Rosenberg'],
    characters: ['Willow Rosenberg'],
    freeforms: ['Library Sex'],
    chapters: [
      { body: 'Willow was researching demons in the library.\n\nSpike watched her.', format: 'text' },
    ],
    ...extra,
  };
}

describe.each(DIALECTS)('posting on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let tara: Member;
  let xander: Member;
  const titles = async (query: Record<string, string> = {}) => {
    const result = await searchWorks(db.store.db, db.search, parseWorkQuery({ sort: 'title', ...query }));
    const rows = await db.store.db.selectFrom('works').select(['id', 'title']).execute();
    return result.works.map((hit) => rows.find((row) => row.id === hit.id)?.title);
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Old\nAuthor: dawnlark\nFandom: Firefly\n\nMal sat alone.',
      'Title: Older\nAuthor: dawnlark\nFandom: Firefly (TV)\n\nKaylee fixed the engine.',
    ]);
    await makeSynonym(db.store.db, 'Firefly (TV)', 'Firefly', 'fandom');
    const member = (username: string) =>
      signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' });
    willow = await member('willow');
    tara = await member('tara');
    xander = await member('xander');
  });
  afterAll(async () => db?.cleanup());

  it('posts a work with every field, a synonym tag leading to its canonical tag, found by search', async () => {
    const id = await createWork(
      db.store.db,
      db.search,
      willow,
      form({ series: { title: 'Stacks', position: 1 } }),
    );
    expect(await loadWorkAccess(db.store.db, id)).toEqual({
      kind: 'work',
      status: 'posted',
      restricted: false,
      creatorUserIds: [willow.userId],
    });
    expect(await titles({ tags: 'Firefly' })).toEqual(['Library Hours', 'Old', 'Older']);
    expect(await titles({ q: 'demons' })).toEqual(['Library Hours']);
    expect(await loadWorkFields(db.store.db, id)).toMatchObject({
      title: 'Library Hours',
      summary: 'Research, and a kiss.',
      fandoms: ['Firefly (TV)'],
      series: { title: 'Stacks', position: 1 },
    });
  });

  it('names the field a bad work got wrong and stores nothing', async () => {
    const before = await titles();
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ fandoms: [] }, /^fandoms: name at least one fandom/],
      [{ rating: 'NC-17' }, /^rating: the rating is one of/],
      [{ warnings: ['Gore'] }, /^warnings\.0: a warning is one of/],
      [{ title: '' }, /^title: /],
      [{ chapters: [] }, /^chapters: /],
      [{ chapters: [{ body: '<script>alert(1)</script>', format: 'html' }] }, /^chapters\.0\.body: /],
      [{ freeforms: ['a,b'] }, /^freeforms\.0: /],
      [{ pseuds: ['tara'] }, /^pseuds: "tara" is not one of your pseuds/],
      [{ coCreators: ['nobody_here'] }, /^coCreators: there is no member/],
      [{ chapters: [{ body: 'x', format: 'html', publishAt: 'tomorrow' }] }, /^chapters\.0\.publishAt: /],
    ];
    for (const [index, [extra, message]] of bad.entries()) {
      const chapters = [{ body: `A story refused for reason ${index}.`, format: 'text' }];
      await expect(
        createWork(db.store.db, db.search, willow, form({ title: 'Bad', chapters, ...extra })),
      ).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message,
      });
    }
    await expect(createWork(db.store.db, db.search, null, form())).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
    await expect(
      createWork(db.store.db, db.search, { ...willow, suspended: true }, form()),
    ).rejects.toMatchObject({ code: 'SUSPENDED' });
    expect(await titles()).toEqual(before);
  });

  it('keeps a draft to its creators until posted, and refuses a second copy of a posted text', async () => {
    const id = await createWork(db.store.db, db.search, willow, form({ title: 'Draft', draft: true }));
    expect((await loadWorkAccess(db.store.db, id))?.status).toBe('draft');
    await expect(postDraft(db.store.db, db.search, tara, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(postDraft(db.store.db, db.search, willow, id)).rejects.toMatchObject({
      code: 'DUPLICATE_WORK',
    });
    await editChapter(db.store.db, db.search, willow, id, 1, {
      body: 'A different story entirely.',
      format: 'text',
    });
    await postDraft(db.store.db, db.search, willow, id);
    expect((await loadWorkAccess(db.store.db, id))?.status).toBe('posted');
  });

  it('lets creators and admins edit and delete, and no one else', async () => {
    const id = await createWork(
      db.store.db,
      db.search,
      willow,
      form({ title: 'Edit Me', chapters: [{ body: 'Edit me text.', format: 'text' }] }),
    );
    const fields = { ...(await loadWorkFields(db.store.db, id)), title: 'Edited', freeforms: ['Fluff'] };
    await expect(editWork(db.store.db, db.search, tara, id, fields)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(editWork(db.store.db, db.search, null, id, fields)).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
    await expect(editWork(db.store.db, db.search, willow, 99_999, fields)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      editWork(db.store.db, db.search, willow, id, { ...fields, rating: 'X' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await editWork(db.store.db, db.search, willow, id, fields);
    expect(await titles({ tags: 'Fluff' })).toEqual(['Edited']);
    expect(await titles({ tags: 'Library Sex' })).not.toContain('Edited');
    await editWork(db.store.db, db.search, ADMIN, id, { ...fields, title: 'Edited by an admin' });
    await expect(deleteWorkAs(db.store.db, db.search, tara, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await deleteWorkAs(db.store.db, db.search, willow, id);
    expect(await loadWorkAccess(db.store.db, id)).toBeUndefined();
  });

  it('adds, edits, reorders, deletes and schedules chapters', async () => {
    const id = await createWork(
      db.store.db,
      db.search,
      willow,
      form({ title: 'Chapters', chapters: [{ body: 'One one one.', format: 'text', title: 'One' }] }),
    );
    expect(
      await addChapter(db.store.db, db.search, willow, id, {
        body: 'Two two.',
        format: 'text',
        title: 'Two',
      }),
    ).toBe(2);
    await expect(
      addChapter(db.store.db, db.search, tara, id, { body: 'Mine.', format: 'text' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await editChapter(db.store.db, db.search, willow, id, 2, {
      body: '<p>Two, <em>edited</em>.</p>',
      format: 'html',
      title: 'Two',
    });
    await reorderChapters(db.store.db, db.search, willow, id, [2, 1]);
    let chapters = await loadChapters(db.store.db, id);
    expect(chapters.map((chapter) => [chapter.position, chapter.title])).toEqual([
      [1, 'Two'],
      [2, 'One'],
    ]);
    await expect(reorderChapters(db.store.db, db.search, willow, id, [1, 1])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await deleteChapter(db.store.db, db.search, willow, id, 1);
    await expect(deleteChapter(db.store.db, db.search, willow, id, 1)).rejects.toThrow(/only chapter/);
    const work = async () =>
      db.store.db.selectFrom('works').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await work()).toMatchObject({ chapter_count: 1, words: 3 });

    const now = new Date('2026-12-01T00:00:00Z');
    expect(
      await addChapter(
        db.store.db,
        db.search,
        willow,
        id,
        { body: 'Later words here.', format: 'text', title: 'Later', publishAt: '2026-12-24T18:00:00Z' },
        now,
      ),
    ).toBeNull();
    expect(await publishDueChapters(db.store.db, db.search, now)).toBe(0);
    expect((await work()).chapter_count).toBe(1);
    expect(await publishDueChapters(db.store.db, db.search, new Date('2026-12-24T18:00:00Z'))).toBe(1);
    chapters = await loadChapters(db.store.db, id);
    expect(chapters.map((chapter) => chapter.title)).toEqual(['One', 'Later']);
    expect(await work()).toMatchObject({ chapter_count: 2, words: 6 });
    expect(await titles({ q: 'later' })).toContain('Chapters');
  });

  it('makes an invited co-creator a creator once they accept', async () => {
    const id = await createWork(
      db.store.db,
      db.search,
      willow,
      form({
        title: 'Together',
        coCreators: ['tara'],
        chapters: [{ body: 'Together we write.', format: 'text' }],
      }),
    );
    expect((await loadWorkAccess(db.store.db, id))?.creatorUserIds).toEqual([willow.userId]);
    expect(await listInvitations(db.store.db, xander.userId)).toEqual([]);
    const [invitation] = await listInvitations(db.store.db, tara.userId);
    expect(invitation).toMatchObject({
      workId: id,
      workTitle: 'Together',
      pseud: 'tara',
      invitedBy: 'willow',
    });
    await expect(answerInvitation(db.store.db, xander, invitation?.id ?? 0, true)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await answerInvitation(db.store.db, tara, invitation?.id ?? 0, true);
    expect((await loadWorkAccess(db.store.db, id))?.creatorUserIds.toSorted()).toEqual(
      [willow.userId, tara.userId].sort(),
    );
    await addChapter(db.store.db, db.search, tara, id, { body: 'Tara wrote this part.', format: 'text' });
  });

  it("puts a work in its writer's own series of that title, never in another writer's", async () => {
    const post = (member: Member, title: string, extra: Record<string, unknown> = {}) =>
      createWork(
        db.store.db,
        db.search,
        member,
        form({
          title,
          chapters: [{ body: `${title}: Kaylee mended the coupling.`, format: 'text' }],
          series: { title: 'Missing Scenes' },
          ...extra,
        }),
      );
    const seriesOf = async (workId: number) =>
      (
        await db.store.db
          .selectFrom('series_works')
          .select('series_id')
          .where('work_id', '=', workId)
          .executeTakeFirstOrThrow()
      ).series_id;
    const imported = (await workIdsByTitle(db)).Older as number;
    await db.store.db
      .insertInto('series_works')
      .values({
        series_id: await createSeries(db.store.db, 'Missing Scenes'),
        work_id: imported,
        position: 1,
      })
      .execute();
    const willowFirst = await post(willow, 'Scene One');
    const taras = await post(tara, 'Scene by Tara');
    const willowSecond = await post(willow, 'Scene Two');
    const willowPseud = await createPseud(db.store.db, willow.userId, 'RedWitch');
    const underPseud = await post(willow, 'Scene Three', { pseuds: [willowPseud.name] });

    expect(await seriesOf(willowFirst)).not.toBe(await seriesOf(imported));
    expect(await seriesOf(taras)).not.toBe(await seriesOf(willowFirst));
    expect(await seriesOf(willowSecond)).toBe(await seriesOf(willowFirst));
    expect(await seriesOf(underPseud)).toBe(await seriesOf(willowFirst));

    // An edit keeps the series of its only work (a follower of it keeps it); out and back in, Willow's work
    // finds her series again.
    const tarasSeries = await seriesOf(taras);
    await editWork(db.store.db, db.search, tara, taras, await loadWorkFields(db.store.db, taras));
    expect(await seriesOf(taras)).toBe(tarasSeries);
    const fields = await loadWorkFields(db.store.db, willowSecond);
    await editWork(db.store.db, db.search, willow, willowSecond, { ...fields, series: undefined });
    await editWork(db.store.db, db.search, willow, willowSecond, fields);
    expect(await seriesOf(willowSecond)).toBe(await seriesOf(willowFirst));
    // An admin's edit of Willow's work keeps it in Willow's series, not one of the admin's.
    await editWork(
      db.store.db,
      db.search,
      ADMIN,
      willowSecond,
      await loadWorkFields(db.store.db, willowSecond),
    );
    expect(await seriesOf(willowSecond)).toBe(await seriesOf(willowFirst));
  });

  it('lets admins hide and unhide a work', async () => {
    const [oldId] = (await searchWorks(db.store.db, db.search, parseWorkQuery({ q: 'alone' }))).works.map(
      (hit) => hit.id,
    );
    await expect(setWorkHidden(db.store.db, willow, oldId ?? 0, true)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await setWorkHidden(db.store.db, ADMIN, oldId ?? 0, true);
    expect((await loadWorkAccess(db.store.db, oldId ?? 0))?.status).toBe('hidden');
    await setWorkHidden(db.store.db, ADMIN, oldId ?? 0, false);
    expect((await loadWorkAccess(db.store.db, oldId ?? 0))?.status).toBe('posted');
  });

  it('deletes an account, orphaning or deleting its works', async () => {
    const ids = await Promise.all(
      ['Orphan One', 'Orphan Two'].map((title) =>
        createWork(
          db.store.db,
          db.search,
          xander,
          form({ title, chapters: [{ body: `${title} is a story.`, format: 'text' }] }),
        ),
      ),
    );
    await expect(
      deleteAccount(db.store.db, db.search, xander.userId, { password: 'wrong', works: 'orphan' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      deleteAccount(db.store.db, db.search, xander.userId, { password: 'correct horse', works: 'keep' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /^works: / });
    expect(
      await deleteAccount(db.store.db, db.search, xander.userId, {
        password: 'correct horse',
        works: 'orphan',
      }),
    ).toEqual({
      deletedWorks: 0,
      orphanedWorks: 2,
    });
    const creators = await db.store.db
      .selectFrom('work_creators')
      .innerJoin('creators', 'creators.id', 'work_creators.creator_id')
      .select('creators.name')
      .where('work_creators.work_id', 'in', ids)
      .execute();
    expect(creators.map((creator) => creator.name)).toEqual(['orphan_account', 'orphan_account']);
    expect(await db.store.db.selectFrom('users').where('name', '=', 'xander').selectAll().execute()).toEqual(
      [],
    );

    // Willow deletes hers: works only she wrote go, the one written with Tara stays Tara's.
    const result = await deleteAccount(db.store.db, db.search, willow.userId, {
      password: 'correct horse',
      works: 'delete',
    });
    expect(result.deletedWorks).toBeGreaterThan(0);
    expect(await titles()).toEqual(expect.arrayContaining(['Together', 'Orphan One']));
    expect(await titles()).not.toContain('Library Hours');
    const together =
      (await searchWorks(db.store.db, db.search, parseWorkQuery({ q: 'together' }))).works[0]?.id ?? 0;
    expect((await loadWorkAccess(db.store.db, together))?.creatorUserIds).toEqual([tara.userId]);
  });
});
