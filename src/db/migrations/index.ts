import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Migrations live in code, in order, so they run the same from a clean checkout, a worker thread or a
 * test without scanning folders. Each knows the dialect only where SQL differs (ids, full-text search).
 */
export function migrationsFor(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_archive': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createArchive(db, dialect),
    },
    '0002_archive_version': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createArchiveVersion(db, dialect),
    },
    '0003_search_head': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => addSearchHead(db, dialect),
    },
    '0004_text_match_functions': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
      up: (db: Kysely<any>) => createTextMatchFunctions(db, dialect),
    },
  };
  return { getMigrations: async () => migrations };
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function createArchive(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const flag = dialect === 'postgres' ? 'smallint' : 'integer';
  // biome-ignore lint/suspicious/noExplicitAny: the builder's column callback type.
  const primary = (column: any) =>
    dialect === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

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

  // Full-text search: FTS5 in SQLite (contentless, Porter stemming), a tsvector with GIN in PostgreSQL.
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE works_fts USING fts5(title, summary, tags, body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await sql`ALTER TABLE works ADD COLUMN search_vector tsvector`.execute(db);
    await sql`CREATE INDEX works_search_vector ON works USING gin (search_vector)`.execute(db);
  }
}

/** Tables whose changes can alter a search result: the works, their filter tags, and tag names and synonyms. */
const SEARCHED_TABLES = ['works', 'work_filter_tags', 'tags'] as const;

/**
 * A one-row counter bumped by triggers whenever a searched table changes, in any process, so the in-memory
 * search index can tell with one tiny query that it must be rebuilt. SQLite has only row triggers (one
 * small update per changed row); PostgreSQL bumps once per statement.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function createArchiveVersion(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('archive_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('archive_version').values({ id: 1, version: 1 }).execute();
  if (dialect === 'sqlite') {
    for (const table of SEARCHED_TABLES) {
      for (const event of ['insert', 'update', 'delete'] as const) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_${event}_archive_version AFTER ${event.toUpperCase()} ON ${table} BEGIN UPDATE archive_version SET version = version + 1 WHERE id = 1; END`,
          )
          .execute(db);
      }
    }
    return;
  }
  await sql`CREATE FUNCTION bump_archive_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE archive_version SET version = version + 1 WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of SEARCHED_TABLES) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_archive_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_archive_version()`,
      )
      .execute(db);
  }
}

/**
 * PostgreSQL ranks full-text matches on a small `search_head` vector (title weight A, tags and summary B)
 * rather than on `search_vector`, whose story body is large and TOASTed. Existing works get their head from
 * their full vector: its A and B positions are exactly the title, tags and summary, which come first in it.
 * SQLite is unchanged.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function addSearchHead(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`ALTER TABLE works ADD COLUMN search_head tsvector`.execute(db);
  await sql`UPDATE works SET search_head = ts_filter(search_vector, '{a,b}') WHERE search_vector IS NOT NULL`.execute(
    db,
  );
}

/**
 * PostgreSQL full-text matches through the GIN index, always: a common word matches nearly every work, and
 * the planner then prefers reading the whole table, which tests every row's `search_vector` and so detoasts
 * every story body (seconds); the index's bitmap needs no recheck and reads no body. A function's own
 * `SET` is the one way to tell the planner so for one query. `works_text_ranked` ranks each match by the
 * sum, in order, of `ts_rank` of its small `search_head` against each of `terms` (the query's positive words
 * and phrases), so a query's rank adds up over its terms. A query left empty by PostgreSQL's stop words
 * matches every work (rank 0) when `empty_matches_all`, as a query of only stop words does, else none.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
async function createTextMatchFunctions(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE FUNCTION works_text_ids(query tsquery, empty_matches_all boolean)
    RETURNS TABLE (id integer) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id FROM works w; END IF;
        RETURN;
      END IF;
      RETURN QUERY SELECT w.id FROM works w WHERE w.search_vector @@ query;
    END $$`.execute(db);
  await sql`CREATE FUNCTION works_text_ranked(query tsquery, terms tsquery[], empty_matches_all boolean)
    RETURNS TABLE (id integer, rank double precision) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    BEGIN
      IF numnode(query) = 0 THEN
        IF empty_matches_all THEN RETURN QUERY SELECT w.id, 0::double precision FROM works w; END IF;
        RETURN;
      END IF;
      RETURN QUERY SELECT w.id,
          (SELECT coalesce(sum(ts_rank(w.search_head, t.term)::double precision), 0)
             FROM unnest(terms) AS t (term)) AS rank
        FROM works w WHERE w.search_vector @@ query;
    END $$`.execute(db);
}
