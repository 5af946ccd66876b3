import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Subscriptions (issue #20, part 4): a member follows a work, a creator (a member, all their pseuds), a
 * series or a tag, and their inbox gets `new_chapter` and `new_work` notifications. `target_id` names a row
 * of a different table per kind, so no foreign key can cascade from it: readers join the target and pass
 * over a subscription whose target is gone. `subscription_digests` keeps the member's choice of mail
 * (never, immediately, daily) and the last notification mailed, so a restart neither repeats nor loses one.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createSubscriptions(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the column builder's type differs per call site.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', id, primary)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscriptions_user_target')
    .on('subscriptions')
    .columns(['user_id', 'kind', 'target_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('subscriptions_target')
    .on('subscriptions')
    .columns(['kind', 'target_id'])
    .execute();

  await db.schema
    .createTable('subscription_digests')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('never'))
    .addColumn('last_notification_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .execute();

  // The chapter a `new_chapter` notice is about; its position is read when the inbox shows it.
  await db.schema
    .alterTable('notifications')
    .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
    .execute();
}
