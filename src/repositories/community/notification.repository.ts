import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** What a notification is about: a comment on the member's work, one held for approval, a reply to them. */
export type NotificationKind = 'comment' | 'comment_held' | 'reply';

export interface NewNotification {
  kind: NotificationKind;
  userId: number;
  workId: number | null;
  commentId: number | null;
}

/** A notification as the inbox lists it, with the work's title and the comment's writer when there are. */
export interface NotificationRow {
  id: number;
  kind: string;
  workId: number | null;
  workTitle: string | null;
  commentId: number | null;
  commenterName: string | null;
  createdAt: string;
  readAt: string | null;
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
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('works as w', 'w.id', 'n.work_id')
    .leftJoin('comments as c', 'c.id', 'n.comment_id')
    .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .select([
      'n.id',
      'n.kind',
      'n.work_id',
      'w.title',
      'n.comment_id',
      sql<string | null>`coalesce(p.name, c.guest_name)`.as('commenter'),
      'n.created_at',
      'n.read_at',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const counts = await db
    .selectFrom('notifications')
    .select([sql<number>`count(*)`.as('total'), sql<number>`count(*) - count(read_at)`.as('unread')])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    rows: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      workId: row.work_id,
      workTitle: row.title,
      commentId: row.comment_id,
      commenterName: row.commenter,
      createdAt: row.created_at,
      readAt: row.read_at,
    })),
    total: Number(counts.total),
    unread: Number(counts.unread),
  };
}

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
