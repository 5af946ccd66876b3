import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Rescues of old archives (eFiction, the Automated Archive, a CSV): what each old story, author and series
 * became, so a second run changes nothing and an interrupted one goes on; the old addresses and the pages
 * they now lead to; the old archive's authors with the addresses they gave, so they can claim their names.
 * Reviews become comments, which gain a guest's name and a thread as AO3's have.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createRescue(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the builder's column callback type.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

  // A guest's comment has no user: the name they gave is kept (AO3's comments keep `name` and `email` too).
  await db.schema.alterTable('comments').addColumn('guest_name', 'text').execute();
  await db.schema
    .alterTable('comments')
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('comments_work').on('comments').columns(['work_id', 'id']).execute();

  await db.schema
    .createTable('rescue_items')
    .addColumn('id', id, primary)
    .addColumn('archive', 'text', (c) => c.notNull())
    // `story`, `author` or `series`, and its id in the old archive.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('old_id', 'text', (c) => c.notNull())
    // The work, creator or series it became (a work's row goes when the work is deleted: no foreign key).
    .addColumn('target_id', 'integer')
    // `imported`, `duplicate` (the text was already in the archive: target_id is that work) or `skipped`.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    // What the old record and the mapping sheet made of it: the same hash on the next run changes nothing.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('rescued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rescue_items_old', ['archive', 'kind', 'old_id'])
    .execute();

  await db.schema
    .createTable('legacy_creators')
    .addColumn('id', id, primary)
    .addColumn('archive', 'text', (c) => c.notNull())
    .addColumn('old_id', 'text', (c) => c.notNull())
    .addColumn('creator_id', 'integer', (c) => c.notNull().references('creators.id').onDelete('cascade'))
    // The address the old archive held: a claim invitation goes there, and a member who has it may claim.
    .addColumn('email', 'text')
    .addColumn('invited_at', 'text')
    .addUniqueConstraint('legacy_creators_old', ['archive', 'old_id'])
    .execute();
  await db.schema.createIndex('legacy_creators_creator').on('legacy_creators').column('creator_id').execute();

  await db.schema
    .createTable('legacy_links')
    .addColumn('id', id, primary)
    .addColumn('archive', 'text', (c) => c.notNull())
    // The old address without host: `viewstory.php?sid=12&chapter=3`, `viewuser.php?uid=4`, `jane/story.html`.
    .addColumn('old_path', 'text', (c) => c.notNull().unique())
    // `work`, `chapter`, `creator`, `tag` or `series`, and which one: the page is computed when asked, so a
    // renamed tag or creator still leads to the right place.
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer')
    .addColumn('target_name', 'text')
    .addColumn('position', 'integer')
    .execute();
}
