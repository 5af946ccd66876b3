/**
 * Work a cluster's worker hands to its primary process. The threads that write long works' downloads and
 * run SQLite's full-text queries each hold an isolate, their modules and what a task reads (20-60 MB); kept
 * in the primary, which serves nothing, there is one set for all the workers instead of one in each, and a
 * worker stays within its memory bound (issue #23). The messages go over the cluster's channel, whose
 * `advanced` serialization carries typed arrays and bytes as they are.
 */
import type { Worker } from 'node:cluster';

interface TaskRequest {
  type: 'quire:task';
  name: string;
  id: number;
  task: unknown;
}

interface TaskAnswer {
  type: 'quire:answer';
  id: number;
  result?: unknown;
  /** A failed task: its message, and its code (`ERR_WORKER_OUT_OF_MEMORY` for a build past the bound). */
  error?: { message: string; code?: string };
}

const isRequest = (message: unknown): message is TaskRequest =>
  typeof message === 'object' && message !== null && (message as TaskRequest).type === 'quire:task';
const isAnswer = (message: unknown): message is TaskAnswer =>
  typeof message === 'object' && message !== null && (message as TaskAnswer).type === 'quire:answer';

/** In the primary: run the tasks called `name` that `worker` sends, and answer each. */
export function answerWorkerTasks<T>(worker: Worker, name: string, run: (task: T) => Promise<unknown>): void {
  worker.on('message', (message: unknown) => {
    if (!isRequest(message) || message.name !== name) return;
    const answer = (fields: Partial<TaskAnswer>) => {
      // A worker stopped meanwhile has no one to answer.
      if (worker.isConnected()) worker.send({ type: 'quire:answer', id: message.id, ...fields }, () => {});
    };
    run(message.task as T).then(
      (result) => answer({ result }),
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

/** Tasks this worker waits on, by id, whatever their name. */
const waiting = new Map<number, (answer: TaskAnswer) => void>();
let nextId = 0;
let listening = false;

/** In a cluster's worker: run a task called `name` in the primary, which answers with its result. */
export function inPrimary<T, R>(name: string): (task: T) => Promise<R> {
  return (task) => {
    if (!listening) {
      listening = true;
      process.on('message', (message: unknown) => {
        if (isAnswer(message)) waiting.get(message.id)?.(message);
      });
    }
    const id = ++nextId;
    return new Promise<R>((resolve, reject) => {
      waiting.set(id, (answer) => {
        waiting.delete(id);
        if (!answer.error) resolve(answer.result as R);
        else
          reject(
            Object.assign(new Error(answer.error.message || 'the task failed'), { code: answer.error.code }),
          );
      });
      const request: TaskRequest = { type: 'quire:task', name, id, task };
      const failed = (error: Error | null) => {
        if (!error) return;
        waiting.delete(id);
        reject(error);
      };
      if (process.send) process.send(request, undefined, undefined, failed);
      else failed(new Error('no channel to the primary process'));
    });
  };
}
