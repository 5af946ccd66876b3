import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { XSS_CORPUS } from '../../../test/xss-corpus.ts';
import { listOutbox } from '../../services/accounts/mailer.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

describe.each(DIALECTS)('account pages on %s', (dialect) => {
  let db: TestStore;
  let app: App;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      site: { baseUrl: 'https://fic.example' },
      // The growing delays have their own test (auth-delay.test.ts); here they would only slow the suite.
      authSleep: async () => {},
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('signs up, logs out and in again with a fresh HttpOnly, SameSite, Secure session cookie', async () => {
    const browser = new Browser(app);
    const signed = await browser.submit('/signup', {
      username: 'willow',
      email: 'willow@example.org',
      password: 'correct horse',
    });
    expect(signed.response.statusCode).toBe(303);
    expect(signed.response.headers.location).toBe('/account');
    const cookie = signed.response.cookies.find((c) => c.name === 'quire_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    expect((await browser.get('/account')).$('main p').first().text()).toBe('You are logged in as willow.');

    await browser.submit('/account', {});
    expect(browser.cookies.quire_session).toBeUndefined();
    expect((await browser.get('/account')).response.headers.location).toBe('/login?return_to=/account');
    // The old cookie opens nothing any more.
    const stale = await app.inject({
      method: 'GET',
      url: '/account',
      cookies: { quire_session: cookie?.value ?? '' },
    });
    expect(stale.statusCode).toBe(303);

    const logged = await browser.submit('/login', { login: 'Willow', password: 'correct horse' });
    expect(logged.response.headers.location).toBe('/');
    expect(browser.cookies.quire_session).not.toBe(cookie?.value);
  });

  it('says the same for an unknown name and a wrong password, and shows a bad sign-up its problem', async () => {
    const browser = new Browser(app);
    const unknown = await browser.submit('/login', { login: 'nobody', password: 'correct horse' });
    const wrong = await browser.submit('/login', { login: 'willow', password: 'wrong horse' });
    expect(unknown.response.statusCode).toBe(401);
    expect(unknown.$('.error-summary li').text()).toBe(wrong.$('.error-summary li').text());
    expect(unknown.$('input[name=login]').attr('value')).toBe('nobody');

    const taken = await browser.submit('/signup', {
      username: 'WILLOW',
      email: 'w2@example.org',
      password: 'correct horse',
    });
    expect(taken.response.statusCode).toBe(409);
    expect(taken.$('.error-summary li').text()).toBe('The username "WILLOW" is taken.');
    expect(taken.$('input[name=password]').attr('value') ?? '').toBe('');
  });

  it('refuses a form without its CSRF token', async () => {
    const browser = new Browser(app);
    await browser.get('/login');
    const forged = await browser.post('/login', { login: 'willow', password: 'correct horse' });
    expect(forged.response.statusCode).toBe(403);
    expect(browser.cookies.quire_session).toBeUndefined();
  });

  it('resets a forgotten password from the mailed link', async () => {
    const browser = new Browser(app);
    const sent = await browser.submit('/account/forgot', { login: 'willow@example.org' });
    const nobody = await browser.submit('/account/forgot', { login: 'nobody@example.org' });
    expect(sent.$('[role=status]').text()).toBe(nobody.$('[role=status]').text());
    const body = (await listOutbox(db.store.db)).at(-1)?.body ?? '';
    const link = /https:\/\/fic\.example(\/account\/reset\?token=\S+)/.exec(body)?.[1] ?? '';
    expect(link).not.toBe('');
    const reset = await browser.submit(link, { newPassword: 'battery staple' });
    expect(reset.response.headers.location).toBe('/account');
    const again = await browser.submit(link, { newPassword: 'battery staple 2' });
    expect(again.response.statusCode).toBe(400);
    expect(again.$('.error-summary li').text()).toMatch(/not valid any more/);
  });

  it('escapes hostile usernames and emails shown back in the form', async () => {
    for (const [index, hostile] of XSS_CORPUS.entries()) {
      const browser = new Browser(app, `10.1.0.${index + 1}`);
      const { response } = await browser.submit('/signup', {
        username: hostile,
        email: hostile,
        password: 'x',
      });
      expect(response.statusCode).toBe(400);
      if (hostile.includes('<')) expect(response.body).not.toContain(hostile);
    }
  });

  it('adds pseuds, makes and revokes tokens, changes the email and deletes the account from the account page', async () => {
    const browser = new Browser(app);
    await browser.submit('/signup', {
      username: 'tara',
      email: 'tara@example.org',
      password: 'correct horse',
    });
    const pseud = await browser.submit('/account', { name: 'Tara M' }, 'form[action="/account/pseuds"]');
    expect(
      pseud
        .$('.pseuds li')
        .map((_, li) => pseud.$(li).text())
        .get(),
    ).toEqual(['tara (default)', 'Tara M']);
    const taken = await browser.submit('/account', { name: 'willow' }, 'form[action="/account/pseuds"]');
    expect(taken.response.statusCode).toBe(409);

    const made = await browser.submit('/account', { name: 'my e-reader' }, 'form[action="/account/tokens"]');
    const secret = made.$('code.token').text();
    expect(secret).toMatch(/^quire_pat_/);
    expect((await browser.get('/account')).$('code.token').length).toBe(0);
    const withToken = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(cheerio.load(withToken.body)('main p').first().text()).toBe('You are logged in as tara.');
    const tokenForm = (await browser.get('/account')).$('.tokens form').attr('action') ?? '';
    await browser.submit('/account', {}, `form[action="${tokenForm}"]`);
    const revoked = await app.inject({
      method: 'GET',
      url: '/account',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(revoked.statusCode).toBe(303);

    const wrong = await browser.submit(
      '/account',
      { newEmail: 't2@example.org', password: 'nope' },
      'form[action="/account/email"]',
    );
    expect(wrong.$('.error-summary li').text()).toBe('password: the password is not right');
    await browser.submit(
      '/account',
      { newEmail: 't2@example.org', password: 'correct horse' },
      'form[action="/account/email"]',
    );
    const link =
      /https:\/\/fic\.example(\S+)/.exec((await listOutbox(db.store.db)).at(-1)?.body ?? '')?.[1] ?? '';
    expect((await browser.get(link)).$('[role=status]').text()).toBe(
      'Your email address is now t2@example.org.',
    );

    const deleted = await browser.submit(
      '/account',
      { works: 'orphan', password: 'correct horse' },
      'form[action="/account/delete"]',
    );
    expect(deleted.response.headers.location).toBe('/');
    expect((await browser.get('/account')).response.statusCode).toBe(303);
    const relog = await browser.submit('/login', { login: 'tara', password: 'correct horse' });
    expect(relog.response.statusCode).toBe(401);
  });

  it('slows down a flood of log in attempts from one address', async () => {
    const statuses: number[] = [];
    const browser = new Browser(app);
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await browser.submit('/login', { login: 'willow', password: `guess ${i}` })).response.statusCode,
      );
    expect(statuses).toContain(429);
  });

  it.each([
    ['/signup', { username: 'flood', email: 'not an address', password: 'x' }],
    ['/login', { login: 'nobody', password: 'guess' }],
    ['/account/forgot', { login: 'nobody' }],
    ['/account/reset', { token: 'not-a-token', password: 'correct horse battery' }],
  ])('limits %s to 10 attempts a minute from one address, saying how long to wait', async (path, fields) => {
    const browser = new Browser(app);
    const csrf = await browser.csrf('/account/forgot');
    const statuses: number[] = [];
    let last = '';
    for (let attempt = 0; attempt < 11; attempt++) {
      const { response } = await browser.post(path, { _csrf: csrf, ...fields });
      statuses.push(response.statusCode);
      last = response.body;
    }
    expect(statuses.slice(0, 10)).not.toContain(429);
    expect(statuses[10]).toBe(429);
    expect(cheerio.load(last)('main').text()).toMatch(
      /more than 10 requests in a minute\. Wait (1 minute|\d+ seconds)/,
    );
    // Another address is not held up by this one.
    expect((await new Browser(app).get('/login')).response.statusCode).toBe(200);
  });
});
