import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setRole } from '../src/services/accounts/account.service.ts';
import { DIALECTS } from '../test/stores.ts';
import { HAVE_CHROMIUM, useDemoBrowser } from './demo-server.ts';

async function signUp(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/signup`);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Email').fill(`${name}@example.org`);
  await page.getByLabel('Password').fill('correct horse');
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL(/\/account$/);
}

describe.skipIf(!HAVE_CHROMIUM).each(DIALECTS)('reports and moderation in the browser on %s', (dialect) => {
  const session = useDemoBrowser(dialect);

  it('a member reports a work, an admin hides it from the queue, and the audit log shows it', async () => {
    const member = await (await session.browser.newContext()).newPage();
    await signUp(member, session.server.url, 'willow');
    await member.goto(`${session.server.url}/works?sort=title&rating=General+Audiences`);
    const first = member.locator('.blurb .heading a').first();
    const title = (await first.textContent()) ?? '';
    await first.click();
    await member.getByRole('link', { name: 'Report this work' }).click();
    await member.getByLabel('Reason').selectOption('spam');
    await member.getByLabel('What is wrong').fill('It is an advert for a shop.');
    await member.getByRole('button', { name: 'Send the report' }).click();
    await expect.poll(() => member.locator('[role=status]').textContent()).toContain('your report is sent');

    const admin = await (await session.browser.newContext()).newPage();
    await signUp(admin, session.server.url, 'giles');
    await setRole(session.server.store.db, 'giles', 'admin');
    await admin.goto(`${session.server.url}/admin/reports`);
    const report = admin.locator('.reports li').filter({ hasText: title });
    expect(await report.locator('blockquote').textContent()).toBe('It is an advert for a shop.');
    await report.getByLabel('Hide the work').check();
    await report.getByLabel('Note').fill('advertising');
    await report.getByRole('button', { name: /Resolve report/ }).click();
    await expect.poll(() => admin.locator('[role=status]').textContent()).toBe('The report is resolved.');

    await member.goto(`${session.server.url}/works?sort=title&rating=General+Audiences`);
    expect(await member.locator('.blurb .heading a').allTextContents()).not.toContain(title);

    await admin.goto(`${session.server.url}/admin/audit`);
    const rows = await admin.locator('table.audit tbody tr').allTextContents();
    expect(rows[0]).toContain('report.resolve');
    expect(rows[1]).toMatch(
      new RegExp(`giles.*work\\.hide.*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*advertising`),
    );
  });
});
