import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartModule } from '../thread-module.ts';
import { JOBS_PER_WORKER, type PoolJob, WorkerPool } from './import.pool.ts';

/**
 * A stand-in for import.worker.ts that answers every job as unchanged, in order, after a moment; that stops
 * its thread on a job named `die`; and that fills its heap on a job named `huge` when it has the pool's budget.
 */
const FAKE_WORKER = `
import { parentPort, resourceLimits, threadId } from 'node:worker_threads';
let queue = Promise.resolve();
parentPort.on('message', (job) => {
  queue = queue.then(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (job.name === 'die') process.exit(3);
    if (job.name === 'huge' && resourceLimits.maxOldGenerationSizeMb <= 128) {
      const hoard = [];
      for (;;) hoard.push(new Array(100_000).fill(hoard.length));
    }
    parentPort.postMessage({ id: job.id, unchanged: true, thread: threadId });
  });
});
`;

function fakeWorker(): StartModule {
  const file = join(mkdtempSync(join(tmpdir(), 'quire-pool-')), 'worker.mjs');
  writeFileSync(file, FAKE_WORKER);
  return { url: pathToFileURL(file), execArgv: [] };
}

const job = (name: string): PoolJob => ({
  name,
  file: { bytes: new TextEncoder().encode(name) },
  knownHash: null,
  now: '2026-12-02T00:00:00Z',
});
const reload = (name: string) => async () => new TextEncoder().encode(name);

describe('the import worker pool', () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => pool?.close());

  it('sends each worker several jobs at once and answers every one', async () => {
    pool = new WorkerPool(2, [], fakeWorker());
    expect(pool.capacity).toBe(2 * JOBS_PER_WORKER);
    const names = Array.from({ length: 10 }, (_, i) => `story-${i}`);
    const answers = await Promise.all(names.map((name) => pool?.run(job(name), reload(name))));
    expect(answers.every((answer) => answer !== undefined && 'unchanged' in answer)).toBe(true);
    const threads = new Set(answers.map((answer) => (answer as { thread?: number }).thread));
    expect(threads.size).toBe(2);
  });

  it('fails the story whose reading stopped its worker, and reads the ones queued behind it elsewhere', async () => {
    pool = new WorkerPool(1, [], fakeWorker());
    const [died, ...queued] = await Promise.all(
      ['die', 'after-1', 'after-2'].map((name) => pool?.run(job(name), reload(name))),
    );
    expect(died).toMatchObject({
      ok: false,
      code: 'INTERNAL',
      hash: createHash('sha256').update('die').digest('hex'),
    });
    expect((died as { error: string }).error).toMatch(/because of a bug: .*exit code 3/);
    for (const answer of queued) expect(answer).toMatchObject({ unchanged: true });
    // The dead worker was replaced: the pool goes on.
    expect(await pool.run(job('later'), reload('later'))).toMatchObject({ unchanged: true });
  });

  it('reads a story too big for a worker’s heap again in a worker without the budget', async () => {
    pool = new WorkerPool(1, [], fakeWorker());
    const [huge, next] = await Promise.all(
      ['huge', 'next'].map((name) => pool?.run(job(name), reload(name))),
    );
    expect(huge).toMatchObject({ unchanged: true });
    expect(next).toMatchObject({ unchanged: true });
  });

  it('reports a story whose bytes cannot be read again after a crash as unreadable', async () => {
    pool = new WorkerPool(1, [], fakeWorker());
    const answer = await pool.run(job('die'), async () => {
      throw new Error('gone.txt was removed during the import.');
    });
    expect(answer).toEqual({ id: 0, unreadable: 'gone.txt was removed during the import.' });
  });

  it.runIf(process.platform === 'linux')(
    'reads at five steps of niceness below the thread that started it',
    async () => {
      pool = new WorkerPool(1, []);
      const file = join(mkdtempSync(join(tmpdir(), 'quire-pool-')), 'story.txt');
      writeFileSync(file, 'Title: Nice\n\nWillow read the book while Buffy slept.');
      const answer = await pool.run(
        { ...job('story.txt'), file: { path: file, size: 60 } },
        reload('story.txt'),
      );
      expect(answer).toMatchObject({ ok: true });
      const niceness = (task: string) =>
        Number(readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]);
      const tasks = readdirSync('/proc/self/task');
      const own = niceness(String(tasks.find((task) => Number(task) === process.pid) ?? tasks[0]));
      expect(tasks.map(niceness)).toContain(Math.min(19, own + 5));
    },
  );
});
