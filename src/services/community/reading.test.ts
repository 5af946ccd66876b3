import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMembers, workIdsByTitle } from '../../../test/members.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { readArchiveVersion } from '../../repositories/archive-version.ts';
import type { Member } from '../accounts/actor.ts';
import { setWorkHidden } from '../posting/work-posting.service.ts';
import {
  clearHistory,
  markForLater,
  noteReading,
  pauseHistory,
  readingMark,
  readings,
} from './reading.service.ts';

const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };

describe.each(DIALECTS)('history, read marks and Mark for Later on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let tara: Member;
  let ids: Record<string, number> = {};
  const page = { page: 1, perPage: 20 };
  const titles = async (later: boolean, search: string | null = null) =>
    (await readings(db.store.db, willow, 'willow', { ...page, later, search })).entries.map(
      (entry) => `${entry.work.title}:${entry.views}:${entry.lastChapter}`,
    );

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.',
      'Title: Engines\nAuthor: rivertam\nFandom: Firefly\n\nKaylee fixed the engine.',
    ]);
    ids = await workIdsByTitle(db);
    [willow, tara] = (await signUpMembers(db, 'willow', 'tara')) as [Member, Member];
  });
  afterAll(async () => db?.cleanup());

  it('keeps what a member read, how often and the last chapter, without changing the archive version', async () => {
    const bells = ids.Bells as number;
    const version = await readArchiveVersion(db.store.db);
    await noteReading(db.store.db, willow, bells, null, new Date('2026-03-01T10:00:00Z'));
    await noteReading(db.store.db, willow, bells, 2, new Date('2026-03-01T11:00:00Z'));
    // Opening the work's first page again keeps the mark where the reader stopped.
    await noteReading(db.store.db, willow, bells, null, new Date('2026-03-01T12:00:00Z'));
    await noteReading(db.store.db, willow, ids.Engines as number, null, new Date('2026-03-02T10:00:00Z'));
    await noteReading(db.store.db, null, bells, 1);
    expect(await titles(false)).toEqual(['Engines:1:1', 'Bells:3:2']);
    expect(await readingMark(db.store.db, willow, bells)).toEqual({ lastChapter: 2, later: false });
    expect(await readingMark(db.store.db, tara, bells)).toEqual({ lastChapter: null, later: false });
    expect(await titles(false, 'BELL')).toEqual(['Bells:3:2']);
    expect(await titles(false, 'rivert')).toEqual(['Engines:1:1']);
    expect(await titles(false, '%')).toEqual([]);
    expect(await readArchiveVersion(db.store.db)).toBe(version);
  });

  it('is the member’s own: no one else reads it, admins included', async () => {
    await expect(
      readings(db.store.db, tara, 'willow', { ...page, later: false, search: null }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      readings(db.store.db, ADMIN, 'willow', { ...page, later: false, search: null }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      readings(db.store.db, null, 'willow', { ...page, later: false, search: null }),
    ).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
    await expect(clearHistory(db.store.db, tara, 'willow')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      readings(db.store.db, willow, 'nobody', { ...page, later: false, search: null }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('marks for later, pauses and clears', async () => {
    const engines = ids.Engines as number;
    await markForLater(db.store.db, willow, engines, true);
    expect(await titles(true)).toEqual(['Engines:1:1']);
    await pauseHistory(db.store.db, willow, 'willow', true);
    await noteReading(db.store.db, willow, engines, 3);
    expect(await readingMark(db.store.db, willow, engines)).toEqual({ lastChapter: 1, later: true });
    await pauseHistory(db.store.db, willow, 'willow', false);
    await clearHistory(db.store.db, willow, 'willow');
    expect(await titles(false)).toEqual([]);
    expect(await titles(true)).toEqual(['Engines:0:null']);
    await markForLater(db.store.db, willow, engines, false);
    expect(await titles(true)).toEqual([]);
    await expect(markForLater(db.store.db, null, engines, true)).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
    await setWorkHidden(db.store.db, ADMIN, engines, true);
    await expect(markForLater(db.store.db, willow, engines, true)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await setWorkHidden(db.store.db, ADMIN, engines, false);
  });

  it('leaves out works hidden since they were read', async () => {
    const bells = ids.Bells as number;
    await noteReading(db.store.db, willow, bells, 1);
    await setWorkHidden(db.store.db, ADMIN, bells, true);
    expect(await titles(false)).toEqual([]);
    await setWorkHidden(db.store.db, ADMIN, bells, false);
    expect(await titles(false)).toEqual(['Bells:1:1']);
  });
});
