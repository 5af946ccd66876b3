import { type Kysely, SqliteAdapter, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';

/**
 * Run `work` in a transaction: the one `db` already is, or a new one. A service applies whole or not at all.
 * A new one is declared a writing transaction, which SQLite begins IMMEDIATE (see sqlite-dialect.ts).
 */
export async function inTransaction<T>(
  db: Kysely<Database> | Transaction<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().setAccessMode('read write').execute(work);
}

/** What `inTransactionIfFree` answers when another process holds SQLite's write lock. */
export const LOCK_TAKEN = Symbol('lock taken');

/**
 * Run `work` in a new writing transaction, unless another process holds SQLite's write lock: then nothing
 * is done and the answer is `LOCK_TAKEN`, at once. better-sqlite3 waits for the lock synchronously (SQLite's
 * busy handler sleeps), holding the thread and every request it serves; a write that can wait for its turn
 * (a batch of visits) tries again later instead. PostgreSQL waits for its locks without holding the thread:
 * there it is `inTransaction`.
 */
export async function inTransactionIfFree<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T | typeof LOCK_TAKEN> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return inTransaction(db, work);
  // One connection throughout (SQLite's driver has one), so no other statement runs without the timeout.
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(connection);
    const timeout = Math.trunc(Number(rows[0]?.timeout ?? 0));
    await sql.raw('PRAGMA busy_timeout = 0').execute(connection);
    try {
      return await inTransaction(connection, work);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return LOCK_TAKEN;
      throw error;
    } finally {
      await sql.raw(`PRAGMA busy_timeout = ${timeout}`).execute(connection);
    }
  });
}

/** Whether a database error is a unique constraint refusing a duplicate, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
