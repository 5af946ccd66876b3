import { LRUCache } from 'lru-cache';
import type { TextPositions } from './text-positions.ts';

const ENTRIES = 64;
const BYTES = 32 * 1024 * 1024;

const bytesOf = (value: TextPositions) => value.positions.byteLength + (value.ranks?.byteLength ?? 0);

/**
 * Text matches kept for one version of the archive (an index holds one), by the provider's compiled query:
 * asking the text engine about common words is the slow part of a text search. Least recently used go
 * first, past 64 entries or 32 MB; a match over a quarter of that is not kept.
 */
export class TextCache {
  private readonly cache = new LRUCache<string, TextPositions>({
    max: ENTRIES,
    maxSize: BYTES,
    maxEntrySize: BYTES / 4,
    sizeCalculation: (value) => Math.max(1, bytesOf(value)),
  });

  get(key: string): TextPositions | undefined {
    return this.cache.get(key);
  }

  set(key: string, value: TextPositions): void {
    this.cache.set(key, value);
  }

  clear(): void {
    this.cache.clear();
  }

  /** Bytes held. */
  get bytes(): number {
    return this.cache.calculatedSize;
  }
}
