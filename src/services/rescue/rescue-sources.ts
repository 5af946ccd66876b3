/** The old archive a rescue command names, read by the matching reader. */

import { AppError } from '../../errors.ts';
import { readAutomatedArchive } from '../../rescue/automated-archive.reader.ts';
import { readCsvArchive } from '../../rescue/csv.reader.ts';
import { openDumpFile } from '../../rescue/dump-source.ts';
import { EfictionCollector } from '../../rescue/efiction.reader.ts';
import { readEfictionDatabase } from '../../rescue/efiction-mysql.reader.ts';
import type { RescueArchive } from '../../rescue/rescue-archive.ts';
import { readDumpRows, SqlDumpReader } from '../../rescue/sql-dump.reader.ts';

export interface EfictionSource {
  dump?: string;
  mysql?: string;
  storiesDir: string | null;
  prefix?: string;
  /** Bytes of the dump read so far, for a progress bar. */
  onRead?: (bytes: number, total: number) => void;
}

export async function readEfictionSource(source: EfictionSource): Promise<RescueArchive> {
  if (source.mysql && source.dump)
    throw new AppError('USAGE', 'Give either a dump file or --mysql, not both.');
  if (source.mysql) return readEfictionDatabase(source.mysql, source);
  if (!source.dump)
    throw new AppError('USAGE', 'Give the dump file (DUMP.sql or DUMP.sql.gz), or --mysql URL.');
  const { chunks, bytes } = await openDumpFile(source.dump);
  const reader = new SqlDumpReader();
  const collector = new EfictionCollector(source.prefix);
  let read = 0;
  async function* counted() {
    for await (const chunk of chunks) {
      read += chunk.length;
      source.onRead?.(Math.min(read, bytes), bytes);
      yield chunk;
    }
  }
  for await (const row of readDumpRows(counted(), reader)) collector.add(row);
  const archive = collector.finish(source.storiesDir);
  for (const problem of reader.problems) archive.skipped.push({ kind: 'row', oldId: '-', reason: problem });
  return archive;
}

export function readAutomatedArchiveSource(path: string, storiesDir: string | null): Promise<RescueArchive> {
  return readAutomatedArchive(path, storiesDir);
}

export function readCsvSource(
  stories: string,
  authors: string | null,
  files: string | null,
): Promise<RescueArchive> {
  return readCsvArchive(stories, authors, files);
}
