import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeConverters } from '../../../test/converters.ts';
import { insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { isAppError } from '../../errors.ts';
import type { ExportOptions } from '../../export/work-meta.ts';
import { type ChapterView, loadWork, type WorkView } from '../../repositories/work-view.ts';
import type { BuildThreads } from './build-threads.ts';
import { DownloadService, type DownloadServiceOptions } from './download.service.ts';
import { buildDownload } from './download-build.ts';
import { DownloadCache, prepareCacheFolder } from './download-cache.ts';

const OPTIONS: ExportOptions = {
  siteName: 'Quire',
  siteUrl: 'https://quire.example',
  generatedAt: new Date('2026-02-03T04:05:06Z'),
};

let db: TestStore;
let work: WorkView;
const fakes = fakeConverters();

beforeAll(async () => {
  db = await openTestStore('sqlite');
  await insertStories(db, [
    'Title: Night Bus\nAuthor: dawnlark\nFandom: Firefly\n\nMal rode the night bus to the edge of town.',
  ]);
  work = (await loadWork(db.store.db, 1)) as WorkView;
});
afterAll(async () => db?.cleanup());

const service = (options: Partial<DownloadServiceOptions> = {}) =>
  new DownloadService({
    converters: { chromium: fakes.chromium, ebookConvert: fakes.ebookConvert, prlimit: null },
    cacheFolder: mkdtempSync(join(tmpdir(), 'quire-download-cache-')),
    ...options,
  });

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, cause: String(error.cause) };
    throw error;
  }
  throw new Error('did not fail');
};

