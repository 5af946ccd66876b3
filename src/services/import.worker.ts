/**
 * An import worker: reads, structures and analyses story files off the main thread. It receives a file's path
 * (or a zip entry's bytes) and a name, and answers with the work to store, "unchanged" when the bytes are the
 * ones the last import read, or the reason it could not be read. It never touches the database.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { chapterTexts } from '../analysis/passages.ts';
import { tagWork } from '../analysis/tag-work.ts';
import { isAppError } from '../errors.ts';
import { readStoryFile } from '../ingest/limits.ts';
import { readStoryBytes } from '../ingest/read-story.ts';
import { toWorkInput } from '../repositories/work-input.ts';
import { toChapterInput } from '../repositories/work-text.ts';
import { contentHash, type ImportAnswer, type ImportJob, type ImportOutcome } from './import.types.ts';

// A reading worker gives way to the thread that writes, which is what limits an import (and to the rest of the
// machine: an import is a background job), five steps of niceness below the thread that started it. Linux keeps
// niceness per thread, and 0 names the calling one; elsewhere it would be the whole process, so it is left be.
// Kept because bench:import is faster with it (bench/README.md).
if (process.platform === 'linux') {
  try {
    setPriority(0, Math.min(19, getPriority(0) + 5));
  } catch {
    // Not allowed here: the worker reads at the priority it has.
  }
}
const knowledge = loadKnowledge((workerData as { packs?: string[] } | undefined)?.packs ?? []);

const encoder = new TextEncoder();

// One job at a time, in the order sent: the pool sends a few ahead so that the next is here when one ends.
let queue = Promise.resolve();
parentPort?.on('message', (job: ImportJob) => {
  queue = queue.then(async () => {
    const transfer: ArrayBuffer[] = [];
    const answer = await answerJob(job, transfer);
    parentPort?.postMessage(answer, transfer);
  });
});

async function answerJob(job: ImportJob, transfer: ArrayBuffer[]): Promise<ImportAnswer> {
  let bytes: Uint8Array;
  try {
    bytes = 'bytes' in job.file ? job.file.bytes : await readStoryFile(job.file.path, job.file.size);
  } catch (error) {
    return { id: job.id, unreadable: error instanceof Error ? error.message : String(error) };
  }
  const hash = contentHash(bytes);
  // Nothing changed since the last run: the same answer, without reading the story again.
  if (hash === job.knownHash) return { id: job.id, unchanged: true };
  return processJob(job, bytes, hash, transfer);
}

async function processJob(
  job: ImportJob,
  bytes: Uint8Array,
  hash: string,
  transfer: ArrayBuffer[],
): Promise<ImportOutcome> {
  try {
    const { draft, format } = await readStoryBytes(bytes, job.name);
    const texts = chapterTexts(draft.chapters);
    const tagged = tagWork(draft, knowledge, texts);
    const work = toWorkInput(tagged, knowledge, job.now);
    // Chapters go back as their stored HTML and text rather than a tree of blocks to copy, as UTF-8 bytes
    // transferred with the answer rather than copied (see db/stored-text.ts).
    work.chapters = draft.chapters.map((chapter, index) => {
      const stored = toChapterInput(chapter, texts[index]?.text);
      const html = encoder.encode(stored.html);
      const text = encoder.encode(stored.text);
      transfer.push(html.buffer, text.buffer);
      return { ...stored, html, text };
    });
    return { id: job.id, hash, ok: true, format, work, header: draft.fields, words: draft.words };
  } catch (error) {
    if (isAppError(error)) return { id: job.id, hash, ok: false, code: error.code, error: error.message };
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      id: job.id,
      hash,
      ok: false,
      code: 'INTERNAL',
      error: `Quire failed on this file because of a bug: ${message.split('\n')[0]}`,
    };
  }
}
