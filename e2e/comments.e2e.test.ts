import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../src/services/accounts/account.service.ts';
import { createWork } from '../src/services/posting/work-posting.service.ts';
import { DIALECTS } from '../test/stores.ts';
import { type DemoServer, HAVE_CHROMIUM, launchChromium, logInPage, startDemoServer } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM).each(DIALECTS)('comments in the browser on %s', (dialect) => {
  let server: DemoServer;
  let browser: Browser;
  let workUrl: string;

  beforeAll(async () => {
    server = await startDemoServer(dialect);
    browser = await launchChromium();
    // The writer and the readers have accounts already; the journey is what they do on the work's page.
    const db = server.store.db;
    const member = (username: string) =>
      signUp(db, { username, email: `${username}@example.org`, password: 'correct horse' });
    const willow = await member('willow');
    await member('tara');
    await member('xander');
    const id = await createWork(db, server.search, willow, {
      title: 'Spellbook Notes',
      format: 'text',
      fandoms: ['Buffy the Vampire Slayer'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [{ body: 'Willow copied the spell by candlelight.', format: 'text' }],
    });
    workUrl = `${server.url}/works/${id}`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const logIn = (name: string) => logInPage(browser, server.url, name);
  // The innermost comment holding the text: a thread's item holds its replies' text too.
  const comment = (page: Page, text: string) => page.locator('li.comment', { hasText: text }).last();

  it('a member comments, another replies, the creator deletes a comment and freezes the thread', async () => {
    const tara = await logIn('tara');
    await tara.goto(workUrl);
    await tara.getByLabel('Comment', { exact: true }).fill('The candlelight scene is lovely.');
    await tara.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => tara.locator('#comments-heading').textContent()).toBe('Comments (1)');
    await tara.getByLabel('Comment', { exact: true }).fill('Buy cheap candles at example.org!');
    await tara.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => tara.locator('#comments-heading').textContent()).toBe('Comments (2)');

    const xander = await logIn('xander');
    await xander.goto(workUrl);
    await comment(xander, 'The candlelight scene').getByRole('link', { name: 'Reply' }).click();
    await xander.getByLabel('Comment', { exact: true }).fill('Agreed, it glows.');
    await xander.getByRole('button', { name: 'Reply' }).click();
    await expect
      .poll(() => comment(xander, 'Agreed, it glows.').locator('.byline').textContent())
      .toBe('xander');
    await xander.goto(workUrl);
    // The reply sits inside the thread it answers.
    expect(
      await comment(xander, 'The candlelight scene').locator('ol.thread li.comment').textContent(),
    ).toContain('Agreed, it glows.');

    const willow = await logIn('willow');
    await willow.goto(workUrl);
    await comment(willow, 'cheap candles').getByRole('button', { name: 'Delete' }).click();
    await willow.waitForURL(/#comments$/);
    expect(await willow.locator('li.comment', { hasText: 'cheap candles' }).count()).toBe(0);
    await expect.poll(() => willow.locator('#comments-heading').textContent()).toBe('Comments (2)');
    await comment(willow, 'The candlelight scene')
      .getByRole('button', { name: 'Freeze Thread' })
      .first()
      .click();
    await expect
      .poll(() => comment(willow, 'The candlelight scene').locator('.notice').first().textContent())
      .toBe('This thread is frozen: it takes no new replies.');

    await xander.goto(workUrl);
    const frozen = comment(xander, 'The candlelight scene');
    expect(await frozen.getByRole('link', { name: 'Reply' }).count()).toBe(0);
    expect(await frozen.locator('.notice').first().textContent()).toBe(
      'This thread is frozen: it takes no new replies.',
    );
    // Tara's inbox tells her of the reply.
    await tara.goto(`${server.url}/inbox`);
    expect(await tara.locator('.inbox li').first().textContent()).toContain(
      'xander replied to your comment on Spellbook Notes',
    );
  });
});
