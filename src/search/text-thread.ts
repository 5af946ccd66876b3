/**
 * SQLite's full-text queries in a thread of their own. better-sqlite3 answers on the thread that asks, and
 * a common word's match (hundreds of thousands of positions to read and rank at 100,000 works) would hold the
 * thread that serves every other page meanwhile; here it holds another thread, with its own read-only
 * connection to the same file (WAL lets both read at once), and the server goes on answering. The count
 * sorts' reordering reads every work's counts there too. In a cluster the threads are the primary's, one
 * per worker (primary-tasks.ts), so that no worker holds one.
 */
import type { Worker } from 'node:cluster';
import { Piscina } from 'piscina';
import { answerWorkerTasks, inPrimary } from '../primary-tasks.ts';
import { THREAD_LIMITS } from '../thread-memory.ts';
import { siblingModule } from '../thread-module.ts';
import type { CompiledSql, SearchProvider, TextColumns, TextRead } from './search-provider.ts';

const TEXT_MODULE = siblingModule(import.meta.url, './text-thread.worker.ts');

/**
 * How long the thread waits for another text query before it stops: running, it holds an isolate, its
 * modules and a SQLite connection, which V8 gives back some seconds after it stops. The next query starts
 * it again, opening the connection anew.
 */
export const TEXT_THREAD_IDLE_MS = 5_000;

export interface ThreadedSearch extends SearchProvider {
  /** Stop the thread. */
  close(): Promise<void>;
}

export interface TextThreadSearch extends ThreadedSearch {
  /** Threads running now: 0 while the thread is stopped for want of queries, else 1. */
  readonly runningThreads: number;
}

/** Threads that run text reads and counts reads on the archive at `file`, started on the first one. */
export interface TextThreads {
  readText(read: TextRead): Promise<TextColumns>;
  readNumbers(query: CompiledSql): Promise<Float64Array[]>;
  /** Threads running now: 0 while stopped for want of queries. */
  readonly running: number;
  close(): Promise<void>;
}

/**
 * `threads` threads on the archive at `file`: one for a process that serves pages itself (the other core
 * serves pages; a second search waits for the first), one per worker in a cluster's primary.
 */
export function startTextThreads(
  file: string,
  { threads = 1, idleMs = TEXT_THREAD_IDLE_MS }: { threads?: number; idleMs?: number } = {},
): TextThreads {
  const pool = new Piscina({
    filename: TEXT_MODULE.url.href,
    execArgv: TEXT_MODULE.execArgv,
    workerData: { file },
    minThreads: 0,
    maxThreads: threads,
    resourceLimits: THREAD_LIMITS,
    idleTimeout: idleMs,
  });
  return {
    readText: (read) => pool.run(read),
    readNumbers: (query) => pool.run(query, { name: 'readNumbers' }),
    get running() {
      return pool.threads.length;
    },
    close: () => pool.close(),
  };
}

/** `provider` (SQLite's) with its text queries run in a thread on the archive at `file`. */
export function withTextThread(
  provider: SearchProvider,
  file: string,
  options: { idleMs?: number } = {},
): TextThreadSearch {
  const threads = startTextThreads(file, options);
  return {
    ...provider,
    get runningThreads() {
      return threads.running;
    },
    readText: threads.readText,
    readNumbers: threads.readNumbers,
    close: threads.close,
  };
}

/** A text match's columns as the primary sends them to a worker. */
interface SentColumns {
  ids: Int32Array;
  ranks: TextColumns['ranks'];
}

/** In the primary: run the text reads `worker` sends on the primary's threads (primary-tasks.ts). */
export function readTextForWorker(worker: Worker, threads: TextThreads): void {
  // Work ids are 32-bit integers: sent as such, a common word's 100,000 ids are half the bytes to copy.
  answerWorkerTasks(worker, 'readText', async (read: TextRead): Promise<SentColumns> => {
    const { ids, ranks } = await threads.readText(read);
    return { ids: Int32Array.from(ids), ranks };
  });
  answerWorkerTasks(worker, 'readNumbers', threads.readNumbers);
}

/** In a cluster's worker: `provider` (SQLite's) with its text queries run on the primary's threads. */
export function withPrimaryTextThreads(provider: SearchProvider): ThreadedSearch {
  const readText = inPrimary<TextRead, SentColumns>('readText');
  return {
    ...provider,
    readText: (read) =>
      readText(read).then(({ ids, ranks }): TextColumns => ({ ids: Float64Array.from(ids), ranks })),
    readNumbers: inPrimary<CompiledSql, Float64Array[]>('readNumbers'),
    // The threads are the primary's: it stops them as it stops.
    close: async () => {},
  };
}
