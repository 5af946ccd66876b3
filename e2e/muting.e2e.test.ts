import { describe, expect, it } from 'vitest';
import { signUp } from '../src/services/accounts/account.service.ts';
import { createWork } from '../src/services/posting/work-posting.service.ts';
import { DIALECTS } from '../test/stores.ts';
import { HAVE_CHROMIUM, useDemoBrowser } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM).each(DIALECTS)('muting a member in the browser on %s', (dialect) => {
  const session = useDemoBrowser(dialect);

  it('a member mutes another: their works leave the works index and a tag page, and the counts add up', async () => {
    const { server, browser } = session;
    // A member who writes: two works in a fandom the demo archive has.
    const spike = await signUp(server.store.db, {
      username: 'spike',
      email: 'spike@example.org',
      password: 'correct horse',
    });
    const fandom = 'Buffy the Vampire Slayer';
    for (const title of ['Bloody Awful Poetry', 'Once More With Feeling'])
      await createWork(server.store.db, session.server.search, spike, {
        title,
        fandoms: [fandom],
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        chapters: [{ body: `${title}: Spike wrote it on a gravestonequill.`, format: 'text' }],
      });

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Username').fill('tara');
    await page.getByLabel('Email').fill('tara@example.org');
    await page.getByLabel('Password').fill('correct horse');
    await page.locator('main form button[type=submit]').click();
    await page.waitForURL(/\/account$/);

    /** The "N Works" a listing's heading counts. */
    const total = async (path: string) => {
      await page.goto(`${server.url}${path}`);
      const text = (await page.locator('.result-count').textContent()) ?? '';
      return Number(/of ([\d,]+) Works/.exec(text)?.[1]?.replace(/,/g, '') ?? Number.NaN);
    };
    const tagPage = `/tags/${encodeURIComponent(fandom)}/works`;
    const before = { index: await total('/works'), tag: await total(tagPage) };
    expect(before.index).toBeGreaterThan(2);
    expect(before.tag).toBeGreaterThanOrEqual(2);

    await page.goto(`${server.url}/creators/spike`);
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    await page.waitForURL(/\/creators\/spike$/);
    expect(await page.getByRole('button', { name: 'Unmute' }).count()).toBe(1);
    expect(await page.locator('.result-count').textContent()).toBe('No works found.');

    const after = { index: await total('/works'), tag: await total(tagPage) };
    expect(after).toEqual({ index: before.index - 2, tag: before.tag - 2 });
    await page.goto(`${server.url}/works?q=gravestonequill`);
    expect(await page.locator('.result-count').textContent()).toBe('No works found.');
    // The fandom's facet on the works index counts without them too.
    await page.goto(`${server.url}/works?tags=${encodeURIComponent(fandom)}`);
    expect(await page.locator('.personal-note').textContent()).toContain('members you muted');

    // A guest still sees every work.
    const guest = await (await browser.newContext()).newPage();
    await guest.goto(`${server.url}/works`);
    expect(await guest.locator('.result-count').textContent()).toContain(
      `of ${before.index.toLocaleString('en-US')} Works`,
    );

    // Unmuting from the settings page brings them back.
    await page.goto(`${server.url}/account/filters`);
    await page.getByRole('button', { name: 'Unmute' }).click();
    await page.waitForURL(/\/account\/filters\?notice=unmute$/);
    expect(await total('/works')).toBe(before.index);
  });
});
