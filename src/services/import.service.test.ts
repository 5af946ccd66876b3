import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../test/stores.ts';
import { buildEpub } from '../../test/zip-fixtures.ts';
import { openStore } from '../db/connect.ts';
import { parseWorkQuery } from '../search/work-query.ts';
import { searchWorks } from '../search/work-search.ts';
import { importStoriesInProcess } from './import.process.ts';
import { importStories } from './import.service.ts';

// Full names and a second mention: the characters are found whichever of the .txt and the .epub copy is kept
// (the other is a duplicate), with or without its stated fandom.
const STORY =
  'Title: Patrol\nAuthor: nightowl\nFandom: BtVS\n\nBuffy Summers staked the vampire and Willow Rosenberg cheered from the headstone. Buffy grinned at Willow.';

function makeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quire-import-'));
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'patrol.txt'), STORY);
  writeFileSync(
    join(dir, 'nested', 'tea.txt'),
    'Title: Tea\nFandom: Sherlock (TV)\n\nSherlock made the tea. John drank it.',
  );
  writeFileSync(join(dir, 'nested', 'broken.epub'), 'not a zip at all');
  writeFileSync(join(dir, 'notes.json'), '{"not": "a story: skipped in folders"}');
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
          html: '<p>Buffy Summers staked the vampire and Willow Rosenberg cheered from the headstone. Buffy grinned at Willow.</p>',
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

  it('reports a file too big to read, without reading it, and imports the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-import-big-'));
    writeFileSync(join(dir, 'short.txt'), 'Title: Short\n\nXander ate the last doughnut in the library.');
    const endless = join(dir, 'endless.txt');
    writeFileSync(endless, '');
    truncateSync(endless, 33 * 1024 * 1024);
    const summary = await importStories(db.store, db.search, { paths: [dir], workers: 1 });
    expect(summary.counts).toMatchObject({ imported: 1, failed: 1 });
    expect(summary.failures).toEqual([
      { source: endless, error: `${endless} is 33 MB, more than the 32 MB Quire reads from one file.` },
    ]);
  });

  it('counts a saved error page and hostile Markdown as failed, saying why, and imports the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-import-pages-'));
    writeFileSync(
      join(dir, 'tale.txt'),
      'Title: Tale\n\nCordelia counted the money twice and frowned at Angel.',
    );
    writeFileSync(
      join(dir, 'gone.html'),
      '<html><head><title>Story Not Found</title></head><body><h1>404</h1><p>The story you are looking for has been removed.</p></body></html>',
    );
    writeFileSync(join(dir, 'deep.md'), `---\ntitle: Deep\n---\n\n${'>'.repeat(5000)} Spike sneered.\n`);
    const summary = await importStories(db.store, db.search, { paths: [dir], workers: 1 });
    expect(summary.counts).toMatchObject({ imported: 1, failed: 2 });
    expect(summary.failures).toEqual([
      {
        source: join(dir, 'deep.md'),
        error: expect.stringMatching(/deep\.md: Markdown nests quotes or lists 5000 levels deep at line 5;/),
      },
      {
        source: join(dir, 'gone.html'),
        error: expect.stringMatching(/^not a story: \S*gone\.html is an error page/),
      },
    ]);
  });

  it("stores each chapter's text and HTML as the worker read them, and indexes them for search", async () => {
    // Workers hand chapters over as UTF-8 bytes; what is stored and searched must be the same text.
    const dir = mkdtempSync(join(tmpdir(), 'quire-import-text-'));
    writeFileSync(
      join(dir, 'cafe.txt'),
      'Title: Café\n\nWillow’s café — “naïve” crème brûlée & <tea>.\n\nSpike sneered at the 日本 tea.',
    );
    const summary = await importStories(db.store, db.search, { paths: [dir], workers: 1 });
    expect(summary.counts.imported).toBe(1);
    const chapter = await db.store.db
      .selectFrom('chapters')
      .innerJoin('works', 'works.id', 'chapters.work_id')
      .select(['chapters.text', 'chapters.html'])
      .where('works.title', '=', 'Café')
      .executeTakeFirstOrThrow();
    expect(chapter.text).toBe(
      'Willow’s café — “naïve” crème brûlée & <tea>.\n\nSpike sneered at the 日本 tea.',
    );
    expect(chapter.html).toContain('<p>Willow’s café — “naïve” crème brûlée &amp; &lt;tea&gt;.</p>');
    const found = await searchWorks(db.store.db, db.search, parseWorkQuery({ q: 'brûlée' }));
    expect(found.works.map((work) => work.title)).toEqual(['Café']);
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

describe('an import in a process of its own, as quire import runs it', () => {
  it('imports, reports progress and failures, and changes nothing when run again', async () => {
    const folder = makeFolder();
    const data = mkdtempSync(join(tmpdir(), 'quire-thread-'));
    const seen: number[] = [];
    const summary = await importStoriesInProcess({
      store: { dataDir: data },
      paths: [folder],
      workers: 2,
      onProgress: (progress) => seen.push(progress.done),
    });
    expect(summary.counts).toEqual({ imported: 3, updated: 0, unchanged: 0, duplicate: 1, failed: 1 });
    expect(summary.failures.map((failure) => failure.source)).toEqual([
      join(folder, 'nested', 'broken.epub'),
    ]);
    expect(seen.at(-1)).toBe(5);
    // The workers found the knowledge packs: the text's characters are tagged.
    const store = await openStore({ dataDir: data });
    const tags = await store.db
      .selectFrom('work_tags')
      .innerJoin('works', 'works.id', 'work_tags.work_id')
      .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
      .select('tags.name')
      .where('works.title', '=', 'Patrol')
      .where('tags.kind', '=', 'character')
      .execute();
    await store.close();
    expect(tags.map((tag) => tag.name).sort()).toEqual(['Buffy Summers', 'Willow Rosenberg']);
    const again = await importStoriesInProcess({ store: { dataDir: data }, paths: [folder] });
    expect(again.counts).toEqual({ imported: 0, updated: 0, unchanged: 4, duplicate: 0, failed: 1 });
  });

  it('stops when the signal aborts, and the next run finishes the job', async () => {
    const more = mkdtempSync(join(tmpdir(), 'quire-thread-stop-'));
    for (let i = 0; i < 30; i++)
      writeFileSync(join(more, `story-${i}.txt`), `Title: Story ${i}\n\nAnya counted ${i} coins and smiled.`);
    const data = mkdtempSync(join(tmpdir(), 'quire-thread-'));
    const controller = new AbortController();
    // Aborted at the first report, before the workers have even started.
    const first = await importStoriesInProcess({
      store: { dataDir: data },
      paths: [more],
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(first.interrupted).toBe(true);
    expect(first.counts.imported).toBeLessThan(30);
    const second = await importStoriesInProcess({ store: { dataDir: data }, paths: [more] });
    expect(second.interrupted).toBe(false);
    expect(first.counts.imported + second.counts.imported).toBe(30);
  });

  it('says why when the archive cannot be opened', async () => {
    const data = mkdtempSync(join(tmpdir(), 'quire-thread-'));
    writeFileSync(join(data, 'quire.db'), 'this is not a database, it is a shopping list');
    await expect(importStoriesInProcess({ store: { dataDir: data }, paths: [data] })).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: expect.stringMatching(/is not a Quire database/),
    });
  });
});
