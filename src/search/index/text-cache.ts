import { BudgetedLru } from '../../budgeted-lru.ts';
import { CacheBudget } from '../../cache-budget.ts';
import type { TextPositions } from './text-positions.ts';

const ENTRIES = 64;
/** The bound of a cache made without a budget. */
const BYTES = 32 * 1024 * 1024;

const bytesOf = (value: TextPositions) =>
  value.positions.byteLength + (typeof value.ranks === 'object' ? (value.ranks?.byteLength ?? 0) : 0);

/**
 * Text matches kept for the newest version of the archive a filter index has asked about, by the provider's
 * compiled query: asking the text engine about common words is the slow part of a text search. Least
 * recently used go first, past 64 entries or the budget's bytes (shared with the process's other caches); a
 * match over a quarter of the budget is not kept. A database's indexes share one (current-index.ts), so
 * the matches of an older version leave as soon as a newer one is asked about.
 */
export class TextCache {
  private readonly cache: BudgetedLru<TextPositions>;
  private version = Number.NEGATIVE_INFINITY;

  constructor(budget: CacheBudget = new CacheBudget(BYTES)) {
    this.cache = new BudgetedLru({
      budget,
      bytesOf,
      maxEntries: ENTRIES,
      maxEntryBytes: Math.floor(budget.maxBytes / 4),
    });
  }

  get(version: number, key: string): TextPositions | undefined {
    return version === this.version ? this.cache.get(key) : undefined;
  }

  set(version: number, key: string, value: TextPositions): void {
    if (version < this.version) return;
    if (version > this.version) {
      this.cache.clear();
      this.version = version;
    }
    this.cache.set(key, value);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Stop counting in the budget: this cache is being dropped. */
  close(): void {
    this.cache.close();
  }

  /** Bytes held. */
  get bytes(): number {
    return this.cache.bytes;
  }
}
