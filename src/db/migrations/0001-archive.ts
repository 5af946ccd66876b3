import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/** Column types and the primary key, which differ by dialect. */
interface Columns {
  id: 'serial' | 'integer';
  flag: 'smallint' | 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the builder's column callback type.
  primary: (column: any) => any;
}

/** The archive's tables: works and their text, tags, series, imports, readers' tables, full-text search. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createArchive(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const columns: Columns = {
    id: dialect === 'postgres' ? 'serial' : 'integer',
    flag: dialect === 'postgres' ? 'smallint' : 'integer',
    primary: (column) => (dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement()),
  };
  await createWorkTables(db, columns);
  await createTagTables(db, columns);
  await createOtherTables(db, columns);
  await createFullText(db, dialect);
}

/** Works, their chapters and their creators. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function createWorkTables(db: Kysely<any>, columns: Columns): Promise<void> {
  const { id, flag, primary } = columns;
  await db.schema
    .createTable('works')
    .addColumn('id', id, primary)
    .addColumn('title', 'text')
    .addColumn('title_sort', 'text', (c) => c.notNull())
    .addColumn('creator_sort', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('notes', 'text')
    .addColumn('end_notes', 'text')
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('complete', flag, (c) => c.notNull())
    .addColumn('words', 'integer', (c) => c.notNull())
    .addColumn('chapter_count', 'integer', (c) => c.notNull())
    .addColumn('chapters_planned', 'integer')
    .addColumn('fandom_count', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .addColumn('text_hash', 'text', (c) => c.notNull().unique())
    .addColumn('kudos_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hits_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bookmarks_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review', 'text')
    .execute();
  for (const column of [
    'updated_at',
    'published_at',
    'words',
    'kudos_count',
    'hits_count',
    'bookmarks_count',
    'comments_count',
    'title_sort',
    'creator_sort',
  ]) {
    await db.schema.createIndex(`works_${column}`).on('works').columns([column, 'id']).execute();
  }

  await db.schema
    .createTable('chapters')
    .addColumn('id', id, primary)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('notes', 'text')
    .addColumn('end_notes', 'text')
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('words', 'integer', (c) => c.notNull())
    .addColumn('sanitizer_version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('chapters_work_position', ['work_id', 'position'])
    .execute();

  await db.schema
    .createTable('creators')
    .addColumn('id', id, primary)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('work_creators')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('creator_id', 'integer', (c) => c.notNull().references('creators.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_creators_pk', ['work_id', 'creator_id'])
    .execute();
  await db.schema
    .createIndex('work_creators_creator')
    .on('work_creators')
    .columns(['creator_id', 'work_id'])
    .execute();
}

/** Tags, each work's tags as the file gave them and as filters, and the original strings' mappings. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function createTagTables(db: Kysely<any>, columns: Columns): Promise<void> {
  const { id, flag, primary } = columns;
  await db.schema
    .createTable('tags')
    .addColumn('id', id, primary)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('canonical', flag, (c) => c.notNull())
    .addColumn('synonym_of', 'integer', (c) => c.references('tags.id'))
    .addColumn('parent_fandom_id', 'integer', (c) => c.references('tags.id'))
    .addUniqueConstraint('tags_kind_name', ['kind', 'name'])
    .execute();
  await db.schema.createIndex('tags_synonym_of').on('tags').column('synonym_of').execute();

  await db.schema
    .createTable('work_tags')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('main', flag, (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addPrimaryKeyConstraint('work_tags_pk', ['work_id', 'tag_id', 'source'])
    .execute();
  await db.schema.createIndex('work_tags_tag').on('work_tags').columns(['tag_id', 'work_id']).execute();

  await db.schema
    .createTable('work_filter_tags')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id'))
    .addColumn('main', flag, (c) => c.notNull())
    .addPrimaryKeyConstraint('work_filter_tags_pk', ['work_id', 'tag_id'])
    .execute();
  await db.schema
    .createIndex('work_filter_tags_tag')
    .on('work_filter_tags')
    .columns(['tag_id', 'work_id'])
    .execute();

  await db.schema
    .createTable('tag_mappings')
    .addColumn('id', id, primary)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('tag_id', 'integer', (c) => c.references('tags.id'))
    .addUniqueConstraint('tag_mappings_kind_original', ['kind', 'original'])
    .execute();
}

/** Series, the import log, and the readers' tables (users, kudos, comments, bookmarks). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function createOtherTables(db: Kysely<any>, columns: Columns): Promise<void> {
  const { id, primary } = columns;
  await db.schema
    .createTable('series')
    .addColumn('id', id, primary)
    .addColumn('title', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('series_works')
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('position', 'integer')
    .addPrimaryKeyConstraint('series_works_pk', ['series_id', 'work_id'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', id, primary)
    .addColumn('source_path', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('header', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('imports_path', ['source_path'])
    .execute();
  await db.schema.createIndex('imports_hash').on('imports').column('content_hash').execute();

  // Room for the reader features: accounts, kudos, comments and bookmarks.
  await db.schema
    .createTable('users')
    .addColumn('id', id, primary)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kudos')
    .addColumn('id', id, primary)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('comments')
    .addColumn('id', id, primary)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('bookmarks')
    .addColumn('id', id, primary)
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

/** Full-text search: FTS5 in SQLite (contentless, Porter stemming), a tsvector with GIN in PostgreSQL. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function createFullText(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE works_fts USING fts5(title, summary, tags, body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await sql`ALTER TABLE works ADD COLUMN search_vector tsvector`.execute(db);
    await sql`CREATE INDEX works_search_vector ON works USING gin (search_vector)`.execute(db);
  }
}
