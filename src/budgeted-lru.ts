import { LRUCache } from 'lru-cache';
import type { BudgetedCache, CacheBudget } from './cache-budget.ts';

export interface BudgetedLruOptions<V> {
  /** The bound this cache shares with the process's other caches. */
  budget: CacheBudget;
  /** What an entry costs, in bytes (at least 1 is counted). */
  bytesOf: (value: V) => number;
  /** Most entries kept, whatever their bytes. */
  maxEntries?: number;
  /** Larger entries are not kept. */
  maxEntryBytes?: number;
  /** Called for each entry dropped to make room (not for replaced or cleared ones). */
  onEvict?: () => void;
}

interface Entry<V> {
  value: V;
  /** The budget's stamp of its last use. */
  stamp: number;
}

/** A least-recently-used cache whose bytes count in a `CacheBudget` shared with other caches. */
export class BudgetedLru<V> implements BudgetedCache {
  private readonly entries: LRUCache<string, Entry<V>>;
  private readonly budget: CacheBudget;

  constructor(options: BudgetedLruOptions<V>) {
    this.budget = options.budget;
    const { onEvict } = options;
    // The budget's bound also caps one cache; LRUCache needs a positive one.
    const maxSize = Math.max(1, options.budget.maxBytes);
    this.entries = new LRUCache<string, Entry<V>>({
      maxSize,
      maxEntrySize: Math.max(1, Math.min(maxSize, options.maxEntryBytes ?? maxSize)),
      ...(options.maxEntries === undefined ? {} : { max: options.maxEntries }),
      sizeCalculation: (entry) => Math.max(1, options.bytesOf(entry.value)),
      ...(onEvict
        ? {
            dispose: (_entry: Entry<V>, _key: string, reason: LRUCache.DisposeReason) => {
              if (reason === 'evict') onEvict();
            },
          }
        : {}),
    });
    this.budget.join(this);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.stamp = this.budget.stamp();
    return entry.value;
  }

  /** The value without counting a use. */
  peek(key: string): V | undefined {
    return this.entries.peek(key)?.value;
  }

  set(key: string, value: V): void {
    this.entries.set(key, { value, stamp: this.budget.stamp() });
    this.budget.settle();
  }

  /** Count `key`'s value again after it grew (it is used now). */
  recount(key: string, value: V): void {
    if (this.entries.peek(key)?.value === value) this.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Stop counting in the budget: this cache is being dropped. */
  close(): void {
    this.entries.clear();
    this.budget.leave(this);
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }

  oldestStamp(): number | undefined {
    const { value: key } = this.entries.rkeys().next();
    return key === undefined ? undefined : this.entries.peek(key)?.stamp;
  }

  dropOldest(): void {
    this.entries.pop();
  }
}
