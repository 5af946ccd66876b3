import type { Kysely, Transaction } from 'kysely';
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

/** Whether a database error is a unique constraint refusing a duplicate, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
