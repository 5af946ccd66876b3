/**
 * SQLite's full-text queries in a thread of their own. better-sqlite3 answers on the thread that asks, and
 * a common word's match (hundreds of thousands of positions to read and rank at 100,000 works) would hold the
 * thread that serves every other page meanwhile; here it holds another thread, with its own read-only
 * connection to the same file (WAL lets both read at once), and the server goes on answering. The count
 * sorts' reordering reads every work's counts there too.
 */
import { Piscina } from 'piscina';
import { THREAD_LIMITS } from '../thread-memory.ts';
import { siblingModule } from '../thread-module.ts';
import type { SearchProvider } from './search-provider.ts';

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

/** `provider` (SQLite's) with its text queries run in a thread on the archive at `file`. */
export function withTextThread(
  provider: SearchProvider,
  file: string,
  { idleMs = TEXT_THREAD_IDLE_MS }: { idleMs?: number } = {},
): TextThreadSearch {
  const pool = new Piscina({
    filename: TEXT_MODULE.url.href,
    execArgv: TEXT_MODULE.execArgv,
    workerData: { file },
    // One: the other core serves pages. A second search waits for the first.
    minThreads: 0,
    maxThreads: 1,
    resourceLimits: THREAD_LIMITS,
    idleTimeout: idleMs,
  });
  return {
    ...provider,
    get runningThreads() {
      return pool.threads.length;
    },
    readText: (read) => pool.run(read),
    readNumbers: (query) => pool.run(query, { name: 'readNumbers' }),
    close: () => pool.close(),
  };
}
