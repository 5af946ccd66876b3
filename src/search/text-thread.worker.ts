/**
 * The thread that runs SQLite full-text queries and the counts reads (see text-thread.ts), on a read-only
 * connection of its own.
 */
import SQLite from 'better-sqlite3';
import { workerData } from 'piscina';
import { SERVING_SQLITE_CACHE_KB } from '../db/connect.ts';
import type { CompiledSql, TextRead } from './search-provider.ts';
import { numberColumns, runTextRead } from './text-columns.ts';

const { file } = workerData as { file: string };
const db = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
try {
  db.pragma(`cache_size = -${SERVING_SQLITE_CACHE_KB}`);
} catch {
  // A WAL archive in a folder this process may not write cannot be read here at all (the -shm index cannot
  // be made); its queries say so, as before the pragma, instead of the thread failing to start.
}

export default function readText(read: TextRead) {
  return runTextRead(read, (query) => db.prepare(query.sql).all(...query.parameters) as never);
}

/** Rows of numbers as one column each (the works' counts, 100,000 rows at a time). */
export function readNumbers(query: CompiledSql): Float64Array[] {
  return numberColumns(db.prepare(query.sql).all(...query.parameters) as Record<string, unknown>[]);
}
