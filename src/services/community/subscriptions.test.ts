import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMembers } from '../../../test/members.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { AppError } from '../../errors.ts';
import { ensureTag } from '../../repositories/tag.repository.ts';
import { deleteAccount } from '../accounts/account-deletion.service.ts';
import type { Member } from '../accounts/actor.ts';
import { listOutbox, type Mailer, outboxMailer } from '../accounts/mailer.ts';
import { addChapter, publishDueChapters } from '../posting/chapter.service.ts';
import { createWork, deleteWorkAs, postDraft, setWorkHidden } from '../posting/work-posting.service.ts';
import { inboxOf } from './notification.service.ts';
import { subscribe, subscriptionsOf, unsubscribe } from './subscription.service.ts';
import { chooseDigest, sendSubscriptionMail } from './subscription-mail.service.ts';

const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };
const SITE_URL = 'https://archive.example';
const failing: Mailer = {
  async send() {
    throw new AppError('MAIL_FAILED', 'The mail server is down.');
  },
};

describe.each(DIALECTS)('subscriptions on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let tara: Member;
  let xander: Member;
  let made = 0;

  /** A work of Willow's in the series "Sunnydale", tagged Fluff. */
  const post = (
    options: { draft?: boolean; series?: string; freeform?: string; rating?: 'Explicit' } = {},
    now = new Date(),
  ) => {
    made += 1;
    return createWork(
      db.store.db,
      db.search,
      willow,
      {
        title: `Spell ${made}`,
        fandoms: ['Buffy the Vampire Slayer'],
        rating: options.rating ?? 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        freeforms: [options.freeform ?? 'Fluff'],
        series: { title: options.series ?? 'Sunnydale' },
        chapters: [{ body: `Willow cast spell ${made}.`, format: 'text' }],
        draft: options.draft ?? false,
      },
      now,
    );
  };
  const chapter = (workId: number, now = new Date(), actor: Member = willow) =>
    addChapter(db.store.db, db.search, actor, workId, { body: 'Another night.', format: 'text' }, now);
  const inbox = async (member: Member) => (await inboxOf(db.store.db, member)).rows;
  const rowCount = async (member: Member) =>
    (
      await db.store.db
        .selectFrom('subscriptions')
        .select('id')
        .where('user_id', '=', member.userId)
        .execute()
    ).length;
  const clearInboxes = () => db.store.db.deleteFrom('notifications').execute();
  const clearSubscriptions = () => db.store.db.deleteFrom('subscriptions').execute();
  const seriesId = async (title: string) =>
    (await db.store.db.selectFrom('series').select('id').where('title', '=', title).executeTakeFirstOrThrow())
      .id;
  const tagId = async (name: string) =>
    (await db.store.db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    [willow, tara, xander] = (await signUpMembers(db, 'willow', 'tara', 'xander')) as [
      Member,
      Member,
      Member,
    ];
  }, 30_000);
  afterAll(async () => db?.cleanup());

  it('keeps one row however often a member subscribes, and none after unsubscribing', async () => {
    const work = await post();
    await subscribe(db.store.db, tara, 'work', work);
    await subscribe(db.store.db, tara, 'work', work);
    expect(await rowCount(tara)).toBe(1);
    expect((await subscriptionsOf(db.store.db, tara)).map((entry) => entry.label)).toEqual([`Spell ${made}`]);
    await unsubscribe(db.store.db, tara, 'work', work);
    await unsubscribe(db.store.db, tara, 'work', work);
    expect(await rowCount(tara)).toBe(0);
  });

  it('refuses what does not exist or may not be followed, and guests', async () => {
    const draft = await post({ draft: true });
    await expect(subscribe(db.store.db, tara, 'work', 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(subscribe(db.store.db, tara, 'work', draft)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(subscribe(db.store.db, willow, 'work', draft)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(subscribe(db.store.db, tara, 'creator', 999_999)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(subscribe(db.store.db, tara, 'series', 999_999)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(subscribe(db.store.db, tara, 'tag', 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(subscribe(db.store.db, null, 'tag', 1)).rejects.toMatchObject({ code: 'NOT_LOGGED_IN' });
    const suspended = { ...tara, suspended: true };
    await expect(subscribe(db.store.db, suspended, 'creator', willow.userId)).rejects.toMatchObject({
      code: 'SUSPENDED',
    });
  });

  it('tells each subscriber of a new chapter once, and not its writer', async () => {
    await clearInboxes();
    await clearSubscriptions();
    const work = await post();
    // Tara follows the work three ways; Xander the series; Willow her own work.
    await subscribe(db.store.db, tara, 'work', work);
    await subscribe(db.store.db, tara, 'creator', willow.userId);
    await subscribe(db.store.db, tara, 'series', await seriesId('Sunnydale'));
    await subscribe(db.store.db, xander, 'series', await seriesId('Sunnydale'));
    await subscribe(db.store.db, willow, 'work', work);
    expect(await chapter(work)).toBe(2);
    const [notice] = await inbox(tara);
    expect(await inbox(tara)).toHaveLength(1);
    expect(notice).toMatchObject({ kind: 'new_chapter', workId: work, chapterPosition: 2 });
    expect(await inbox(xander)).toHaveLength(1);
    expect(await inbox(willow)).toHaveLength(0);
  });

  it('tells creator, series and tag subscribers of a new work, a synonym reaching its canonical tag', async () => {
    await clearInboxes();
    await clearSubscriptions();
    const fluff = await tagId('Fluff');
    await ensureTag(db.store.db, { kind: 'freeform', name: 'Fluffy', canonical: false, synonymOf: fluff });
    // Following the synonym follows the canonical tag; a work tagged with the synonym reaches it too.
    expect(await subscribe(db.store.db, tara, 'tag', await tagId('Fluffy'))).toBe(fluff);
    await subscribe(db.store.db, xander, 'creator', willow.userId);
    const work = await post({ freeform: 'Fluffy', series: 'Elsewhere' });
    expect((await inbox(tara)).map((row) => [row.kind, row.workId])).toEqual([['new_work', work]]);
    expect((await inbox(xander)).map((row) => [row.kind, row.workId])).toEqual([['new_work', work]]);
    // A tag feed is of new works: a chapter of it tells the creator's subscriber only.
    await chapter(work);
    expect(await inbox(tara)).toHaveLength(1);
    expect(await inbox(xander)).toHaveLength(2);
  });

  it('tells no one of a draft until it is posted, nor of a hidden work', async () => {
    await clearInboxes();
    await clearSubscriptions();
    await subscribe(db.store.db, tara, 'creator', willow.userId);
    const draft = await post({ draft: true });
    expect(await inbox(tara)).toHaveLength(0);
    await postDraft(db.store.db, db.search, willow, draft);
    expect((await inbox(tara)).map((row) => row.kind)).toEqual(['new_work']);
    await subscribe(db.store.db, tara, 'work', draft);
    await setWorkHidden(db.store.db, ADMIN, draft, true);
    await chapter(draft, new Date(), ADMIN);
    expect(await inbox(tara)).toHaveLength(1);
    // The earlier notice of it shows no title while it is hidden.
    expect((await inbox(tara))[0]).toMatchObject({ workId: null, workTitle: null });
    // Nor does a chapter scheduled for a time after the work was hidden.
    await setWorkHidden(db.store.db, ADMIN, draft, false);
    await addChapter(db.store.db, db.search, willow, draft, {
      body: 'Later.',
      format: 'text',
      publishAt: '2099-01-01T00:00:00Z',
    });
    await setWorkHidden(db.store.db, ADMIN, draft, true);
    await publishDueChapters(db.store.db, db.search, new Date('2099-01-02T00:00:00Z'));
    expect(await inbox(tara)).toHaveLength(1);
  });

  it('passes over subscriptions whose work, series, tag or creator is gone', async () => {
    await clearInboxes();
    await clearSubscriptions();
    const [giles] = (await signUpMembers(db, 'giles')) as [Member];
    const work = await post({ series: 'Gone soon' });
    await ensureTag(db.store.db, { kind: 'freeform', name: 'Short-lived', canonical: true });
    await subscribe(db.store.db, tara, 'work', work);
    await subscribe(db.store.db, tara, 'series', await seriesId('Gone soon'));
    await subscribe(db.store.db, tara, 'creator', willow.userId);
    await subscribe(db.store.db, tara, 'tag', await tagId('Short-lived'));
    await chapter(work);
    await deleteWorkAs(db.store.db, db.search, willow, work);
    await db.store.db.deleteFrom('series').where('title', '=', 'Gone soon').execute();
    await db.store.db.deleteFrom('tags').where('name', '=', 'Short-lived').execute();
    await deleteAccount(db.store.db, db.search, willow.userId, {
      password: 'correct horse',
      works: 'orphan',
    });
    expect(await subscriptionsOf(db.store.db, tara)).toEqual([]);
    expect(await inbox(tara)).toEqual([]);
    await subscribe(db.store.db, tara, 'creator', giles.userId);
    expect((await subscriptionsOf(db.store.db, tara)).map((entry) => entry.label)).toEqual(['giles']);
    willow = (await signUpMembers(db, 'willow2'))[0] as Member;
  });

  it('leaves news of a work whose rating the site hides out of the inbox and the mail', async () => {
    await clearInboxes();
    await clearSubscriptions();
    await db.store.db.deleteFrom('mail_outbox').execute();
    await subscribe(db.store.db, tara, 'creator', willow.userId);
    await chooseDigest(db.store.db, tara, 'immediately');
    const explicit = await post({ rating: 'Explicit' });
    const general = await post();
    const hidden = ['Explicit'] as const;
    const listed = await inboxOf(db.store.db, tara, 1, hidden);
    expect(listed.rows.map((row) => row.workId)).toEqual([general]);
    expect([listed.total, listed.unread]).toEqual([1, 1]);
    await sendSubscriptionMail(db.store.db, outboxMailer, {
      frequency: 'immediately',
      siteUrl: SITE_URL,
      hiddenRatings: hidden,
    });
    const [mail, ...more] = await listOutbox(db.store.db);
    expect(more).toEqual([]);
    expect(mail?.body).toContain(`${SITE_URL}/works/${general}`);
    expect(mail?.body).not.toContain(`/works/${explicit}`);
    // The setting is read with the inbox: a site that shows Explicit works again lists the notice again.
    expect((await inboxOf(db.store.db, tara)).rows.map((row) => row.workId)).toEqual([general, explicit]);
    await chooseDigest(db.store.db, tara, 'never');
  });

  describe('mail', () => {
    let work: number;
    const outbox = async () => (await listOutbox(db.store.db)).filter((mail) => mail.subject !== '');
    const day = (time: string) => new Date(`2026-03-0${time}Z`);

    beforeAll(async () => {
      await clearInboxes();
      await clearSubscriptions();
      await db.store.db.deleteFrom('mail_outbox').execute();
      work = await post({ series: 'Mailed' });
      await subscribe(db.store.db, tara, 'work', work);
      await subscribe(db.store.db, xander, 'work', work);
      await chapter(work, day('1T08:00:00'));
    });

    it('sends nothing to members who did not ask, nor the inbox from before they asked', async () => {
      await chooseDigest(db.store.db, tara, 'daily', day('1T09:00:00'));
      await chooseDigest(db.store.db, xander, 'immediately', day('1T09:00:00'));
      const run = await sendSubscriptionMail(db.store.db, outboxMailer, {
        frequency: 'immediately',
        siteUrl: SITE_URL,
      });
      expect(run).toEqual({ sent: 0, failed: 0 });
      expect(await outbox()).toEqual([]);
    });

    it('mails an immediate subscriber each new chapter once, trying again after a failure', async () => {
      await chapter(work, day('1T10:00:00'));
      const failed = await sendSubscriptionMail(db.store.db, failing, {
        frequency: 'immediately',
        siteUrl: SITE_URL,
      });
      expect(failed).toEqual({ sent: 0, failed: 1 });
      const run = { frequency: 'immediately' as const, siteUrl: SITE_URL };
      expect(await sendSubscriptionMail(db.store.db, outboxMailer, run)).toEqual({ sent: 1, failed: 0 });
      expect(await sendSubscriptionMail(db.store.db, outboxMailer, run)).toEqual({ sent: 0, failed: 0 });
      const [mail] = await outbox();
      expect(mail?.recipient).toBe('xander@example.org');
      expect(mail?.body).toContain(`${SITE_URL}/works/${work}/chapters/3`);
    });

    it('sends a daily digest once a day with what came before it, keeping its place in the database', async () => {
      const daily = (time: string) =>
        sendSubscriptionMail(db.store.db, outboxMailer, {
          frequency: 'daily',
          siteUrl: SITE_URL,
          now: day(time),
        });
      // The day's notices wait for the next day.
      expect(await daily('1T23:00:00')).toEqual({ sent: 0, failed: 0 });
      expect(await daily('2T00:01:00')).toEqual({ sent: 1, failed: 0 });
      await chapter(work, day('2T08:00:00'));
      // Run again (or after a restart: the mark is the only state) the same day: nothing more.
      expect(await daily('2T00:02:00')).toEqual({ sent: 0, failed: 0 });
      expect(await daily('2T12:00:00')).toEqual({ sent: 0, failed: 0 });
      expect(await daily('3T00:01:00')).toEqual({ sent: 1, failed: 0 });
      expect(await daily('3T00:02:00')).toEqual({ sent: 0, failed: 0 });
      const digests = (await outbox()).filter((mail) => mail.recipient === 'tara@example.org');
      expect(digests.map((mail) => mail.subject)).toEqual([
        'Your daily digest: 1 new from your subscriptions',
        'Your daily digest: 1 new from your subscriptions',
      ]);
      expect(digests[0]?.body).toContain(`/works/${work}/chapters/3`);
      expect(digests[1]?.body).toContain(`/works/${work}/chapters/4`);
    });

    it('stops when the member chooses never', async () => {
      await chooseDigest(db.store.db, xander, 'never');
      await chapter(work);
      expect(
        await sendSubscriptionMail(db.store.db, outboxMailer, {
          frequency: 'immediately',
          siteUrl: SITE_URL,
        }),
      ).toEqual({ sent: 0, failed: 0 });
    });
  });
});
