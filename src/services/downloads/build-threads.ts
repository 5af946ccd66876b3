/**
 * Where long works' EPUB, HTML and text files are written off the thread that answers requests: piscina's
 * threads in this process, or, in a cluster's worker, the one build thread its primary keeps for every worker.
 * A build thread holds its own isolate, the export code and an epic's chapters (40-60 MB while it writes);
 * one per worker counted that in every worker, while the primary, which serves nothing, was the smallest
 * process. The primary's side loads piscina and this module alone, not the export code.
 */
import type { Worker } from 'node:cluster';
import { Piscina } from 'piscina';
import { answerWorkerTasks, inPrimary } from '../../primary-tasks.ts';
import { THREAD_LIMITS } from '../../thread-memory.ts';
import { siblingModule } from '../../thread-module.ts';
import type { BuildTask } from './download-build.ts';

const BUILD_MODULE = siblingModule(import.meta.url, './download.worker.ts');

/** Twice what a 600,000-word work's EPUB needs (3.8 million characters of chapter HTML, written in 32). */
export const BUILD_THREAD_MEMORY_MB = 64;

/** Threads that take build tasks: `run` answers with the file's bytes. */
export interface BuildThreads {
  run(task: BuildTask): Promise<Uint8Array>;
  /** Tasks these threads have finished. */
  readonly completed: number;
  close(): Promise<void>;
}

/** Threads of this process, started on the first task and stopped when idle. */
export function startBuildThreads(count: number, memoryMb: number): BuildThreads {
  return new Piscina<BuildTask, Uint8Array>({
    filename: BUILD_MODULE.url.href,
    execArgv: BUILD_MODULE.execArgv,
    minThreads: 0,
    maxThreads: count,
    resourceLimits: { ...THREAD_LIMITS, maxOldGenerationSizeMb: memoryMb },
    // A thread holds an epic's chapters while it writes; idle, it gives the memory back.
    idleTimeout: 30_000,
  });
}

/** In the primary: write the builds `worker` sends on the primary's threads (primary-tasks.ts). */
export function buildForWorker(worker: Worker, threads: BuildThreads): void {
  answerWorkerTasks(worker, 'build', (task: BuildTask) => threads.run(task));
}

/** In a cluster's worker: the primary's build threads, asked over the cluster's message channel. */
export function primaryBuildThreads(): BuildThreads {
  const build = inPrimary<BuildTask, Uint8Array>('build');
  let completed = 0;
  return {
    run: (task) =>
      build(task).finally(() => {
        completed++;
      }),
    get completed() {
      return completed;
    },
    // The threads are the primary's: it stops them as it stops.
    async close() {},
  };
}
