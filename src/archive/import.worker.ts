/**
 * An import worker: reads, structures and analyses story files off the main thread. It receives bytes and a
 * name, and answers with the work to store or the reason it could not be read. It never touches the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { tagWork } from '../analysis/tag-work.ts';
import { isAppError } from '../errors.ts';
import { readStoryBytes } from '../ingest/read-story.ts';
import type { ImportJob, ImportOutcome } from './import.types.ts';
import { toChapterInput } from './work.repository.ts';
import { toWorkInput } from './work-input.ts';

const knowledge = loadKnowledge((workerData as { packs?: string[] } | undefined)?.packs ?? []);

const encoder = new TextEncoder();

parentPort?.on('message', async (job: ImportJob) => {
  const transfer: ArrayBuffer[] = [];
  const outcome = await processJob(job, transfer);
  parentPort?.postMessage(outcome, transfer);
});

async function processJob(job: ImportJob, transfer: ArrayBuffer[]): Promise<ImportOutcome> {
  try {
    const { draft, format } = await readStoryBytes(job.bytes, job.name);
    const tagged = tagWork(draft, knowledge);
    const work = toWorkInput(tagged, knowledge, job.now);
    // Chapters go back as their stored HTML and text rather than a tree of blocks to copy, as UTF-8 bytes
    // transferred with the answer rather than copied (see db/stored-text.ts).
    work.chapters = draft.chapters.map((chapter) => {
      const stored = toChapterInput(chapter);
      const html = encoder.encode(stored.html);
      const text = encoder.encode(stored.text);
      transfer.push(html.buffer, text.buffer);
      return { ...stored, html, text };
    });
    return { id: job.id, ok: true, format, work, header: draft.fields, words: draft.words };
  } catch (error) {
    if (isAppError(error)) return { id: job.id, ok: false, code: error.code, error: error.message };
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      id: job.id,
      ok: false,
      code: 'INTERNAL',
      error: `Quire failed on this file because of a bug: ${message.split('\n')[0]}`,
    };
  }
}
