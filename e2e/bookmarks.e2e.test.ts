import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../test/stores.ts';
import { HAVE_CHROMIUM, useDemoBrowser } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM).each(DIALECTS)(
  'bookmarks, continue reading and Mark for Later in the browser on %s',
  (dialect) => {
    const session = useDemoBrowser(dialect);

    it('a member bookmarks into a collection, reads chapter 2 and continues there, and marks a work for later', async () => {
      const page = await (await session.browser.newContext()).newPage();
      await page.goto(`${session.server.url}/signup`);
      await page.getByLabel('Username').fill('dawn');
      await page.getByLabel('Email').fill('dawn@example.org');
      await page.getByLabel('Password').fill('correct horse');
      await page.locator('main form button[type=submit]').click();
      await page.waitForURL(/\/account$/);

      // A work of two chapters or more, rated for everyone (no adult notice on the way).
      await page.goto(`${session.server.url}/works?sort=title&rating=General+Audiences&per_page=100`);
      const path = await page.evaluate(() => {
        for (const blurb of Array.from(document.querySelectorAll('.blurb'))) {
          const chapters = Array.from(blurb.querySelectorAll('.stats dt')).find(
            (dt) => dt.textContent === 'Chapters:',
          );
          if (Number.parseInt(chapters?.nextElementSibling?.textContent ?? '1', 10) >= 2)
            return blurb.querySelector('.heading a')?.getAttribute('href') ?? null;
        }
        return null;
      });
      expect(path).not.toBeNull();
      const workUrl = `${session.server.url}${path}`;
      await page.goto(workUrl);
      const title = (await page.locator('h1.title').textContent())?.trim() ?? '';

      await page.getByRole('link', { name: 'Bookmark', exact: true }).click();
      await page.getByLabel('Notes').fill('Read this on the train.');
      await page.getByLabel('Your tags').fill('train reads, comfort');
      await page.getByLabel('Add to a new collection').fill('Commute');
      await page.getByLabel('Recommend this').check();
      await page.getByRole('button', { name: 'Create bookmark' }).click();
      await page.waitForURL(/\/users\/dawn\/bookmarks$/);
      expect(await page.locator('.blurb .heading a').first().textContent()).toBe(title);
      expect(await page.locator('.bookmark-notes').textContent()).toBe('Read this on the train.');
      expect(await page.locator('.bookmark-tags a').allTextContents()).toEqual(['train reads', 'comfort']);
      await page.getByRole('link', { name: 'Commute' }).first().click();
      await expect.poll(() => page.locator('h1').first().textContent()).toBe('Bookmarks by dawn in Commute');

      // The work's bookmarks page shows the public bookmark to a guest, and the count says one.
      const guest = await (await session.browser.newContext()).newPage();
      await guest.goto(`${workUrl}/bookmarks`);
      expect(await guest.locator('main h2').first().textContent()).toBe('1 bookmark');
      expect(await guest.locator('.bookmarker a').textContent()).toBe('dawn');

      // Reading chapter 2, then opening the work, offers to continue there.
      await page.goto(`${workUrl}/chapters/2`);
      await page.goto(workUrl);
      const resume = page.getByRole('link', { name: 'Continue reading (Chapter 2)' });
      expect(await resume.getAttribute('href')).toBe(`${path}/chapters/2`);

      await page.getByRole('button', { name: 'Mark for Later' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Mark as Read' }).count()).toBe(1);
      await page.goto(`${session.server.url}/users/dawn/readings?show=to-read`);
      expect(await page.locator('.blurb .heading a').first().textContent()).toBe(title);
      await page.goto(`${session.server.url}/users/dawn/readings`);
      expect(await page.locator('.reading .continue-reading').first().textContent()).toBe(
        'Continue reading (Chapter 2)',
      );
    });
  },
);
