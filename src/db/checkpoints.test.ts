import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpoints, type CheckpointReport, PeriodicCheckpoints } from './checkpoints.ts';
import { openStore, SERVING_AUTOCHECKPOINT_PAGES, type Store, WAL_AUTOCHECKPOINT_PAGES } from './connect.ts';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function scratchStore(walAutocheckpointPages?: number): Promise<Store> {
  const store = await openStore({
    dataDir: mkdtempSync(join(tmpdir(), 'quire-checkpoints-')),
    ...(walAutocheckpointPages === undefined ? {} : { walAutocheckpointPages }),
  });
  stores.push(store);
  await sql`CREATE TABLE scratch (body TEXT NOT NULL)`.execute(store.db);
  return store;
}

/** One transaction of about 400 KB: some 25 pages of the log. */
async function writeSome(store: Store, round: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (let row = 0; row < 40; row++) {
      await sql`INSERT INTO scratch (body) VALUES (${`${round}:${row} `.padEnd(10_000, 'x')})`.execute(trx);
    }
  });
}

const autocheckpoint = async (store: Store) =>
  (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(store.db)).rows[0]
    ?.wal_autocheckpoint;

const walSize = (store: Store) => statSync(`${store.location}-wal`).size;

describe('checkpoints in a thread of their own', () => {
  it('copies each commit into the database, so the log starts over and stays one write long', async () => {
    const store = await scratchStore();
    const checkpoints = await BackgroundCheckpoints.start(store);
    expect(checkpoints).not.toBeNull();
    expect(await autocheckpoint(store)).toBe(0);
    let oneWrite = 0;
    for (let round = 0; round < 8; round++) {
      await writeSome(store, round);
      checkpoints?.wrote();
      await checkpoints?.settled();
      const report = checkpoints?.lastReport;
      expect(report?.log).toBeGreaterThan(20);
      expect(report?.checkpointed).toBe(report?.log);
      if (round === 0) oneWrite = walSize(store);
    }
    // Eight writes without a checkpoint would have made the log eight times as long.
    expect(walSize(store)).toBeLessThan(oneWrite * 2);
    await checkpoints?.stop();
    expect(await autocheckpoint(store)).toBe(WAL_AUTOCHECKPOINT_PAGES);
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM scratch`.execute(store.db);
    expect(count.rows[0]?.n).toBe(8 * 40);
  });

  it('holds the writer for a fresh copy once the log was seen past its limit, and not before', async () => {
    const store = await scratchStore();
    const roomy = await BackgroundCheckpoints.start(store, { maxLogPages: 10_000 });
    await writeSome(store, 0);
    roomy?.wrote();
    await roomy?.settled();
    const seen = roomy?.reports;
    await roomy?.keepUp();
    expect(roomy?.reports).toBe(seen);
    await roomy?.stop();

    const strict = await BackgroundCheckpoints.start(store, { maxLogPages: 1 });
    await writeSome(store, 1);
    strict?.wrote();
    await strict?.settled();
    const before = strict?.reports ?? 0;
    await strict?.keepUp();
    expect(strict?.reports).toBe(before + 1);
    await strict?.stop();
  });

  it('gives the writer its own checkpoints back when the thread fails, and its calls still return', async () => {
    const store = await scratchStore();
    const broken = join(mkdtempSync(join(tmpdir(), 'quire-checkpoints-')), 'broken.mjs');
    writeFileSync(broken, "throw new Error('no checkpoints here');\n");
    const checkpoints = await BackgroundCheckpoints.start(store, {
      module: { url: pathToFileURL(broken), execArgv: [] },
    });
    await writeSome(store, 0);
    checkpoints?.wrote();
    await checkpoints?.settled();
    await checkpoints?.keepUp();
    await checkpoints?.stop();
    await checkpoints?.stop();
    expect(await autocheckpoint(store)).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });

  it('is not needed on PostgreSQL, which checkpoints on its own', async () => {
    const store = { dialect: 'postgres' } as Store;
    expect(await BackgroundCheckpoints.start(store)).toBeNull();
  });
});

describe("a server's checkpoints", () => {
  it('copy what the processes commit from a thread, their connections checkpointing only as a backstop', async () => {
    const store = await scratchStore(SERVING_AUTOCHECKPOINT_PAGES);
    expect(await autocheckpoint(store)).toBe(SERVING_AUTOCHECKPOINT_PAGES);
    await writeSome(store, 0);
    // The first report after the write that finds its pages in the log copied them all.
    let copied: (report: CheckpointReport) => void = () => {};
    const wholeCopy = new Promise<CheckpointReport>((resolve) => {
      copied = (report) => {
        if (report.log > 20 && report.checkpointed === report.log) resolve(report);
      };
    });
    const checkpoints = PeriodicCheckpoints.start(store.location, { everyMs: 5, onReport: copied });
    expect((await wholeCopy).log).toBeGreaterThan(20);
    await checkpoints.stop();
    await checkpoints.stop();
    // The copy is complete, so the next write starts the log over: it is one write long again.
    const oneWrite = walSize(store);
    await writeSome(store, 1);
    expect(walSize(store)).toBeLessThanOrEqual(oneWrite);
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM scratch`.execute(store.db);
    expect(count.rows[0]?.n).toBe(2 * 40);
  });

  it('leave the backstop when the thread fails, and stop all the same', async () => {
    const store = await scratchStore(SERVING_AUTOCHECKPOINT_PAGES);
    const broken = join(mkdtempSync(join(tmpdir(), 'quire-checkpoints-')), 'broken.mjs');
    writeFileSync(broken, "throw new Error('no checkpoints here');\n");
    const checkpoints = PeriodicCheckpoints.start(store.location, {
      everyMs: 5,
      module: { url: pathToFileURL(broken), execArgv: [] },
    });
    await writeSome(store, 0);
    await checkpoints.stop();
    expect(await autocheckpoint(store)).toBe(SERVING_AUTOCHECKPOINT_PAGES);
  });
});
