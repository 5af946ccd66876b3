import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersect } from './postings.ts';
import { topK } from './top-k.ts';

describe('topK', () => {
  it('gives the first k of a full sort, for any values and any k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 300 }), fc.nat(320), (values, k) => {
        // Ties broken by index, descending, as search breaks them by id.
        const compare = (a: number, b: number) => (values[a] as number) - (values[b] as number) || b - a;
        const sorted = values.map((_, i) => i).sort(compare);
        expect(topK(values.length, k, compare)).toEqual(sorted.slice(0, k));
      }),
    );
  });

  it('gives nothing for nothing', () => {
    expect(topK(0, 5, () => 0)).toEqual([]);
    expect(topK(5, 0, () => 0)).toEqual([]);
  });
});

describe('intersect', () => {
  const ascending = fc
    .uniqueArray(fc.nat(2000), { maxLength: 400 })
    .map((values) => Uint32Array.from(values.sort((a, b) => a - b)));

  it('keeps the values both ascending lists hold, in order, at any ratio of sizes', () => {
    fc.assert(
      fc.property(ascending, ascending, (a, b) => {
        const [small, large] = a.length <= b.length ? [a, b] : [b, a];
        const expected = [...small].filter((value) => large.includes(value));
        expect([...intersect(small, large)]).toEqual(expected);
      }),
    );
    // Far apart in size: the galloping walk.
    const large = Uint32Array.from({ length: 5000 }, (_, i) => i * 2);
    expect([...intersect(Uint32Array.of(1, 4, 9998, 10_001), large)]).toEqual([4, 9998]);
  });
});
