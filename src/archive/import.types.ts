import type { StoreOptions } from '../db/connect.ts';
import type { ErrorCode } from '../errors.ts';
import type { SourceField } from '../ingest/story.ts';
import type { ImportProgress, ImportSummary } from './import.service.ts';
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

/** What the import thread is started with (import.thread.ts). */
export interface CoordinatorData {
  store: StoreOptions;
  paths: string[];
  packs: string[];
  workers?: number;
  /** The module each reading worker starts from (see import.bundle.ts), as a URL. */
  workerModule: string;
}

/** What the import thread tells the thread that started it. */
export type CoordinatorMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; code?: ErrorCode; error: string };
