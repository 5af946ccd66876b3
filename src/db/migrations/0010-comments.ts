import { type AlterTableBuilder, type AlterTableColumnAlteringBuilder, type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Comments, second part of the community (issue #20): comments gain the writer's pseud, a guest's key (the
 * hash of their guest cookie) and email, the thread they belong to, a state (`posted` or `held` for the
 * creator's approval), a frozen flag, edit and deletion times; works gain who may comment and whether
 * comments are moderated; members choose whether comments reach them by mail; `notifications` is a general
 * inbox (comments now, new chapters later). A change to comments bumps the archive version, as the pages
 * that show them are kept per version.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createComments(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const flag = dialect === 'postgres' ? 'smallint' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the builder's column callback type.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

  // SQLite adds one column per statement.
  const add = (table: string, build: (alter: AlterTableBuilder) => AlterTableColumnAlteringBuilder) =>
    build(db.schema.alterTable(table)).execute();
  await add('comments', (t) =>
    t.addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null')),
  );
  await add('comments', (t) => t.addColumn('guest_key', 'text'));
  await add('comments', (t) => t.addColumn('guest_email', 'text'));
  // The first comment of the thread, for a reply; null for a comment that starts a thread.
  await add('comments', (t) => t.addColumn('thread_id', 'integer'));
  await add('comments', (t) => t.addColumn('status', 'text', (c) => c.notNull().defaultTo('posted')));
  await add('comments', (t) => t.addColumn('frozen', flag, (c) => c.notNull().defaultTo(0)));
  await add('comments', (t) => t.addColumn('edited_at', 'text'));
  await add('comments', (t) => t.addColumn('deleted_at', 'text'));
  // Replies stored before threads were kept learn theirs, one level per round.
  for (;;) {
    const result =
      await sql`UPDATE comments SET thread_id = (SELECT coalesce(p.thread_id, p.id) FROM comments p
      WHERE p.id = comments.parent_id) WHERE thread_id IS NULL AND parent_id IS NOT NULL`.execute(db);
    if (Number(result.numAffectedRows ?? 0) === 0) break;
  }
  await db.schema.createIndex('comments_thread').on('comments').columns(['thread_id', 'id']).execute();
  await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
  await db.schema.createIndex('comments_user').on('comments').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('comments_guest').on('comments').columns(['guest_key', 'created_at']).execute();

  // `guests`, `members` or `none`, as AO3's "Who can comment on this work".
  await add('works', (t) =>
    t.addColumn('comment_permission', 'text', (c) => c.notNull().defaultTo('guests')),
  );
  await add('works', (t) => t.addColumn('comments_moderated', flag, (c) => c.notNull().defaultTo(0)));
  await add('users', (t) => t.addColumn('comment_mail', flag, (c) => c.notNull().defaultTo(0)));

  await db.schema
    .createTable('notifications')
    .addColumn('id', id, primary)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_comment').on('notifications').column('comment_id').execute();

  if (dialect === 'sqlite') {
    for (const event of ['insert', 'update', 'delete'] as const)
      await sql
        .raw(
          `CREATE TRIGGER comments_${event}_archive_version AFTER ${event.toUpperCase()} ON comments BEGIN UPDATE archive_version SET version = version + 1 WHERE id = 1; END`,
        )
        .execute(db);
  } else {
    await sql`CREATE TRIGGER comments_archive_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON comments FOR EACH STATEMENT EXECUTE FUNCTION bump_archive_version()`.execute(
      db,
    );
  }
}
