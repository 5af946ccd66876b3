import { fork } from 'node:child_process';
import type { StoreOptions } from '../db/connect.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import { siblingModule } from '../thread-module.ts';
import type { ImportProgress, ImportSummary } from './import.types.ts';

/**
 * V8 options of the process that writes an import. `--max-semi-space-size=8` caps its young generation at 24
 * MB: a story's tags and rows live across a batch, so left to itself V8 grows the young generation to 128 MB
 * and copies them there; capped, they are promoted and collected with the old ones (bench/README.md has the
 * peak memory either way). `--heap-growing-percent=100` lets each heap, the workers' included, grow to twice
 * what it keeps alive before its next full collection, which the workers' heap limits otherwise hold to 1.3
 * times.
 */
export const IMPORT_V8_OPTIONS = ['--max-semi-space-size=8', '--heap-growing-percent=100'];

const CHILD = siblingModule(import.meta.url, './import.child.ts');

export interface ProcessImportOptions {
  store: StoreOptions;
  paths: string[];
  packs?: string[];
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** What the import process is started with (import.child.ts). */
export interface ImportRequest {
  store: StoreOptions;
  paths: string[];
  packs: string[];
  workers?: number;
}

/** What the import process tells the process that started it. */
export type ImportMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; code?: ErrorCode; error: string };

/**
 * `importStories` in a child process (import.child.ts), as `quire import` runs it: a process of its own can be
 * given the V8 options above, which a running process cannot give itself. The signal stops it as it stops
 * `importStories`; errors come back as they would be thrown there.
 */
export function importStoriesInProcess(options: ProcessImportOptions): Promise<ImportSummary> {
  const child = fork(CHILD.url, [], {
    execArgv: [...CHILD.execArgv, ...IMPORT_V8_OPTIONS],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const request: ImportRequest = {
    store: options.store,
    paths: options.paths,
    packs: options.packs ?? [],
    ...(options.workers ? { workers: options.workers } : {}),
  };
  child.send(request);
  const abort = () => child.connected && child.send('abort');
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
    child.on('message', (message: ImportMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.summary));
      else
        settle(() =>
          reject(message.code ? new AppError(message.code, message.error) : new Error(message.error)),
        );
    });
    child.on('error', (error) => settle(() => reject(error)));
    child.on('exit', (code, signal) =>
      settle(() =>
        reject(
          new Error(`The import process stopped (${signal ?? `exit code ${code}`}) before it finished.`),
        ),
      ),
    );
  });
}
