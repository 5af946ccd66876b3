import { beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../src/services/accounts/account.service.ts';
import { createWork } from '../src/services/posting/work-posting.service.ts';
import { DIALECTS } from '../test/stores.ts';
import { HAVE_CHROMIUM, logInPage, useDemoBrowser } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM).each(DIALECTS)('subscriptions in the browser on %s', (dialect) => {
  const session = useDemoBrowser(dialect);
  let workId: number;

  // The writer and the reader have accounts already; the journey is what they do around the work.
  beforeAll(async () => {
    const db = session.server.store.db;
    const member = (username: string) =>
      signUp(db, { username, email: `${username}@example.org`, password: 'correct horse' });
    const willow = await member('willow');
    await member('tara');
    workId = await createWork(db, session.server.search, willow, {
      title: 'Moonlit Wards',
      format: 'text',
      fandoms: ['Buffy the Vampire Slayer'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      complete: false,
      chapters: [{ body: 'Willow drew the first ward under the new moon.', format: 'text' }],
    });
  }, 60_000);

  const logIn = (name: string) => logInPage(session.browser, session.server.url, name);

  it('a member leaves kudos, comments, bookmarks into a collection and subscribes; a new chapter reaches their inbox', async () => {
    const server = session.server;
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
