/**
 * The request fuzzer: fast-check makes requests to every route the app has (read from the app itself, so a
 * new route is fuzzed without anyone listing it), with hostile path parameters, query keys and values,
 * headers, cookies, methods and bodies. Whatever it sends, the answer is never a 5xx, an error is always the
 * site's own HTML page, a success has the content type its route promises, and a redirect stays on the site.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../src/services/accounts/account.service.ts';
import { buildApp } from '../../src/web/app.tsx';
import type { App } from '../../src/web/app-deps.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../stores.ts';

/**
 * Runs per database: enough to reach every route many times, few enough to keep the suite fast.
 * `QUIRE_FUZZ_RUNS=5000` runs a deeper search by hand.
 */
const RUNS = process.env.QUIRE_FUZZ_RUNS
  ? { sqlite: Number(process.env.QUIRE_FUZZ_RUNS), postgres: Number(process.env.QUIRE_FUZZ_RUNS) }
  : ({ sqlite: 400, postgres: 200 } as const);

const STORIES = [
  'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nPairing: John/Sherlock\nRating: G\n\nSherlock made the tea badly. John drank it anyway, smiling.',
  'Title: Rooftops\nAuthor: amber\nFandom: Buffy the Vampire Slayer\nRating: NC-17\n\nChapter 1: Up\n\nBuffy pushed Spike down on the roof.\n\nChapter 2: Down\n\nAfterwards Spike lit a cigarette.',
];

/** The body as sent before compression. */
function bodyOf(response: { rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const encoding = response.headers['content-encoding'];
  const raw = response.rawPayload;
  return (
    encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw
  ).toString();
}

/** The app's routes as `[path template, methods]`, read from Fastify's own route tree. */
function routesOf(app: App): [string, string[]][] {
  const routes: [string, string[]][] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[└├]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    routes.push([stack.join('').replace(/^\/\*$/, '/assets/*'), (match[3] ?? '').split(', ')]);
  }
  return routes;
}

const KNOWN_KEYS = [
  'q',
  'tags',
  'exclude_tags',
  'rating',
  'warning',
  'category',
  'complete',
  'words_min',
  'words_max',
  'updated_from',
  'published_to',
  'language',
  'crossovers',
  'main_relationship',
  'sort',
  'order',
  'page',
  'per_page',
  'facets',
  'view_adult',
  'return_to',
  'token',
  'theme',
];
const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'sort',
  'length',
];

/** Strings where mistakes hide: escapes, NUL and control characters, markup, very long and non-ASCII text. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '%',
    '%ff',
    '%00',
    '\u0000',
    '%E0%A4%A',
    '..',
    '../../etc/passwd',
    '*s*',
    '*star*',
    '//evil.example',
    '/\t/evil.example',
    '\r\nX: y',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '-1',
    '0',
    '1e309',
    '99999999999999999999',
    'NaN',
    '[]',
    '{}',
    'true',
    'ä/ö',
    '\u202e',
    '\ud800',
    'a'.repeat(600),
  ),
);

/** A value as it goes into a URL: encoded, or raw (malformed escapes and all). */
const urlPiece = fc.oneof(
  hostileString.map((value) => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '?'))),
  fc.constantFrom(
    '1',
    '2',
    '3',
    'Tea.epub',
    'Tea.html',
    'Tea.txt',
    'x.exe',
    'cedar',
    'Sherlock%20(TV)',
    '%ff',
    '%',
    '%00',
    '%2F',
  ),
);

const query = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...KNOWN_KEYS, ...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })),
      urlPiece,
    ),
    {
      maxLength: 5,
    },
  )
  .map((pairs) => pairs.map(([key, value]) => `${encodeURIComponent(key)}=${value}`).join('&'));

const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }).map((value) => value.replace(/[^\t\x20-\x7e]/g, '')),
  fc.constantFrom(
    '',
    'https',
    'evil.example',
    '*/*',
    'br, gzip',
    'application/json',
    'text/weird',
    'bytes=0-1',
  ),
);
const headers = fc.record(
  {
    host: fc.constantFrom('localhost', 'evil.example', 'a'.repeat(300), '[::1]:80'),
    accept: headerValue,
    'accept-encoding': headerValue,
    'content-type': fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      'text/weird',
    ),
    cookie: fc
      .array(
        fc.tuple(fc.constantFrom('quire_reader', 'view_adult', 'quire_session', '_csrf', 'x'), headerValue),
        { maxLength: 3 },
      )
      .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('; ')),
    authorization: fc.oneof(
      headerValue,
      headerValue.map((token) => `Bearer quire_pat_${token}`),
    ),
    'if-none-match': headerValue,
    'if-modified-since': headerValue,
    'x-forwarded-for': headerValue,
    'x-forwarded-proto': headerValue,
    'x-forwarded-host': headerValue,
    range: headerValue,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(fc.constant(undefined), query, fc.string({ maxLength: 200 }), fc.json({ maxDepth: 2 }));

const EXTRA_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST', 'GET', 'HEAD'] as const;

/**
 * What a successful answer of each route may be: pages are HTML; feeds, downloads and assets their own; the
 * OpenAPI document JSON or YAML (/api/docs/json, /api/docs/yaml).
 */
