import type { BackgroundCheckpoints } from '../db/checkpoints.ts';
import type { Store } from '../db/connect.ts';
import { isAppError } from '../errors.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { WorkerPool, workerCount } from './import.pool.ts';
import { findImports, type PreviousImport } from './import.records.ts';
import { collectSources, type Source } from './import.sources.ts';
import type { ImportJob, ImportProgress, ImportSummary } from './import.types.ts';
import { ImportTally, ImportWriter } from './import.writer.ts';

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
  const tally = new ImportTally(sources.length + problems.length, options.onProgress);
  for (const problem of problems) tally.fail(problem.source, problem.error);
  tally.done = problems.length;
  tally.report();
  const writer = new ImportWriter(store, search, tally, {
    batchSize: options.batchSize ?? 50,
    checkpoints: options.checkpoints,
    now,
  });

  const inFlight = new Set<Promise<void>>();
  let interrupted = false;
  try {
    for (const source of sources) {
      if (options.signal?.aborted || writer.error) {
        interrupted = Boolean(options.signal?.aborted);
        break;
      }
      const file = await jobFile(source, tally);
      if (!file) continue;
      const size = 'bytes' in file ? file.bytes.length : file.size;
      writer.reserve(size);
      const previous = previousImports.get(source.name);
      const job = { name: source.name, file, knownHash: previous?.content_hash ?? null, now: now() };
      const task = pool
        .run(job, () => source.load())
        .then((answer) => {
          tally.bytes += size;
          if ('ok' in answer) return writer.add(source.name, answer, size);
          writer.release(size);
          tally.done++;
          if ('unreadable' in answer) tally.fail(source.name, answer.unreadable);
          else if (previous?.status === 'failed') tally.fail(source.name, previous.error ?? 'failed before');
          else tally.counts.unchanged++;
          if (tally.done % 100 === 0) tally.report();
        });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= pool.capacity) await Promise.race(inFlight);
      await writer.catchUp(inFlight);
    }
    await Promise.all(inFlight);
    await writer.finish();
  } finally {
    await pool.close();
  }
  if (writer.error) throw writer.error;
  interrupted ||= Boolean(options.signal?.aborted);
  tally.report();
  const { counts, failures, total, bytes } = tally;
  return { counts, failures, total, bytes, seconds: (Date.now() - started) / 1000, interrupted };
}

/** What a worker is given for a source: its path, or for a zip entry its bytes; null (counted) if unreadable. */
async function jobFile(source: Source, tally: ImportTally): Promise<ImportJob['file'] | null> {
  if (source.file) return source.file;
  try {
    return { bytes: await source.load() };
  } catch (error) {
    tally.fail(source.name, isAppError(error) ? error.message : String(error));
    tally.done++;
    return null;
  }
}
