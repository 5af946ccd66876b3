import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';

const STORY =
  'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nRating: G\n\nSherlock made the tea badly. John drank it anyway, smiling.';
// A title that opens with RIGHT-TO-LEFT OVERRIDE and embeds a left-to-right isolate it never closes.
const OVERRIDDEN =
  'Title: \u202eEvil \u2066title\nAuthor: cedar\nFandom: Sherlock (TV)\nRating: G\n\nJohn burnt the toast.';

/** The site's own error page: HTML, the status in the body, no stack, no Fastify JSON. */
function expectErrorPage(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('text/html');
  const $ = cheerio.load(response.body);
  expect($('main h1').length).toBe(1);
  expect($('.error-page .status').text()).toBe(`Error ${status}`);
  expect(response.body).not.toMatch(/"statusCode"|FST_ERR|at .*\.ts:\d+/);
}

/** The settings form's CSRF token and its cookie, read once from the form as a browser would. */
let token = { csrf: '', secret: '' };
const form = (payload: string) => ({
  method: 'POST' as const,
  url: '/settings',
  payload: `_csrf=${encodeURIComponent(token.csrf)}&${payload}`,
  cookies: { _csrf: token.secret },
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe.each(DIALECTS)('hostile requests on %s', (dialect) => {
  let db: TestStore;
  let app: App;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [STORY, OVERRIDDEN]);
    app = await buildApp({ store: db.store, search: db.search });
    const settings = await app.inject('/settings');
    token = {
      csrf: cheerio.load(settings.body)('input[name=_csrf]').attr('value') ?? '',
      secret: settings.cookies.find((cookie) => cookie.name === '_csrf')?.value ?? '',
    };
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it("keeps a title's direction controls out of the tab's title, where they would reorder the site's name", async () => {
    const listing = cheerio.load((await app.inject('/works')).body);
    const link = listing('.blurb .heading a')
      .filter((_, element) => listing(element).text().includes('Evil'))
      .first();
    expect(link.text()).toBe('\u202eEvil \u2066title');
    const page = cheerio.load((await app.inject(String(link.attr('href')))).body);
    expect(page('title').text()).toBe('Evil title | Quire');
    // The page itself keeps the title as the writer wrote it.
    expect(page('#work-title').text().trim()).toBe('\u202eEvil \u2066title');
  });

  it('reads __proto__, constructor and other Object keys in a query as unknown search options', async () => {
    for (const url of [
      '/works?__proto__=1',
      '/works?__proto__=1&__proto__=2',
      '/works?constructor=1',
      '/works?toString=x',
      '/tags/Sherlock%20(TV)/works?__proto__=1',
      '/tags/Sherlock%20(TV)/works?constructor=x&hasOwnProperty=y',
    ]) {
      const response = await app.inject(url);
      expectErrorPage(response, 400);
      expect(response.body, url).toMatch(/is not a search option/);
    }
  });

  it('refuses a NUL character in a path, a query or a form with a 400 page, on every database', async () => {
    for (const url of [
      '/tags/%00/works',
      '/tags/%00/feed.atom',
      '/creators/a%00b',
      '/creators/a%00b/feed.atom',
      '/opds/tags/%00',
      '/works?q=a%00b',
      '/works?tags=%00',
    ]) {
      const response = await app.inject(url);
      expectErrorPage(response, 400);
      expect(response.body, url).toContain('NUL character');
    }
    expectErrorPage(await app.inject(form('theme=light%00')), 400);
  });

  it('answers a malformed upload with a 400 page', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/works/new/upload',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: 'false',
    });
    expectErrorPage(response, 400);
    expect(response.body).toContain('The uploaded form cannot be read');
  });

  it('refuses a number too large for any number type, which Ajv coerces to Infinity', async () => {
    for (const url of [
      '/works/1e309',
      '/downloads/1e309/Tea.epub',
      '/works/1/chapters/1e309',
      '/opds/new?page=1e309',
    ])
      expectErrorPage(await app.inject(url), 400);
  });

  it('answers a malformed escape and an over-long address with the site’s page', async () => {
    for (const url of ['/%ff', '/works/%ff', '/tags/%E0%A4%A/works', '/creators/%'])
      expectErrorPage(await app.inject(url), 400);
    expectErrorPage(await app.inject(`/tags/${'a'.repeat(600)}/works`), 414);
    expectErrorPage(await app.inject(`/works?q=${'a'.repeat(9000)}`), 414);
    const framework = await app.inject('/%ff');
    expect(framework.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('never redirects to another origin, whatever return_to holds', async () => {
    for (const value of [
      '/\t/evil.example',
      '/\\/evil.example',
      '//evil.example',
      '/\r\n/evil.example',
      '/x\r\nSet-Cookie: a=b',
    ]) {
      const saved = await app.inject(form(`theme=light&return_to=${encodeURIComponent(value)}`));
      expect(saved.statusCode, JSON.stringify(value)).toBe(303);
      expect(saved.headers.location, JSON.stringify(value)).toBe('/');
      const $ = cheerio.load((await app.inject(`/settings?return_to=${encodeURIComponent(value)}`)).body);
      expect($('input[name=return_to]').attr('value'), JSON.stringify(value)).toBe('/');
    }
  });

  it('sends HSTS only over HTTPS and allows fonts from the site alone', async () => {
    const plain = await app.inject('/works');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(String(plain.headers['content-security-policy'])).toMatch(/font-src 'self'(;|$)/);
    // Without a trusted proxy, a visitor's X-Forwarded-Proto is not believed.
    const claimed = await app.inject({ url: '/works', headers: { 'x-forwarded-proto': 'https' } });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('requests the HTTP parser refuses', () => {
  let db: TestStore;
  let app: App;
  let port: number;

  beforeAll(async () => {
    db = await openTestStore('sqlite');
    app = await buildApp({ store: db.store, search: db.search });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });

  it('answers headers too large with a 431 page', async () => {
    const answer = await raw(
      `GET /works HTTP/1.1\r\nHost: localhost\r\nCookie: a=${'x'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/content-type: text\/html/i);
    expect(answer).toContain('<h1 id="error-heading">That request has too many headers</h1>');
  });

  it('answers a request that is not HTTP with a 400 page', async () => {
    const answer = await raw('NONSENSE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('This request is not valid HTTP.');
  });

  it('answers a long address over a real connection with a 414 page', async () => {
    const response = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      httpRequest({ port, host: '127.0.0.1', path: `/works?q=${'a'.repeat(10_000)}` }, (answer) => {
        answer.resume();
        resolve({ status: answer.statusCode ?? 0, type: String(answer.headers['content-type']) });
      })
        .on('error', reject)
        .end();
    });
    expect(response).toEqual({ status: 414, type: 'text/html; charset=utf-8' });
  });
});

describe.each(DIALECTS)('an archive on %s that goes away while serving', (dialect) => {
  it('answers every page with the 503 page, without details', async () => {
    const db = await openTestStore(dialect);
    await insertStories(db, [STORY]);
    const app = await buildApp({ store: db.store, search: db.search, pageCache: false });
    try {
      expect((await app.inject('/works')).statusCode).toBe(200);
      await db.store.close();
      for (const url of [
        '/',
        '/works',
        '/works/1',
        '/tags/Sherlock%20(TV)/works',
        '/opds/new',
        '/creators/cedar',
      ]) {
        const response = await app.inject(url);
        expectErrorPage(response, 503);
        expect(response.headers['retry-after']).toBeTruthy();
        expect(response.body).toContain('The archive cannot be reached just now.');
        expect(response.body).not.toMatch(/database|sqlite|postgres|127\.0\.0\.1|\.ts:\d+|at async/i);
      }
    } finally {
      await app.close();
      await db.cleanup().catch(() => {});
    }
  });
});
