/** The thread that runs SQLite full-text queries (see text-thread.ts), on a read-only connection of its own. */
import SQLite from 'better-sqlite3';
import { workerData } from 'piscina';
import type { TextRead } from './search-provider.ts';
import { runTextRead } from './text-columns.ts';

const { file } = workerData as { file: string };
const db = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });

export default function readText(read: TextRead) {
  return runTextRead(read, (query) => db.prepare(query.sql).all(...query.parameters) as never);
}
