import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMembers } from '../../../test/members.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import type { Member } from '../accounts/actor.ts';
import { listOutbox, outboxMailer } from '../accounts/mailer.ts';
import { addChapter } from '../posting/chapter.service.ts';
import { createWork } from '../posting/work-posting.service.ts';
import { postComment } from './comment.service.ts';
import { excludeFromListings, includeInListings, setMemberRelation } from './member-filter.service.ts';
import { inboxOf } from './notification.service.ts';
import { subscribe } from './subscription.service.ts';
import { chooseDigest, sendSubscriptionMail } from './subscription-mail.service.ts';

const SITE_URL = 'https://archive.example';

/**
 * Muting and the exclusion list reach the inbox and its mail: no notice is made of a work the member's
 * listings leave out, and notices already there from a member muted or blocked since are hidden when read
 * (listed, counted and mailed), not deleted.
 */
describe.each(DIALECTS)('muting and exclusions in subscription notices on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let spike: Member;
  let tara: Member;
  let xander: Member;
  let made = 0;
  let fluff = 0;

  const post = (author: Member, extra: { freeforms?: string[]; rating?: string } = {}) => {
    made += 1;
    return createWork(db.store.db, db.search, author, {
      title: `Night ${made} by ${author.name}`,
      fandoms: ['Buffy the Vampire Slayer'],
      rating: extra.rating ?? 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      freeforms: ['Fluff', ...(extra.freeforms ?? [])],
      chapters: [{ body: `Night ${made}.`, format: 'text' }],
    });
  };
  const titles = async (member: Member) =>
    (await inboxOf(db.store.db, member)).rows.map((row) => row.workTitle ?? row.kind);
  const clear = async () => {
    await db.store.db.deleteFrom('notifications').execute();
    await db.store.db.deleteFrom('subscriptions').execute();
    await db.store.db.deleteFrom('mutes').execute();
    await db.store.db.deleteFrom('blocks').execute();
    await db.store.db.deleteFrom('exclusions').execute();
  };
  const followFluff = async (...members: Member[]) => {
    for (const member of members) await subscribe(db.store.db, member, 'tag', fluff);
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    [willow, spike, tara, xander] = (await signUpMembers(db, 'willow', 'spike', 'tara', 'xander')) as [
      Member,
      Member,
      Member,
      Member,
    ];
    await post(willow);
    fluff = (
      await db.store.db.selectFrom('tags').select('id').where('name', '=', 'Fluff').executeTakeFirstOrThrow()
    ).id;
  }, 30_000);
  afterAll(async () => db?.cleanup());

  it('makes no notice of a muted creator’s new work or chapter; others are told', async () => {
    await clear();
    await followFluff(tara, xander);
    const work = await post(spike);
    await subscribe(db.store.db, tara, 'work', work);
    await setMemberRelation(db.store.db, tara, 'mute', spike.userId, true);
    const next = await post(spike);
    await addChapter(db.store.db, db.search, spike, work, { body: 'More.', format: 'text' });
    const stored = await db.store.db
      .selectFrom('notifications')
      .select('work_id')
      .where('user_id', '=', tara.userId)
      .execute();
    // Only the notice from before the mute exists; none of the new work nor the chapter.
    expect(stored.map((row) => row.work_id)).toEqual([work]);
    expect((await inboxOf(db.store.db, xander)).rows.map((row) => row.workId)).toEqual([next, work]);
  });

  it('makes no notice of a work with an excluded tag, creator or rating (Explicit too)', async () => {
    await clear();
    await followFluff(tara, xander);
    await excludeFromListings(db.store.db, tara, 'tag', 'Fluff');
    await post(willow);
    expect(await titles(tara)).toEqual([]);
    await includeInListings(db.store.db, tara, 'tag', 'Fluff');
    await excludeFromListings(db.store.db, tara, 'rating', 'Explicit');
    await excludeFromListings(db.store.db, tara, 'creator', 'spike');
    const explicit = await post(willow, { rating: 'Explicit' });
    await post(spike);
    const plain = await post(willow);
    expect((await inboxOf(db.store.db, tara)).rows.map((row) => row.workId)).toEqual([plain]);
    expect((await inboxOf(db.store.db, xander)).rows).toHaveLength(4);
    expect((await inboxOf(db.store.db, xander)).rows.map((row) => row.workId)).toContain(explicit);
  });

  it('hides notices from a member muted or blocked since, counted as listed, and shows them again after', async () => {
    await clear();
    await followFluff(tara);
    const theirs = await post(spike);
    const hers = await post(willow);
    const own = await post(tara);
    const comment = await postComment(db.store.db, spike, own, { comment: 'Bloody lovely.' });
    expect(comment.held).toBe(false);
    const before = await inboxOf(db.store.db, tara);
    expect(before.rows).toHaveLength(3);
    expect([before.total, before.unread]).toEqual([3, 3]);

    await setMemberRelation(db.store.db, tara, 'mute', spike.userId, true);
    const muted = await inboxOf(db.store.db, tara);
    expect(muted.rows.map((row) => row.workId)).toEqual([hers]);
    expect([muted.total, muted.unread]).toEqual([1, 1]);
    // Hidden, not deleted.
    expect(
      await db.store.db.selectFrom('notifications').select('id').where('user_id', '=', tara.userId).execute(),
    ).toHaveLength(3);

    await setMemberRelation(db.store.db, tara, 'mute', spike.userId, false);
    await setMemberRelation(db.store.db, tara, 'block', spike.userId, true);
    const blocked = await inboxOf(db.store.db, tara);
    expect(blocked.rows.map((row) => row.workId)).toEqual([hers]);
    expect([blocked.total, blocked.unread]).toEqual([1, 1]);
    await setMemberRelation(db.store.db, tara, 'block', spike.userId, false);
    const back = await inboxOf(db.store.db, tara);
    expect(back.rows.map((row) => row.workId)).toEqual([own, hers, theirs]);
    expect([back.total, back.unread]).toEqual([3, 3]);
  });

  it('mails no line of a notice from a member muted since, and no mail when that was all', async () => {
    await clear();
    await db.store.db.deleteFrom('mail_outbox').execute();
    await followFluff(tara);
    await chooseDigest(db.store.db, tara, 'immediately');
    const run = { frequency: 'immediately' as const, siteUrl: SITE_URL };
    const theirs = await post(spike);
    await setMemberRelation(db.store.db, tara, 'mute', spike.userId, true);
    expect(await sendSubscriptionMail(db.store.db, outboxMailer, run)).toEqual({ sent: 0, failed: 0 });
    await setMemberRelation(db.store.db, tara, 'mute', spike.userId, false);
    const more = await post(spike);
    const hers = await post(willow);
    await setMemberRelation(db.store.db, tara, 'mute', spike.userId, true);
    expect(await sendSubscriptionMail(db.store.db, outboxMailer, run)).toEqual({ sent: 1, failed: 0 });
    const mails = (await listOutbox(db.store.db)).filter((mail) => mail.recipient === 'tara@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body).toContain(`/works/${hers}`);
    expect(mails[0]?.body).not.toContain(`/works/${more}`);
    expect(mails[0]?.body).not.toContain(`/works/${theirs}`);
  });
});