const SUCCESS_TYPES =
  /^(text\/html; charset=utf-8|application\/atom\+xml.*|application\/opensearchdescription\+xml.*|application\/epub\+zip|text\/plain.*|text\/css.*|text\/javascript.*|application\/javascript.*|application\/json.*|application\/x-yaml)$/;

describe.each(DIALECTS)('the request fuzzer on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let routes: [string, string[]][];
  let member: { cookie: string; csrf: string };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    app = await buildApp({ store: db.store, search: db.search, site: { rateLimit: 10_000_000 } });
    await app.ready();
    routes = routesOf(app);
    // A member's session and CSRF token, so the account forms are fuzzed past their checks too.
    await signUp(db.store.db, { username: 'fuzzer', email: 'fuzzer@example.org', password: 'correct horse' });
    const form = await app.inject('/login');
    const csrf = cheerio.load(form.body)('input[name=_csrf]').attr('value') ?? '';
    const csrfCookie = form.cookies.find((cookie) => cookie.name === '_csrf')?.value ?? '';
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `_csrf=${csrfCookie}` },
      payload: new URLSearchParams({ _csrf: csrf, login: 'fuzzer', password: 'correct horse' }).toString(),
    });
    const session = login.cookies.find((cookie) => cookie.name === 'quire_session')?.value;
    expect(session).toBeTruthy();
    member = { cookie: `quire_session=${session}; _csrf=${csrfCookie}`, csrf };
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('reads every route from the app', () => {
    const paths = routes.map(([path]) => path);
    for (const path of [
      '/',
      '/works',
      '/works/:id/chapters/:position',
      '/tags/:tag/works',
      '/creators/:name/feed.atom',
      '/downloads/:id/:file',
      '/opds/tags/:tag',
      '/settings',
      '/login',
      '/account/tokens/:id/revoke',
    ])
      expect(paths).toContain(path);
  });

  it('answers anything with no 5xx, errors as HTML pages, and redirects that stay on the site', async () => {
    const request = fc
      .record({
        route: fc.nat(),
        method: fc.oneof(fc.constant(null), fc.constantFrom(...EXTRA_METHODS)),
        params: fc.array(urlPiece, { minLength: 3, maxLength: 3 }),
        query: fc.option(query),
        headers,
        body,
        signedIn: fc.boolean(),
        remoteAddress: fc.ipV4(),
      })
      .map(
        ({
          route,
          method,
          params,
          query: search,
          headers: sent,
          body: given,
          signedIn,
          remoteAddress,
        }): InjectOptions => {
          // Signed in: the member's cookies, and a form body that carries the CSRF token before the fuzz.
          if (signedIn)
            sent = { ...sent, cookie: member.cookie, 'content-type': 'application/x-www-form-urlencoded' };
          const payload =
            signedIn && typeof given === 'string'
              ? `_csrf=${encodeURIComponent(member.csrf)}&${given}`
              : given;
          const [template, methods] = routes[route % routes.length] ?? ['/', ['GET']];
          let index = 0;
          const path = template.replace(/:[a-z]+|\*/g, () => params[index++] ?? '1');
          return {
            method: (method ?? methods[route % methods.length] ?? 'GET') as InjectOptions['method'],
            url: `${path}${search === null ? '' : `?${search}`}`,
            headers: sent,
            remoteAddress,
            ...(payload === undefined
              ? {}
              : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
          };
        },
      );
    await fc.assert(
      fc.asyncProperty(request, async (options) => {
        const response = await app.inject(options);
        const where = `${options.method} ${options.url}`;
        const type = String(response.headers['content-type'] ?? '');
        expect(response.statusCode, where).toBeLessThan(500);
        if (response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304) {
          const location = String(response.headers.location);
          expect(new URL(location, 'https://fic.example').origin, `${where} -> ${location}`).toBe(
            'https://fic.example',
          );
        }
        // The JSON API and the tag autocomplete answer their errors in JSON; everything else (an unknown method
        // on those addresses included) answers with the site's page.
        const json = /^\/(api\/|autocomplete\/|healthz)/.test(String(options.url));
        if (response.statusCode >= 400 && json && type.startsWith('application/json')) {
          expect(type, where).toMatch(/^application\/json/);
          expect(bodyOf(response), where).not.toMatch(/FST_ERR|\bat \S+\.tsx?:\d+/);
        } else if (response.statusCode >= 400) {
          expect(type, where).toBe('text/html; charset=utf-8');
          if (options.method !== 'HEAD') {
            const html = bodyOf(response);
            expect(cheerio.load(html)('main h1').length, where).toBe(1);
            expect(html, where).not.toMatch(/"statusCode"|FST_ERR|\bat \S+\.tsx?:\d+/);
          }
        } else if (response.statusCode < 300 && options.method !== 'OPTIONS') {
          expect(type, where).toMatch(SUCCESS_TYPES);
          if (type.startsWith('application/json')) expect(json, where).toBe(true);
        }
      }),
      { numRuns: RUNS[dialect] },
    );
  }, 120_000);
});
