import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, useDemoBrowser } from './demo-server.ts';

describe.skipIf(!HAVE_CHROMIUM)('the API reference at /api/docs', () => {
  const session = useDemoBrowser();

  it("lists every operation, from this server only, within the site's CSP", async () => {
    const page = await (await session.browser.newContext()).newPage();
    const elsewhere: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(session.server.url) && !request.url().startsWith('data:'))
        elsewhere.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${session.server.url}/api/docs`);
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 20_000 }).toBe(10);
    const operations = await page.locator('.opblock-summary').allTextContents();
    for (const summary of [
      'GET/api/v1/works',
      'DELETE/api/v1/works/{id}',
      'PUT/api/v1/works/{id}/chapters/order',
      'DELETE/api/v1/works/{id}/chapters/{position}',
    ])
      expect(
        operations.some((text) => text.replace(/\s+/g, '').startsWith(summary)),
        summary,
      ).toBe(true);
    expect(await page.locator('.opblock-summary-description').allTextContents()).toContain(
      'Delete a work for good, with its chapters (its creators, or an admin)',
    );
    // The Authorize button takes a personal access token.
    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .click();
    await expect.poll(() => page.locator('.auth-container').textContent()).toContain('bearerAuth');
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
