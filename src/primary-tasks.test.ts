import type { Worker } from 'node:cluster';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { answerWorkerTasks, inPrimary } from './primary-tasks.ts';

/**
 * The cluster's channel between this process as a worker and a primary in the same process: what the
 * worker sends reaches the primary's side as a copy, and the other way round (test/serve-cluster.test.ts
 * runs the real one).
 */
function channel(): Worker {
  const worker = new EventEmitter() as EventEmitter & Partial<Worker>;
  const send = process.send;
  process.send = ((
    message: unknown,
    _handle: unknown,
    _options: unknown,
    callback?: (error: null) => void,
  ) => {
    setImmediate(() => worker.emit('message', structuredClone(message)));
    callback?.(null);
    return true;
  }) as typeof process.send;
  worker.isConnected = () => true;
  worker.send = ((message: unknown, callback?: (error: null) => void) => {
    setImmediate(() => process.emit('message' as never, structuredClone(message) as never));
    callback?.(null);
    return true;
  }) as Worker['send'];
  restore.push(() => {
    process.send = send;
  });
  return worker as Worker;
}

const restore: (() => void)[] = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

describe('tasks a worker hands to its primary', () => {
  it('answers each task by its name, results as they were and failures with their message and code', async () => {
    const worker = channel();
    answerWorkerTasks(worker, 'columns', async (n: number) => [
      Float64Array.from({ length: n }, (_, i) => i),
    ]);
    answerWorkerTasks(worker, 'build', async (title: string) => {
      throw Object.assign(new Error(`${title} is past the build thread's memory`), {
        code: 'ERR_WORKER_OUT_OF_MEMORY',
      });
    });
    const columns = inPrimary<number, Float64Array[]>('columns');
    const answers = await Promise.all([columns(3), columns(1)]);
    expect(answers).toEqual([[Float64Array.of(0, 1, 2)], [Float64Array.of(0)]]);
    await expect(inPrimary<string, Uint8Array>('build')('The Long Vigil')).rejects.toMatchObject({
      message: "The Long Vigil is past the build thread's memory",
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    });
  });

  it('fails a task at once in a process with no primary to ask', async () => {
    const send = process.send;
    process.send = undefined;
    restore.push(() => {
      process.send = send;
    });
    await expect(inPrimary('columns')(1)).rejects.toThrow('no channel to the primary process');
  });
});
