import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.ts';
import type { Database, Dialect } from './database.ts';
import { translateDatabaseError } from './errors.ts';
import { migrationsFor } from './migrations/index.ts';

/** An open archive database: the Kysely instance, which dialect it speaks, and how to close it. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages (`data/quire.db`, `postgres://host/db`). */
  location: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Folder of the SQLite file (`quire.db` inside it). Default: `QUIRE_DATA`, else `./data`. */
  dataDir?: string;
  /** A `postgres://` URL. Default: `QUIRE_DATABASE_URL`. When set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema to work in (tests use one each). */
  schema?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/**
 * Copy the write-ahead log into the database every 8,000 pages (128 MB; 32 MB in an archive of 4 KB pages)
 * rather than every 1,000: an import writes each story's text three times (HTML, text, search index), and
 * fewer, larger checkpoints cost it less time. (An import checkpoints in a thread of its own: checkpoints.ts.)
 */
export const WAL_AUTOCHECKPOINT_PAGES = 8000;

/** Open the archive database and bring its schema up to date. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl ?? process.env.QUIRE_DATABASE_URL;
  const store = url
    ? await openPostgres(url, options)
    : openSqlite(options.dataDir ?? process.env.QUIRE_DATA ?? 'data');
  try {
    await migrate(store, url ? options.schema : undefined);
  } catch (error) {
    await store.close();
    throw translateDatabaseError(error, store.location);
  }
  return store;
}

function openSqlite(dataDir: string): Store {
  const directory = resolve(dataDir);
  const file = resolve(directory, 'quire.db');
  let sqlite: SQLite.Database;
  try {
    mkdirSync(directory, { recursive: true });
    sqlite = new SQLite(file, { timeout: 5000 });
    // 16 KB pages for a new archive (an existing one keeps its own): stories are long rows, written with a
    // quarter of the page reads, writes and system calls (bench/README.md).
    sqlite.pragma('page_size = 16384');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  } catch (error) {
    throw translateDatabaseError(error, file);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/** Prepared statements kept per database, the most recently used first. */
const KEPT_STATEMENTS = 500;

/**
 * The database as Kysely's SQLite driver sees it, with its prepared statements kept by their SQL: the driver
 * prepares every query it runs, and an import runs the same few dozen statements hundreds of thousands of times
 * (preparing was a tenth of the writing thread's time). A kept statement still busy (being iterated) is not
 * handed out twice; a new one is prepared instead.
 */
function keepingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const statement = kept.get(sql);
      if (statement && !statement.busy) {
        kept.delete(sql);
        kept.set(sql, statement);
        return statement;
      }
      const prepared = sqlite.prepare(sql);
      if (!statement) {
        kept.set(sql, prepared);
        if (kept.size > KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
      }
      return prepared;
    },
  };
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const location = describeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its server must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    if (options.schema)
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`);
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw translateDatabaseError(error, location);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}

async function migrate(store: Store, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: migrationsFor(store.dialect),
    // Kysely looks for its bookkeeping tables in any schema unless told which: with several archives in
    // one PostgreSQL database (tests use a schema each) it would find another's and then fail to use it.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    throw new AppError('DATABASE_UNAVAILABLE', `QUIRE_DATABASE_URL is not a valid URL: ${url}`);
  }
}
