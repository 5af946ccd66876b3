/**
 * `quire serve --workers N`: one server process per core. The primary process serves nothing itself; it
 * starts N workers (node:cluster, which hands each new connection to the next worker), each running the
 * whole server over the same archive (SQLite in WAL mode lets them read at once and write in turn; on
 * PostgreSQL each has its pool). What a worker keeps from the archive (the page cache, the filter index)
 * is kept per archive version, which triggers bump in whichever process writes, so a write through one
 * worker shows on the others as on the one that made it (within the page cache's staleness bound).
 *
 * The primary prints the address once every worker listens, counts the routes' own rate limits for all of
 * them (cluster-rate-limit.ts), runs their long builds and SQLite full-text queries on its threads
 * (primary-tasks.ts), replaces a worker that dies while serving,
 * stops every worker on SIGINT or SIGTERM (a terminal's Ctrl-C reaches them all; a service manager's
 * SIGTERM reaches the primary alone) and ends with status 1 if a worker fails before it serves (a port in
 * use, an archive it cannot open), having stopped the others.
 */
import cluster, { type Worker } from 'node:cluster';
import {
  BUILD_THREAD_MEMORY_MB,
  buildForWorker,
  startBuildThreads,
} from '../services/downloads/build-threads.ts';
import { serverEnv, serverExecArgv } from '../thread-memory.ts';
import { countForWorker, WindowCounts } from './cluster-rate-limit.ts';

interface Listening {
  type: 'quire:listening';
  url: string;
  /** What the worker found at start that the person starting the server should read (download formats). */
  notes: string[];
}

const isListening = (message: unknown): message is Listening =>
  typeof message === 'object' && message !== null && (message as Listening).type === 'quire:listening';

export const inClusterWorker = (): boolean => cluster.isWorker;

/** In a worker: tell the primary that this worker serves, and at which address. */
export function announceWorker(url: string, notes: string[]): void {
  const message: Listening = { type: 'quire:listening', url, notes };
  process.send?.(message);
}

export interface ClusterOptions {
  workers: number;
  /** What the primary does for each worker it starts, besides its builds (answer its text matches). */
  forEachWorker?: (worker: Worker) => void;
  /** Shared by every worker (see AppOptions.etagSeed). */
  env: Record<string, string>;
  /** Once every worker listens: the address they share, and the first worker's notes. */
  onListening: (url: string, notes: string[]) => void;
  /** What the person who started the server should know (a worker died and was replaced). */
  onNotice: (message: string) => void;
}

/** Run the primary: start the workers and keep them running until a signal stops them all. */
export function runPrimary(options: ClusterOptions): void {
  const ready = new Set<Worker>();
  let announced = false;
  let stopping = false;
  let status = 0;

  // `advanced`: the tasks' messages carry a work's chapters, its file's bytes and text matches' typed arrays.
  cluster.setupPrimary({ execArgv: serverExecArgv(process.execArgv), serialization: 'advanced' });
  // Routes' own rate limits, counted here for every worker.
  const rateCounts = new WindowCounts();
  // One build thread for every worker (build-threads.ts), started on the first long work.
  const buildThreads = startBuildThreads(1, BUILD_THREAD_MEMORY_MB);
  const start = () => {
    const worker = cluster.fork({ ...serverEnv(process.env), ...options.env });
    countForWorker(worker, rateCounts);
    buildForWorker(worker, buildThreads);
    options.forEachWorker?.(worker);
    worker.on('message', (message: unknown) => {
      if (!isListening(message)) return;
      ready.add(worker);
      if (!announced && ready.size === options.workers) {
        announced = true;
        options.onListening(message.url, message.notes);
      }
    });
  };

  const stop = (code: number) => {
    status = Math.max(status, code);
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(status);
    for (const worker of workers) worker?.process.kill('SIGTERM');
  };

  cluster.on('exit', (worker, code, signal) => {
    const served = ready.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(status);
      return;
    }
    if (!served) {
      // It never served: the next one would fail the same way.
      stop(1);
      return;
    }
    options.onNotice(`a worker stopped (${signal ?? `status ${code}`}); starting another`);
    start();
  });

  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  for (let i = 0; i < options.workers; i++) start();
}
