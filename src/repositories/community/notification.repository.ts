import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Rating } from '../../domain/required-tags.ts';

/**
 * What a notification is about: a comment on the member's work, one held for approval, a reply to them; a
 * new chapter or a new work of something they subscribe to.
 */
export type NotificationKind = 'comment' | 'comment_held' | 'reply' | 'new_chapter' | 'new_work';

/** The kinds subscriptions make, which their mail (immediate or daily) reports. */
export const SUBSCRIPTION_NOTICE_KINDS = ['new_chapter', 'new_work'] as const satisfies NotificationKind[];

export interface NewNotification {
  kind: NotificationKind;
  userId: number;
  workId: number | null;
  commentId: number | null;
  chapterId?: number | null;
}

/** A notification as the inbox lists it, with the work's title and the comment's writer when there are. */
export interface NotificationRow {
  id: number;
  kind: string;
  workId: number | null;
  workTitle: string | null;
  commentId: number | null;
  commenterName: string | null;
  /** The position of a `new_chapter` notice's chapter, while the chapter exists. */
  chapterPosition: number | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * A condition on `notifications n`: the notice is not from a member its owner now mutes or blocks (their
 * comment or reply, or a new work or chapter of theirs). Applied when notices are read, listed, counted and
 * mailed, never by deleting them: unmuting brings them back.
 */
export const notFromHiddenMember = sql<SqlBool>`NOT EXISTS (SELECT 1 FROM pseuds hp WHERE hp.user_id IN (SELECT muted_user_id FROM mutes WHERE user_id = n.user_id UNION SELECT blocked_user_id FROM blocks WHERE user_id = n.user_id) AND (hp.id IN (SELECT pseud_id FROM comments WHERE id = n.comment_id) OR (n.kind IN (${sql.join([...SUBSCRIPTION_NOTICE_KINDS])}) AND hp.id IN (SELECT cr.pseud_id FROM work_creators wc JOIN creators cr ON cr.id = wc.creator_id WHERE wc.work_id = n.work_id))))`;

/**
 * A condition on `notifications n` joined to `works w`: the notice is not a subscription's news of a work
 * whose rating the site hides from everyone (`quire serve --hide-explicit`). Applied when read, like
 * `notFromHiddenMember`: the site's setting may change back.
 */
export function notOfHiddenRating(hiddenRatings: readonly Rating[]) {
  if (hiddenRatings.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`NOT (n.kind IN (${sql.join([...SUBSCRIPTION_NOTICE_KINDS])}) AND w.rating IN (${sql.join([...hiddenRatings])}))`;
}

export async function insertNotifications(
  db: Db,
  rows: readonly NewNotification[],
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      rows.map((row) => ({
        kind: row.kind,
        user_id: row.userId,
        work_id: row.workId,
        comment_id: row.commentId,
        chapter_id: row.chapterId ?? null,
        created_at: now,
      })),
    )
    .execute();
}

/** A member's notifications, newest first. */
export async function listNotifications(
  db: Db,
  userId: number,
  page: { offset: number; limit: number },
  hiddenRatings: readonly Rating[] = [],
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('works as w', 'w.id', 'n.work_id')
    .leftJoin('comments as c', 'c.id', 'n.comment_id')
    .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .leftJoin('chapters as ch', 'ch.id', 'n.chapter_id')
    .select([
      'n.id',
      'n.kind',
      'n.work_id',
      'w.title',
      'w.status',
      'ch.position',
      'n.comment_id',
      sql<string | null>`coalesce(p.name, c.guest_name)`.as('commenter'),
      'n.created_at',
      'n.read_at',
    ])
    .where('n.user_id', '=', userId)
    .where(notFromHiddenMember)
    .where(notOfHiddenRating(hiddenRatings))
    .orderBy('n.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  // Counted under the same condition as listed, so the unread count is what the list shows.
  const counts = await db
    .selectFrom('notifications as n')
    .leftJoin('works as w', 'w.id', 'n.work_id')
    .select([sql<number>`count(*)`.as('total'), sql<number>`count(*) - count(n.read_at)`.as('unread')])
    .where('n.user_id', '=', userId)
    .where(notFromHiddenMember)
    .where(notOfHiddenRating(hiddenRatings))
    .executeTakeFirstOrThrow();
  return {
    rows: rows.map((row) => {
      // A work followed by subscription shows while it is posted: hidden later, it is no one's to see here.
      const gone = isSubscriptionNotice(row.kind) && row.status !== 'posted';
      return {
        id: row.id,
        kind: row.kind,
        workId: gone ? null : row.work_id,
        workTitle: gone ? null : row.title,
        commentId: row.comment_id,
        commenterName: row.commenter,
        chapterPosition: gone ? null : (row.position ?? null),
        createdAt: row.created_at,
        readAt: row.read_at,
      };
    }),
    total: Number(counts.total),
    unread: Number(counts.unread),
  };
}

export const isSubscriptionNotice = (kind: string): boolean =>
  (SUBSCRIPTION_NOTICE_KINDS as readonly string[]).includes(kind);

/** Mark all of a member's notifications read. */
export async function markNotificationsRead(db: Db, userId: number, now: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

/** A member's address and whether they want comments by mail. */
export async function findMemberMail(
  db: Db,
  userId: number,
): Promise<{ email: string | null; commentMail: boolean } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['email', 'comment_mail'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return row && { email: row.email, commentMail: Boolean(row.comment_mail) };
}

export async function setCommentMail(db: Db, userId: number, on: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ comment_mail: on ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
