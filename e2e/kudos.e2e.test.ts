import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../test/stores.ts';
import { HAVE_CHROMIUM, useDemoBrowser } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM).each(DIALECTS)('kudos in the browser on %s', (dialect) => {
  const session = useDemoBrowser(dialect);

  it('a guest and then a member leave kudos, and the work says who', async () => {
    const guest = await (await session.browser.newContext()).newPage();
    await guest.goto(`${session.server.url}/works?sort=title&rating=General+Audiences`);
    const first = guest.locator('.blurb .heading a').first();
    const title = (await first.textContent()) ?? '';
    await first.click();
    const workUrl = guest.url().replace(/\?.*$/, '');
    await guest.getByRole('button', { name: 'Kudos ♥' }).click();
    await expect.poll(() => guest.locator('h1').textContent()).toBe(`Kudos for ${title}`);
    await guest.getByRole('button', { name: 'Kudos ♥' }).click();
    await expect
      .poll(() => guest.locator('main .notice').textContent())
      .toBe('You have already left kudos here. :)');

    const member = await (await session.browser.newContext()).newPage();
    await member.goto(`${session.server.url}/signup`);
    await member.getByLabel('Username').fill('anya');
    await member.getByLabel('Email').fill('anya@example.org');
    await member.getByLabel('Password').fill('correct horse');
    await member.locator('main form button[type=submit]').click();
    await member.waitForURL(/\/account$/);
    await member.goto(workUrl);
    await member.getByRole('button', { name: 'Kudos ♥' }).click();
    await expect
      .poll(() => member.locator('.kudos-list').textContent())
      .toBe('anya and 1 guest left kudos on this work!');
    expect(await member.getByRole('button', { name: 'Kudos ♥' }).count()).toBe(0);
    const kudos = member
      .locator('.work-meta dt', { hasText: 'Kudos:' })
      .locator('xpath=following-sibling::dd[1]');
    expect(await kudos.textContent()).toBe('2');
  });
});
