import { availableParallelism } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { type StartModule, siblingModule } from '../thread-module.ts';
import { contentHash, type ImportAnswer, type ImportJob } from './import.types.ts';

/** The module each worker runs: read, hash, structure and analyse one story at a time. */
const WORKER_MODULE = siblingModule(import.meta.url, './import.worker.ts');

/**
 * Each worker's V8 heap budget: without one V8 lets a busy heap grow to several times what it keeps alive,
 * and bench:import passes its 500 MB target. A file too big for the budget is read again by a worker without
 * one. The young generation is sized so that a story's texts, alive while it is read, mostly die young
 * (bench/README.md has the measurements).
 */
const WORKER_HEAP: NonNullable<WorkerOptions['resourceLimits']> = {
  maxOldGenerationSizeMb: 128,
  maxYoungGenerationSizeMb: 24,
};

/**
 * Jobs a worker holds at once: the one it reads and the next ones. The thread that hands jobs out also
 * writes, and cannot hand out more while it commits a batch (50 ms and more); with one job each, the workers
 * waited for it a third of an import. Six cover a commit; a job is a file's path, so they cost no memory.
 */
export const JOBS_PER_WORKER = 6;

/** How a job ended on its worker: an answer, or the worker's death while reading it or waiting for it. */
type Ending = { answer: ImportAnswer } | { crash: Error; reading: boolean };

interface PooledWorker {
  worker: Worker;
  /** The jobs sent and not answered, in the order sent, which is the order the worker reads them in. */
  jobs: Map<number, (ending: Ending) => void>;
  /** Jobs given to this worker and not ended: taken at once when chosen, before they are sent. */
  taken: number;
  dead: boolean;
}

/** How many workers read: as many as asked, else one per core, at most four. */
export function workerCount(asked?: number): number {
  return Math.max(1, asked ?? Math.min(availableParallelism(), 4));
}

/** A job without its id, which the pool gives. */
export type PoolJob = Omit<ImportJob, 'id'>;

/** A fixed set of worker threads, each reading one story at a time with the next few queued. */
export class WorkerPool {
  readonly size: number;
  private readonly workers: PooledWorker[] = [];
  private readonly waiting: (() => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    size: number,
    private readonly packs: string[],
    private readonly module: StartModule = WORKER_MODULE,
  ) {
    this.size = size;
    for (let i = 0; i < size; i++) this.workers.push(this.spawn(WORKER_HEAP));
  }

  /** Jobs the pool takes at once before `run` waits for room. */
  get capacity(): number {
    return this.size * JOBS_PER_WORKER;
  }

  /**
   * Read one story. `reload` gives its bytes again: for a worker without a heap budget when the story was too
   * big for one, and for a job whose bytes went to a worker that died.
   */
  async run(job: PoolJob, reload: () => Promise<Uint8Array>): Promise<ImportAnswer> {
    const pooled = await this.acquire();
    let ending: Ending;
    try {
      ending = await this.ask(pooled, job);
    } finally {
      pooled.taken--;
      this.waiting.shift()?.();
    }
    if ('answer' in ending) return ending.answer;
    // Its worker died reading another story: this one is read again, as if it had not been sent.
    if (!ending.reading) return this.run(await this.again(job, reload), reload);
    if ((ending.crash as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const alone = this.spawn(undefined);
      try {
        const retry = await this.ask(alone, await this.again(job, reload));
        if ('answer' in retry) return retry.answer;
        ending = retry;
      } finally {
        void alone.worker.terminate();
      }
    }
    return this.failure(reload, ending.crash);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((pooled) => pooled.worker.terminate()));
  }

  /** The least busy worker with room for another job, once there is one; the job's place is taken. */
  private async acquire(): Promise<PooledWorker> {
    for (;;) {
      let best: PooledWorker | undefined;
      for (const pooled of this.workers) {
        if (pooled.taken < JOBS_PER_WORKER && (!best || pooled.taken < best.taken)) best = pooled;
      }
      if (best) {
        best.taken++;
        return best;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** The job again, with its bytes read again if the first ones went to a dead worker. */
  private async again(job: PoolJob, reload: () => Promise<Uint8Array>): Promise<PoolJob> {
    return 'bytes' in job.file ? { ...job, file: { bytes: await reload() } } : job;
  }

  /** The answer for a story whose reading killed its worker twice, or for a bug that ended it. */
  private async failure(reload: () => Promise<Uint8Array>, crash: Error): Promise<ImportAnswer> {
    let bytes: Uint8Array;
    try {
      bytes = await reload();
    } catch (error) {
      return { id: 0, unreadable: error instanceof Error ? error.message : String(error) };
    }
    return {
      id: 0,
      ok: false,
      hash: contentHash(bytes),
      code: 'INTERNAL',
      error: `Quire failed on this file because of a bug: ${crash.message}`,
    };
  }

  /** Send one job to a worker (its bytes, if any, transferred) and wait for how it ends. */
  private ask(pooled: PooledWorker, job: PoolJob): Promise<Ending> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (pooled.dead) {
        resolve({ crash: new Error('the worker had stopped'), reading: false });
        return;
      }
      pooled.jobs.set(id, resolve);
      // A worker with work keeps the process alive: a command awaiting the import on its main thread (as
      // `quire demo` does) would otherwise end with the import unsettled. Idle, it lets the process exit.
      pooled.worker.ref();
      const transfer = 'bytes' in job.file ? [job.file.bytes.buffer as ArrayBuffer] : [];
      pooled.worker.postMessage({ ...job, id } satisfies ImportJob, transfer);
    });
  }

  private spawn(resourceLimits: WorkerOptions['resourceLimits']): PooledWorker {
    const worker = new Worker(this.module.url, {
      execArgv: this.module.execArgv,
      workerData: { packs: this.packs },
      ...(resourceLimits ? { resourceLimits } : {}),
    });
    const pooled: PooledWorker = { worker, jobs: new Map(), taken: 0, dead: false };
    worker.on('message', (answer: ImportAnswer) => {
      const done = pooled.jobs.get(answer.id);
      pooled.jobs.delete(answer.id);
      if (pooled.jobs.size === 0) worker.unref();
      done?.({ answer });
    });
    // A worker that dies (out of memory on a monstrous file, say) ends its jobs: the first was being read,
    // the others were waiting. It is replaced so the import goes on.
    const die = (crash: Error) => {
      if (pooled.dead) return;
      pooled.dead = true;
      const jobs = [...pooled.jobs.values()];
      pooled.jobs.clear();
      const at = this.workers.indexOf(pooled);
      if (at !== -1 && !this.closed) {
        this.workers[at] = this.spawn(WORKER_HEAP);
        this.waiting.shift()?.();
      }
      for (const [index, done] of jobs.entries()) done({ crash, reading: index === 0 });
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`the worker stopped with exit code ${code}`)));
    worker.unref();
    return pooled;
  }
}
