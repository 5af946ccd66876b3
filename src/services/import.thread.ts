import { Worker } from 'node:worker_threads';
import type { StoreOptions } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import { importThreadModules } from './import.bundle.ts';
import type { CoordinatorData, CoordinatorMessage, ImportProgress, ImportSummary } from './import.types.ts';

/**
 * The young generation of the thread that writes the import, in MB. Left to itself V8 grows it to 128 MB on
 * this thread, whose objects (each story's tags and rows) live across a batch and so look long-lived; capped,
 * they are promoted and collected with the old ones, and the import's peak memory falls by about 100 MB
 * for no measurable time.
 */
const WRITER_YOUNG_GENERATION_MB = 24;

export interface ThreadImportOptions {
  store: StoreOptions;
  paths: string[];
  packs?: string[];
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * `importStories` in a thread of its own (import.coordinator.ts), as `quire import` runs it: a thread can be
 * given its own heap limits, a command's main thread cannot once started. The signal stops it as it stops
 * `importStories`; errors come back as they would be thrown there.
 */
export async function importStoriesInThread(options: ThreadImportOptions): Promise<ImportSummary> {
  const modules = await importThreadModules();
  const data: CoordinatorData = {
    store: options.store,
    paths: options.paths,
    packs: options.packs ?? [],
    workerModule: modules.worker.href,
    checkpointModule: modules.checkpointer.href,
    ...(options.workers ? { workers: options.workers } : {}),
  };
  const worker = new Worker(modules.coordinator, {
    workerData: data,
    // JavaScript bundles, or the sources run by Node's own TypeScript support: no loader to inherit.
    execArgv: [],
    resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MB },
  });
  const abort = () => worker.postMessage('abort');
  // Stopped while the modules were being bundled: the thread stops before it reads anything.
  if (options.signal?.aborted) abort();
  else options.signal?.addEventListener('abort', abort, { once: true });
  return new Promise<ImportSummary>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      finish();
    };
    worker.on('message', (message: CoordinatorMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.summary));
      else
        settle(() =>
          reject(message.code ? new AppError(message.code, message.error) : new Error(message.error)),
        );
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`The import thread stopped (exit code ${code}) before it finished.`))),
    );
  });
}
