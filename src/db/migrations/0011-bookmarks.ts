import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Bookmarks, their collections, and reading history (issue #20, parts 3 and 5). The `bookmarks` table of the
 * first migration had room for a work's bookmark only (its work_id NOT NULL) and nothing ever wrote to it, so
 * it is replaced: a bookmark is of a work or of a series, public or private, a recommendation or not, with
 * the reader's notes (sanitized HTML) and their own tags. `readings` keeps, per member and work, when and how
 * often they read it, the last chapter read (the read mark) and Mark for Later; `users.history_paused` stops
 * new readings from being kept.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createBookmarks(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the column builder's type differs per call site.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

  await db.schema.dropTable('bookmarks').execute();
  await db.schema
    .createTable('bookmarks')
    .addColumn('id', id, primary)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
    .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('cascade'))
    .addColumn('notes', 'text')
    .addColumn('notes_sanitizer_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rec', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One bookmark per member and work, and per member and series (NULLs are distinct on both dialects).
  await db.schema
    .createIndex('bookmarks_user_work')
    .on('bookmarks')
    .columns(['user_id', 'work_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('bookmarks_user_series')
    .on('bookmarks')
    .columns(['user_id', 'series_id'])
    .unique()
    .execute();
  await db.schema.createIndex('bookmarks_work').on('bookmarks').columns(['work_id', 'private']).execute();
  await db.schema.createIndex('bookmarks_series').on('bookmarks').column('series_id').execute();

  await db.schema
    .createTable('bookmark_tags')
    .addColumn('bookmark_id', 'integer', (c) => c.notNull().references('bookmarks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bookmark_tags_pk', ['bookmark_id', 'name'])
    .execute();
  await db.schema.createIndex('bookmark_tags_name').on('bookmark_tags').column('name').execute();

  await db.schema
    .createTable('bookmark_collections')
    .addColumn('id', id, primary)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bookmark_collections_user_name', ['user_id', 'name'])
    .execute();
  await db.schema
    .createTable('bookmark_collection_items')
    .addColumn('collection_id', 'integer', (c) =>
      c.notNull().references('bookmark_collections.id').onDelete('cascade'),
    )
    .addColumn('bookmark_id', 'integer', (c) => c.notNull().references('bookmarks.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('bookmark_collection_items_pk', ['collection_id', 'bookmark_id'])
    .execute();
  await db.schema
    .createIndex('bookmark_collection_items_bookmark')
    .on('bookmark_collection_items')
    .column('bookmark_id')
    .execute();

  await db.schema
    .createTable('readings')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_read_at', 'text')
    .addColumn('last_chapter', 'integer')
    .addColumn('later', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('marked_at', 'text')
    .addPrimaryKeyConstraint('readings_pk', ['user_id', 'work_id'])
    .execute();
  await db.schema.createIndex('readings_work').on('readings').column('work_id').execute();
  await db.schema
    .alterTable('users')
    .addColumn('history_paused', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
