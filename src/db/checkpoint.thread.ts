/**
 * The thread that checkpoints an SQLite archive's write-ahead log while another thread writes (see
 * checkpoints.ts): on each request it copies what the log holds into the database file and answers with the
 * log's length and how much of it is now copied. Its own connection, so the copying and the disk flush after
 * it block this thread, not the writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { CheckpointReport, CheckpointRequest } from './checkpoints.ts';

const { file } = workerData as { file: string };
const db = new SQLite(file, { timeout: 5000 });
// As the writer's own connection syncs: the log before the copy, the database after it.
db.pragma('synchronous = NORMAL');

let wanted = 0;
let running = false;

parentPort?.on('message', (request: CheckpointRequest) => {
  if (request.type === 'stop') {
    db.close();
    parentPort?.close();
    return;
  }
  wanted = request.seq;
  if (!running) {
    running = true;
    setImmediate(run);
  }
});

/** Requests that came while a checkpoint ran are answered by one more: it copies whatever they wrote. */
function run(): void {
  // A stop that came between two checkpoints closed the connection.
  if (!db.open) return;
  const seq = wanted;
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  const report: CheckpointReport = { seq, log: result?.log ?? 0, checkpointed: result?.checkpointed ?? 0 };
  parentPort?.postMessage(report);
  if (wanted !== seq) setImmediate(run);
  else running = false;
}
