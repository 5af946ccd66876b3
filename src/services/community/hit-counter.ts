import { hash, randomBytes, randomInt } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/database.ts';
import { inTransaction, inTransactionIfFree, LOCK_TAKEN } from '../../db/transaction.ts';
import {
  countVisits,
  daySalt,
  insertVisits,
  type Visit,
} from '../../repositories/community/visit.repository.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';

/**
 * Visits kept waiting while other processes hold the write lock, past which a write waits for the lock (and
 * holds the thread) rather than keep more.
 */
const MOST_WAITING = 50_000;

/** Who visits: a member by id, or a guest by their address and browser (hashed at once, never stored). */
export type Visitor = { userId: number } | { address: string; userAgent: string };

export interface HitCounterOptions {
  /**
   * How often visits are added to the works' hit counts, in ms. Each addition changes the works table, which
   * makes every process reload its search index and empty its page cache; adding a minute's visits at once
   * keeps reading fast (AO3's counts lag too). 0 adds each visit at once (tests).
   */
  countEveryMs: number;
  /**
   * How long new visits wait in memory to be written together, in ms; 0 writes each at once. A write per
   * visit is a write per page of a first visit, and the processes of a cluster take SQLite's write lock in
   * turn (a waiting process's thread stands still); a batch is one write. A crash loses the waiting visits.
   */
  writeEveryMs: number;
  now: () => Date;
}

/**
 * Hits: one per visitor, work and UTC day, the work's own creators not counted. A visit is kept as the SHA-256 of the day's random salt with the
 * visitor, so the same visitor is one hit a day and no address is stored; the salt is deleted with the day's
 * visits, after which no visit can be tied to a visitor.
 */
export class HitCounter {
  private readonly options: HitCounterOptions;
  private countedAt: number;
  private counting: Promise<number> | null = null;
  /** The day's salt, once read: a visit then costs one insert. */
  private salt: { day: string; value: string } | null = null;
  /**
   * Visits this process has stored (work, day and visitor hash): a reader's next chapters of the same work
   * that day would insert nothing, so they write nothing, and a cached page stays free of writes.
   */
  private readonly stored = new LRUCache<string, true>({ max: 100_000 });
  private waiting: Visit[] = [];
  private writeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    options: Partial<HitCounterOptions> = {},
  ) {
    this.options = { countEveryMs: 60_000, writeEveryMs: 0, now: () => new Date(), ...options };
    this.countedAt = this.options.now().getTime();
  }

  /** Note a visit to a work; adds the waiting visits to the counts when it is time. */
  async visit(workId: number, visitor: Visitor): Promise<void> {
    const day = this.today();
    if (this.salt?.day !== day)
      this.salt = { day, value: await daySalt(this.db, day, randomBytes(32).toString('base64url')) };
    const salt = this.salt.value;
    const who =
      'userId' in visitor ? `member:${visitor.userId}` : `guest:${visitor.address}\u0000${visitor.userAgent}`;
    // One call rather than a Hash object fed three times: a cached page counts a hit per request.
    const digest = hash('sha256', `${salt}\u0000${who}`, 'hex');
    const key = `${workId}\u0000${day}\u0000${digest}`;
    if (!this.stored.has(key)) {
      // A creator reading their own work is no hit, as on AO3; remembered as if stored, so asked once a day.
      const own =
        'userId' in visitor &&
        (await loadWorkAccess(this.db, workId))?.creatorUserIds.includes(visitor.userId) === true;
      if (!own) await this.store({ workId, day, hash: digest });
      this.stored.set(key, true);
    }
    await this.countWhenDue();
  }

  /** The UTC day a visit now falls on: one hit per visitor, work and day. */
  today(): string {
    return this.options.now().toISOString().slice(0, 10);
  }

  /** Add the waiting visits to the counts if `countEveryMs` has passed since they last were. */
  async countWhenDue(): Promise<void> {
    if (this.options.now().getTime() - this.countedAt >= this.options.countEveryMs) await this.count();
  }

  /** A new visit, written now or kept waiting for the next write. */
  private async store(visit: Visit): Promise<void> {
    if (this.options.writeEveryMs > 0) {
      this.waiting.push(visit);
      this.writeLater();
    } else {
      await insertVisits(this.db, [visit]);
    }
  }

  private writeLater(): void {
    this.writeTimer ??= setTimeout(
      () => void this.write({ whenFree: this.waiting.length < MOST_WAITING }),
      this.options.writeEveryMs,
    ).unref();
  }

  /**
   * Write the visits that wait, in one transaction (each alone if that fails: a work deleted meanwhile).
   * `whenFree`: only if no other process holds the write lock, else they wait for the next write; the
   * batches written on a timer do so, since SQLite's wait for the lock holds the thread and every request
   * it serves. By default (closing, counting) it waits for the lock.
   */
  async write({ whenFree = false }: { whenFree?: boolean } = {}): Promise<void> {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    const visits = this.waiting;
    this.waiting = [];
    if (visits.length === 0) return;
    try {
      const write = (trx: Db) => insertVisits(trx, visits);
      if (whenFree) {
        if ((await inTransactionIfFree(this.db, write)) === LOCK_TAKEN) {
          // Those that came meanwhile go after them, as they would have.
          this.waiting = visits.concat(this.waiting);
          this.writeLater();
        }
      } else await inTransaction(this.db, write);
    } catch {
      for (const visit of visits) await insertVisits(this.db, [visit]).catch(() => undefined);
    }
  }

  /** Add every visit not yet counted to its work's hit count; returns how many. */
  async count(): Promise<number> {
    await this.write();
    if (!this.counting) {
      this.countedAt = this.options.now().getTime();
      const today = this.options.now().toISOString().slice(0, 10);
      this.counting = inTransaction(this.db, (trx) =>
        countVisits(trx, randomInt(1, 2 ** 31 - 1), today),
      ).finally(() => {
        this.counting = null;
      });
    }
    return this.counting;
  }
}
