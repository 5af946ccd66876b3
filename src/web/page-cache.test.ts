import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { readPageVersion } from '../repositories/archive-version.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';
import { chooseEncoding, matchesEtag, PageCache, versionEtag } from './page-cache.ts';

const STORIES = [
  'Title: Library Hours\nAuthor: amber\nFandom: BtVS\nPairing: S/W\nRating: PG\nSummary: Research, and a kiss.\n\nWillow was researching demons in the library. Spike watched her, and kissed her between the stacks.',
  'Title: Rooftops\nAuthor: amber\nFandom: Buffy the Vampire Slayer\nPairing: Spuffy\nRating: NC-17\n\nChapter 1: Up\n\nBuffy pushed Spike down on the roof. His cock was hard; he thrust into her and she came.\n\nChapter 2: Down\n\nAfterwards Spike lit a cigarette and Buffy laughed at him.',
  'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nPairing: John/Sherlock\nRating: G\n\nSherlock made the tea badly. John drank it anyway, smiling.\n\nTBC',
];
const LATER =
  'Title: Night Shift\nAuthor: cedar\nFandom: Sherlock (TV)\nRating: G\n\nJohn worked the night shift while Sherlock slept on the sofa.';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0 and the wildcard', () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('x-gzip')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0')).toBeNull();
    expect(chooseEncoding('identity, deflate')).toBeNull();
  });
});

describe('version ETags', () => {
  it('name the seed, the key and the version, and match If-None-Match lists weakly or strongly', () => {
    const etag = versionEtag('seed', 'http\nlocalhost\n/works/1\n\n', 41);
    expect(etag).toMatch(/^W\/"15-[\w-]{16}"$/);
    expect(versionEtag('seed', 'http\nlocalhost\n/works/1\n\n', 42)).not.toBe(etag);
    expect(versionEtag('seed', 'http\nlocalhost\n/works/2\n\n', 41)).not.toBe(etag);
    expect(versionEtag('other', 'http\nlocalhost\n/works/1\n\n', 41)).not.toBe(etag);
    expect(matchesEtag(etag, etag)).toBe(true);
    expect(matchesEtag(etag.slice(2), etag)).toBe(true);
    expect(matchesEtag(`W/"x", ${etag}`, etag)).toBe(true);
    expect(matchesEtag('*', etag)).toBe(true);
    expect(matchesEtag('W/"x"', etag)).toBe(false);
    expect(matchesEtag(undefined, etag)).toBe(false);
    expect(matchesEtag('', etag)).toBe(false);
  });
});

describe('compressed forms', () => {
  it('each hold memory of their own size, counted in full, and decompress to the body', async () => {
    const cache = new PageCache({ keepAfter: 1, now: () => 0 });
    await cache.currentVersion(async () => 1);
    // Compresses to a few hundred bytes, far under zlib's 16 KB output chunk.
    const body = Buffer.from(`<p>${'Sherlock made the tea badly. '.repeat(400)}</p>`);
    const entry = { version: 1, headers: {}, body, encoded: {}, compressible: true, bytes: body.length };
    cache.set('page', entry);
    const br = cache.answer('page', entry, 'br').body;
    const gzip = cache.answer('page', entry, 'gzip').body;
    expect(brotliDecompressSync(br).equals(body)).toBe(true);
    expect(gunzipSync(gzip).equals(body)).toBe(true);
    for (const form of [br, gzip]) {
      expect(form.length).toBeLessThan(2000);
      expect(form.buffer.byteLength).toBe(form.length);
    }
    expect(cache.size.bytes).toBe(body.length + br.length + gzip.length);
  });

  it('leave a plain client the body as it is', async () => {
    const cache = new PageCache({ keepAfter: 1, now: () => 0 });
    await cache.currentVersion(async () => 1);
    const body = Buffer.from('x'.repeat(5000));
    const entry = { version: 1, headers: {}, body, encoded: {}, compressible: true, bytes: body.length };
    cache.set('page', entry);
    expect(cache.answer('page', entry, undefined).body).toBe(body);
    expect(cache.answer('page', entry, 'identity').body).toBe(body);
  });
});

