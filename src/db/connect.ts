import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.ts';
import type { Database, Dialect } from './database.ts';
import { translateDatabaseError } from './errors.ts';
import { migrationsFor } from './migrations/index.ts';
import { preparingPool } from './prepared-statements.ts';
import { QuireSqliteDialect } from './sqlite-dialect.ts';
import { unplannedParameters } from './sqlite-parameters.ts';

// SQLite reads a `file:` name as a URI (for `?immutable=1`, in openReadOnly) only when told so before
// better-sqlite3 loads its addon, at the first connection in the process. Every other name given to SQLite
// here is an absolute path, which never starts with `file:`.
process.env.SQLITE_USE_URI ??= '1';

/** An open archive database: the Kysely instance, which dialect it speaks, and how to close it. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages (`data/quire.db`, `postgres://host/db`). */
  location: string;
  /** Opened for reading only (a SQLite archive this process may not write: see `readOnlyFallback`). */
  readOnly: boolean;
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
  /**
   * When a SQLite archive cannot be written here (a read-only file, folder or disk), open it for reading
   * instead of failing: serving and searching need nothing more; importing does.
   */
  readOnlyFallback?: boolean;
  /** SQLite's page cache for this connection, in KB (default: better-sqlite3's 16,000). */
  sqliteCacheKb?: number;
  /**
   * The log's length, in pages, past which a commit on this connection checkpoints it (default:
   * `WAL_AUTOCHECKPOINT_PAGES`). A server's connections raise it: a thread copies the log for them.
   */
  walAutocheckpointPages?: number;
}

/**
 * SQLite's page cache per connection of a server (its own and its text thread's), in KB: SQLite's own
 * default. better-sqlite3's 16 MB filled on a busy server (random chapters read far more pages than fit)
 * and cost each process tens of MB more at the peak, for no CPU a request measured: the system's file
 * cache holds the pages either way (bench/README.md).
 */
export const SERVING_SQLITE_CACHE_KB = 2000;

/**
 * Copy the write-ahead log into the database every 8,000 pages (128 MB; 32 MB in an archive of 4 KB pages)
 * rather than every 1,000: an import writes each story's text three times (HTML, text, search index), and
 * fewer, larger checkpoints cost it less time. (An import checkpoints in a thread of its own: checkpoints.ts.)
 */
export const WAL_AUTOCHECKPOINT_PAGES = 8000;

/**
 * A server's connections checkpoint only past four times that, as a backstop: `quire serve` copies the log in
 * a thread of its own every `SERVING_CHECKPOINT_MS` (checkpoints.ts), since the commit that crosses the mark
 * copies it in the process that serves, and every reader of that process (and of the others, waiting for the
 * write lock it holds meanwhile) waits for the copy and the disk's flush.
 */
export const SERVING_AUTOCHECKPOINT_PAGES = 4 * WAL_AUTOCHECKPOINT_PAGES;

/** Open the archive database and bring its schema up to date. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl ?? process.env.QUIRE_DATABASE_URL;
  const store = url
    ? await openPostgres(url, options)
    : openSqlite(
        options.dataDir ?? process.env.QUIRE_DATA ?? 'data',
        options.readOnlyFallback ?? false,
        options.sqliteCacheKb,
        options.walAutocheckpointPages,
      );
  try {
    if (store.readOnly) await checkSchemaCurrent(store);
    else await migrate(store, url ? options.schema : undefined);
  } catch (error) {
    await store.close();
    throw translateDatabaseError(error, store.location);
  }
  return store;
}

function openSqlite(
  dataDir: string,
  readOnlyFallback: boolean,
  cacheKb: number | undefined,
  autocheckpointPages: number | undefined,
): Store {
  const directory = resolve(dataDir);
  const file = resolve(directory, 'quire.db');
  let sqlite: SQLite.Database;
  let readOnly = false;
  try {
    ensureFolder(directory);
    sqlite = openWritable(file);
  } catch (error) {
    if (!(readOnlyFallback && cannotWrite(error) && existsSync(file)))
      throw translateDatabaseError(error, file);
    sqlite = openReadOnly(file);
    readOnly = true;
  }
  if (cacheKb !== undefined) sqlite.pragma(`cache_size = -${Math.floor(cacheKb)}`);
  if (autocheckpointPages !== undefined && !readOnly)
    sqlite.pragma(`wal_autocheckpoint = ${Math.floor(autocheckpointPages)}`);
  const db = new Kysely<Database>({
    dialect: new QuireSqliteDialect({ database: keepingStatements(sqlite) }),
  });
  return { db, dialect: 'sqlite', location: file, readOnly, close: () => db.destroy() };
}

function openWritable(file: string): SQLite.Database {
  const sqlite = new SQLite(file, { timeout: 5000 });
  try {
    // 16 KB pages for a new archive (an existing one keeps its own): stories are long rows, written with a
    // quarter of the page reads, writes and system calls (bench/README.md).
    sqlite.pragma('page_size = 16384');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * The archive for reading only. A WAL database is read through its `-shm` index, which SQLite creates beside
 * the file: in a folder this process may not write, it is opened as immutable instead (SQLite then takes no
 * locks and assumes nothing changes it while it is open, which is what a read-only folder says).
 */
