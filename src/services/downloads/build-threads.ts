/**
 * Where long works' EPUB, HTML and text files are written off the thread that answers requests: piscina's
 * threads in this process, or, in a cluster's worker, the one build thread its primary keeps for every worker.
 * A build thread holds its own isolate, the export code and an epic's chapters (40-60 MB while it writes);
 * one per worker counted that in every worker, while the primary, which serves nothing, was the smallest
 * process. The primary's side loads piscina and this module alone, not the export code.
 */
import type { Worker } from 'node:cluster';
import { Piscina } from 'piscina';
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

interface BuildRequest {
  type: 'quire:build';
  id: number;
  task: BuildTask;
}

interface BuildAnswer {
  type: 'quire:built';
  id: number;
  bytes?: Uint8Array;
  /** A failed build: its message, and its code (`ERR_WORKER_OUT_OF_MEMORY` for a work past the bound). */
  error?: { message: string; code?: string };
}

const isBuildRequest = (message: unknown): message is BuildRequest =>
  typeof message === 'object' && message !== null && (message as BuildRequest).type === 'quire:build';
const isBuildAnswer = (message: unknown): message is BuildAnswer =>
  typeof message === 'object' && message !== null && (message as BuildAnswer).type === 'quire:built';

/**
 * In the primary: write the builds a worker sends on the primary's threads (the messages need the cluster's
 * `advanced` serialization, which carries the bytes as bytes).
 */
export function buildForWorker(worker: Worker, threads: BuildThreads): void {
  worker.on('message', (message: unknown) => {
    if (!isBuildRequest(message)) return;
    const answer = (fields: Partial<BuildAnswer>) => {
      // A worker stopped meanwhile has no one to answer.
      if (worker.isConnected()) worker.send({ type: 'quire:built', id: message.id, ...fields }, () => {});
    };
    threads.run(message.task).then(
      (bytes) => answer({ bytes }),
      (error: unknown) =>
        answer({
          error: {
            message: String((error as Error)?.message ?? error),
            code: (error as { code?: string })?.code,
          },
        }),
    );
  });
}

/** In a cluster's worker: the primary's build threads, asked over the cluster's message channel. */
export function primaryBuildThreads(): BuildThreads {
  const waiting = new Map<number, (answer: BuildAnswer) => void>();
  let nextId = 0;
  let completed = 0;
  let listening = false;
  return {
    run(task) {
      if (!listening) {
        listening = true;
        process.on('message', (message: unknown) => {
          if (isBuildAnswer(message)) waiting.get(message.id)?.(message);
        });
      }
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        waiting.set(id, (answer) => {
          waiting.delete(id);
          completed++;
          if (answer.bytes) resolve(answer.bytes);
          else
            reject(
              Object.assign(new Error(answer.error?.message ?? 'the build failed'), {
                code: answer.error?.code,
              }),
            );
        });
        const request: BuildRequest = { type: 'quire:build', id, task };
        const failed = (error: Error | null) => {
          if (!error) return;
          waiting.delete(id);
          reject(error);
        };
        if (process.send) process.send(request, undefined, undefined, failed);
        else failed(new Error('no channel to the primary process'));
      });
    },
    get completed() {
      return completed;
    },
    // The threads are the primary's: it stops them as it stops.
    async close() {},
  };
}
