/**
 * Growing delays on log in, sign up and password reset, beside the per-minute rate limit: each failure from
 * one address (or at one account name) makes the next answer wait twice as long, so guessing slows to a crawl
 * while a person who mistypes twice notices nothing. Kept in memory per server: an attacker spread over
 * several servers still meets the rate limit and the delays of each.
 */
import { LRUCache } from 'lru-cache';

/** Failures forgiven before answers slow down, the first delay, and the longest. */
const FREE_FAILURES = 2;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 30_000;
/** A key's failures are forgotten a quarter of an hour after the last one. */
const FORGET_MS = 15 * 60 * 1000;

/** How long to wait before answering, after this many recent failures. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1));
}

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class AuthDelay {
  private readonly failures = new LRUCache<string, number>({ max: 50_000, ttl: FORGET_MS });

  constructor(private readonly sleep: Sleep = realSleep) {}

  /** Wait as long as the worst of these keys has earned. */
  async wait(keys: readonly string[]): Promise<void> {
    const ms = Math.max(0, ...keys.map((key) => delayAfter(this.failures.get(key) ?? 0)));
    if (ms > 0) await this.sleep(ms);
  }

  fail(keys: readonly string[]): void {
    for (const key of keys) this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
