import { describe, expect, it } from 'vitest';
import { BudgetedLru } from './budgeted-lru.ts';
import { CacheBudget, megabytes, processCacheBytes } from './cache-budget.ts';
import { TextCache } from './search/index/text-cache.ts';
import { PageCache } from './web/page-cache.ts';

const sized = (budget: CacheBudget, maxEntries?: number) =>
  new BudgetedLru<Uint8Array>({
    budget,
    bytesOf: (value) => value.length,
    ...(maxEntries === undefined ? {} : { maxEntries }),
  });

describe('a cache budget', () => {
  it('keeps the caches together under its bound, dropping the entry used longest ago in any of them', () => {
    const budget = new CacheBudget(1000);
    const pages = sized(budget);
    const blurbs = sized(budget);
    pages.set('a', new Uint8Array(400));
    blurbs.set('b', new Uint8Array(400));
    expect(budget.bytes).toBe(800);
    // "a" is used again, so "b" is now the oldest of all.
    expect(pages.get('a')).toBeDefined();
    pages.set('c', new Uint8Array(300));
    expect(budget.bytes).toBe(700);
    expect(blurbs.get('b')).toBeUndefined();
    expect(pages.get('a')).toBeDefined();
    // Room one cache does not use goes to the other: one cache alone may fill the whole bound.
    for (let i = 0; i < 50; i++) blurbs.set(`blurb ${i}`, new Uint8Array(100));
    expect(budget.bytes).toBeLessThanOrEqual(1000);
    expect(blurbs.bytes).toBe(1000);
    expect(pages.bytes).toBe(0);
  });

  it('a compressed form added to a kept page counts in the budget too', async () => {
    const budget = new CacheBudget(50_000);
    const pages = new PageCache({ keepAfter: 1, budget, staleMs: 0 });
    const version = await pages.currentVersion(async () => 1);
    const others = sized(budget);
    others.set('other', new Uint8Array(20_000));
    const body = Buffer.from(Array.from({ length: 4_000 }, (_, i) => `word${i} `).join(''));
    const entry = { version, headers: {}, body, encoded: {}, compressible: true, bytes: body.length };
    pages.set('page', entry);
    pages.encoded('page', entry, 'gzip');
    expect(pages.size.bytes).toBe(entry.bytes);
    expect(entry.bytes).toBeGreaterThan(body.length);
    expect(budget.bytes).toBeLessThanOrEqual(50_000);
  });

  it('keeps nothing at 0, and refuses a bound that is not a whole number of bytes', () => {
    const budget = new CacheBudget(0);
    const cache = sized(budget);
    cache.set('a', new Uint8Array(10));
    cache.set('b', new Uint8Array(0));
    expect(budget.bytes).toBe(0);
    expect(cache.size).toBe(0);
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => new CacheBudget(bad)).toThrow(/whole number of bytes/);
  });

  it('a closed cache no longer counts, and a text cache keeps only its newest version', () => {
    const budget = new CacheBudget(10_000);
    const texts = new TextCache(budget);
    texts.set(2, 'word', { positions: new Uint32Array(10), ranks: null });
    texts.set(1, 'older', { positions: new Uint32Array(10), ranks: null });
    expect(texts.get(2, 'older')).toBeUndefined();
    expect(texts.get(1, 'word')).toBeUndefined();
    texts.set(3, 'newer', { positions: new Uint32Array(10), ranks: 'alike' });
    expect(texts.get(3, 'word')).toBeUndefined();
    expect(budget.bytes).toBe(40);
    texts.close();
    expect(budget.bytes).toBe(0);
  });

  it('gives each server process its share: of the figure named, else 64 MB, less on a small machine', () => {
    const gb = 1024 ** 3;
    expect(processCacheBytes(128, 2, 16 * gb)).toBe(megabytes(64));
    expect(processCacheBytes(0, 4, 16 * gb)).toBe(0);
    expect(processCacheBytes(undefined, 2, 16 * gb)).toBe(megabytes(64));
    expect(processCacheBytes(undefined, 16, 16 * gb)).toBe(megabytes(64));
    // A 1 GB machine with four processes: an eighth of it, shared.
    expect(processCacheBytes(undefined, 4, gb)).toBe(megabytes(32));
  });
});