function openReadOnly(file: string): SQLite.Database {
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (error) {
    sqlite?.close();
    if (!cannotWrite(error)) throw translateDatabaseError(error, file);
  }
  try {
    return new SQLite(`${pathToFileURL(file).href}?immutable=1`, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw translateDatabaseError(error, file);
  }
}

/** Whether opening failed for want of permission to write (the file, its folder or the disk is read-only). */
function cannotWrite(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return /^SQLITE_(READONLY|CANTOPEN)/.test(code) || ['EACCES', 'EPERM', 'EROFS'].includes(code);
}

/**
 * The archive's folder, made if missing, one level at a time: Node's recursive mkdir never returns for some
 * paths under /proc, and a path naming a file deserves its own message, not EEXIST.
 */
function ensureFolder(directory: string): void {
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(directory);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw folderError(directory, error);
  }
  if (stat) {
    if (stat.isDirectory()) return;
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `${directory} is a file, not a folder: --data (or QUIRE_DATA) names the folder that holds quire.db.`,
    );
  }
  const parent = dirname(directory);
  if (parent !== directory) ensureFolder(parent);
  try {
    mkdirSync(directory);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw folderError(directory, error);
  }
}

function folderError(directory: string, error: unknown): AppError {
  const code = (error as { code?: string }).code;
  return new AppError(
    'DATABASE_UNAVAILABLE',
    `The archive's folder ${directory} cannot be made or used${code ? ` (${code})` : ''}: ${(error as Error).message}`,
    { cause: error },
  );
}

/** A read-only archive cannot be upgraded: it must already have every migration this version knows. */
async function checkSchemaCurrent(store: Store): Promise<void> {
  const migrations = await new Migrator({
    db: store.db,
    provider: migrationsFor(store.dialect),
  }).getMigrations();
  const missing = migrations.filter((migration) => !migration.executedAt).length;
  if (missing > 0)
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `The archive ${store.location} is read-only here and was made by an older Quire (${missing} schema change${missing === 1 ? '' : 's'} to apply): open it once where it can be written.`,
    );
}

/** Prepared statements kept per database, the most recently used first. */
const KEPT_STATEMENTS = 500;

/**
 * The database as Kysely's SQLite driver sees it, with its prepared statements kept by their SQL: the driver
 * prepares every query it runs, and an import runs the same few dozen statements hundreds of thousands of times
 * (preparing was a tenth of the writing thread's time). A kept statement still busy (being iterated) is not
 * handed out twice; a new one is prepared instead. Its parameters are hidden from the planner, or SQLite
 * compiled it again at every run (sqlite-parameters.ts).
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
      const prepared = sqlite.prepare(unplannedParameters(sql));
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
    // The archive's working set fits in memory, where an index read costs about what a sequential one does:
    // at the default cost of 4 the planner read whole tables (the tags) for a page's few rows.
    options: [
      '-c random_page_cost=1.1',
      ...(options.schema ? [`-c search_path=${options.schema}`] : []),
    ].join(' '),
  });
  // A client losing its server must not crash the process: the pool listens to idle clients, and a client in
  // use emits 'error' as well as failing its query (the query's failure is what the request answers with).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    if (options.schema)
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`);
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw translateDatabaseError(error, location);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return { db, dialect: 'postgres', location, readOnly: false, close: () => db.destroy() };
}

async function migrate(store: Store, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: migrationsFor(store.dialect),
    // Kysely looks for its bookkeeping tables in any schema unless told which: with several archives in
    // one PostgreSQL database (tests use a schema each) it would find another's and then fail to use it.
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Each migration stands on its own (a table, an index, a trigger of its own), and work on separate
    // branches lands them in any order: an archive that has run 0022 still takes a 0021 that landed after.
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/** The URL without its password, for messages; only PostgreSQL's schemes are read. */
function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('DATABASE_UNAVAILABLE', 'QUIRE_DATABASE_URL is not a valid URL.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `QUIRE_DATABASE_URL names a ${parsed.protocol.replace(/:$/, '')} database, which Quire does not support: it keeps an archive in PostgreSQL (postgres://...) or, without QUIRE_DATABASE_URL, in SQLite (--data).`,
    );
  return `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
