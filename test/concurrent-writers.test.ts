import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStories, openTestStore, type TestStore } from './stores.ts';

const run = promisify(execFile);

describe('processes writing to one SQLite archive at once', () => {
  let db: TestStore;

  beforeAll(async () => {
    db = await openTestStore('sqlite');
    await insertStories(db, [
      'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.',
      'Title: Engines\nAuthor: rivertam\nFandom: Firefly\n\nKaylee fixed the engine.',
    ]);
  });
  afterAll(async () => db?.cleanup());

  it('lose no write: a transaction that reads before it writes waits for the lock instead of failing', async () => {
    const writers = 3;
    const each = 150;
    const outputs = await Promise.all(
      Array.from({ length: writers }, () =>
        run(process.execPath, [
          '--import',
          'tsx',
          'test/concurrent-writers.child.ts',
          dirname(db.store.location),
          String(each),
        ]),
      ),
    );
    const results = outputs.map(({ stdout }) => JSON.parse(stdout) as { given: number; errors: string[] });
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    expect(results.map((result) => result.given)).toEqual(Array(writers).fill(each));
    const kudos = await db.store.db.selectFrom('works').select(['kudos_count']).execute();
    expect(kudos.reduce((sum, row) => sum + Number(row.kudos_count), 0)).toBe(writers * each);
  }, 120_000);
});
