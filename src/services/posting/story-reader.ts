/**
 * Reading a member's story off the thread that serves pages. An uploaded file (up to 32 MB) took 0.8 s
 * (text) to 5.4 s (Markdown) to read, and the analysis behind a preview's suggestions reads about 7 MB a
 * second: on the server's thread, every reader's page waited meanwhile. With `threads` the work is done in a
 * thread of its own, started when a member first needs it and stopped when idle; without, in the caller's
 * thread (tests, and any caller that is not a server).
 */
import { Piscina } from 'piscina';
import type { Analysis } from '../../analysis/suggestion.ts';
import { AppError } from '../../errors.ts';
import type { WorkDraft } from '../../ingest/story.ts';
import { THREAD_LIMITS } from '../../thread-memory.ts';
import { siblingModule } from '../../thread-module.ts';
import type { PrefilledWork } from './file-prefill.service.ts';
import type { StoryTask, StoryTaskAnswer } from './story-task.ts';

const STORY_MODULE = siblingModule(import.meta.url, './story-reader.worker.ts');

export class StoryReader {
  private readonly threads: Piscina<StoryTask, StoryTaskAnswer> | null;

  constructor({ threads = 0 }: { threads?: number } = {}) {
    this.threads =
      threads > 0
        ? new Piscina<StoryTask, StoryTaskAnswer>({
            filename: STORY_MODULE.url.href,
            execArgv: STORY_MODULE.execArgv,
            minThreads: 0,
            maxThreads: threads,
            resourceLimits: THREAD_LIMITS,
            // The packs and a long work's text stay loaded while members post; idle, the memory goes back.
            idleTimeout: 30_000,
          })
        : null;
  }

  /** A file read as the new work form would be filled from it; a file Quire cannot read is an AppError. */
  async prefill(bytes: Uint8Array, fileName: string): Promise<PrefilledWork> {
    return (await this.run({ kind: 'prefill', bytes, fileName })) as PrefilledWork;
  }

  /** The analysis of a work as its author wrote it. */
  async analyze(draft: WorkDraft): Promise<Analysis> {
    return (await this.run({ kind: 'analyze', draft })) as Analysis;
  }

  /** Files and works read in the thread (0 when reading in the caller's thread). */
  get threadRuns(): number {
    return this.threads?.completed ?? 0;
  }

  /** Stop the thread once what it has is done. */
  async close(): Promise<void> {
    await this.threads?.close();
  }

  private async run(task: StoryTask): Promise<unknown> {
    // The readers and the analysis (their packs, the NLP model, every format's parser) load only where a story
    // is read on this thread: a server's thread that never reads one does not hold them.
    const answer = this.threads
      ? await this.threads.run(task)
      : await (await import('./story-task.ts')).runStoryTask(task);
    if (answer.ok) return answer.value;
    // An AppError does not cross threads as itself: its code and message do.
    throw new AppError(answer.code, answer.message);
  }
}
