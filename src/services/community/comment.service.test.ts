import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { signUp } from '../accounts/account.service.ts';
import { deleteAccount } from '../accounts/account-deletion.service.ts';
import type { Member } from '../accounts/actor.ts';
import { listOutbox, outboxMailer } from '../accounts/mailer.ts';
import { createWork } from '../posting/work-posting.service.ts';
import {
  approveCommentAs,
  COMMENT_PACE,
  deleteCommentAs,
  editComment,
  freezeThread,
  postComment,
  setCommentSettings,
} from './comment.service.ts';
import { commentsFor, commentThread, heldCommentsFor } from './comment-listing.service.ts';
import { chooseCommentMail, inboxOf, markInboxRead } from './notification.service.ts';

const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };

describe.each(DIALECTS)('comments on %s', (dialect) => {
  let db: TestStore;
  let willow: Member;
  let tara: Member;
  let xander: Member;
  let own: number;
  let imported: number;
  // Each test moves the clock on, so the pace limit meets only the comments a test means it to.
  let clock = Date.parse('2026-03-01T00:00:00Z');
  const later = () => {
    clock += 3_600_000;
    return new Date(clock);
  };
  const count = async (id: number) =>
    Number(
      (
        await db.store.db
          .selectFrom('works')
          .select('comments_count')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).comments_count,
    );
  const guest = (name: string, secret = `guest-secret-${name}-xxxxxxxx`) => ({
    guestName: name,
    guestSecret: secret,
  });

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, ['Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.']);
    imported = (await db.store.db.selectFrom('works').select('id').executeTakeFirstOrThrow()).id;
    const member = (username: string) =>
      signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' });
    willow = await member('willow');
    tara = await member('tara');
    xander = await member('xander');
    own = await createWork(db.store.db, db.search, willow, {
      title: 'Research',
      format: 'text',
      fandoms: ['Firefly'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [
        { body: 'Willow read all night.', format: 'text' },
        { body: 'Willow slept all day.', format: 'text' },
      ],
    });
  });
  afterAll(async () => db?.cleanup());

  it('threads replies under comments, newest thread first, and counts what shows', async () => {
    const first = await postComment(
      db.store.db,
      tara,
      own,
      { comment: 'Lovely.\n\nTruly *lovely*.', chapter: 1 },
      { now: later() },
    );
    const second = await postComment(
      db.store.db,
      null,
      own,
      { comment: 'A guest says <em>hi</em> <script>alert(1)</script>', chapter: 1, guestName: 'Anya' },
      { guestSecret: 'guest-secret-anya-xxxxxxxx', now: later() },
    );
    const reply = await postComment(
      db.store.db,
      willow,
      own,
      { comment: 'Thank you!', parentId: first.id },
      { now: later() },
    );
    await postComment(db.store.db, xander, own, { comment: 'On chapter two.', chapter: 2 }, { now: later() });
    expect(await count(own)).toBe(4);
    const section = await commentsFor(db.store.db, null, own, 1);
    expect(section?.threads.map((thread) => thread.id)).toEqual([second.id, first.id]);
    const [guestComment, taraComment] = section?.threads ?? [];
    expect(guestComment).toMatchObject({ name: 'Anya', guest: true });
    expect(guestComment?.html).toBe('<p>A guest says <em>hi</em></p>');
    expect(taraComment).toMatchObject({ name: 'tara', chapter: 1, can: { reply: true, edit: false } });
    expect(taraComment?.html).toBe('<p>Lovely.</p>\n<p>Truly *lovely*.</p>');
    expect(taraComment?.replies.map((view) => [view.id, view.name])).toEqual([[reply.id, 'willow']]);
    expect((await commentsFor(db.store.db, null, own, 2))?.threads.map((t) => t.name)).toEqual(['xander']);
    expect((await commentsFor(db.store.db, null, own, 'full'))?.total).toBe(3);
    // Threads to page through, and every comment shown (replies too), for each place a page can be.
    const counts = async (chapter: number | 'full') => {
      const shown = await commentsFor(db.store.db, null, own, chapter);
      return [shown?.total, shown?.count];
    };
    expect([await counts(1), await counts(2), await counts('full')]).toEqual([
      [2, 3],
      [1, 1],
      [3, 4],
    ]);
    const thread = await commentThread(db.store.db, null, reply.id);
    expect(thread.comment.id).toBe(reply.id);
    expect(thread.thread[0]?.id).toBe(first.id);
  });

  it('refuses empty, over-long, unknown and disallowed comments by name', async () => {
    const post = (actor: Member | null, input: Parameters<typeof postComment>[3], secret?: string) =>
      postComment(db.store.db, actor, own, input, { guestSecret: secret, now: later() });
    await expect(post(tara, { comment: '   ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(post(tara, { comment: '<p><img src=x></p>' })).rejects.toThrow('no text once its markup');
    await expect(post(tara, { comment: 'x'.repeat(10_001) })).rejects.toThrow('at most 10,000 characters');
    await expect(post(tara, { comment: 'Hi', parentId: 999_999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(post(tara, { comment: 'Hi', chapter: 9 })).rejects.toThrow('has no chapter 9');
    await expect(postComment(db.store.db, tara, 999_999, { comment: 'Hi' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(post(null, { comment: 'Hi' }, 'guest-secret-nameless-xxxx')).rejects.toThrow('name:');
    await expect(
      post(null, { comment: 'Hi', guestName: 'A', guestEmail: 'not mail' }, 'guest-secret-x-xxxxxxxxxx'),
    ).rejects.toThrow('email:');
    await expect(post(null, { comment: 'Hi', guestName: 'A' })).rejects.toThrow('guest cookie');
    await setCommentSettings(db.store.db, willow, own, { permission: 'members', moderated: false });
    await expect(
      post(null, { comment: 'Hi', ...guest('Dawn') }, 'guest-secret-dawn-xxxxxxxx'),
    ).rejects.toMatchObject({
      code: 'NOT_LOGGED_IN',
    });
    await setCommentSettings(db.store.db, willow, own, { permission: 'none', moderated: false });
    await expect(post(tara, { comment: 'Hi' })).rejects.toThrow('turned comments off');
    await setCommentSettings(db.store.db, willow, own, { permission: 'guests', moderated: false });
    await expect(
      setCommentSettings(db.store.db, tara, own, { permission: 'none', moderated: true }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets writers edit, writers, creators and admins delete, and creators freeze threads', async () => {
    const root = await postComment(db.store.db, tara, imported, { comment: 'Root.' }, { now: later() });
    const answer = await postComment(
      db.store.db,
      xander,
      imported,
      { comment: 'Answer.', parentId: root.id },
      { now: later() },
    );
    await expect(editComment(db.store.db, xander, root.id, 'Mine now')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(deleteCommentAs(db.store.db, xander, root.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await editComment(db.store.db, tara, root.id, 'Root, edited.');
    let thread = await commentThread(db.store.db, null, root.id);
    expect(thread.comment).toMatchObject({ html: '<p>Root, edited.</p>' });
    expect(thread.comment.editedAt).not.toBeNull();
    // The imported work has no member creator: only its commenters and admins act on its comments.
    await expect(freezeThread(db.store.db, tara, root.id, true)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const mine = await postComment(db.store.db, tara, own, { comment: 'Freeze me.' }, { now: later() });
    const inside = await postComment(
      db.store.db,
      xander,
      own,
      { comment: 'Inside.', parentId: mine.id },
      { now: later() },
    );
    await freezeThread(db.store.db, willow, mine.id, true);
    await expect(
      postComment(db.store.db, tara, own, { comment: 'More.', parentId: inside.id }, { now: later() }),
    ).rejects.toThrow('This thread is frozen');
    await expect(editComment(db.store.db, xander, inside.id, 'Changed')).rejects.toThrow('frozen');
    expect((await commentThread(db.store.db, tara, inside.id)).comment).toMatchObject({
      frozen: true,
      can: { reply: false, edit: false },
    });
    await freezeThread(db.store.db, willow, mine.id, false);
    await postComment(db.store.db, tara, own, { comment: 'More.', parentId: inside.id }, { now: later() });

    // A comment with replies stays as deleted; its last reply gone, it goes too.
    const before = await count(imported);
    await deleteCommentAs(db.store.db, tara, root.id);
    thread = await commentThread(db.store.db, null, answer.id);
    expect(thread.thread[0]).toMatchObject({ id: root.id, deleted: true, html: '' });
    expect(await count(imported)).toBe(before - 1);
    await deleteCommentAs(db.store.db, ADMIN, answer.id);
    await expect(commentThread(db.store.db, null, root.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await count(imported)).toBe(before - 2);
    // The creator deletes a comment on their work.
    const other = await postComment(db.store.db, xander, own, { comment: 'Rude.' }, { now: later() });
    await deleteCommentAs(db.store.db, willow, other.id);
    await expect(commentThread(db.store.db, null, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('holds comments on a moderated work until a creator approves them', async () => {
    await setCommentSettings(db.store.db, willow, own, { permission: 'guests', moderated: true });
    const before = await count(own);
    const held = await postComment(db.store.db, tara, own, { comment: 'Held one.' }, { now: later() });
    expect(held.held).toBe(true);
    const guestHeld = await postComment(
      db.store.db,
      null,
      own,
      { comment: 'Held too.', guestName: 'Dawn' },
      {
        guestSecret: 'guest-secret-dawn-held-xxxx',
        now: later(),
      },
    );
    expect(await count(own)).toBe(before);
    // Held comments are no one's count; a held thread is counted for those who see it.
    const counted = async (actor: Member | null) => {
      const shown = await commentsFor(db.store.db, actor, own, 'full');
      return [shown?.total, shown?.count];
    };
    const [threads, visible] = (await counted(null)) as [number, number];
    expect(await counted(tara)).toEqual([threads + 1, visible]);
    expect(await counted(willow)).toEqual([threads + 2, visible]);
    const ids = async (actor: Member | null) =>
      (await commentsFor(db.store.db, actor, own, 'full'))?.threads.map((thread) => thread.id) ?? [];
    expect(await ids(null)).not.toContain(held.id);
    expect(await ids(xander)).not.toContain(held.id);
    expect(await ids(tara)).toContain(held.id);
    expect(await ids(willow)).toEqual(expect.arrayContaining([held.id, guestHeld.id]));
    await expect(commentThread(db.store.db, xander, held.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      postComment(db.store.db, willow, own, { comment: 'Answer', parentId: held.id }, { now: later() }),
    ).rejects.toThrow('waits for approval');
    expect((await heldCommentsFor(db.store.db, willow, own)).map((view) => view.id)).toEqual([
      held.id,
      guestHeld.id,
    ]);
    await expect(heldCommentsFor(db.store.db, tara, own)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(approveCommentAs(db.store.db, tara, held.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await approveCommentAs(db.store.db, willow, held.id);
    expect(await ids(xander)).toContain(held.id);
    expect(await count(own)).toBe(before + 1);
    // A creator's own comment is never held.
    expect((await postComment(db.store.db, willow, own, { comment: 'Mine.' }, { now: later() })).held).toBe(
      false,
    );
    await setCommentSettings(db.store.db, willow, own, { permission: 'guests', moderated: false });
  });

  it('refuses floods and the same text twice with a clear message', async () => {
    const now = later();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    for (let n = 0; n < COMMENT_PACE.comments; n++)
      await postComment(db.store.db, xander, imported, { comment: `Flood ${n}` }, { now: at(n) });
    await expect(
      postComment(db.store.db, xander, imported, { comment: 'One more' }, { now: at(10) }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('wait a few minutes') });
    await postComment(
      db.store.db,
      xander,
      imported,
      { comment: 'One more' },
      { now: at(COMMENT_PACE.minutes * 60 + 10) },
    );
    await expect(
      postComment(db.store.db, xander, imported, { comment: 'One more' }, { now: at(3600) }),
    ).rejects.toMatchObject({
      code: 'DUPLICATE_COMMENT',
      message: 'You have already left this comment here.',
    });
    // Guests are paced by their cookie.
    for (let n = 0; n < COMMENT_PACE.comments; n++)
      await postComment(
        db.store.db,
        null,
        imported,
        { comment: `Guest flood ${n}`, guestName: 'G' },
        {
          guestSecret: 'guest-secret-flood-xxxxxxx',
          now: at(n),
        },
      );
    await expect(
      postComment(
        db.store.db,
        null,
        imported,
        { comment: 'Guest more', guestName: 'G' },
        {
          guestSecret: 'guest-secret-flood-xxxxxxx',
          now: at(20),
        },
      ),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('notifies the creators in their inbox, and by mail when they asked', async () => {
    await markInboxRead(db.store.db, willow);
    await chooseCommentMail(db.store.db, willow, true);
    const mailBefore = (await listOutbox(db.store.db)).length;
    const comment = await postComment(
      db.store.db,
      xander,
      own,
      { comment: 'Notify me.' },
      {
        mailer: outboxMailer,
        siteUrl: 'https://quire.example',
        now: later(),
      },
    );
    const inbox = await inboxOf(db.store.db, willow);
    expect(inbox.unread).toBe(1);
    expect(inbox.rows[0]).toMatchObject({
      kind: 'comment',
      workTitle: 'Research',
      commentId: comment.id,
      commenterName: 'xander',
    });
    const mail = (await listOutbox(db.store.db)).slice(mailBefore);
    expect(mail).toEqual([
      expect.objectContaining({
        recipient: 'willow@example.org',
        subject: 'New comment on Research',
        body: expect.stringContaining(`https://quire.example/comments/${comment.id}`),
      }),
    ]);
    // A reply tells the member answered (xander did not ask for mail); the creator answering is not told.
    await postComment(
      db.store.db,
      willow,
      own,
      { comment: 'Thanks!', parentId: comment.id },
      { mailer: outboxMailer, now: later() },
    );
    expect((await inboxOf(db.store.db, xander)).rows[0]).toMatchObject({
      kind: 'reply',
      commenterName: 'willow',
    });
    expect((await inboxOf(db.store.db, willow)).unread).toBe(1);
    expect((await listOutbox(db.store.db)).length).toBe(mailBefore + 1);
    await markInboxRead(db.store.db, willow);
    expect((await inboxOf(db.store.db, willow)).unread).toBe(0);
  });

  it("keeps a deleted member's comments unsigned", async () => {
    const anya = await signUp(db.store.db, {
      username: 'anya',
      email: 'anya@example.org',
      password: 'correct horse',
    });
    const comment = await postComment(db.store.db, anya, imported, { comment: 'Bye.' }, { now: later() });
    await deleteAccount(db.store.db, db.search, anya.userId, {
      password: 'correct horse',
      works: 'orphan',
      keepNames: false,
    });
    const { comment: view } = await commentThread(db.store.db, null, comment.id);
    expect(view).toMatchObject({ name: null, guest: false, html: '<p>Bye.</p>' });
  });
});
