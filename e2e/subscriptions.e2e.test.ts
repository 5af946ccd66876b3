import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteSearch } from '../src/search/sqlite-fts.ts';
import { signUp } from '../src/services/accounts/account.service.ts';
import { createWork } from '../src/services/posting/work-posting.service.ts';
import { type DemoServer, HAVE_CHROMIUM, launchChromium, startDemoServer } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM)('subscriptions in the browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let workId: number;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    // The writer and the reader have accounts already; the journey is what they do around the work.
    const db = server.store.db;
    const member = (username: string) =>
      signUp(db, { username, email: `${username}@example.org`, password: 'correct horse' });
    const willow = await member('willow');
    await member('tara');
    workId = await createWork(db, sqliteSearch, willow, {
      title: 'Moonlit Wards',
      format: 'text',
      fandoms: ['Buffy the Vampire Slayer'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      complete: false,
      chapters: [{ body: 'Willow drew the first ward under the new moon.', format: 'text' }],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const logIn = async (name: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Username or email').fill(name);
    await page.getByLabel('Password').fill('correct horse');
    await page.locator('main form button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  };

  it('a member leaves kudos, comments, bookmarks into a collection and subscribes; a new chapter reaches their inbox', async () => {
    const workUrl = `${server.url}/works/${workId}`;
    const tara = await logIn('tara');
    await tara.goto(workUrl);
    await tara.getByRole('button', { name: 'Kudos ♥' }).click();
    await expect.poll(() => tara.locator('.kudos-list').textContent()).toBe('tara left kudos on this work!');
    await tara.getByLabel('Comment', { exact: true }).fill('The ward scene is lovely.');
    await tara.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => tara.locator('#comments-heading').textContent()).toBe('Comments (1)');

    await tara.getByRole('link', { name: 'Bookmark', exact: true }).click();
    await tara.getByLabel('Add to a new collection').fill('Witchcraft');
    await tara.getByRole('button', { name: 'Create bookmark' }).click();
    await tara.waitForURL(/\/users\/tara\/bookmarks$/);
    expect(await tara.getByRole('link', { name: 'Witchcraft' }).count()).toBeGreaterThan(0);

    await tara.goto(workUrl);
    await tara.getByRole('button', { name: 'Subscribe to this work' }).click();
    await expect.poll(() => tara.getByRole('button', { name: 'Unsubscribe from this work' }).count()).toBe(1);
    await tara.goto(`${server.url}/account/subscriptions`);
    expect(await tara.locator('ul.subscriptions li a').first().textContent()).toBe('Moonlit Wards');

    // The writer, in a browser of her own, adds a chapter.
    const willow = await logIn('willow');
    await willow.goto(`${workUrl}/chapters/new`);
    await willow.getByLabel('Chapter title').fill('The Second Ward');
    await willow.getByLabel('Chapter text').fill('Willow drew the second ward at dawn.');
    await willow.getByRole('button', { name: 'Add chapter' }).click();
    await expect.poll(() => willow.locator('.chapter-list li').count()).toBe(2);
    // She is told of Tara's comment, not of her own chapter.
    await willow.goto(`${server.url}/inbox`);
    expect(await willow.locator('ol.inbox li').allTextContents()).not.toContainEqual(
      expect.stringContaining('New chapter'),
    );

    await tara.goto(`${server.url}/inbox`);
    const notice = tara.locator('ol.inbox li', { hasText: 'New chapter 2 of' });
    await expect.poll(() => notice.count()).toBe(1);
    await notice.getByRole('link', { name: 'Moonlit Wards' }).click();
    await tara.waitForURL(new RegExp(`/works/${workId}/chapters/2$`));
    expect(await tara.locator('main').textContent()).toContain('Willow drew the second ward at dawn.');
  });
});
