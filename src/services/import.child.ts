/**
 * The process `quire import` runs an import in (see import.process.ts): it takes the request from the process
 * that started it, opens the archive, runs `importStories` and reports its progress and outcome back; an
 * `abort` message, or Ctrl-C (which reaches both processes), stops it after the stories in hand are saved.
 */
import { BackgroundCheckpoints } from '../db/checkpoints.ts';
import { openStore } from '../db/connect.ts';
import { isAppError } from '../errors.ts';
import { searchProviderFor } from '../search/providers.ts';
import { WorkerPool, workerCount } from './import.pool.ts';
import type { ImportMessage, ImportRequest } from './import.process.ts';
import { importStories } from './import.service.ts';

const controller = new AbortController();
const send = (message: ImportMessage) => process.send?.(message);

process.on('SIGINT', () => {
  // The second Ctrl-C quits at once, as the process that started this one does.
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});
// The process that started this one is gone: nobody is left to report to.
process.on('disconnect', () => controller.abort());

const request = await new Promise<ImportRequest>((resolve) =>
  process.once('message', (message) => resolve(message as ImportRequest)),
);
process.on('message', (message) => {
  if (message === 'abort') controller.abort();
});

// The workers start loading their modules and the knowledge packs (most of a second) while the archive opens.
const pool = new WorkerPool(workerCount(request.workers), request.packs);
try {
  const store = await openStore(request.store);
  let checkpoints: BackgroundCheckpoints | null = null;
  try {
    checkpoints = await BackgroundCheckpoints.start(store);
    const summary = await importStories(store, searchProviderFor(store.dialect), {
      paths: request.paths,
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
process.disconnect?.();
