import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackgroundCheckpoints } from '../db/checkpoints.ts';
import type { Store } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
import { translateDatabaseError } from '../db/errors.ts';
import { isAppError } from '../errors.ts';
import { readStoryFile } from '../ingest/limits.ts';
import { isZip, openZip } from '../ingest/zip.ts';
import {
  deleteWork,
  findWorkByTextHash,
  finishWorkBatch,
  insertWork,
  startWorkBatch,
  type WorkBatch,
} from '../repositories/work.repository.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { WorkerPool, workerCount } from './import.pool.ts';
import type {
  ImportJob,
  ImportOutcome,
  ImportProgress,
  ImportStatus,
  ImportSummary,
} from './import.types.ts';

/** Story text held for writing before a batch is written regardless of its count. */
const MAX_PENDING_BYTES = 32 * 1024 * 1024;
/** Story text read but not yet written (in workers, waiting for a batch, or in batches queued to write). */
const MAX_UNWRITTEN_BYTES = 16 * 1024 * 1024;
/** Source paths looked up per query. */
const LOOKUP_CHUNK = 500;

const STORY_EXTENSIONS = /\.(?:txt|text|asc|html?|xhtml|epub|docx)$/i;

export interface ImportOptions {
  paths: string[];
  workers?: number;
  packs?: string[];
  /** Workers started already (the import process starts them while it opens the archive); closed at the end. */
  pool?: WorkerPool;
  /** The SQLite log's checkpoints in a thread of their own, told of each batch written (db/checkpoints.ts). */
  checkpoints?: BackgroundCheckpoints | null;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  now?: () => string;
}

/** A story to import: a file, or an entry of a `.zip` archive (`stories.zip!/a/b.txt`). */
interface Source {
  name: string;
  /** A file, which a worker reads itself; undefined for a zip entry, whose bytes `load` gives. */
  file?: { path: string; size: number };
  load(): Promise<Uint8Array>;
}

/**
 * Import story files, folders (recursively) and `.zip` archives. Workers read and analyse; this thread
 * writes, in batched transactions. A file already imported with the same bytes is skipped; the same story
 * under another name or format (the same normalized text) is recorded as a duplicate of the work it repeats.
 * Every failure is reported with its reason and the rest go on. When the signal aborts, the batch in hand is
 * written and the import stops: the next run picks up where this one stopped.
 */
export async function importStories(
  store: Store,
  search: SearchProvider,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = Date.now();
  const now = options.now ?? (() => new Date().toISOString());
  const counts: Record<ImportStatus, number> = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    duplicate: 0,
    failed: 0,
  };
  const failures: { source: string; error: string }[] = [];
  // The workers start (loading their modules and the knowledge packs takes them about a second) while the
  // files are found.
  const pool = options.pool ?? new WorkerPool(workerCount(options.workers), options.packs ?? []);
  let sources: Source[];
  let problems: { source: string; error: string }[];
  let previousImports: Map<string, PreviousImport>;
  try {
    ({ sources, problems } = await collectSources(options.paths));
    previousImports = await findImports(
      store.db,
      sources.map((source) => source.name),
    );
  } catch (error) {
    await pool.close();
    throw error;
  }
  for (const problem of problems) {
    counts.failed++;
    failures.push(problem);
  }
  const total = sources.length + problems.length;
  let done = problems.length;
  let bytesRead = 0;
  const report = () => options.onProgress?.({ done, total, bytes: bytesRead, counts: { ...counts } });
  report();

  const batchSize = options.batchSize ?? 50;
  let pending: { source: string; outcome: ImportOutcome }[] = [];
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;

  let pendingBytes = 0;
  // Bytes read and not yet written: the reading waits while this is high, so memory stays bounded.
  let unwrittenBytes = 0;
  let queuedBatches = 0;
  const flush = () => {
    const batch = pending;
    const batchBytes = pendingBytes;
    pending = [];
    pendingBytes = 0;
    if (batch.length === 0) return;
    queuedBatches++;
    writing = writing.then(async () => {
      if (!writeError) {
        try {
          await options.checkpoints?.keepUp();
          await store.db.transaction().execute(async (trx) => {
            const previous = await findImports(
              trx,
              batch.map((item) => item.source),
            );
            const works = startWorkBatch();
            for (const item of batch) {
              // Let the workers' answers in and new files out between works: the writes block this thread.
              await new Promise((resolve) => setImmediate(resolve));
              const status = await writeOutcome(trx, search, works, item, previous.get(item.source), now());
              counts[status]++;
              if (status === 'failed' && !item.outcome.ok)
                failures.push({ source: item.source, error: item.outcome.error });
            }
            await finishWorkBatch(trx, works);
          });
          options.checkpoints?.wrote();
        } catch (error) {
          writeError = translateDatabaseError(error, store.location);
        }
      }
      done += batch.length;
      unwrittenBytes -= batchBytes;
      queuedBatches--;
      report();
    });
  };
  const inFlight = new Set<Promise<void>>();
  let interrupted = false;
  try {
    for (const source of sources) {
      if (options.signal?.aborted || writeError) {
        interrupted = Boolean(options.signal?.aborted);
        break;
      }
      let file: ImportJob['file'];
      if (source.file) file = source.file;
      else {
        try {
          file = { bytes: await source.load() };
        } catch (error) {
          counts.failed++;
          done++;
          failures.push({ source: source.name, error: isAppError(error) ? error.message : String(error) });
          continue;
        }
      }
      const size = 'bytes' in file ? file.bytes.length : file.size;
      unwrittenBytes += size;
      const previous = previousImports.get(source.name);
      const job = { name: source.name, file, knownHash: previous?.content_hash ?? null, now: now() };
      const task = pool
        .run(job, () => source.load())
        .then((answer) => {
          bytesRead += size;
          if ('ok' in answer) {
            pending.push({ source: source.name, outcome: answer });
            pendingBytes += size;
            // Write when the batch is full, or holds a lot of text (a few epics are a batch on their own).
            if (pending.length >= batchSize || pendingBytes >= MAX_PENDING_BYTES) flush();
            return;
          }
          unwrittenBytes -= size;
          done++;
          if ('unreadable' in answer) {
            counts.failed++;
            failures.push({ source: source.name, error: answer.unreadable });
          } else if (previous?.status === 'failed') {
            counts.failed++;
            failures.push({ source: source.name, error: previous.error ?? 'failed before' });
          } else counts.unchanged++;
          if (done % 100 === 0) report();
        });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= pool.capacity) await Promise.race(inFlight);
      while (unwrittenBytes >= MAX_UNWRITTEN_BYTES && !writeError) {
        // The writes are behind: let them catch up before reading more.
        flush();
        if (queuedBatches > 0) await writing;
        else if (inFlight.size > 0) await Promise.race(inFlight);
        else break;
      }
    }
    await Promise.all(inFlight);
    flush();
    await writing;
  } finally {
    await pool.close();
  }
  if (writeError) throw writeError;
  interrupted ||= Boolean(options.signal?.aborted);
  report();
  return { counts, failures, total, bytes: bytesRead, seconds: (Date.now() - started) / 1000, interrupted };
}

