import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { activeContent, XSS_CORPUS } from '../../../test/xss-corpus.ts';
import { openStore } from '../../db/connect.ts';
import { sqliteSearch } from '../../search/sqlite-fts.ts';
import { setRole } from '../../services/accounts/account.service.ts';
import { createApiToken } from '../../services/accounts/api-token.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

const STORIES = [
  'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\nAdditional Tags: bells ringing\n\nKaylee rang the bells.',
];

async function signUp(app: App, name: string, role?: 'admin' | 'wrangler', db?: TestStore): Promise<Browser> {
  const browser = new Browser(app);
  await browser.submit('/signup', {
    username: name,
    email: `${name}@example.org`,
    password: 'correct horse',
  });
  if (role && db) await setRole(db.store.db, name, role);
  return browser;
}

describe.each(DIALECTS)('reports, suspensions and wrangling in the browser on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let admin: Browser;
  let member: Browser;
  let bells: number;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    bells = (await db.store.db.selectFrom('works').select('id').executeTakeFirstOrThrow()).id;
    app = await buildApp({ store: db.store, search: db.search, pageCache: false, authSleep: async () => {} });
    admin = await signUp(app, 'giles', 'admin', db);
    member = await signUp(app, 'willow');
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('takes a report, refuses bad ones, and lets an admin resolve it once', async () => {
    const { $ } = await member.get(`/works/${bells}`);
    expect($('a[href^="/report?kind=work"]').text()).toBe('Report this work');
    const empty = await member.submit(`/report?kind=work&id=${bells}`, { reason: '', details: '' });
    expect(empty.response.statusCode).toBe(400);
    expect(empty.$('[role=alert], .problems').text()).toMatch(/reason/);
    expect((await member.get('/report?kind=work&id=99999')).response.statusCode).toBe(404);
    expect((await member.get('/report?kind=planet&id=1')).response.statusCode).toBe(400);
    const sent = await member.submit(`/report?kind=work&id=${bells}`, {
      reason: 'spam',
      details: 'An advert.',
    });
    expect(sent.$('[role=status]').text()).toContain('your report is sent');

    const queue = await admin.get('/admin/reports');
    expect(queue.$('.reports li h2').text()).toContain('Bells');
    const form = queue.$('.reports li form').attr('action') ?? '';
    const resolved = await admin.submit(
      '/admin/reports',
      { action: 'hide-work', note: 'advert' },
      `form[action="${form}"]`,
    );
    expect(resolved.response.statusCode).toBe(303);
    const again = await admin.post(form, { _csrf: await admin.csrf('/account/forgot'), action: 'dismiss' });
    expect(again.response.statusCode).toBe(400);
    expect(
      (
        await admin.post('/admin/reports/99999/resolve', {
          _csrf: await admin.csrf('/account/forgot'),
          action: 'dismiss',
        })
      ).response.statusCode,
    ).toBe(404);
    const audit = await admin.get('/admin/audit');
    expect(audit.$('table.audit tbody tr').first().text()).toContain('report.resolve');
    expect(audit.$('table.audit').text()).toContain('work.hide');
    await db.store.db.updateTable('works').set({ status: 'posted' }).where('id', '=', bells).execute();
  });

  it('shows hostile report texts, notes and tag names as text on the queue and the audit log', async () => {
    const reporter = await signUp(app, 'dawn');
    await signUp(app, 'harmony');
    for (const payload of XSS_CORPUS) {
      await reporter.submit(`/report?kind=work&id=${bells}`, { reason: 'other', details: payload });
      await admin.submit('/admin/members/harmony', { days: '1', note: payload });
      await admin.submit('/admin/members/harmony', { note: payload });
    }
    const queue = await admin.get('/admin/reports');
    expect(queue.$('.reports blockquote').length).toBe(XSS_CORPUS.length);
    expect(activeContent(queue.response.body, { forms: true })).toEqual([]);
    for (let page = 1; page <= 3; page++) {
      const audit = await admin.get(`/admin/audit?page=${page}`);
      expect(activeContent(audit.response.body, { forms: true })).toEqual([]);
    }
    expect((await admin.get('/admin/audit')).$('table.audit').text()).toContain(XSS_CORPUS[0]);
  });

  it('limits guests to five reports an hour from one address', async () => {
    const guest = new Browser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await guest.submit(`/report?kind=work&id=${bells}`, { reason: 'other', details: `Report ${i}` }))
          .response.statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('suspends a member: their session ends, log in and posting are refused saying until when', async () => {
    const spike = await signUp(app, 'spike');
    const user = await db.store.db
      .selectFrom('users')
      .select('id')
      .where('name', '=', 'spike')
      .executeTakeFirstOrThrow();
    const token = (await createApiToken(db.store.db, user.id, 'spike')).secret;
    // A non-admin cannot suspend anyone, an admin not an admin.
    const byMember = await member.post('/admin/members/giles/suspend', {
      _csrf: await member.csrf('/account/forgot'),
      days: '3',
    });
    expect(byMember.response.statusCode).toBe(403);
    const other = await signUp(app, 'ethan', 'admin', db);
    const adminOnAdmin = await other.submit('/admin/members/giles', { days: '3' });
    expect(adminOnAdmin.response.statusCode).toBe(403);
    const bad = await admin.submit('/admin/members/spike', { days: '0' });
    expect(bad.response.statusCode).toBe(400);
    const done = await admin.submit('/admin/members/spike', { days: '3', note: 'threats' });
    expect(done.response.statusCode).toBe(303);
    expect((await spike.get('/account')).response.statusCode).toBe(303);
    const login = await spike.submit('/login', { login: 'spike', password: 'correct horse' });
    expect(login.response.statusCode).toBe(403);
    expect(login.$('main').text()).toMatch(/suspended until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(threats\)/);
    const posted = await app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        title: 'X',
        fandoms: ['Firefly'],
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        chapters: [{ body: 'x', format: 'text' }],
      },
    });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toMatch(/suspended until/);
    const lifted = await admin.submit('/admin/members/spike', { note: 'ok' });
    expect(lifted.response.statusCode).toBe(303);
    expect(
      (await spike.submit('/login', { login: 'spike', password: 'correct horse' })).response.statusCode,
    ).toBe(303);
  });

  it('wrangles a tag in the browser with the same result as quire tags', async () => {
    const wrangler = await signUp(app, 'anya', 'wrangler', db);
    const page = await wrangler.get('/tags/wrangle?kind=freeform&fandom=Firefly');
    expect(page.$('table.wrangling tbody').text()).toContain('bells ringing');
    const done = await wrangler.submit(
      '/tags/wrangle?kind=freeform',
      { action: 'map', target: 'Bells' },
      'table.wrangling form',
    );
    expect(done.response.statusCode).toBe(303);
    const empty = await wrangler.post('/tags/wrangle', {
      _csrf: await wrangler.csrf('/account/forgot'),
      action: 'map',
      tag: 'bells ringing',
      target: ' ',
    });
    expect(empty.response.statusCode).toBe(400);
    expect(empty.$('[role=alert]').text()).toContain('target');
    if (dialect !== 'sqlite') return;
    // The same change through the command line, on a copy of the archive made the same way.
    const data = mkdtempSync(join(tmpdir(), 'quire-wrangle-'));
    const store = await openStore({ dataDir: data });
    await insertStories({ store, search: sqliteSearch, cleanup: async () => {} }, STORIES);
    await store.close();
    await promisify(execFile)(process.execPath, [
      'bin/quire.js',
      'tags',
      'map',
      'bells ringing',
      'Bells',
      '--data',
      data,
    ]);
    const copy = await openStore({ dataDir: data });
    const state = async (target: typeof copy.db) =>
      target
        .selectFrom('tags as t')
        .leftJoin('tags as c', 'c.id', 't.synonym_of')
        .select(['t.kind', 't.name', 't.canonical', 'c.name as leads_to'])
        .orderBy('t.kind')
        .orderBy('t.name')
        .execute();
    expect(await state(copy.db)).toEqual(await state(db.store.db));
    const cli = await copy.db.selectFrom('audit_log').select(['actor_name', 'action']).execute();
    expect(cli).toEqual([{ actor_name: 'the command line', action: 'tag.map' }]);
    await copy.close();
  });

  it('changes a role from the member page: audited, CSRF-checked, admins only, never the last admin', async () => {
    await signUp(app, 'jonathan');
    const roleForm = 'form.role-form';
    const page = await admin.get('/admin/members/jonathan');
    expect(page.$(`${roleForm} select[name=role] option[selected]`).attr('value')).toBe('member');
    const changed = await admin.submit('/admin/members/jonathan', { role: 'wrangler' }, roleForm);
    expect(changed.response.statusCode).toBe(303);
    expect(changed.response.headers.location).toBe('/admin/members/jonathan?notice=role');
    const after = await admin.get('/admin/members/jonathan?notice=role');
    expect(after.$('[role=status]').text()).toBe('The role is changed.');
    expect(after.$(`${roleForm} option[selected]`).attr('value')).toBe('wrangler');
    const audit = await admin.get('/admin/audit');
    const row = audit.$('table.audit tbody tr').first().text();
    expect(row).toContain('member.role');
    expect(row).toContain('member -> wrangler');
    expect(row).toContain('giles');

    const unknown = await admin.submit('/admin/members/jonathan', { role: 'overlord' }, roleForm);
    expect(unknown.response.statusCode).toBe(400);
    expect(unknown.$('.error-summary, [role=alert]').text()).toContain('one of member, wrangler, admin');
    const nobody = await admin.submit('/admin/members/jonathan', {}, roleForm);
    expect(nobody.response.statusCode).toBe(400);
    expect(
      (
        await admin.post('/admin/members/nobody/role', {
          _csrf: await admin.csrf('/admin/members/jonathan'),
          role: 'admin',
        })
      ).response.statusCode,
    ).toBe(404);
    const noToken = await admin.post('/admin/members/jonathan/role', { role: 'admin' });
    expect(noToken.response.statusCode).toBe(403);
    const byMember = await member.post('/admin/members/jonathan/role', {
      _csrf: await member.csrf('/account/forgot'),
      role: 'admin',
    });
    expect(byMember.response.statusCode).toBe(403);
    const byGuest = await new Browser(app).post('/admin/members/jonathan/role', { role: 'admin' });
    expect([303, 403]).toContain(byGuest.response.statusCode);
    const role = async (name: string) =>
      (
        await db.store.db
          .selectFrom('users')
          .select('role')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).role;
    expect(await role('jonathan')).toBe('wrangler');

    // Every other admin made a member, the last one cannot step down.
    const admins = await db.store.db.selectFrom('users').select('name').where('role', '=', 'admin').execute();
    for (const { name } of admins.filter(({ name }) => name !== 'giles'))
      expect(
        (await admin.submit(`/admin/members/${name}`, { role: 'member' }, roleForm)).response.statusCode,
      ).toBe(303);
    const last = await admin.submit('/admin/members/giles', { role: 'member' }, roleForm);
    expect(last.response.statusCode).toBe(400);
    expect(last.$('main').text()).toContain('giles is the last admin');
    expect(await role('giles')).toBe('admin');
  });
});
