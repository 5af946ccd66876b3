import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { logIn, setRole, signUp } from '../accounts/account.service.ts';
import type { Member } from '../accounts/actor.ts';
import { findSessionMember } from '../accounts/session.service.ts';
import { listUnmappedTags } from '../tag.service.ts';
import { readAuditLog } from './audit.service.ts';
import { changeRole, liftSuspension, memberStanding, suspendMember } from './member-moderation.service.ts';
import { fileReport, listReports, removeComment, resolveReport } from './report.service.ts';
import { listSuggestedTags, reviewSuggestedTag } from './suggested-tags.service.ts';
import { wrangleTag, wranglingQueue } from './wrangling.service.ts';

const NOW = new Date('2026-06-01T12:00:00Z');

describe.each(DIALECTS)('moderation on %s', (dialect) => {
  let db: TestStore;
  let admin: Member;
  let wrangler: Member;
  let willow: Member;
  let spike: Member;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\nAdditional Tags: bells ringing\n\nKaylee rang the bells while Mal watched.',
      'Title: Library\nAuthor: dawnlark\nFandom: Buffy the Vampire Slayer\nAdditional Tags: libary fluff\n\nWillow and Tara read in the library. Willow smiled at Tara.',
    ]);
    for (const row of await db.store.db.selectFrom('works').select(['id', 'title']).execute())
      ids[row.title ?? ''] = row.id;
    const member = (username: string) =>
      signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' });
    admin = { ...(await member('giles')), role: 'admin' };
    await setRole(db.store.db, 'giles', 'admin');
    wrangler = { ...(await member('anya')), role: 'wrangler' };
    await setRole(db.store.db, 'anya', 'wrangler');
    willow = await member('willow');
    spike = await member('spike');
  });
  afterAll(async () => db?.cleanup());

  it('takes reports from guests and members and refuses unknown targets and empty reasons', async () => {
    const bells = ids.Bells as number;
    const fromGuest = await fileReport(
      db.store.db,
      null,
      { kind: 'work', id: bells, reason: 'spam', details: 'An advert <script>x</script>' },
      NOW,
    );
    const fromMember = await fileReport(
      db.store.db,
      willow,
      { kind: 'member', id: spike.userId, reason: 'harassment', details: 'He threatens me.' },
      NOW,
    );
    expect(fromMember).toBeGreaterThan(fromGuest);
    await expect(
      fileReport(db.store.db, willow, { kind: 'work', id: 99999, reason: 'spam', details: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      fileReport(db.store.db, willow, { kind: 'work', id: bells, reason: 'spam', details: '   ' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('details') });
    await expect(
      fileReport(db.store.db, willow, { kind: 'work', id: bells, reason: 'boredom', details: 'x' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(listReports(db.store.db, willow)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const open = await listReports(db.store.db, admin);
    expect(open.map((report) => [report.target_kind, report.target_label, report.reporter_name])).toEqual([
      ['work', 'Bells', null],
      ['member', 'spike', 'willow'],
    ]);
  });

  it('resolves a report by hiding the work, once, and audits both', async () => {
    const reportId = (await listReports(db.store.db, admin))[0]?.id ?? 0;
    await expect(
      resolveReport(db.store.db, admin, reportId, { action: 'suspend-member', days: 2 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await resolveReport(db.store.db, admin, reportId, { action: 'hide-work', note: 'spam' }, NOW);
    const work = await db.store.db
      .selectFrom('works')
      .select('status')
      .where('id', '=', ids.Bells as number)
      .executeTakeFirstOrThrow();
    expect(work.status).toBe('hidden');
    await expect(resolveReport(db.store.db, admin, reportId, { action: 'dismiss' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('already resolved'),
    });
    await expect(resolveReport(db.store.db, admin, 99999, { action: 'dismiss' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { entries } = await readAuditLog(db.store.db, admin, 1);
    expect(
      entries.slice(0, 2).map((entry) => [entry.actor_name, entry.action, entry.target_label, entry.note]),
    ).toEqual([
      ['giles', 'report.resolve', 'report of work Bells: hide-work', 'spam'],
      ['giles', 'work.hide', 'Bells', 'spam'],
    ]);
    await expect(readAuditLog(db.store.db, wrangler, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('suspends a member: sessions end, log in is refused saying until when, posting too; an admin lifts it', async () => {
    const { session } = await logIn(db.store.db, { login: 'spike', password: 'correct horse' });
    await expect(suspendMember(db.store.db, willow, 'spike', { days: 3 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(suspendMember(db.store.db, admin, 'giles', { days: 3 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(suspendMember(db.store.db, admin, 'nobody', { days: 3 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(suspendMember(db.store.db, admin, 'spike', { days: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const standing = await suspendMember(db.store.db, admin, 'spike', { days: 3, note: 'threats' }, NOW);
    expect(standing.suspendedUntil).toBe('2026-06-04T12:00:00.000Z');
    expect(await findSessionMember(db.store.db, session.secret, NOW)).toBeNull();
    await expect(
      logIn(db.store.db, { login: 'spike', password: 'correct horse' }, { now: NOW }),
    ).rejects.toMatchObject({
      code: 'SUSPENDED',
      message: expect.stringContaining('until 2026-06-04 12:00 UTC (threats)'),
    });
    // A wrong password still says nothing about a suspension.
    await expect(
      logIn(db.store.db, { login: 'spike', password: 'wrong' }, { now: NOW }),
    ).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    await expect(
      fileReport(
        db.store.db,
        { ...spike, suspended: true },
        { kind: 'member', id: willow.userId, reason: 'other', details: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'SUSPENDED' });
    await liftSuspension(db.store.db, admin, 'spike', 'apologised', NOW);
    expect((await memberStanding(db.store.db, admin, 'spike', NOW)).suspendedUntil).toBeNull();
    await expect(liftSuspension(db.store.db, admin, 'spike', '', NOW)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await changeRole(db.store.db, admin, 'willow', 'wrangler', NOW);
    const { entries } = await readAuditLog(db.store.db, admin, 1);
    expect(entries.slice(0, 3).map((entry) => [entry.action, entry.target_label, entry.note])).toEqual([
      ['member.role', 'willow', 'member -> wrangler'],
      ['member.lift', 'spike', 'apologised'],
      ['member.suspend', 'spike', '3 days, until 2026-06-04 12:00 UTC: threats'],
    ]);
    await changeRole(db.store.db, admin, 'willow', 'member', NOW);
  });

  it('changes roles for admins only, refusing an unknown role and taking the role from the last admin', async () => {
    await expect(changeRole(db.store.db, admin, 'willow', 'overlord', NOW)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'role: one of member, wrangler, admin, not "overlord"',
    });
    await expect(changeRole(db.store.db, wrangler, 'willow', 'admin', NOW)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(changeRole(db.store.db, admin, 'nobody', 'admin', NOW)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(changeRole(db.store.db, admin, 'giles', 'member', NOW)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'role: giles is the last admin; make another member an admin first.',
    });
    // With a second admin, either may step down; the first is then the last again.
    await changeRole(db.store.db, admin, 'willow', 'admin', NOW);
    await changeRole(db.store.db, admin, 'willow', 'member', NOW);
    await expect(changeRole(db.store.db, admin, 'giles', 'wrangler', NOW)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const { entries } = await readAuditLog(db.store.db, admin, 1);
    expect(entries.slice(0, 2).map((entry) => [entry.action, entry.target_label, entry.note])).toEqual([
      ['member.role', 'willow', 'admin -> member'],
      ['member.role', 'willow', 'member -> admin'],
    ]);
  });

  it('removes a comment, keeping a thread whose replies hang from it', async () => {
    const library = ids.Library as number;
    const insert = (parent: number | null) =>
      db.store.db
        .insertInto('comments')
        .values({
          work_id: library,
          chapter_id: null,
          user_id: spike.userId,
          body: '<p>Rude.</p>',
          created_at: NOW.toISOString(),
          guest_name: null,
          parent_id: parent,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const parent = await insert(null);
    await insert(parent.id);
    const lone = await insert(null);
    await db.store.db.updateTable('works').set({ comments_count: 3 }).where('id', '=', library).execute();
    const reportId = await fileReport(
      db.store.db,
      willow,
      { kind: 'comment', id: lone.id, reason: 'harassment', details: 'Rude.' },
      NOW,
    );
    await resolveReport(db.store.db, admin, reportId, { action: 'remove-comment', note: 'rude' }, NOW);
    await removeComment(db.store.db, admin, parent.id, '', NOW);
    const left = await db.store.db
      .selectFrom('comments')
      .select(['id', 'body', 'deleted_at'])
      .where('work_id', '=', library)
      .orderBy('id')
      .execute();
    expect(left.map((row) => row.id)).toEqual([parent.id, parent.id + 1]);
    // As any deletion: the comment with a reply keeps its place in the thread, emptied.
    expect(left[0]).toMatchObject({ body: '', deleted_at: NOW.toISOString() });
    const work = await db.store.db
      .selectFrom('works')
      .select('comments_count')
      .where('id', '=', library)
      .executeTakeFirstOrThrow();
    // Counted again from what readers see: the reply alone.
    expect(Number(work.comments_count)).toBe(1);
    await expect(removeComment(db.store.db, wrangler, parent.id, '')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(removeComment(db.store.db, admin, 99999, '')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('wrangles tags as tag.service does, for wranglers only, and audits it', async () => {
    const queue = await wranglingQueue(db.store.db, wrangler, {
      kind: 'freeform',
      fandom: 'Buffy the Vampire Slayer',
    });
    expect(queue.map((tag) => tag.name)).toEqual(['libary fluff']);
    await expect(
      wrangleTag(db.store.db, willow, { action: 'map', tag: 'libary fluff', target: 'Fluff' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      wrangleTag(db.store.db, wrangler, { action: 'map', tag: 'no such tag', target: 'Fluff' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      wrangleTag(db.store.db, wrangler, { action: 'map', tag: ' ', target: 'Fluff' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(
      await wrangleTag(
        db.store.db,
        wrangler,
        { action: 'map', tag: 'libary fluff', target: 'Fluff', kind: 'freeform' },
        NOW,
      ),
    ).toBe('"libary fluff" now leads to "Fluff"; 1 works re-tagged.');
    expect((await listUnmappedTags(db.store.db, 'freeform')).map((tag) => tag.name)).toEqual([
      'bells ringing',
    ]);
    await wrangleTag(
      db.store.db,
      wrangler,
      { action: 'rename', tag: 'Fluff', target: 'Fluff and Comfort' },
      NOW,
    );
    const { entries } = await readAuditLog(db.store.db, admin, 1);
    expect(entries.slice(0, 2).map((entry) => [entry.actor_name, entry.action, entry.note])).toEqual([
      ['anya', 'tag.rename', '"Fluff" is now "Fluff and Comfort".'],
      ['anya', 'tag.map', '"libary fluff" now leads to "Fluff"; 1 works re-tagged.'],
    ]);
  });

  it('queues inferred tags with their evidence; a rejected one leaves the work and is not suggested again', async () => {
    await expect(listSuggestedTags(db.store.db, willow, { page: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const library = ids.Library as number;
    const { tags } = await listSuggestedTags(db.store.db, wrangler, { page: 1 });
    const onLibrary = tags.filter((tag) => tag.workId === library);
    expect(onLibrary.length).toBeGreaterThanOrEqual(2);
    const [kept, rejected] = onLibrary as [(typeof tags)[0], (typeof tags)[0]];
    expect(tags.some((tag) => tag.evidence.length > 0)).toBe(true);
    await reviewSuggestedTag(
      db.store.db,
      wrangler,
      library,
      'confirmed',
      { kind: kept.kind, name: kept.name },
      NOW,
    );
    await reviewSuggestedTag(
      db.store.db,
      wrangler,
      library,
      'rejected',
      { kind: rejected.kind, name: rejected.name },
      NOW,
    );
    await expect(
      reviewSuggestedTag(
        db.store.db,
        wrangler,
        library,
        'rejected',
        { kind: rejected.kind, name: rejected.name },
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const after = (await listSuggestedTags(db.store.db, wrangler, { page: 1 })).tags.filter(
      (tag) => tag.workId === library,
    );
    expect(after.map((tag) => tag.name)).not.toContain(kept.name);
    expect(after.map((tag) => tag.name)).not.toContain(rejected.name);
    const onWork = await db.store.db
      .selectFrom('work_tags')
      .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
      .select('tags.name')
      .where('work_tags.work_id', '=', library)
      .execute();
    expect(onWork.map((row) => row.name)).toContain(kept.name);
    expect(onWork.map((row) => row.name)).not.toContain(rejected.name);
    // Recorded as dismissed for the work's text: what the analysis checks before offering a tag again.
    const dismissed = await db.store.db
      .selectFrom('dismissed_suggestions')
      .select(['kind', 'value'])
      .where('work_id', '=', library)
      .execute();
    expect(dismissed).toEqual([{ kind: rejected.kind, value: rejected.name }]);
  });
});
