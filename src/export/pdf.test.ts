import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeConverters, pdfText, REAL } from '../../test/converters.ts';
import { insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { isAppError } from '../errors.ts';
import { loadWork, type WorkView } from '../repositories/work-view.ts';
import type { ProcessLimits } from './bounded-process.ts';
import { workToHtml } from './html.ts';
import { htmlToPdf } from './pdf.ts';
import type { ExportOptions } from './work-meta.ts';

const OPTIONS: ExportOptions = {
  siteName: 'Quire',
  siteUrl: 'https://quire.example',
  generatedAt: new Date('2026-02-03T04:05:06Z'),
};

const STORY = `Title: Долгая дорога домой
Author: nightowl
Fandom: Buffy the Vampire Slayer
Rating: Teen And Up Audiences
Characters: Willow Rosenberg, Spike
Tags: Angst, Hurt/Comfort

Chapter 1: The Crater

Виллоу стояла у края кратера и смотрела, как вода забирает последний свет.

Καλημέρα, said Spike behind her, in the Greek he had picked up somewhere.

Chapter 2: Main Street

They walked the length of what had been Main Street without saying much. The Bronze was a hole.
`;

const LIMITS: ProcessLimits = { timeoutMs: 120_000, memoryBytes: 1024 ** 3, prlimit: REAL.prlimit };

let db: TestStore;
let work: WorkView;

beforeAll(async () => {
  db = await openTestStore('sqlite');
  await insertStories(db, [STORY]);
  const loaded = await loadWork(db.store.db, 1);
  if (!loaded) throw new Error('the story did not import');
  work = loaded;
});
afterAll(async () => db?.cleanup());

describe.skipIf(!REAL.chromium)('htmlToPdf with Chromium', () => {
  it('prints the HTML download as a PDF with the title, creator, tags and every chapter’s text', {
    timeout: 180_000,
  }, async () => {
    const pdf = await htmlToPdf(workToHtml(work, OPTIONS), REAL.chromium as string, LIMITS);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text } = await pdfText(pdf);
    // The title page, then each chapter and the afterword on pages of their own.
    expect(pages).toBeGreaterThanOrEqual(4);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Долгая дорога домой');
    expect(flat).toContain('by nightowl');
    for (const tag of ['Fandom:', 'Buffy the Vampire Slayer', 'Willow Rosenberg', 'Hurt/Comfort', 'Angst'])
      expect(flat).toContain(tag);
    expect(flat).toContain('Chapter 1: The Crater');
    expect(flat).toContain('Виллоу стояла у края кратера');
    expect(flat).toContain('Καλημέρα');
    expect(flat).toContain('The Bronze was a hole.');
  });

  it('runs no script a page might carry', { timeout: 180_000 }, async () => {
    const html =
      '<!DOCTYPE html><html><head><title>t</title></head><body><p>Plain page.</p>' +
      '<script>document.body.textContent = "A script ran";</script></body></html>';
    const { text } = await pdfText(await htmlToPdf(html, REAL.chromium as string, LIMITS));
    expect(text).toContain('Plain page.');
    expect(text).not.toContain('A script ran');
  });

  it('lays right-to-left text out in reading order', { timeout: 180_000 }, async () => {
    const html = workToHtml(
      { ...work, chapters: work.chapters.map((chapter) => ({ ...chapter, html: '<p>שלום עולם</p>' })) },
      OPTIONS,
    );
    const { text } = await pdfText(await htmlToPdf(html, REAL.chromium as string, LIMITS));
    expect(text).toMatch(/שלום\s*עולם/);
  });
});

describe('htmlToPdf when the converter fails', () => {
  const fakes = fakeConverters();

  const failure = async (chromium: string, limits: Partial<ProcessLimits> = {}) => {
    try {
      await htmlToPdf('<p>x</p>', chromium, { ...LIMITS, ...limits });
    } catch (error) {
      if (isAppError(error)) return `${error.code}: ${error.message}`;
      throw error;
    }
    throw new Error('the conversion did not fail');
  };

  it('says the program cannot be started', async () => {
    // Started through prlimit where there is one, which then says it.
    expect(await failure('/nonexistent/chromium')).toMatch(
      /^CONVERSION_FAILED: chromium (cannot be started|exited with code 127).*(ENOENT|No such file)/,
    );
  });

  it('quotes the last line of a program that fails', async () => {
    expect(await failure(fakes.failing)).toBe(
      'CONVERSION_FAILED: failing exited with code 1: Error: this converter always fails',
    );
  });

  it('stops a program that outlasts its time', async () => {
    const started = Date.now();
    expect(await failure(fakes.slow, { timeoutMs: 300 })).toBe(
      'CONVERSION_FAILED: slow took longer than 0.3 s and was stopped',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a program that exits without writing a PDF', async () => {
    expect(await failure('/bin/true')).toBe(
      'CONVERSION_FAILED: PDF: the converter ended without writing its file',
    );
  });
});
