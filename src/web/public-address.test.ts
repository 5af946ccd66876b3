import { request as httpRequest } from 'node:http';
import * as cheerio from 'cheerio';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { signUp } from '../services/accounts/account.service.ts';
import { listOutbox } from '../services/accounts/mailer.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';

const STORY =
  'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nRating: G\n\nSherlock made the tea badly. John drank it anyway, smiling.';
/** What a visitor (or a proxy passing a visitor's header on) can say about which site this is. */
const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

/** A GET over a real connection, with the headers given (Host included). */
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** Every link a feed, an EPUB (all its files) or an HTML download holds. */
function allText(body: Buffer): string {
  if (body.subarray(0, 2).toString() !== 'PK') return body.toString();
  return Object.values(unzipSync(new Uint8Array(body)))
    .map((file) => strFromU8(file))
    .join('\n');
}

describe('the public address in feeds, downloads and mail', () => {
  let db: TestStore;
  let app: App;
  let port: number;
  let paths: string[];

  beforeAll(async () => {
    db = await openTestStore('sqlite');
    await insertStories(db, [STORY]);
    app = await buildApp({ store: db.store, search: db.search });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    const work = cheerio.load((await app.inject('/works/1')).body);
    paths = [
      '/opds',
      '/opds/new',
      '/tags/Sherlock%20(TV)/feed.atom',
      '/creators/cedar/feed.atom',
      ...work('.downloads a')
        .map((_, link) => work(link).attr('href') ?? '')
        .get(),
    ];
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('without --base-url, never takes a visitor’s Host or X-Forwarded-Host', async () => {
    expect(paths.filter((path) => path.startsWith('/downloads/'))).toHaveLength(3);
    for (const path of paths) {
      const { status, body } = await get(port, path, FORGED);
      expect(status, path).toBe(200);
      const text = allText(body);
      expect(text, path).not.toContain('evil.example');
      if (!path.endsWith('.txt')) expect(text, path).toContain(`http://127.0.0.1:${port}/`);
    }
  });

  it('puts the configured address in every link when there is one', async () => {
    const configured = await buildApp({
      store: db.store,
      search: db.search,
      site: { baseUrl: 'https://fic.example/' },
    });
    try {
      for (const path of paths.filter((path) => !path.endsWith('.txt'))) {
        const response = await configured.inject({ url: path, headers: FORGED });
        const text = allText(response.rawPayload);
        expect(text, path).not.toContain('evil.example');
        expect(text, path).toContain('https://fic.example/');
      }
    } finally {
      await configured.close();
    }
  });

  it('never mails a link to the site a visitor’s Host header names', async () => {
    await signUp(db.store.db, { username: 'willow', email: 'willow@example.org', password: 'correct horse' });
    const page = await app.inject({ url: '/account/forgot', headers: FORGED });
    const csrf = cheerio.load(page.body)('input[name=_csrf]').attr('value') ?? '';
    const cookies = Object.fromEntries(page.cookies.map((cookie) => [cookie.name, cookie.value]));
    const sent = await app.inject({
      method: 'POST',
      url: '/account/forgot',
      headers: { ...FORGED, 'content-type': 'application/x-www-form-urlencoded' },
      cookies,
      payload: new URLSearchParams({ _csrf: csrf, login: 'willow@example.org' }).toString(),
    });
    expect(sent.statusCode).toBe(200);
    const mail = (await listOutbox(db.store.db)).at(-1)?.body ?? '';
    expect(mail).toContain('/account/reset?token=');
    expect(mail).not.toContain('evil.example');
  });
});

describe('behind a trusted reverse proxy', () => {
  let db: TestStore;

  beforeAll(async () => {
    db = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  const fromProxy = (app: App, client: string, proto = 'http') =>
    app.inject({
      url: '/fandoms',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': client, 'x-forwarded-proto': proto },
    });

  it('counts the rate limit per client address, not per proxy', async () => {
    const app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      trustProxy: 'loopback',
      site: { rateLimit: 2 },
    });
    try {
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
        for (let count = 0; count < 2; count++)
          expect((await fromProxy(app, client)).statusCode, client).toBe(200);
      expect((await fromProxy(app, '203.0.113.1')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('believes X-Forwarded-For and -Proto only from the proxies named', async () => {
    const app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      site: { rateLimit: 2 },
    });
    try {
      expect(
        (await fromProxy(app, '203.0.113.1', 'https')).headers['strict-transport-security'],
      ).toBeUndefined();
      expect((await fromProxy(app, '203.0.113.2')).statusCode).toBe(200);
      // Without trust, every client behind the proxy shares the proxy's allowance.
      expect((await fromProxy(app, '203.0.113.3')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('sends HSTS when the proxy says the visitor came over HTTPS', async () => {
    const app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      trustProxy: 'loopback',
    });
    try {
      expect((await fromProxy(app, '203.0.113.1', 'https')).headers['strict-transport-security']).toMatch(
        /^max-age=\d+/,
      );
      expect(
        (await fromProxy(app, '203.0.113.1', 'http')).headers['strict-transport-security'],
      ).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
