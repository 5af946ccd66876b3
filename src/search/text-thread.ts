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

export interface ThreadedSearch extends SearchProvider {
  /** Stop the thread. */
  close(): Promise<void>;
}

/** `provider` (SQLite's) with its text queries run in a thread on the archive at `file`. */
export function withTextThread(provider: SearchProvider, file: string): ThreadedSearch {
  const pool = new Piscina({
    filename: TEXT_MODULE.url.href,
    execArgv: TEXT_MODULE.execArgv,
    workerData: { file },
    // One: the other core serves pages. A second search waits for the first.
    minThreads: 1,
    maxThreads: 1,
    resourceLimits: THREAD_LIMITS,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    ...provider,
    readText: (read) => pool.run(read),
    readNumbers: (query) => pool.run(query, { name: 'readNumbers' }),
    close: () => pool.close(),
  };
}
