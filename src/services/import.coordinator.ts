/**
 * The thread `quire import` runs an import in (see import.thread.ts): it opens the archive, runs
 * `importStories` and reports its progress and outcome to the thread that started it, which stops it with an
 * `abort` message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BackgroundCheckpoints } from '../db/checkpoints.ts';
import { openStore } from '../db/connect.ts';
import { isAppError } from '../errors.ts';
import { searchProviderFor } from '../search/providers.ts';
import { WorkerPool, workerCount } from './import.pool.ts';
import { importStories } from './import.service.ts';
import type { CoordinatorData, CoordinatorMessage } from './import.types.ts';

const {
  store: storeOptions,
  paths,
  packs,
  workers,
  workerModule,
  checkpointModule,
} = workerData as CoordinatorData;
const controller = new AbortController();
parentPort?.on('message', (message: 'abort') => {
  if (message === 'abort') controller.abort();
});
const send = (message: CoordinatorMessage) => parentPort?.postMessage(message);

// The workers start loading their modules and the knowledge packs (most of a second) while the archive opens.
const pool = new WorkerPool(workerCount(workers), packs, new URL(workerModule));
try {
  const store = await openStore(storeOptions);
  let checkpoints: BackgroundCheckpoints | null = null;
  try {
    checkpoints = await BackgroundCheckpoints.start(store, { module: new URL(checkpointModule) });
    const summary = await importStories(store, searchProviderFor(store.dialect), {
      paths,
      pool,
      checkpoints,
      signal: controller.signal,
      onProgress: (progress) => send({ type: 'progress', progress }),
    });
    send({ type: 'done', summary });
  } finally {
    await checkpoints?.stop();
    await store.close();
  }
} catch (error) {
  send(
    isAppError(error)
      ? { type: 'failed', code: error.code, error: error.message }
      : { type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  );
}
await pool.close();
parentPort?.close();
