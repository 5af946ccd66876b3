import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';

const STORIES = [
  'Title: Library Hours\nAuthor: amber\nFandom: BtVS\nPairing: S/W\nRating: PG\nSummary: Research, and a kiss.\n\nWillow was researching demons in the library. Spike watched her, and kissed her between the stacks.',
  'Title: Rooftops\nAuthor: amber\nFandom: Buffy the Vampire Slayer\nPairing: Spuffy\nRating: NC-17\n\nChapter 1: Up\n\nBuffy pushed Spike down on the roof. His cock was hard; he thrust into her and she came.\n\nChapter 2: Down\n\nAfterwards Spike lit a cigarette and Buffy laughed at him.',
  'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nPairing: John/Sherlock\nRating: G\n\nSherlock made the tea badly. John drank it anyway, smiling.\n\nTBC',
  'Title: <script>alert(1)</script> & "Quotes"\nAuthor: <b>bold</b>\nFandom: Harry Potter\nRating: G\nSummary: <img src=x onerror=alert(1)>\n\nHermione read in the library while Ron slept. Harry wrote a letter.',
];

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  'NEAR(a b)',
  '*',
  '%00',
  '../../etc/passwd',
];

describe.each(DIALECTS)('the reading site on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  const get = (url: string, cookies?: Record<string, string>) => app.inject({ method: 'GET', url, cookies });
  const page = async (url: string, cookies?: Record<string, string>) => {
    const response = await get(url, cookies);
    return { response, $: cheerio.load(response.body) };
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    app = await buildApp({ store: db.store, search: db.search });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('serves the home page, the works index, fandoms and the search form', async () => {
    for (const url of ['/', '/works', '/fandoms', '/search', '/settings']) {
      const { response, $ } = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect($('main h1').length, url).toBe(1);
      expect($('a.skip-link').attr('href')).toBe('#main');
    }
    const { $ } = await page('/fandoms');
    expect($('.fandom-list li').text()).toContain('Buffy the Vampire Slayer (2)');
  });

  it('filters by include and exclude, and the counts follow', async () => {
    const count = async (url: string) => (await page(url)).$('.result-count').text();
    expect(await count('/works')).toBe('1 – 4 of 4 Works');
    expect(await count('/works?tags=Buffy+the+Vampire+Slayer')).toBe('1 – 2 of 2 Works');
    expect(await count('/works?tags=Buffy+the+Vampire+Slayer&exclude_tags=Buffy+Summers%2FSpike')).toBe(
      '1 – 1 of 1 Works',
    );
    const { $ } = await page('/works?tags=Buffy+the+Vampire+Slayer');
    const fandomFacet = $('.facet-table td').filter((_, cell) =>
      $(cell).text().startsWith('Buffy the Vampire Slayer'),
    );
    expect(fandomFacet.text()).toContain('(2)');
    // The current filters are chips that remove themselves.
    const chip = $('.chips a.chip').first();
    expect(chip.text()).toContain('Including: Buffy the Vampire Slayer');
    expect(chip.attr('href')).toBe('/works');
  });

  it('finds works by a synonym, and a synonym tag page leads to its canonical tag', async () => {
    const response = await get('/tags/S*s*W/works?sort=title');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/tags/Spike*s*Willow%20Rosenberg/works?sort=title');
    const { $ } = await page('/tags/Spike*s*Willow%20Rosenberg/works');
    expect($('.blurb .heading a').first().text()).toBe('Library Hours');
    expect((await get('/tags/No%20Such%20Tag/works')).statusCode).toBe(404);
  });

  it('shows the adult notice before an Explicit work and remembers Proceed for the visit', async () => {
    const id = await workId('Rooftops');
    const gate = await page(`/works/${id}`);
    expect(gate.$('.adult-gate').text()).toContain(
      'This work could have adult content. If you continue, you have agreed that you are willing to see such content.',
    );
    expect(gate.$('.userstuff').length).toBe(0);
    const proceed = gate.$('.adult-gate a.primary').attr('href') ?? '';
    expect(proceed).toBe(`/works/${id}?view_adult=true`);
    const shown = await get(proceed);
    expect(shown.body).toContain('His cock was hard');
    const cookie = shown.cookies.find((entry) => entry.name === 'view_adult');
    expect(cookie?.value).toBe('true');
    expect(cookie?.expires).toBeUndefined();
    const next = await page(`/works/${id}/chapters/2`, { view_adult: 'true' });
    expect(next.$('.userstuff').text()).toContain('lit a cigarette');
    expect(next.$('a[rel=prev]').attr('href')).toBe(`/works/${id}/chapters/1`);
    const full = await page(`/works/${id}/full`, { view_adult: 'true' });
    expect(full.$('section.chapter')).toHaveLength(2);
  });

  it('reads a General work without a gate, marks suggested tags and shows their passages', async () => {
    const { response, $ } = await page(`/works/${await workId('Library Hours')}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['last-modified']).toBeTruthy();
    expect(response.headers.etag).toBeTruthy();
    expect($('.userstuff').text()).toContain('researching demons');
    expect($('.meta-relationship a.tag').first().text()).toBe('S/W');
    const inferred = $('.meta-character .inferred-tag').first();
    expect(inferred.find('a.tag-inferred').length).toBe(1);
    expect($('.meta-character details.evidence li').text()).toMatch(/Chapter 1: “[^”]*Willow/);
  });

  it('escapes hostile metadata on every page that shows it', async () => {
    const id = await workId('<script>alert(1)</script> & "Quotes"');
    for (const url of ['/', '/works', `/works/${id}`, '/creators/%3Cb%3Ebold%3C%2Fb%3E']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain('<script>alert');
      expect(response.body, url).not.toContain('<img src=x');
      expect(response.body, url).toContain('&lt;script>alert(1)&lt;/script>');
    }
  });

  it('treats hostile strings in every query field as data', async () => {
    for (const hostile of HOSTILE) {
      for (const key of ['q', 'tags', 'exclude_tags', 'main_relationship']) {
        const response = await get(`/works?${key}=${encodeURIComponent(hostile)}`);
        expect(response.statusCode, `${key}=${hostile}`).toBe(200);
        expect(response.body).not.toContain('<script>alert');
      }
      const tag = await get(`/tags/${encodeURIComponent(hostile)}/works`);
      expect([404, 200]).toContain(tag.statusCode);
    }
  });

  it('answers a bad parameter with a 400 page that says what was wrong', async () => {
    const cases: [string, RegExp][] = [
      ['/works?sort=sideways', /sort &quot;sideways&quot; is not one of/],
      ['/works?words_min=-5', /words_min must be between/],
      ['/works?updated_from=yesterday', /is not a date/],
      ['/works?colour=red', /&quot;colour&quot; is not a search option/],
      ['/works/abc', /params\/id must be integer/],
      ['/works/1?view_adult=maybe', /view_adult/],
      ['/creators/amber?page=0', /page must be between 1 and/],
    ];
    for (const [url, message] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body, url).toMatch(message);
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    }
    const missing = await page('/works/99999');
    expect(missing.response.statusCode).toBe(404);
    expect(missing.$('h1').text()).toBe('Page not found');
    expect((await get('/works/1/chapters/9')).statusCode).toBe(404);
    expect((await get('/no/such/page')).statusCode).toBe(404);
  });

  it('keeps reader settings in a cookie, without JavaScript, from its own form only', async () => {
    // The settings form's token and the cookie it is tied to, as a browser has them.
    const form = await app.inject({ method: 'GET', url: '/settings' });
    const csrf = cheerio.load(form.body)('input[name=_csrf]').attr('value') ?? '';
    const secret = form.cookies.find((entry) => entry.name === '_csrf')?.value ?? '';
    const post = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/settings',
        payload: `_csrf=${encodeURIComponent(csrf)}&${payload}`,
        cookies: { _csrf: secret },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const saved = await post(
      'theme=dark&font_size=large&font_family=sans&width=narrow&hide_warnings=1&return_to=%2Fworks',
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/works');
    const cookie = saved.cookies.find((entry) => entry.name === 'quire_reader');
    const { $ } = await page('/works', { quire_reader: cookie?.value ?? '' });
    expect($('body').attr('class')).toBe('theme-dark font-large family-sans width-narrow');
    // Hidden means hidden: not in the tag list, the warning square's tooltip or its screen-reader text.
    expect($('.blurb > ul.tags .tag-warning').length).toBe(0);
    const square = $('.blurb .symbol').filter((_, symbol) => $(symbol).text().startsWith('Archive warnings'));
    expect(square.attr('title')).toBe('hidden by your settings');
    expect(square.text()).not.toMatch(/No Archive Warnings|Violence|Rape|Underage|Death|Chose Not/);
    // Each blurb has AO3's "Show warnings" button, and behind it the warnings.
    const shown = $('.blurb details.hidden-tags').first();
    expect(shown.find('summary').text()).toBe('Show warnings');
    expect(shown.find('.tag-warning').length).toBeGreaterThan(0);
    // A form posted from another site has no token: refused, nothing set.
    const forged = await app.inject({
      method: 'POST',
      url: '/settings',
      payload: 'theme=dark',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.cookies.find((entry) => entry.name === 'quire_reader')).toBeUndefined();
    // An open redirect and a bad value are refused.
    const offsite = await post('theme=light&return_to=%2F%2Fevil.example');
    expect(offsite.headers.location).toBe('/');
    const bad = await post('theme=purple');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('theme must be one of: system, light, dark');
    // A damaged cookie falls back to the defaults.
    expect((await page('/', { quire_reader: '%%%garbage' })).$('body').attr('class')).toContain(
      'theme-system',
    );
  });

  it('sends security headers, a CSP without inline script, and compresses', async () => {
    const response = await app.inject({ method: 'GET', url: '/works', headers: { 'accept-encoding': 'br' } });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-encoding']).toBe('br');
    const gzip = await app.inject({ method: 'GET', url: '/works', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    // Compressed at the fastest levels, a page answered afresh still decodes to the page.
    const fresh = await buildApp({ store: db.store, search: db.search, pageCache: false });
    try {
      const plain = (await fresh.inject('/works')).rawPayload;
      const inBrotli = await fresh.inject({ url: '/works', headers: { 'accept-encoding': 'br' } });
      const inGzip = await fresh.inject({ url: '/works', headers: { 'accept-encoding': 'gzip' } });
      expect(inBrotli.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(inBrotli.rawPayload).equals(plain)).toBe(true);
      expect(gunzipSync(inGzip.rawPayload).equals(plain)).toBe(true);
      expect(inBrotli.rawPayload.length).toBeLessThan(plain.length / 2);
    } finally {
      await fresh.close();
    }
    const $ = cheerio.load((await get('/works')).body);
    expect($('script:not([src])').length).toBe(0);
    expect($('[style]').length).toBe(0);
  });

  it('hides Explicit works from listings, counts and feeds when the site says so', async () => {
    const hidden = await buildApp({ store: db.store, search: db.search, site: { hideExplicit: true } });
    try {
      const listing = cheerio.load((await hidden.inject('/works')).body);
      expect(listing('.result-count').text()).toBe('1 – 3 of 3 Works');
      const fandoms = cheerio.load((await hidden.inject('/fandoms')).body);
      expect(fandoms('.fandom-list').text()).toContain('Buffy the Vampire Slayer (1)');
      expect((await hidden.inject('/opds/new')).body).not.toContain('Rooftops');
    } finally {
      await hidden.close();
    }
  });

  it('offers Atom feeds per tag and creator, and an OPDS catalog with EPUB acquisition links', async () => {
    const tagFeed = await get('/tags/Buffy%20the%20Vampire%20Slayer/feed.atom');
    expect(tagFeed.headers['content-type']).toContain('application/atom+xml');
    const atom = cheerio.load(tagFeed.body, { xml: true });
    expect(
      atom('feed > entry > title')
        .map((_, el) => atom(el).text())
        .get()
        .sort(),
    ).toEqual(['Library Hours', 'Rooftops']);
    const creator = cheerio.load((await get('/creators/amber/feed.atom')).body, { xml: true });
    expect(creator('entry')).toHaveLength(2);
    const byTag = cheerio.load((await get('/opds/tags')).body, { xml: true });
    expect(
      byTag('entry title')
        .map((_, el) => byTag(el).text())
        .get(),
    ).toContain('Spike/Willow Rosenberg');
    const root = cheerio.load((await get('/opds')).body, { xml: true });
    const fandomsEntry = root('entry').filter((_, el) => root(el).find('title').text() === 'By fandom');
    const fandomsHref = fandomsEntry.find('link[rel=subsection]').attr('href') ?? '';
    const fandoms = cheerio.load((await get(new URL(fandomsHref).pathname)).body, { xml: true });
    const sherlock = fandoms('entry').filter((_, el) => fandoms(el).find('title').text() === 'Sherlock (TV)');
    const acquisitionHref = sherlock.find('link').attr('href') ?? '';
    const feed = cheerio.load((await get(new URL(acquisitionHref).pathname)).body, { xml: true });
    const epub = feed('entry link[rel="http://opds-spec.org/acquisition"][type="application/epub+zip"]').attr(
      'href',
    );
    expect(epub).toMatch(/^http:\/\/localhost(:80)?\/downloads\/\d+\/Tea\.epub$/);
    const download = await get(new URL(epub ?? '').pathname);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/epub+zip');
    expect(download.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('downloads every format with safe file names, ETag and Last-Modified', async () => {
    const id = await workId('<script>alert(1)</script> & "Quotes"');
    const { $ } = await page(`/works/${id}`);
    const links = $('.downloads a')
      .map((_, el) => $(el).attr('href'))
      .get();
    expect(links).toHaveLength(3);
    for (const link of links) {
      expect(link).toMatch(/^\/downloads\/\d+\/[A-Za-z0-9_.-]+\.(epub|html|txt)$/);
      const response = await get(link);
      expect(response.statusCode, link).toBe(200);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="?[A-Za-z0-9_.-]+"?(; |$)/,
      );
      expect(response.headers['last-modified']).toBeTruthy();
      const again = await app.inject({
        method: 'GET',
        url: link,
        headers: { 'if-none-match': String(response.headers.etag) },
      });
      expect(again.statusCode, link).toBe(304);
    }
    expect((await get(`/downloads/${id}/x.exe`)).statusCode).toBe(404);
  });

  it('slows down an address that asks too often, with a page that says so', async () => {
    const limited = await buildApp({ store: db.store, search: db.search, site: { rateLimit: 2 } });
    try {
      expect((await limited.inject('/fandoms')).statusCode).toBe(200);
      expect((await limited.inject('/fandoms')).statusCode).toBe(200);
      const refused = await limited.inject('/fandoms');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeTruthy();
      expect(refused.body).toContain('You have made more than 2 requests in a minute.');
    } finally {
      await limited.close();
    }
  });

  async function workId(title: string): Promise<number> {
    const row = await db.store.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    return row.id;
  }
});

describe('when answering fails for a reason of its own (a bug)', () => {
  it('shows a 500 page without any details', async () => {
    const db = await openTestStore('sqlite');
    await insertStories(db, STORIES.slice(0, 1));
    const app = await buildApp({ store: db.store, search: db.search });
    // A table missing is no failure of the host (that is the 503 page, hostile-requests.test.ts): a bug.
    await sql`DROP TABLE work_creators`.execute(db.store.db);
    try {
      const response = await app.inject('/works/1');
      expect(response.statusCode).toBe(500);
      expect(response.body).toContain('Something went wrong on our side.');
      expect(response.body).not.toMatch(/database|sqlite|\.ts:\d+|at async/i);
    } finally {
      await app.close();
      await db.cleanup();
    }
  });
});