describe('DownloadService', () => {
  it('offers the converted formats only when their converter is there', () => {
    expect(new DownloadService().formats()).toEqual(['epub', 'html', 'txt']);
    expect(service().formats()).toEqual(['azw3', 'epub', 'mobi', 'pdf', 'html', 'txt']);
    const pdfOnly = service({ converters: { chromium: fakes.chromium, ebookConvert: null, prlimit: null } });
    expect(pdfOnly.formats()).toEqual(['epub', 'pdf', 'html', 'txt']);
  });

  it('converts a work once per version, however often and however many at once it is asked for', async () => {
    const downloads = service();
    const before = fakes.runs();
    const [first, second] = await Promise.all([
      downloads.make(work, 'pdf', OPTIONS),
      downloads.make(work, 'pdf', OPTIONS),
    ]);
    expect(String(first)).toMatch(/^%PDF-/);
    expect(second).toEqual(first);
    expect(await downloads.make(work, 'pdf', OPTIONS)).toEqual(first);
    expect(fakes.runs() - before).toBe(1);
    // A restarted server finds the file where the last one kept it.
    const restarted = service({ cacheFolder: downloads.options.cacheFolder });
    await restarted.make(work, 'pdf', OPTIONS);
    expect(fakes.runs() - before).toBe(1);
    // A changed work (here its title) is a new version: converted again, into a new file.
    await downloads.make({ ...work, title: 'Night Bus (revised)' }, 'pdf', OPTIONS);
    expect(fakes.runs() - before).toBe(2);
    await downloads.make(work, 'azw3', OPTIONS);
    await downloads.make(work, 'mobi', OPTIONS);
    expect(fakes.runs() - before).toBe(4);
    const kept = readdirSync(downloads.options.cacheFolder as string).filter(
      (name) => !/\.(html|epub)$/.test(name),
    );
    expect(kept.every((name) => /^1-[0-9a-f]{40}\.(pdf|azw3|mobi)$/.test(name))).toBe(true);
    expect(kept.map((name) => name.split('.')[1]).sort()).toEqual(['azw3', 'mobi', 'pdf', 'pdf']);
  });

  it('writes an EPUB, HTML or text file once per version of the work, and keeps it', async () => {
    const downloads = service();
    const [first, second] = await Promise.all([
      downloads.make(work, 'epub', OPTIONS),
      downloads.make(work, 'epub', OPTIONS),
    ]);
    expect(downloads.stats).toEqual({ built: 1, kept: 0 });
    expect(second).toEqual(first);
    expect(await downloads.make(work, 'epub', OPTIONS)).toEqual(first);
    expect(downloads.stats).toEqual({ built: 1, kept: 1 });
    // Counts no download prints leave the version as it was.
    await downloads.make({ ...work, kudos: 40, hits: 900 }, 'epub', OPTIONS);
    expect(downloads.stats).toEqual({ built: 1, kept: 2 });
    // A changed chapter, another site name or another format is another file.
    const [chapter] = work.chapters;
    const edited = { ...work, chapters: [{ ...(chapter as ChapterView), html: '<p>Mal walked.</p>' }] };
    expect(String(await downloads.make(edited, 'txt', OPTIONS))).toContain('Mal walked.');
    await downloads.make(edited, 'txt', { ...OPTIONS, siteName: 'Other' });
    await downloads.make(work, 'txt', OPTIONS);
    expect(downloads.stats).toEqual({ built: 4, kept: 2 });
    // Another process of the same server (or a restart) finds what this one kept.
    const other = service({ cacheFolder: downloads.options.cacheFolder });
    expect(await other.make(work, 'epub', OPTIONS)).toEqual(first);
    expect(other.stats).toEqual({ built: 0, kept: 1 });
  });

  it('writes a download again rather than serve a kept file that was cut short or damaged', async () => {
    const downloads = service();
    const good = await downloads.make(work, 'html', OPTIONS);
    const folder = downloads.options.cacheFolder as string;
    const [name] = readdirSync(folder);
    const path = join(folder, name as string);
    for (const damage of [
      (file: Buffer) => file.subarray(0, file.length - 30),
      (file: Buffer) => Buffer.concat([file.subarray(0, 10), Buffer.from('X'), file.subarray(11)]),
      () => Buffer.alloc(0),
    ]) {
      writeFileSync(path, damage(readFileSync(path)));
      const restarted = service({ cacheFolder: folder });
      expect(await restarted.make(work, 'html', OPTIONS)).toEqual(good);
      expect(restarted.stats).toEqual({ built: 1, kept: 0 });
      expect(readFileSync(path).length).toBe(Buffer.byteLength(good) + 12);
    }
  });

  it('writes downloads in a worker thread as it writes them on the calling thread', async () => {
    const threaded = service({ buildThreads: 1, threadAboveChars: 0 });
    try {
      const inline = service();
      for (const format of ['epub', 'html', 'txt'] as const)
        expect(await threaded.make(work, format, OPTIONS)).toEqual(await inline.make(work, format, OPTIONS));
      expect(threaded.threadBuilds).toBe(3);
    } finally {
      await threaded.close();
    }
  });

  it('writes a short work on the calling thread and a long one in the thread', async () => {
    const length = work.chapters.reduce((sum, chapter) => sum + chapter.html.length, 0);
    const threaded = service({ buildThreads: 1, threadAboveChars: length });
    try {
      await threaded.make(work, 'epub', OPTIONS);
      expect(threaded.threadBuilds).toBe(0);
      const longer = {
        ...work,
        title: 'Night Bus, the long cut',
        chapters: [...work.chapters, ...work.chapters],
      };
      await threaded.make(longer, 'epub', OPTIONS);
      expect(threaded.threadBuilds).toBe(1);
      expect(threaded.stats.built).toBe(2);
    } finally {
      await threaded.close();
    }
  });

  it('hands a long work to another process’s build threads when given them, and their failures as its own', async () => {
    let runs = 0;
    const fail = { code: '' };
    const shared: BuildThreads = {
      async run(task) {
        runs++;
        if (fail.code) throw Object.assign(new Error('the thread ran out of memory'), { code: fail.code });
        return new Uint8Array(await buildDownload(task));
      },
      get completed() {
        return runs;
      },
      async close() {},
    };
    const threaded = service({ sharedBuildThreads: shared, threadAboveChars: 0 });
    const inline = service();
    expect(await threaded.make(work, 'epub', OPTIONS)).toEqual(await inline.make(work, 'epub', OPTIONS));
    expect(threaded.threadBuilds).toBe(1);
    fail.code = 'ERR_WORKER_OUT_OF_MEMORY';
    const failed = await failure(threaded.make({ ...work, title: 'The Epic' }, 'epub', OPTIONS));
    expect(failed.message).toBe(
      'The EPUB of “The Epic” is too long for this server to make. Try another format.',
    );
    await threaded.close();
  });

  it('fails a build past the thread’s memory with a 503 that says so, and replaces the thread', async () => {
    const threaded = service({ buildThreads: 1, threadAboveChars: 0, buildThreadMemoryMb: 32 });
    try {
      // 600 chapters of 100,000 characters: more than the thread may hold once copied over and written.
      const [first] = work.chapters as [ChapterView];
      const text = `<p>${'All work and no play. '.repeat(4_500)}</p>`;
      const epic = {
        ...work,
        id: 2,
        title: 'The Epic',
        chapters: Array.from({ length: 600 }, (_, index) => ({ ...first, position: index + 1, html: text })),
      };
      const failed = await failure(threaded.make(epic, 'epub', OPTIONS));
      expect(failed.code).toBe('CONVERSION_FAILED');
      expect(failed.message).toBe(
        'The EPUB of “The Epic” is too long for this server to make. Try another format.',
      );
      expect(failed.cause).toMatch(/memory/i);
      // Remembered: asked again, it fails at once rather than filling a thread again.
      expect((await failure(threaded.make(epic, 'epub', OPTIONS))).message).toBe(failed.message);
      // One chapter larger than the thread's bound would end the process, not the thread: refused before.
      const huge = {
        ...work,
        id: 3,
        title: 'The Wall',
        chapters: [{ ...first, html: `<p>${'x'.repeat(9 * 1024 * 1024)}</p>` }],
      };
      const refused = await failure(threaded.make(huge, 'epub', OPTIONS));
      expect(refused.message).toBe(
        'The EPUB of “The Wall” is too long for this server to make. Try another format.',
      );
      expect(refused.cause).toMatch(/more than a build thread may hold/);
      // The next download is written in a new thread.
      const bytes = await threaded.make(work, 'epub', OPTIONS);
      expect(Buffer.from(bytes).subarray(30, 38).toString()).toBe('mimetype');
      expect(threaded.threadBuilds).toBeGreaterThanOrEqual(1);
    } finally {
      await threaded.close();
    }
  }, 60_000);

  it('finishes the builds under way and queued when it closes, and one asked for meanwhile', async () => {
    const threaded = service({ buildThreads: 1, threadAboveChars: 0 });
    const inline = service();
    const versions = [1, 2, 3].map((n) => ({ ...work, title: `Night Bus ${n}` }));
    const building = versions.map((version) => threaded.make(version, 'epub', OPTIONS));
    const closed = threaded.close();
    const during = threaded.make({ ...work, title: 'Night Bus 4' }, 'epub', OPTIONS);
    await closed;
    for (const [index, version] of versions.entries())
      expect(await building[index]).toEqual(await inline.make(version, 'epub', OPTIONS));
    expect(await during).toEqual(await inline.make({ ...work, title: 'Night Bus 4' }, 'epub', OPTIONS));
    expect(threaded.stats.built).toBe(4);
  });

  it('lets a build sent to its thread finish as it closes, and writes one asked for meanwhile itself', async () => {
    const threaded = service({ buildThreads: 1, threadAboveChars: 0 });
    const inline = service();
    const first = threaded.make(work, 'epub', OPTIONS);
    // The thread is starting or busy with the first build when closing begins.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = threaded.close();
    const during = threaded.make({ ...work, title: 'Night Bus 5' }, 'epub', OPTIONS);
    await closed;
    expect(await first).toEqual(await inline.make(work, 'epub', OPTIONS));
    expect(await during).toEqual(await inline.make({ ...work, title: 'Night Bus 5' }, 'epub', OPTIONS));
    expect(threaded.threadBuilds).toBe(1);
  });

  it('turns a failed conversion into a 503 for the reader with the cause for the log, and remembers it', async () => {
    const downloads = service({ converters: { chromium: fakes.failing, ebookConvert: null, prlimit: null } });
    const first = await failure(downloads.make(work, 'pdf', OPTIONS));
    expect(first).toEqual({
      code: 'CONVERSION_FAILED',
      message:
        'The PDF of “Night Bus” could not be made just now. Try again later, or download the EPUB or HTML.',
      cause: 'AppError: failing exited with code 1: Error: this converter always fails',
    });
    // Remembered: the next request is answered without running the converter.
    const started = Date.now();
    expect(await failure(downloads.make(work, 'pdf', OPTIONS))).toEqual(first);
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('refuses conversions past the waiting line instead of queueing without end', async () => {
    const downloads = service({
      converters: { chromium: fakes.slow, ebookConvert: null, prlimit: null },
      concurrency: 1,
      maxWaiting: 1,
      timeoutMs: 2_000,
    });
    const titled = (title: string) => downloads.make({ ...work, title }, 'pdf', OPTIONS);
    // Each first writes its HTML, so which of the three reaches the line last is not fixed: that one is refused.
    const outcomes = await Promise.all(['One', 'Two', 'Three'].map((title) => failure(titled(title))));
    const refused = outcomes.filter((outcome) => outcome.message.includes('Too many downloads'));
    expect(refused).toHaveLength(1);
    for (const outcome of outcomes.filter((item) => !refused.includes(item)))
      expect(outcome.cause).toBe('AppError: slow took longer than 2 s and was stopped');
  });

  it('says a format it cannot make is not offered', async () => {
    expect(await failure(new DownloadService().make(work, 'mobi', OPTIONS))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This archive does not offer MOBI downloads.',
    });
  });
});

describe('DownloadCache', () => {
  it('deletes the least recently used files past its cap, and finds what an earlier run kept', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'quire-download-cache-'));
    const cache = new DownloadCache(folder, 250);
    await cache.write('a.pdf', new Uint8Array(100));
    await cache.write('b.pdf', new Uint8Array(100));
    expect(await cache.read('a.pdf')).toHaveLength(100);
    // Each file on disk is its bytes and a 12-byte trailer.
    await cache.write('c.pdf', new Uint8Array(100));
    expect(readdirSync(folder).sort()).toEqual(['a.pdf', 'c.pdf']);
    expect(await cache.read('b.pdf')).toBeUndefined();
    // Larger than the whole cap: not kept at all.
    await cache.write('huge.pdf', new Uint8Array(300));
    expect(readdirSync(folder).sort()).toEqual(['a.pdf', 'c.pdf']);
    const later = new DownloadCache(folder, 250);
    expect(await later.read('c.pdf')).toHaveLength(100);
    expect(later.bytes).toBe(224);
  });

  it('keeps converted files in a temporary folder when the data folder cannot be written', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'quire-blocked-')), 'file');
    writeFileSync(blocker, '');
    const place = await prepareCacheFolder(join(blocker, 'downloads'));
    expect(place.temporary).toBe(true);
    expect(place.folder).toContain('quire-downloads-');
    expect(place.problem).toMatch(/cannot be written .*converted downloads are kept in/);
  });
});
