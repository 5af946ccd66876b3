/**
 * Checkpoints of an SQLite archive's write-ahead log in a thread of their own, for a long run of writes (an
 * import). SQLite copies the log into the database file every `WAL_AUTOCHECKPOINT_PAGES` pages, in the commit
 * that crosses the mark, and then waits for the disk: an import's writing thread, which limits it, stood idle
 * about a second every few seconds. Here the writer's own checkpoints are off and a second connection in
 * another thread copies the log after each commit (a passive checkpoint, which never holds up the writer);
 * when a copy is complete as the next write starts, SQLite writes the log from its beginning again, so it
 * stays as short as before. Should the thread fall behind (a slow disk), the writer waits for it once the log
 * passes `maxLogPages`. Kept because bench:import is faster with it (bench/README.md).
 */
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { type StartModule, siblingModule } from '../thread-module.ts';
import { type Store, WAL_AUTOCHECKPOINT_PAGES } from './connect.ts';

export type CheckpointRequest = { type: 'checkpoint'; seq: number } | { type: 'stop' };

/** The thread's answer to a request: the log's length in pages and how many of them are copied. */
export interface CheckpointReport {
  seq: number;
  log: number;
  checkpointed: number;
}

/** The thread's module. */
const CHECKPOINT_THREAD = siblingModule(import.meta.url, './checkpoint.thread.ts');

export interface CheckpointOptions {
  /** The thread's module: by default checkpoint.thread.ts. */
  module?: StartModule;
  /** The log's length, in pages, past which the writer waits for a complete copy. Default: four checkpoints' worth. */
  maxLogPages?: number;
}

/**
 * Checkpoints in a thread while the writer calls `wrote` after each commit and `keepUp` before each write;
 * `stop` ends them and gives the writer its own checkpoints back. If the thread fails, the writer's own
 * checkpoints come back at once and the rest are no-ops: the archive is as safe either way, only slower.
 */
export class BackgroundCheckpoints {
  /** Reports received, in order. */
  reports = 0;
  private last: CheckpointReport | null = null;
  private requested = 0;
  private readonly waiting = new Map<number, () => void>();
  private stopped: Promise<void> | null = null;
  private restored: Promise<void> | null = null;
  private failed = false;

  private constructor(
    private readonly store: Store,
    private readonly worker: Worker,
    private readonly maxLogPages: number,
  ) {
    worker.on('message', (report: CheckpointReport) => {
      this.reports++;
      this.last = report;
      for (const [seq, resolve] of this.waiting) {
        if (seq <= report.seq) {
          this.waiting.delete(seq);
          resolve();
        }
      }
    });
    // A failure to restore them shows in `stop`, which awaits the same promise; here it is only observed.
    const gone = () => void this.fail().catch(() => {});
    worker.on('error', gone);
    worker.on('exit', gone);
  }

  /** Start the thread for an SQLite store (null for PostgreSQL, which checkpoints on its own). */
  static async start(store: Store, options: CheckpointOptions = {}): Promise<BackgroundCheckpoints | null> {
    if (store.dialect !== 'sqlite') return null;
    await setAutocheckpoint(store, 0);
    const module = options.module ?? CHECKPOINT_THREAD;
    const worker = new Worker(module.url, {
      workerData: { file: store.location },
      execArgv: module.execArgv,
    });
    return new BackgroundCheckpoints(store, worker, options.maxLogPages ?? 4 * WAL_AUTOCHECKPOINT_PAGES);
  }

  /** A transaction was committed: have its pages copied. */
  wrote(): void {
    if (this.failed) return;
    this.requested++;
    this.worker.postMessage({ type: 'checkpoint', seq: this.requested } satisfies CheckpointRequest);
  }

  /** Before a write: if the log was last seen longer than allowed, wait for a checkpoint started now. */
  async keepUp(): Promise<void> {
    if (this.failed || !this.last || this.last.log <= this.maxLogPages) return;
    this.wrote();
    await this.settled();
  }

  /** Wait for the answer to the latest request (the copy of everything committed before it). */
  settled(): Promise<void> {
    const seq = this.requested;
    if (this.failed || (this.last && this.last.seq >= seq) || seq === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(seq, resolve));
  }

  /** The last report, for tests and figures. */
  get lastReport(): CheckpointReport | null {
    return this.last;
  }

  /** End the thread and give the writer its own checkpoints back; safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      if (!this.failed) {
        const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
        this.worker.postMessage({ type: 'stop' } satisfies CheckpointRequest);
        await exited;
      }
      await this.fail();
    })();
    return this.stopped;
  }

  /** The thread is gone (stopped or failed): the writer checkpoints on its own again. */
  private fail(): Promise<void> {
    this.failed = true;
    for (const resolve of this.waiting.values()) resolve();
    this.waiting.clear();
    this.restored ??= setAutocheckpoint(this.store, WAL_AUTOCHECKPOINT_PAGES);
    return this.restored;
  }
}

async function setAutocheckpoint(store: Store, pages: number): Promise<void> {
  // A pragma takes no bound parameters; `pages` is a number of ours.
  await sql.raw(`PRAGMA wal_autocheckpoint = ${Math.trunc(pages)}`).execute(store.db);
}

/** How often a server's checkpoint thread copies the log into the database, in ms. */
export const SERVING_CHECKPOINT_MS = 500;

export interface PeriodicCheckpointOptions {
  everyMs?: number;
  /** The thread's module: by default checkpoint.thread.ts. */
  module?: StartModule;
  /** Each report of the thread (tests). */
  onReport?: (report: CheckpointReport) => void;
}

/**
 * A server's checkpoints: the thread copies the log every `everyMs` (a passive checkpoint: never waits for
 * the readers or the writer), so no commit of a process that serves crosses the autocheckpoint mark (its
 * connections raise it to `SERVING_AUTOCHECKPOINT_PAGES`, a backstop should the thread fail). Run once per
 * archive served: by a cluster's primary, which serves nothing itself, or by a server of one process. The
 * thread does not keep the process running.
 */
export class PeriodicCheckpoints {
  private stopped: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly timer: NodeJS.Timeout,
    private readonly exited: Promise<void>,
  ) {}

  static start(file: string, options: PeriodicCheckpointOptions = {}): PeriodicCheckpoints {
    const module = options.module ?? CHECKPOINT_THREAD;
    const worker = new Worker(module.url, { workerData: { file }, execArgv: module.execArgv });
    worker.unref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const { onReport } = options;
    if (onReport) worker.on('message', onReport);
    let seq = 0;
    const timer = setInterval(
      () => worker.postMessage({ type: 'checkpoint', seq: ++seq } satisfies CheckpointRequest),
      options.everyMs ?? SERVING_CHECKPOINT_MS,
    );
    timer.unref();
    // A thread that fails leaves the connections' own backstop checkpoints.
    worker.on('error', () => clearInterval(timer));
    void exited.then(() => clearInterval(timer));
    return new PeriodicCheckpoints(worker, timer, exited);
  }

  /** End the thread (after the checkpoint under way); safe to call twice. */
  stop(): Promise<void> {
    if (!this.stopped) {
      clearInterval(this.timer);
      this.worker.postMessage({ type: 'stop' } satisfies CheckpointRequest);
      this.stopped = this.exited;
    }
    return this.stopped;
  }
}
