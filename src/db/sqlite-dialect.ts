import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely's SQLite dialect, with one change: a transaction that says it will write (`setAccessMode('read
 * write')`, as `inTransaction` does) begins IMMEDIATE, taking SQLite's write lock at once. A deferred
 * transaction that reads first takes that lock only at its first write, and when another process wrote in
 * between (the processes of `quire serve --workers N` share one file) SQLite refuses it at once with
 * SQLITE_BUSY_SNAPSHOT, whatever the busy timeout: readers' kudos and comments failed as 500s. An IMMEDIATE
 * transaction waits for the lock under the busy timeout instead. Read-only snapshots (the filter index's
 * load) stay deferred, so they never hold writers back. Kysely ignores the access mode on SQLite and offers
 * no other way to begin IMMEDIATE (kysely-org/kysely#1152).
 */
export class QuireSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateWriteDriver(this.#config);
  }
}

/** SqliteDriver, but for how a transaction begins. */
class ImmediateWriteDriver extends SqliteDriver {
  // Kysely passes the settings to every driver; SqliteDriver declares none.
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    const begin = settings?.accessMode === 'read write' ? 'begin immediate' : 'begin';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }
}
