import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from './demo-server.ts';

const STYLESHEET = readFileSync(new URL('../src/web/public/quire.css', import.meta.url), 'utf8');

describe.skipIf(!HAVE_CHROMIUM)('a title that overrides the text direction', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('reverses only itself, not the creator named after it', async () => {
    const page = await browser.newPage();
    // A blurb's heading as the site writes it, the title opening with RIGHT-TO-LEFT OVERRIDE.
    await page.setContent(
      `<style>${STYLESHEET}</style><h3 class="heading"><a id="title" href="/works/1">\u202eEvil title</a> by <a id="creator" rel="author" href="/users/willow">Willow</a></h3>`,
    );
    const title = await page.locator('#title').boundingBox();
    const creator = await page.locator('#creator').boundingBox();
    expect(title && creator && creator.x > title.x + title.width).toBe(true);
    await page.close();
  });
});