interface PreviousImport {
  id: number;
  work_id: number | null;
  content_hash: string;
  status: string;
  error: string | null;
}

/** What earlier runs recorded for these sources, by source. */
async function findImports(db: Db, sources: string[]): Promise<Map<string, PreviousImport>> {
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
async function writeOutcome(
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

/** Files, folders (recursive, hidden entries skipped) and zip archives, in a stable order. */
async function collectSources(
  paths: string[],
): Promise<{ sources: Source[]; problems: { source: string; error: string }[] }> {
  const sources: Source[] = [];
  const problems: { source: string; error: string }[] = [];
  type Info = Stats | null;
  const visit = async (path: string, explicit: boolean, info: Info): Promise<void> => {
    if (!info) {
      problems.push({ source: path, error: `${path} does not exist.` });
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path))
        .filter((name) => !name.startsWith('.'))
        .sort()
        .map((name) => join(path, name));
      // A folder's entries are looked at all at once (one at a time took a third of a second for 7,000 files),
      // and visited in order.
      const infos = await Promise.all(entries.map((entry) => stat(entry).catch(() => null)));
      for (const [index, entry] of entries.entries()) await visit(entry, false, infos[index] ?? null);
      return;
    }
    if (!info.isFile()) return;
    if (/\.zip$/i.test(path)) {
      await visitZip(path, info.size);
      return;
    }
    // In folders only story files are taken; a file named on the command line is always tried.
    if (!explicit && !STORY_EXTENSIONS.test(path)) return;
    sources.push({ name: path, file: { path, size: info.size }, load: () => readStoryFile(path, info.size) });
  };
  const visitZip = async (path: string, size: number) => {
    try {
      const bytes = await readStoryFile(path, size);
      if (!isZip(bytes)) throw new Error(`${path} is not a zip archive.`);
      const zip = await openZip(bytes, path);
      for (const entry of zip.entries
        .filter((item) => !item.name.endsWith('/') && STORY_EXTENSIONS.test(item.name))
        .sort((a, b) => a.name.localeCompare(b.name))) {
        sources.push({ name: `${path}!/${entry.name}`, load: () => zip.readBytes(entry.name) });
      }
    } catch (error) {
      problems.push({
        source: path,
        error: isAppError(error) || error instanceof Error ? error.message : String(error),
      });
    }
  };
  for (const path of paths) await visit(path, true, await stat(path).catch(() => null));
  return { sources, problems };
}
