import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoServer, HAVE_CHROMIUM, launchChromium, startDemoServer } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM)('a reader in the browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
  });

  const resultCount = async () => {
    const text = (await page.locator('.result-count').textContent()) ?? '';
    return Number(/of ([\d,]+) Works/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  };
  const workLink = (title: string) => page.getByRole('link', { name: title, exact: true });

  it('filters by include and exclude and sees the counts change', async () => {
    await page.goto(`${server.url}/works`);
    const all = await resultCount();
    expect(all).toBeGreaterThanOrEqual(30);
    await page.getByRole('checkbox', { name: 'Include Harry Potter - J. K. Rowling' }).check();
    await page.getByRole('button', { name: 'Sort and Filter' }).click();
    const potter = await resultCount();
    expect(potter).toBeGreaterThan(0);
    expect(potter).toBeLessThan(all);
    await expect.poll(() => page.locator('.chips').textContent()).toContain('Including: Harry Potter');
    await page.locator('summary', { hasText: 'Ratings' }).count();
    await page.getByRole('checkbox', { name: 'Explicit' }).first().check();
    await page.getByRole('button', { name: 'Sort and Filter' }).click();
    const explicitPotter = await resultCount();
    expect(explicitPotter).toBeLessThan(potter);
    // Removing a chip undoes one filter.
    await page.getByRole('link', { name: /Remove filter Rating: Explicit/ }).click();
    expect(await resultCount()).toBe(potter);
    // Exclude the fandom instead.
    await page.goto(`${server.url}/works`);
    await page.getByRole('checkbox', { name: 'Exclude Harry Potter - J. K. Rowling' }).check();
    await page.getByRole('button', { name: 'Sort and Filter' }).click();
    expect(await resultCount()).toBe(all - potter);
  });

  it('passes the adult gate once for the visit', async () => {
    await page.goto(`${server.url}/works?rating=Explicit&sort=title&order=asc`);
    await workLink('Bloody Valentine').click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(
        'This work could have adult content. If you continue, you have agreed that you are willing to see such content.',
      );
    await page.getByRole('link', { name: 'Proceed' }).click();
    await expect.poll(() => page.locator('.userstuff').count()).toBe(1);
    // Remembered: another Explicit work opens straight away.
    await page.goto(`${server.url}/works?rating=Explicit&sort=title&order=asc`);
    await workLink('Cleveland Rain').click();
    expect(await page.locator('.adult-gate').count()).toBe(0);
    expect(await page.locator('.userstuff').count()).toBe(1);
  });

  it('reads a work chapter by chapter, then entire', async () => {
    await page.goto(`${server.url}/works?q=${encodeURIComponent('"Marked Pages"')}`);
    await workLink('Marked Pages').click();
    await expect.poll(() => page.locator('h2.chapter-title').textContent()).toMatch(/^Chapter 1/);
    await page.getByRole('link', { name: 'Next Chapter →' }).first().click();
    await expect.poll(() => page.locator('h2.chapter-title').textContent()).toMatch(/^Chapter 2/);
    await page.getByRole('link', { name: 'Next Chapter →' }).first().click();
    await expect.poll(() => page.locator('h2.chapter-title').textContent()).toMatch(/^Chapter 3/);
    expect(await page.getByRole('link', { name: 'Next Chapter →' }).count()).toBe(0);
    await page.getByRole('link', { name: '← Previous Chapter' }).first().click();
    await expect.poll(() => page.locator('h2.chapter-title').textContent()).toMatch(/^Chapter 2/);
    await page.getByRole('link', { name: 'Entire Work' }).first().click();
    expect(await page.locator('section.chapter').count()).toBe(3);
  });

  it('changes theme and font, and the choice stays', async () => {
    await page.goto(`${server.url}/works`);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('radio', { name: 'Extra large' }).check();
    await page.getByRole('radio', { name: 'Sans-serif' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/works`);
    const body = page.locator('body');
    expect(await body.getAttribute('class')).toContain('theme-dark');
    const background = await body.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe('rgb(23, 23, 26)');
    const size = await body.evaluate((element) => getComputedStyle(element).fontSize);
    expect(Number.parseFloat(size)).toBeGreaterThan(20);
    await page.goto(`${server.url}/fandoms`);
    expect(await page.locator('body').getAttribute('class')).toContain('font-x-large');
  });

  it('downloads the EPUB', async () => {
    await page.goto(`${server.url}/works?q=${encodeURIComponent('"Marked Pages"')}`);
    await workLink('Marked Pages').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'EPUB' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^[A-Za-z0-9_.-]+\.epub$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.subarray(30, 38).toString()).toBe('mimetype');
  });

  it('follows a fandom feed', async () => {
    await page.goto(`${server.url}/fandoms`);
    await page.getByRole('link', { name: 'Sherlock (TV)', exact: true }).click();
    const feed = page.getByRole('link', { name: 'Atom feed of new works' });
    const href = await feed.getAttribute('href');
    const response = await page.request.get(`${server.url}${href}`);
    expect(response.headers()['content-type']).toContain('application/atom+xml');
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect((xml.match(/<entry>/g) ?? []).length).toBeGreaterThan(3);
  });

  it('works from the keyboard alone: the skip link moves focus to the content', async () => {
    await page.goto(`${server.url}/works`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    expect(first).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    const outline = await page.evaluate(() => {
      const link = document.querySelector<HTMLAnchorElement>('.blurb .heading a');
      link?.focus();
      return link ? getComputedStyle(link).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
  });

  it('fits a 320-pixel screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of [
      '/',
      '/works',
      '/works/10',
      '/fandoms',
      '/search',
      '/settings',
      '/series',
      '/creators',
    ]) {
      await page.goto(`${server.url}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(320);
    }
  });

  it('has no serious or critical axe violations on any page type', { timeout: 600_000 }, async () => {
    const pages = [
      '/',
      '/works',
      '/works?tags=Sherlock+(TV)&exclude_tags=Angst',
      '/works/10',
      '/works/10/full',
      '/works/1',
      '/works/1?view_adult=true',
      '/tags/Sherlock%20(TV)/works',
      '/fandoms',
      '/creators/',
      '/search',
      '/settings',
      '/works?sort=sideways',
      '/works?page=99',
      '/works?q=-Spike&creator=a',
      '/series',
      '/series/1',
      '/creators',
      '/works/10/navigate',
      '/no-such-page',
    ];
    const creator = await (await page.request.get(`${server.url}/works/10`)).text();
    const creatorPath = /href="(\/creators\/[^"]+)"/.exec(creator)?.[1] ?? '/creators/nobody';
    pages[pages.indexOf('/creators/')] = creatorPath;
    // Every page type in the light theme; the pages with the most colour (symbols, tags, chips) in the dark one too.
    const runs: [string, string[]][] = [
      ['light', pages],
      ['dark', ['/', '/works', '/works/10']],
      ['light&hide_warnings=1&hide_freeforms=1', ['/works', '/works/10']],
    ];
    for (const [theme, paths] of runs) {
      await page.context().addCookies([{ name: 'quire_reader', value: `theme=${theme}`, url: server.url }]);
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        const results = await new AxeBuilder({ page }).analyze();
        const bad = results.violations.filter(
          (violation) => violation.impact === 'serious' || violation.impact === 'critical',
        );
        expect(
          bad.map(
            (violation) =>
              `${theme} ${path}: ${violation.id}: ${violation.nodes
                .map((node) => node.target.join(' '))
                .slice(0, 3)
                .join(', ')}`,
          ),
        ).toEqual([]);
      }
    }
  });
});
