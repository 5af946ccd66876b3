/**
 * The thread that runs SQLite full-text queries and the counts reads (see text-thread.ts), on a read-only
 * connection of its own.
 */
import SQLite from 'better-sqlite3';
import { workerData } from 'piscina';
import type { CompiledSql, TextRead } from './search-provider.ts';
import { runTextRead } from './text-columns.ts';

const { file } = workerData as { file: string };
const db = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });

export default function readText(read: TextRead) {
  return runTextRead(read, (query) => db.prepare(query.sql).all(...query.parameters) as never);
}

/** Rows of numbers as one column each (the works' counts, 100,000 rows at a time). */
export function readNumbers(query: CompiledSql): Float64Array[] {
  const rows = db
    .prepare(query.sql)
    .raw(true)
    .all(...query.parameters) as number[][];
  const width = rows[0]?.length ?? 0;
  const columns = Array.from({ length: width }, () => new Float64Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number[];
    for (let c = 0; c < width; c++) (columns[c] as Float64Array)[i] = Number(row[c]);
  }
  return columns;
}
