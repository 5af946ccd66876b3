/**
 * The inbox: what happened around a member's works and comments, kept as `notifications` rows: comments
 * here, new chapters and works of what they subscribe to in subscription-notices.ts. A member who asks for it also gets each by mail, through
 * the archive's mailer (SMTP when configured, else the outbox `quire mail` reads).
 */
import type { Db } from '../../db/database.ts';
import type { Rating } from '../../domain/required-tags.ts';
import { isAppError } from '../../errors.ts';
import { blockersAmong } from '../../repositories/community/member-filter.repository.ts';
import {
  findMemberMail,
  insertNotifications,
  isSubscriptionNotice,
  listNotifications,
  markNotificationsRead,
  type NewNotification,
  type NotificationRow,
  setCommentMail,
} from '../../repositories/community/notification.repository.ts';
import type { Member } from '../accounts/actor.ts';
import type { Mailer } from '../accounts/mailer.ts';

export type { NotificationRow };
export { isSubscriptionNotice };

export interface CommentNotice {
  commentId: number;
  workId: number;
  held: boolean;
  writerUserId: number | null;
  creatorUserIds: readonly number[];
  /** The member whose comment this one answers. */
  parentWriterUserId: number | null;
  mailer?: Mailer;
  siteUrl?: string;
  now: Date;
}

const SUBJECTS = {
  comment: (title: string) => `New comment on ${title}`,
  comment_held: (title: string) => `A comment on ${title} waits for your approval`,
  reply: (title: string) => `A reply to your comment on ${title}`,
};

/**
 * Tell the work's creators of a new comment (or one waiting for their approval), and the member it answers
 * (once the reply shows). No one is told of their own comment, nor of one by a member they blocked. Mail that fails to go is not retried: the
 * inbox has the notice.
 */
export async function notifyComment(db: Db, notice: CommentNotice): Promise<void> {
  const rows: (NewNotification & { kind: keyof typeof SUBJECTS })[] = [];
  const told = new Set<number>(notice.writerUserId === null ? [] : [notice.writerUserId]);
  // A member who blocked the writer is not told of what they write.
  if (notice.writerUserId !== null)
    for (const blocker of await blockersAmong(
      db,
      [...notice.creatorUserIds, ...(notice.parentWriterUserId === null ? [] : [notice.parentWriterUserId])],
      notice.writerUserId,
    ))
      told.add(blocker);
  for (const userId of notice.creatorUserIds) {
    if (told.has(userId)) continue;
    told.add(userId);
    rows.push({
      kind: notice.held ? 'comment_held' : 'comment',
      userId,
      workId: notice.workId,
      commentId: notice.commentId,
    });
  }
  const parent = notice.parentWriterUserId;
  if (parent !== null && !notice.held && !told.has(parent))
    rows.push({ kind: 'reply', userId: parent, workId: notice.workId, commentId: notice.commentId });
  await insertNotifications(db, rows, notice.now.toISOString());
  if (!notice.mailer || rows.length === 0) return;
  const work = await db
    .selectFrom('works')
    .select('title')
    .where('id', '=', notice.workId)
    .executeTakeFirst();
  const title = work?.title ?? `work ${notice.workId}`;
  for (const row of rows) {
    const member = await findMemberMail(db, row.userId);
    if (!member?.commentMail || !member.email) continue;
    const link = `${notice.siteUrl ?? ''}/comments/${notice.commentId}`;
    const text = `${SUBJECTS[row.kind](title)}.\n\nRead it: ${link}\nYour inbox: ${notice.siteUrl ?? ''}/inbox\n\nYou get this mail because you asked for comments by mail in your account settings.`;
    try {
      await notice.mailer.send(db, { to: member.email, subject: SUBJECTS[row.kind](title), text });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'MAIL_FAILED') throw error;
    }
  }
}

export const INBOX_PAGE_SIZE = 20;

/** A member's inbox, newest first, without news of works whose rating the site hides (`hiddenRatings`). */
export async function inboxOf(
  db: Db,
  member: Member,
  page = 1,
  hiddenRatings: readonly Rating[] = [],
): Promise<{ rows: NotificationRow[]; total: number; unread: number; commentMail: boolean }> {
  const list = await listNotifications(
    db,
    member.userId,
    { offset: (page - 1) * INBOX_PAGE_SIZE, limit: INBOX_PAGE_SIZE },
    hiddenRatings,
  );
  const mail = await findMemberMail(db, member.userId);
  return { ...list, commentMail: Boolean(mail?.commentMail) };
}

export async function markInboxRead(db: Db, member: Member, now = new Date()): Promise<void> {
  await markNotificationsRead(db, member.userId, now.toISOString());
}

/** Whether comments on the member's works (and replies to them) reach them by mail too. */
export async function chooseCommentMail(db: Db, member: Member, on: boolean): Promise<void> {
  await setCommentMail(db, member.userId, on);
}
