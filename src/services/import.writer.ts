import type { BackgroundCheckpoints } from '../db/checkpoints.ts';
import type { Store } from '../db/connect.ts';
import { translateDatabaseError } from '../db/errors.ts';
import { finishWorkBatch, startWorkBatch } from '../repositories/work.repository.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { findImports, writeOutcome } from './import.records.ts';
import type { ImportOutcome, ImportProgress, ImportStatus } from './import.types.ts';

/** Story text held for writing before a batch is written regardless of its count. */
const MAX_PENDING_BYTES = 32 * 1024 * 1024;
/** Story text read but not yet written (in workers, waiting for a batch, or in batches queued to write). */
const MAX_UNWRITTEN_BYTES = 16 * 1024 * 1024;

/** What an import has come to so far: counts by status, failures with their reasons, files done. */
export class ImportTally {
  readonly counts: Record<ImportStatus, number> = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    duplicate: 0,
    failed: 0,
  };
  readonly failures: { source: string; error: string }[] = [];
  done = 0;
  /** Bytes of the files read. */
  bytes = 0;

  constructor(
    readonly total: number,
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {}

  fail(source: string, error: string): void {
    this.counts.failed++;
    this.failures.push({ source, error });
  }

  report(): void {
    this.onProgress?.({ done: this.done, total: this.total, bytes: this.bytes, counts: { ...this.counts } });
  }
}

/**
 * The import's writing side: outcomes gathered into batches, each written in one transaction, one after
 * another, while the workers go on reading. It keeps count of the story text read and not yet written, so
 * the reading can wait for it (`catchUp`) and memory stays bounded.
 */
export class ImportWriter {
  /** The first write that failed (translated), after which nothing more is written. */
  error: unknown = null;
  private pending: { source: string; outcome: ImportOutcome }[] = [];
  private pendingBytes = 0;
  private unwrittenBytes = 0;
  private queuedBatches = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly search: SearchProvider,
    private readonly tally: ImportTally,
    private readonly options: {
      batchSize: number;
      checkpoints?: BackgroundCheckpoints | null;
      now: () => string;
    },
  ) {}

  /** A file of this size is being read. */
  reserve(bytes: number): void {
    this.unwrittenBytes += bytes;
  }

  /** A file read needs no writing (unchanged, or unreadable). */
  release(bytes: number): void {
    this.unwrittenBytes -= bytes;
  }

  /** An outcome to write; written when the batch is full, or holds a lot of text (an epic or two). */
  add(source: string, outcome: ImportOutcome, bytes: number): void {
    this.pending.push({ source, outcome });
    this.pendingBytes += bytes;
    if (this.pending.length >= this.options.batchSize || this.pendingBytes >= MAX_PENDING_BYTES) this.flush();
  }

  /** While the writes are behind, let them catch up before more is read. */
  async catchUp(inFlight: Set<Promise<void>>): Promise<void> {
    while (this.unwrittenBytes >= MAX_UNWRITTEN_BYTES && !this.error) {
      this.flush();
      if (this.queuedBatches > 0) await this.writing;
      else if (inFlight.size > 0) await Promise.race(inFlight);
      else break;
    }
  }

  /** Write what is pending and wait for every write. */
  async finish(): Promise<void> {
    this.flush();
    await this.writing;
  }

  private flush(): void {
    const batch = this.pending;
    const batchBytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length === 0) return;
    this.queuedBatches++;
    this.writing = this.writing.then(async () => {
      if (!this.error) {
        try {
          await this.write(batch);
        } catch (error) {
          this.error = translateDatabaseError(error, this.store.location);
        }
      }
      this.tally.done += batch.length;
      this.unwrittenBytes -= batchBytes;
      this.queuedBatches--;
      this.tally.report();
    });
  }

  private async write(batch: { source: string; outcome: ImportOutcome }[]): Promise<void> {
    const { checkpoints, now } = this.options;
    await checkpoints?.keepUp();
    await this.store.db
      .transaction()
      .setAccessMode('read write')
      .execute(async (trx) => {
        const previous = await findImports(
          trx,
          batch.map((item) => item.source),
        );
        const works = startWorkBatch();
        for (const item of batch) {
          // Let the workers' answers in and new files out between works: the writes block this thread.
          await new Promise((resolve) => setImmediate(resolve));
          const status = await writeOutcome(trx, this.search, works, item, previous.get(item.source), now());
          this.tally.counts[status]++;
          if (status === 'failed' && !item.outcome.ok)
            this.tally.failures.push({ source: item.source, error: item.outcome.error });
        }
        await finishWorkBatch(trx, works);
      });
    checkpoints?.wrote();
  }
}
