import { PostgresAdapter } from 'kysely';
import type { Db } from './database.ts';

/**
 * Whether each statement is a round trip to a database server (PostgreSQL) rather than a call into this
 * process (SQLite). Where it is, a page gathers the reads it can into fewer statements: node-postgres's
 * write per statement and the wait for its answer cost more than the statements' own work (bench/README.md).
 */
export function statementsAreRoundTrips(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
