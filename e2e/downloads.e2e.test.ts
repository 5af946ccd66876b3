import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../test/converters.ts';
import { epubcheck, hasEpubcheck } from '../test/epubcheck.ts';
import { type DemoServer, HAVE_CHROMIUM, launchChromium, startDemoServer } from './demo-server.ts';

// One demo archive for both suites: the server finds Chromium and calibre as `quire serve` does.
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
}, 120_000);
afterAll(async () => server?.close());

/** Every work of the demo archive, downloaded as a reader would, passes epubcheck without a warning. */
describe.skipIf(!hasEpubcheck)('the demo archive’s EPUBs', () => {
  it('all pass epubcheck with no errors and no warnings', { timeout: 900_000 }, async () => {
    const links: string[] = [];
    for (let page = 1; ; page++) {
      const feed = await server.app.inject(`/opds/new?page=${page}`);
      for (const match of feed.body.matchAll(/href="([^"]+\.epub)"/g))
        links.push(new URL(match[1] ?? '').pathname);
      if (!feed.body.includes('rel="next"')) break;
    }
    expect(links.length).toBeGreaterThanOrEqual(30);
    const problems: string[] = [];
    // Two at a time: the machine has two cores and epubcheck is a JVM.
    for (let index = 0; index < links.length; index += 2) {
      const batch = links.slice(index, index + 2);
      const reports = await Promise.all(
        batch.map(async (link) => {
          const response = await server.app.inject(link);
          expect(response.statusCode, link).toBe(200);
          return (await epubcheck(`work-${index}`, response.rawPayload)).map((line) => `${link}: ${line}`);
        }),
      );
      problems.push(...reports.flat());
    }
    expect(problems).toEqual([]);
  });
});

/** With Chromium on the machine the demo server offers PDF: a reader downloads one. */
describe.skipIf(!HAVE_CHROMIUM)('a PDF download in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => browser?.close());

  it('opens the Download menu, takes the PDF, and gets the work as a PDF', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/works?q=${encodeURIComponent('"Marked Pages"')}`);
    await page.getByRole('link', { name: 'Marked Pages', exact: true }).click();
    await page.locator('.download-menu summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 240_000 }),
      page.locator('.download-menu').getByRole('link', { name: 'PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Marked_Pages.pdf');
    const { pages, text } = await pdfText(readFileSync(await download.path()));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Marked Pages');
    await context.close();
  });
});
