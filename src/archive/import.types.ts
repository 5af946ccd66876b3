import type { SourceField } from '../ingest/story.ts';
import type { WorkInput } from './work.repository.ts';

/** One file (or zip entry) for a worker to read. */
export interface ImportJob {
  id: number;
  name: string;
  bytes: Uint8Array;
  now: string;
}

export type ImportOutcome =
  | { id: number; ok: true; format: string; work: WorkInput; header: SourceField[]; words: number }
  | { id: number; ok: false; code: string; error: string };

export type ImportStatus = 'imported' | 'updated' | 'unchanged' | 'duplicate' | 'failed';
