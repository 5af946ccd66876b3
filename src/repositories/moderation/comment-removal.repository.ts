import { sql } from 'kysely';
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

/**
 * Remove a comment: deleted with the work's count lowered, or, when replies hang from it, its text replaced
 * so the thread keeps its shape (AO3 shows "Previous comment deleted." there).
 */
export async function removeCommentRow(db: Db, commentId: number, workId: number): Promise<void> {
  const reply = await db
    .selectFrom('comments')
    .select('id')
    .where('parent_id', '=', commentId)
    .executeTakeFirst();
  if (reply) {
    await db
      .updateTable('comments')
      .set({ body: '<p>(This comment was removed by a moderator.)</p>', user_id: null, guest_name: null })
      .where('id', '=', commentId)
      .execute();
    return;
  }
  await db.deleteFrom('comments').where('id', '=', commentId).execute();
  await db
    .updateTable('works')
    .set({ comments_count: sql`case when comments_count > 0 then comments_count - 1 else 0 end` })
    .where('id', '=', workId)
    .execute();
}
