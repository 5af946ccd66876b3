/**
 * The thread that runs SQLite full-text queries and the counts reads (see text-thread.ts), on a read-only
 * connection of its own.
 *
 * Rows are read straight into columns, not as an object per row, and the columns are moved to the caller,
 * not copied: a common word's or the counts' row objects (100,000 at 100,000 works) made most of the thread's
 * heap, and each answer's copy stayed behind in the thread until its next full collection.
 */
import SQLite from 'better-sqlite3';
import { Piscina, workerData } from 'piscina';
import { SERVING_SQLITE_CACHE_KB } from '../db/connect.ts';
import type { CompiledSql, TextColumns, TextRead } from './search-provider.ts';
import { rowsToColumns, runTextRead } from './text-columns.ts';

const { file } = workerData as { file: string };
const db = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
try {
  db.pragma(`cache_size = -${SERVING_SQLITE_CACHE_KB}`);
} catch {
  // A WAL archive in a folder this process may not write cannot be read here at all (the -shm index cannot
  // be made); its queries say so, as before the pragma, instead of the thread failing to start.
}

/** `value` as piscina sends it to the caller with `buffers` moved, not copied. */
function moved<T>(value: T, buffers: ArrayBufferLike[]): T {
  // Piscina's own symbols, which its types do not name as the ones of its Transferable.
  const transferable = { [Piscina.transferableSymbol]: buffers, [Piscina.valueSymbol]: value };
  return Piscina.move(transferable as never) as never;
}

export default async function readText(read: TextRead) {
  const columns = await runTextRead(read, (query, ranked): TextColumns => {
    const statement = db.prepare(query.sql);
    if (ranked) return rowsToColumns(statement.all(...query.parameters) as never, true);
    // The ids query has the one column: its values as one array, not an object each.
    return { ids: Float64Array.from(statement.pluck().all(...query.parameters) as number[]), ranks: null };
  });
  const { ids, ranks } = columns;
  return moved(columns, ranks instanceof Float64Array ? [ids.buffer, ranks.buffer] : [ids.buffer]);
}

/** Columns rows are read into, kept from one read to the next (they grow to the largest read's rows). */
let scratch: Float64Array[] = [];

/** Rows of numbers as one column each (the works' counts, 100,000 rows at a time). */
export function readNumbers(query: CompiledSql): Float64Array[] {
  const statement = db.prepare(query.sql).raw();
  const width = statement.columns().length;
  while (scratch.length < width) scratch.push(new Float64Array(1024));
  let rows = 0;
  for (const row of statement.iterate(...query.parameters) as Iterable<unknown[]>) {
    if (rows === (scratch[0] as Float64Array).length)
      scratch = scratch.map((column) => {
        const grown = new Float64Array(column.length * 2);
        grown.set(column);
        return grown;
      });
    for (let c = 0; c < width; c++) (scratch[c] as Float64Array)[rows] = Number(row[c]);
    rows++;
  }
  const columns = scratch.slice(0, width).map((column) => column.slice(0, rows));
  return moved(
    columns,
    columns.map((column) => column.buffer),
  );
}
