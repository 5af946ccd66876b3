import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../test/stores.ts';
import { buildEpub } from '../../test/zip-fixtures.ts';
import { importStories } from './import.service.ts';

const STORY =
  'Title: Patrol\nAuthor: nightowl\nFandom: BtVS\n\nBuffy staked the vampire and Willow cheered from the headstone.';

function makeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quire-import-'));
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'patrol.txt'), STORY);
  writeFileSync(
    join(dir, 'nested', 'tea.txt'),
    'Title: Tea\nFandom: Sherlock (TV)\n\nSherlock made the tea. John drank it.',
  );
  writeFileSync(join(dir, 'nested', 'broken.epub'), 'not a zip at all');
  writeFileSync(join(dir, 'notes.md'), 'not a story: skipped in folders');
  // The same story as an EPUB: a duplicate by its text.
  writeFileSync(
    join(dir, 'patrol.epub'),
    buildEpub({
      title: 'Patrol',
      creators: ['nightowl'],
      chapters: [
        {
          file: 'c1.xhtml',
          title: 'Patrol',
          html: '<p>Buffy staked the vampire and Willow cheered from the headstone.</p>',
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'more.zip'),
    zipSync({
      'inside/dusk.txt': strToU8('Title: Dusk\n\nGiles polished his glasses and sighed at the sunset.'),
    }),
  );
  return dir;
}

describe.each(DIALECTS)('import on %s', (dialect) => {
  let db: TestStore;
  let folder: string;
  beforeAll(async () => {
    db = await openTestStore(dialect);
    folder = makeFolder();
  });
  afterAll(async () => db?.cleanup());

  it('imports every good file, reports the broken ones, recognises the same story in two formats', async () => {
    const summary = await importStories(db.store, db.search, { paths: [folder], workers: 2 });
    expect(summary.counts).toEqual({ imported: 3, updated: 0, unchanged: 0, duplicate: 1, failed: 1 });
    expect(summary.failures).toEqual([
      { source: join(folder, 'nested', 'broken.epub'), error: expect.stringMatching(/broken\.epub/) },
    ]);
    const titles = (await db.store.db.selectFrom('works').select('title').orderBy('title').execute()).map(
      (row) => row.title,
    );
    expect(titles).toEqual(['Dusk', 'Patrol', 'Tea']);
  });

  it('changes nothing when run again', async () => {
    const before = await db.store.db.selectFrom('works').select(['id', 'title']).orderBy('id').execute();
    const summary = await importStories(db.store, db.search, { paths: [folder], workers: 2 });
    expect(summary.counts).toEqual({ imported: 0, updated: 0, unchanged: 4, duplicate: 0, failed: 1 });
    expect(await db.store.db.selectFrom('works').select(['id', 'title']).orderBy('id').execute()).toEqual(
      before,
    );
  });

  it('replaces the work of a file that changed', async () => {
    writeFileSync(join(folder, 'patrol.txt'), `${STORY}\n\nThen they went for pizza.`);
    const summary = await importStories(db.store, db.search, {
      paths: [join(folder, 'patrol.txt')],
      workers: 1,
    });
    expect(summary.counts.updated).toBe(1);
    const patrol = await db.store.db
      .selectFrom('works')
      .select(['words'])
      .where('title', '=', 'Patrol')
      .execute();
    expect(patrol).toHaveLength(1);
  });

  it('stops cleanly when interrupted, and the next run finishes the job', async () => {
    const more = mkdtempSync(join(tmpdir(), 'quire-import-stop-'));
    for (let i = 0; i < 12; i++)
      writeFileSync(
        join(more, `story-${i}.txt`),
        `Title: Story ${i}\n\nXander told joke number ${i} and nobody laughed.`,
      );
    const controller = new AbortController();
    const first = await importStories(db.store, db.search, {
      paths: [more],
      workers: 1,
      batchSize: 2,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done >= 4) controller.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    const second = await importStories(db.store, db.search, { paths: [more], workers: 2 });
    expect(first.counts.imported + second.counts.imported).toBe(12);
    expect(second.counts.unchanged).toBe(first.counts.imported);
  });
});
