import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, HAVE_CHROMIUM, launchChromium, startDemoServer } from './demo-server.ts';

const PHONE = { width: 375, height: 740 };

/** The journeys issue 22 found hard: phone filters, spoilers, series, finding creators. */
describe.skipIf(!HAVE_CHROMIUM)('a reader used to AO3', () => {
  let server: DemoServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  async function open(viewport = PHONE, settings?: string): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    if (settings) await context.addCookies([{ name: 'quire_reader', value: settings, url: server.url }]);
    return context.newPage();
  }
  const resultCount = async (page: Page) => {
    const text = (await page.locator('.result-count').textContent()) ?? '';
    return Number(/of ([\d,]+) Works/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  };

  it('reaches the filters on a phone in one tap, and a tag name is a label that ticks its box', async () => {
    const page = await open();
    await page.goto(`${server.url}/works`);
    const button = page.getByRole('link', { name: 'Filters', exact: true });
    // The Filters button is on the first screen, above the results.
    const box = await button.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await button.click();
    const heading = page.getByRole('heading', { name: 'Filters' });
    await expect.poll(async () => (await heading.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(((await heading.boundingBox())?.y ?? Number.POSITIVE_INFINITY) < PHONE.height).toBe(true);
    // Checkboxes big enough to tap; tapping the tag's name includes it.
    const include = page.getByRole('checkbox', { name: 'Include Sherlock (TV)' });
    const size = await include.boundingBox();
    expect(size?.width).toBeGreaterThanOrEqual(24);
    await page.locator('.facet-table label', { hasText: 'Sherlock (TV)' }).first().click();
    expect(await include.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Sort and Filter' }).click();
    await expect.poll(() => page.locator('.chips').textContent()).toContain('Including: Sherlock (TV)');
    // The date inputs show whole dates at this width.
    const date = page.locator('#f-updated-from');
    expect((await date.boundingBox())?.width).toBeGreaterThanOrEqual(140);
  });

  it('reaches the filters from the keyboard through a skip link', async () => {
    const page = await open({ width: 1280, height: 900 });
    await page.goto(`${server.url}/works`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to filters');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filters');
  });

  it('keeps warnings hidden, tooltip and screen-reader text too, until the reader asks', async () => {
    const page = await open({ width: 1280, height: 900 }, 'hide_warnings=1');
    await page.goto(`${server.url}/works?sort=title&order=asc`);
    const blurb = page.locator('.blurb').first();
    const leaks = await blurb.evaluate((element) => {
      const words = /No Archive Warnings|Violence|Major Character Death|Rape|Underage|Chose Not/;
      const visible = (element as HTMLElement).innerText.replace(/Show warnings/, '');
      const titles = Array.from(element.querySelectorAll('[title]')).map((node) =>
        node.getAttribute('title'),
      );
      const hiddenText = Array.from(element.querySelectorAll('.sr-only')).map((node) => node.textContent);
      return [visible, ...titles, ...hiddenText].filter((text) => text && words.test(text));
    });
    expect(leaks).toEqual([]);
    await blurb.getByText('Show warnings').click();
    await expect
      .poll(() => blurb.locator('.hidden-tags').innerText())
      .toMatch(/No Archive Warnings Apply|Violence|Death|Chose Not/);
  });

  it('follows a series from a blurb to its page and from one part to the next', async () => {
    const page = await open();
    await page.goto(`${server.url}/works?q=${encodeURIComponent('title:"The Umbrella"')}`);
    await page.getByRole('link', { name: 'The Tuesday Cases' }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('The Tuesday Cases');
    const titles = await page.locator('.blurb .heading > a').allTextContents();
    expect(titles.slice(0, 2)).toEqual(['The Umbrella', 'The Second Key']);
    await page.getByRole('link', { name: 'The Umbrella', exact: true }).click();
    await page
      .getByRole('link', { name: /Next Work/ })
      .first()
      .click();
    await expect.poll(() => page.locator('h1.title').textContent()).toContain('The Second Key');
    await page
      .getByRole('link', { name: /Previous Work/ })
      .first()
      .click();
    await expect.poll(() => page.locator('h1.title').textContent()).toContain('The Umbrella');
  });

  it('finds a creator from the search form and the creator index, and excludes a word', async () => {
    const page = await open({ width: 1280, height: 900 });
    await page.goto(`${server.url}/search`);
    await page.getByLabel('Creator', { exact: true }).fill('lanternfish');
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    const found = await resultCount(page);
    expect(found).toBeGreaterThanOrEqual(2);
    const bylines = await page.locator('.blurb .heading a[rel=author]').allTextContents();
    expect(new Set(bylines)).toEqual(new Set(['lanternfish']));
    await page.goto(`${server.url}/creators`);
    await page.getByRole('link', { name: 'lanternfish', exact: true }).click();
    expect(await resultCount(page)).toBe(found);
    // A creator's page sorts like the works index.
    await page.getByLabel('Sort by').selectOption('title');
    await expect.poll(() => page.url()).toContain('sort=title');
    // -Spike leaves out the works that mention Spike.
    await page.goto(`${server.url}/works`);
    const all = await resultCount(page);
    await page.goto(`${server.url}/works?q=Spike`);
    const spike = await resultCount(page);
    await page.goto(`${server.url}/works?q=-Spike`);
    expect(spike).toBeGreaterThan(0);
    expect(await resultCount(page)).toBe(all - spike);
  });
});
