import { createHash } from 'node:crypto';
import type { SourceField } from '../ingest/story.ts';
import type { WorkInput } from '../repositories/work.repository.ts';

/** One file (or zip entry) for a worker to read. */
export interface ImportJob {
  id: number;
  name: string;
  /**
   * Where the story is: a file the worker reads itself (so the thread that writes does no file reading), or
   * bytes read already (a zip entry, or a file read again after a worker died).
   */
  file: { path: string; size: number } | { bytes: Uint8Array };
  /** The SHA-256 of the bytes this source's last import read: the same bytes are not read again. */
  knownHash: string | null;
  now: string;
}

/** The hash an import records for a file's bytes, and compares on the next run (`knownHash`). */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a worker made of a story, with the SHA-256 of the bytes it read (`contentHash`). */
export type ImportOutcome = { id: number; hash: string } & (
  | { ok: true; format: string; work: WorkInput; header: SourceField[]; words: number }
  | { ok: false; code: string; error: string }
);

/** A worker's answer to a job. */
export type ImportAnswer =
  | ImportOutcome
  /** The bytes are the ones the last import read (`knownHash`): nothing to do. */
  | { id: number; unchanged: true }
  /** The file could not be read at all (gone, unreadable, too big): nothing to record. */
  | { id: number; unreadable: string };

export type ImportStatus = 'imported' | 'updated' | 'unchanged' | 'duplicate' | 'failed';

export interface ImportProgress {
  done: number;
  total: number;
  bytes: number;
  counts: Record<ImportStatus, number>;
}

export interface ImportSummary {
  counts: Record<ImportStatus, number>;
  failures: { source: string; error: string }[];
  total: number;
  bytes: number;
  seconds: number;
  interrupted: boolean;
}
