import type { Worker } from 'node:cluster';
import pLimit from 'p-limit';
import type { CacheBudget } from '../cache-budget.ts';
import type { Store } from '../db/connect.ts';
import type { Dialect } from '../db/database.ts';
import { keepTextWithin } from './index/current-index.ts';
import { postgresSearch } from './postgres-fts.ts';
import type { SearchProvider } from './search-provider.ts';
import { sqliteSearch } from './sqlite-fts.ts';
import {
  readTextForWorker,
  startTextThreads,
  type ThreadedSearch,
  withPrimaryTextThreads,
  withTextThread,
} from './text-thread.ts';

/** The full-text search provider for a database dialect. */
export function searchProviderFor(dialect: Dialect): SearchProvider {
  return dialect === 'postgres' ? postgresSearch : sqliteSearch;
}

/**
 * The provider a server answers with: on SQLite, full-text queries run in a thread of their own
 * (text-thread.ts), the cluster's primary's for a worker (`textInPrimary`); PostgreSQL answers in its own
 * processes already, one text match at a time from each of ours. `close` stops the thread. The text matches
 * search keeps count in `budget`, the server's bound on its caches, when one is given.
 */
export function servingSearchProvider(
  store: Store,
  budget?: CacheBudget,
  { textInPrimary = false }: { textInPrimary?: boolean } = {},
): ThreadedSearch {
  if (budget) keepTextWithin(store.db, budget);
  if (store.dialect === 'sqlite')
    return textInPrimary
      ? withPrimaryTextThreads(sqliteSearch)
      : withTextThread(sqliteSearch, store.location);
  // One text match at a time per process, first come first served, as SQLite's text thread runs them (more
  // at once come from more processes). Side by side, a worker's ten connections shared PostgreSQL's cores, so
  // a common word's match took several times as long and every search behind it waited as long (fewer
  // searches a second and a longer p99 at 100,000 works: bench/README.md, Stop 41).
  // A phrase's match, which can take seconds, waits in a line of its own, so it holds up no word's.
  const wordLine = pLimit(1);
  const phraseLine = pLimit(1);
  return {
    ...postgresSearch,
    queueText: (read, slow) => (slow ? phraseLine : wordLine)(read),
    close: async () => {},
  };
}

/**
 * In a cluster's primary, for a SQLite archive: the threads its workers' text matches run on, one per worker
 * as each had its own, so two searches still run at once; what answers one worker's reads. Null on
 * PostgreSQL, whose matches run in its own processes.
 */
export function primaryTextThreads(store: Store, workers: number): ((worker: Worker) => void) | null {
  if (store.dialect !== 'sqlite') return null;
  const threads = startTextThreads(store.location, { threads: workers });
  return (worker) => readTextForWorker(worker, threads);
}
