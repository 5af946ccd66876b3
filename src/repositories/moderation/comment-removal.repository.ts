import type { Db } from '../../db/database.ts';

/** A comment as moderation needs it: where it is and who wrote it. */
export async function findCommentForModeration(db: Db, commentId: number) {
  return db
    .selectFrom('comments')
    .innerJoin('works', 'works.id', 'comments.work_id')
    .select(['comments.id', 'comments.work_id', 'comments.user_id', 'comments.guest_name', 'works.title'])
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
}
