import type { Db } from '../db/database.ts';
import {
  deleteWork,
  findWorkByTextHash,
  insertWork,
  type WorkBatch,
} from '../repositories/work.repository.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import type { ImportOutcome, ImportStatus } from './import.types.ts';

/** Source paths looked up per query. */
const LOOKUP_CHUNK = 500;

/** What an earlier run recorded for a source. */
export interface PreviousImport {
  id: number;
  work_id: number | null;
  content_hash: string;
  status: string;
  error: string | null;
}

/** What earlier runs recorded for these sources, by source. */
export async function findImports(db: Db, sources: string[]): Promise<Map<string, PreviousImport>> {
  const found = new Map<string, PreviousImport>();
  for (let i = 0; i < sources.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom('imports')
      .select(['id', 'source_path', 'work_id', 'content_hash', 'status', 'error'])
      .where('source_path', 'in', sources.slice(i, i + LOOKUP_CHUNK))
      .execute();
    for (const { source_path, ...row } of rows) found.set(source_path, row);
  }
  return found;
}

/** Record one outcome; returns what it came to. */
export async function writeOutcome(
  db: Db,
  search: SearchProvider,
  works: WorkBatch,
  item: { source: string; outcome: ImportOutcome },
  previous: PreviousImport | undefined,
  now: string,
): Promise<ImportStatus> {
  const { source, outcome } = item;
  const record = async (
    status: ImportStatus,
    workId: number | null,
    format: string,
    error: string | null,
    header: string | null,
  ) => {
    const values = {
      content_hash: outcome.hash,
      format,
      work_id: workId,
      status: status === 'unchanged' ? 'imported' : status,
      error,
      header,
      imported_at: now,
    } as const;
    if (previous) await db.updateTable('imports').set(values).where('id', '=', previous.id).execute();
    else
      await db
        .insertInto('imports')
        .values({ source_path: source, ...values })
        .execute();
  };
  if (!outcome.ok) {
    await record('failed', previous?.work_id ?? null, 'unknown', outcome.error, null);
    return 'failed';
  }
  const header = JSON.stringify(outcome.header);
  const same = await findWorkByTextHash(db, outcome.work.textHash);
  if (same) {
    const status: ImportStatus = previous?.work_id === same.id ? 'unchanged' : 'duplicate';
    await record(status, same.id, outcome.format, null, header);
    return status;
  }
  let status: ImportStatus = 'imported';
  if (previous?.work_id) {
    // The file changed: its work is replaced by the new reading.
    await deleteWork(db, search, previous.work_id);
    status = 'updated';
  }
  const workId = await insertWork(db, search, outcome.work, now, works);
  await record(status, workId, outcome.format, null, header);
  return status;
}
