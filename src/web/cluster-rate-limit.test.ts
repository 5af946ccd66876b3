import { describe, expect, it } from 'vitest';
import { WindowCounts } from './cluster-rate-limit.ts';

describe('WindowCounts, the primary process’s rate-limit counts', () => {
  it('counts each name in its own window and starts again when the window ends', () => {
    let now = 1_000;
    const counts = new WindowCounts(() => now);
    expect(counts.count('POST /login\u0000203.0.113.7', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    now += 10_000;
    expect(counts.count('POST /login\u0000203.0.113.7', 60_000)).toEqual({ current: 2, ttl: 50_000 });
    expect(counts.count('POST /login\u0000198.51.100.2', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    now += 50_000;
    expect(counts.count('POST /login\u0000203.0.113.7', 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('forgets ended windows as new names arrive, so a flood of addresses leaves nothing behind', () => {
    let now = 0;
    const counts = new WindowCounts(() => now);
    for (let i = 0; i < 5_000; i++) counts.count(`POST /login\u0000address-${i}`, 1_000);
    now += 1_000;
    for (let i = 0; i < 5_000; i++) counts.count(`POST /signup\u0000address-${i}`, 1_000);
    expect(counts.size).toBeLessThan(6_000);
  });
});