describe('keeping on a later answer', () => {
  const entry = (version: number) => {
    const body = Buffer.from('<p>Giles cleaned his glasses.</p>');
    return { version, headers: {}, body, encoded: {}, compressible: true, bytes: body.length };
  };

  it('keeps an address on its keepAfter-th answer, counted across changes of the archive', async () => {
    let version = 1;
    const cache = new PageCache({ keepAfter: 3, now: () => 0, staleMs: 0 });
    await cache.currentVersion(async () => version);
    cache.set('page', entry(1));
    cache.set('page', entry(1));
    expect(cache.get('page', 1)).toBeUndefined();
    // A change of the archive empties the cache, not the counts: the address is still one readers ask for.
    version = 2;
    await cache.currentVersion(async () => version);
    cache.set('page', entry(2));
    expect(cache.get('page', 2)).toBeDefined();
    expect(cache.stats).toMatchObject({ notKept: 2, stored: 1 });
  });

  it('forgets the counts once it holds four times as many addresses as the cache holds entries', async () => {
    const cache = new PageCache({ maxEntries: 2, now: () => 0 });
    await cache.currentVersion(async () => 1);
    cache.set('page', entry(1));
    for (let i = 0; i < 8; i++) cache.set(`other ${i}`, entry(1));
    // The ninth address found eight counted and emptied them: the first answer of 'page' is forgotten.
    cache.set('page', entry(1));
    expect(cache.get('page', 1)).toBeUndefined();
    cache.set('page', entry(1));
    expect(cache.get('page', 1)).toBeDefined();
  });
});

