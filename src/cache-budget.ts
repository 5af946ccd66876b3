/**
 * One bound on the bytes a process's caches hold together (rendered pages, kept blurbs, text matches), so the
 * process's memory has one figure to set and room one cache does not use goes to the others: when the caches
 * together pass the bound, the entry used longest ago, in whichever cache, goes first.
 *
 * Each cache keeps its entries least recently used first and tells the budget when each was last used
 * (`stamp`), so finding the oldest of all is a look at each cache's oldest.
 */
export interface BudgetedCache {
  /** Bytes this cache holds now, as it counts them. */
  readonly bytes: number;
  /** The stamp of this cache's least recently used entry, or undefined when it holds none. */
  oldestStamp(): number | undefined;
  /** Drop the least recently used entry. */
  dropOldest(): void;
}

export class CacheBudget {
  private readonly caches = new Set<BudgetedCache>();
  private clock = 0;

  /** `maxBytes`: the most the caches hold together, a whole number of bytes (0 keeps nothing). */
  constructor(readonly maxBytes: number) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
      throw new RangeError(`a cache budget is a whole number of bytes, not ${maxBytes}`);
  }

  /** A stamp for an entry used now: later uses have larger stamps. */
  stamp(): number {
    return ++this.clock;
  }

  /** Count `cache` in the budget from now on. */
  join(cache: BudgetedCache): void {
    this.caches.add(cache);
  }

  /** Stop counting `cache` (it is being dropped). */
  leave(cache: BudgetedCache): void {
    this.caches.delete(cache);
  }

  /** Bytes the caches hold together. */
  get bytes(): number {
    let bytes = 0;
    for (const cache of this.caches) bytes += cache.bytes;
    return bytes;
  }

  /** Drop the least recently used entries, of all the caches, until they fit. Call after adding to one. */
  settle(): void {
    let total = this.bytes;
    while (total > this.maxBytes) {
      let oldest: BudgetedCache | null = null;
      let oldestStamp = Number.POSITIVE_INFINITY;
      for (const cache of this.caches) {
        const stamp = cache.oldestStamp();
        if (stamp !== undefined && stamp < oldestStamp) {
          oldest = cache;
          oldestStamp = stamp;
        }
      }
      if (!oldest) return;
      const before = oldest.bytes;
      oldest.dropOldest();
      total -= before - oldest.bytes;
    }
  }
}

/** Megabytes as a budget's bytes. */
export function megabytes(mb: number): number {
  return Math.round(mb * 1024 * 1024);
}

/** What one process's caches may hold when the person starting the server named no figure. */
export const DEFAULT_PROCESS_CACHE_MB = 64;

/**
 * The bytes one of `workers` server processes keeps in its caches: its share of `totalMb` (the figure for
 * all of them, named by the person starting the server), else 64 MB each, less where the processes' shares
 * together would pass an eighth of the machine's memory (`machineBytes`), which the processes' own code,
 * threads and SQLite's pages need.
 */
export function processCacheBytes(
  totalMb: number | undefined,
  workers: number,
  machineBytes: number,
): number {
  if (totalMb !== undefined) return Math.floor(megabytes(totalMb) / workers);
  return Math.min(megabytes(DEFAULT_PROCESS_CACHE_MB), Math.floor(machineBytes / 8 / workers));
}
