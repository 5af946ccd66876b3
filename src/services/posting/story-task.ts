/** What the story reader does, in whichever thread runs it (story-reader.ts). */
import { analyzeWork } from '../../analysis/analyze.ts';
import type { Knowledge } from '../../analysis/knowledge.ts';
import { loadKnowledge } from '../../analysis/packs/pack.loader.ts';
import { type ErrorCode, isAppError } from '../../errors.ts';
import type { WorkDraft } from '../../ingest/story.ts';
import { prefillFromFile } from './file-prefill.service.ts';

export type StoryTask =
  | { kind: 'prefill'; bytes: Uint8Array; fileName: string }
  | { kind: 'analyze'; draft: WorkDraft };

export type StoryTaskAnswer = { ok: true; value: unknown } | { ok: false; code: ErrorCode; message: string };

/** The packs load once, when a preview first needs them. */
let knowledge: Knowledge | undefined;

/** The task's result, or the AppError that says why it could not be done; anything else is a bug and thrown. */
export async function runStoryTask(task: StoryTask): Promise<StoryTaskAnswer> {
  try {
    if (task.kind === 'prefill') return { ok: true, value: await prefillFromFile(task.bytes, task.fileName) };
    knowledge ??= loadKnowledge();
    return { ok: true, value: analyzeWork(task.draft, knowledge) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
