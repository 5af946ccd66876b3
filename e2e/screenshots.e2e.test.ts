import { existsSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, HAVE_CHROMIUM, launchChromium, startDemoServer } from './demo-server.ts';
import { PAGE_KINDS, resolvePath, screenshotFile, WIDTHS } from './page-kinds.ts';

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(!HAVE_CHROMIUM)('every kind of page at 375 and 1280 pixels', () => {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of WIDTHS)
    it(`fits ${viewport.width} pixels, with its screenshot in docs/`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ viewport });
      try {
        for (const { kind, path, settings } of PAGE_KINDS) {
          await context.clearCookies();
          if (settings)
            await context.addCookies([{ name: 'quire_reader', value: settings, url: server.url }]);
          const page = await context.newPage();
          const response = await page.goto(`${server.url}${await resolvePath(server.url, path)}`);
          expect(response?.status(), path).toBe(200);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
            viewport.width,
          );
          expect(await page.locator('main h1').count(), path).toBe(1);
          // The screenshot the docs show exists, at this width (`npm run screenshots` makes them).
          const file = screenshotFile(kind, viewport.width);
          expect(existsSync(file), `${file}: run npm run screenshots`).toBe(true);
          expect(pngSize(file), file).toEqual(viewport);
          await page.close();
        }
      } finally {
        await context.close();
      }
    });
});