describe.each(DIALECTS)('the page cache on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  // The version is read on every request: no test waits for the staleness bound.
  let cache: PageCache;
  const get = (url: string, headers: Record<string, string> = {}, cookies?: Record<string, string>) =>
    app.inject({ method: 'GET', url, headers, cookies });
  const workId = async (title: string) => {
    const $ = cheerio.load((await get(`/works?q=${encodeURIComponent(title)}`)).body);
    return Number(/\/works\/(\d+)/.exec($('.blurb .heading a').first().attr('href') ?? '')?.[1]);
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    cache = new PageCache({ keepAfter: 1, staleMs: 0 });
    app = await buildApp({ store: db.store, search: db.search, pageCache: cache, etagSeed: 'seed' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('answers a repeated page from the cache with the same body, headers and ETag', async () => {
    const id = await workId('Tea');
    const before = { ...cache.stats };
    const first = await get(`/works/${id}`);
    const second = await get(`/works/${id}`);
    expect(cache.stats.misses - before.misses).toBe(1);
    expect(cache.stats.hits - before.hits).toBe(1);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    for (const header of [
      'content-type',
      'etag',
      'last-modified',
      'content-security-policy',
      'x-content-type-options',
    ])
      expect(second.headers[header], header).toBe(first.headers[header]);
    const unchanged = await get(`/works/${id}`, { 'if-none-match': String(first.headers.etag) });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
  });

  it('names a page by the archive version: a changed work gets a new ETag, an unchanged one a 304', async () => {
    const id = await workId('Tea');
    const first = await get(`/works/${id}`);
    const etag = String(first.headers.etag);
    expect(etag.startsWith(`W/"${(await readPageVersion(db.store.db)).toString(36)}-`)).toBe(true);
    // The same ETag whether the page came from the cache or was rendered, compressed or not.
    expect((await get(`/works/${id}`)).headers.etag).toBe(etag);
    expect((await get(`/works/${id}`, { 'accept-encoding': 'br' })).headers.etag).toBe(etag);
    // A revalidation is answered before anything is rendered, even when the page has left the cache.
    cache.clear();
    const misses = cache.stats.misses;
    const unchanged = await get(`/works/${id}`, { 'if-none-match': etag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.headers.etag).toBe(etag);
    expect(cache.stats.misses).toBe(misses);

    // Other readers' variations are other pages, with other ETags.
    const dark = await get(`/works/${id}`, {}, { quire_reader: 'theme=dark' });
    expect(dark.headers.etag).not.toBe(etag);
    expect(
      (await get(`/works/${id}`, { 'if-none-match': etag }, { quire_reader: 'theme=dark' })).statusCode,
    ).toBe(200);
    const rooftops = await workId('Rooftops');
    const gate = await get(`/works/${rooftops}`);
    const shown = await get(`/works/${rooftops}`, {}, { view_adult: 'true' });
    expect(shown.headers.etag).not.toBe(gate.headers.etag);
    expect(
      (
        await get(
          `/works/${rooftops}`,
          { 'if-none-match': String(gate.headers.etag) },
          { view_adult: 'true' },
        )
      ).body,
    ).toContain('His cock was hard');

    await db.store.db.updateTable('works').set({ title: 'Tea, Again' }).where('id', '=', id).execute();
    const changed = await get(`/works/${id}`, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Tea, Again');
    expect(changed.headers.etag).not.toBe(etag);
    expect((await get(`/works/${id}`, { 'if-none-match': String(changed.headers.etag) })).statusCode).toBe(
      304,
    );
    // Counts are on the page too: kudos given elsewhere make it a new page.
    const counted = String(changed.headers.etag);
    await db.store.db
      .updateTable('works')
      .set({ kudos_count: sql`kudos_count + 1` })
      .where('id', '=', id)
      .execute();
    expect((await get(`/works/${id}`, { 'if-none-match': counted })).statusCode).toBe(200);
    await db.store.db.updateTable('works').set({ title: 'Tea' }).where('id', '=', id).execute();
  });

  it('gives the same page the same ETag from every process of a server, and a new one after a restart', async () => {
    const id = await workId('Tea');
    const etag = (await get(`/works/${id}`)).headers.etag;
    const sibling = await buildApp({ store: db.store, search: db.search, etagSeed: 'seed' });
    const restarted = await buildApp({ store: db.store, search: db.search });
    try {
      expect((await sibling.inject(`/works/${id}`)).headers.etag).toBe(etag);
      expect((await restarted.inject(`/works/${id}`)).headers.etag).not.toBe(etag);
    } finally {
      await sibling.close();
      await restarted.close();
    }
  });

  it('compresses a cached page as the client asks, once per encoding', async () => {
    const plain = (await get('/works')).body;
    for (const round of [1, 2]) {
      const br = await get('/works', { 'accept-encoding': 'gzip, br' });
      expect(br.headers['content-encoding'], `round ${round}`).toBe('br');
      expect(br.headers.vary).toContain('accept-encoding');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain);
      const gzip = await get('/works', { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain);
    }
    const identity = await get('/works', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    // An uncompressed answer still says it depends on Accept-Encoding, so a proxy keeps the two apart.
    expect(identity.headers.vary).toContain('accept-encoding');
  });

  it('keeps pages apart by reader settings and the adult notice answer', async () => {
    const plain = cheerio.load((await get('/works')).body);
    const hiding = cheerio.load(
      (await get('/works', {}, { quire_reader: 'hide_warnings=1&theme=dark' })).body,
    );
    expect(plain('.theme-system').length).toBe(1);
    expect(hiding('.theme-dark').length).toBe(1);
    expect(hiding('.hidden-tags').length).toBeGreaterThan(0);
    expect(cheerio.load((await get('/works')).body)('.hidden-tags').length).toBe(0);

    const id = await workId('Rooftops');
    for (const round of [1, 2]) {
      const gate = await get(`/works/${id}`);
      expect(gate.body, `round ${round}`).not.toContain('His cock was hard');
      expect(gate.body).toContain('adult-gate');
      // Proceed sets the visit's cookie every time: it is never answered from the cache.
      const proceed = await get(`/works/${id}?view_adult=true`);
      expect(proceed.body).toContain('His cock was hard');
      expect(proceed.cookies.find((cookie) => cookie.name === 'view_adult')?.value).toBe('true');
      const shown = await get(`/works/${id}`, {}, { view_adult: 'true' });
      expect(shown.body).toContain('His cock was hard');
      expect(shown.cookies).toHaveLength(0);
    }
  });

  it('caches EPUB downloads per work and leaves error pages alone', async () => {
    const id = await workId('Rooftops');
    const first = await get(`/downloads/${id}/rooftops.epub`);
    const before = cache.stats.hits;
    const second = await get(`/downloads/${id}/rooftops.epub`);
    expect(cache.stats.hits).toBe(before + 1);
    expect(second.headers['content-type']).toBe('application/epub+zip');
    expect(second.headers['content-disposition']).toBe(first.headers['content-disposition']);
    expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
    const missing = cache.stats.stored;
    expect((await get('/works/999999')).statusCode).toBe(404);
    expect((await get('/works/999999')).statusCode).toBe(404);
    expect(cache.stats.stored).toBe(missing);
  });

  it('shows a change to the archive on the next request', async () => {
    const count = async () =>
      cheerio
        .load((await get('/works')).body)('.result-count')
        .text();
    const fandom = async () => (await get('/tags/Sherlock%20(TV)/works')).body;
    const creator = async () => (await get('/creators/cedar')).body;
    expect(await count()).toBe('1 – 3 of 3 Works');
    expect(await fandom()).not.toContain('Night Shift');
    expect(await creator()).not.toContain('Night Shift');
    expect(await count()).toBe('1 – 3 of 3 Works');
    await insertStories(db, [LATER], '2026-02-01');
    expect(await count()).toBe('1 – 4 of 4 Works');
    expect(await fandom()).toContain('Night Shift');
    expect(await creator()).toContain('Night Shift');
  });

  it('passes cached pages through the rate limiter', async () => {
    const limited = await buildApp({
      store: db.store,
      search: db.search,
      site: { rateLimit: 2 },
      pageCache: new PageCache({ keepAfter: 1, staleMs: 0 }),
    });
    try {
      expect((await limited.inject('/fandoms')).statusCode).toBe(200);
      expect((await limited.inject('/fandoms')).statusCode).toBe(200);
      expect((await limited.inject('/fandoms')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('reads the archive version at most once per staleness bound, and sees changes after it', async () => {
    let now = 0;
    const slow = new PageCache({ keepAfter: 1, staleMs: 100, now: () => now });
    const lagging = await buildApp({ store: db.store, search: db.search, pageCache: slow });
    try {
      const titles = async () => (await lagging.inject('/works?sort=title&per_page=50')).body;
      expect(await titles()).not.toContain('Quiet Morning');
      await insertStories(
        db,
        [LATER.replace('Night Shift', 'Quiet Morning').replace('night shift', 'early shift')],
        '2026-03-01',
      );
      // Within the bound the page may be as it was; the version is not read again.
      now = 99;
      const reads = slow.stats.versionReads;
      expect(await titles()).not.toContain('Quiet Morning');
      expect(slow.stats.versionReads).toBe(reads);
      now = 100;
      expect(await titles()).toContain('Quiet Morning');
      expect(slow.stats.versionReads).toBe(reads + 1);
    } finally {
      await lagging.close();
    }
  });

  it('keeps a page on its second answer, not its first, by default', async () => {
    const id = await workId('Tea');
    const twice = new PageCache({ staleMs: 0 });
    const server = await buildApp({ store: db.store, search: db.search, pageCache: twice });
    try {
      const first = await server.inject(`/works/${id}`);
      expect(first.statusCode).toBe(200);
      expect(twice.stats).toMatchObject({ misses: 1, notKept: 1, stored: 0 });
      expect(twice.size.entries).toBe(0);
      // Another page asked for once is not kept either, and does not count for the first.
      await server.inject('/works');
      expect(twice.stats).toMatchObject({ misses: 2, notKept: 2, stored: 0 });
      const second = await server.inject(`/works/${id}`);
      expect(twice.stats).toMatchObject({ misses: 3, stored: 1, hits: 0 });
      const third = await server.inject(`/works/${id}`);
      expect(twice.stats.hits).toBe(1);
      expect(third.body).toBe(second.body);
      expect(second.body).toBe(first.body);
    } finally {
      await server.close();
    }
  });

  it('stays within its bounds on entries and bytes', async () => {
    const small = new PageCache({ keepAfter: 1, staleMs: 0, maxEntries: 2, maxBytes: 1_000_000 });
    const bounded = await buildApp({ store: db.store, search: db.search, pageCache: small });
    try {
      for (const url of ['/', '/works', '/fandoms', '/creators/amber', '/creators/cedar']) {
        expect((await bounded.inject(url)).statusCode).toBe(200);
        expect(small.size.entries).toBeLessThanOrEqual(2);
      }
      expect(small.stats.evicted).toBe(3);
      const tiny = new PageCache({ keepAfter: 1, staleMs: 0, maxBytes: 30_000 });
      const cramped = await buildApp({ store: db.store, search: db.search, pageCache: tiny });
      try {
        for (const url of ['/', '/works', '/fandoms', '/creators/amber', '/creators/cedar']) {
          await cramped.inject(url);
          await cramped.inject({ url, headers: { 'accept-encoding': 'br' } });
          expect(tiny.size.bytes).toBeLessThanOrEqual(30_000);
        }
      } finally {
        await cramped.close();
      }
    } finally {
      await bounded.close();
    }
  });
});
