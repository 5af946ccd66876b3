import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';
import { PageCache } from './page-cache.ts';

const STORIES = [
  'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nPairing: John/Sherlock\nRating: G\n\nSherlock made the tea badly. John drank it anyway, smiling, and asked for another cup. The kettle sang again.',
  'Title: Rooftops\nAuthor: amber\nFandom: Buffy the Vampire Slayer\nRating: NC-17\n\nBuffy pushed Spike down on the roof. His cock was hard; he thrust into her and she came.',
];

/** Response headers without the ones that differ per request. */
const stable = (headers: Record<string, unknown>) => {
  const { date: _date, 'x-ratelimit-remaining': _remaining, 'x-ratelimit-reset': _reset, ...rest } = headers;
  return rest;
};

describe.each(DIALECTS)('early answers from the page cache on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let cache: PageCache;
  // The clock stays put, so the archive version read at the first request stays within the staleness bound.
  let now = 0;
  let tea = 0;
  let rooftops = 0;
  const visits = async (workId: number) =>
    Number(
      (
        await db.store.db
          .selectFrom('work_visits')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('work_id', '=', workId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    const ids = await db.store.db.selectFrom('works').select(['id', 'title']).execute();
    tea = Number(ids.find((work) => work.title === 'Tea')?.id);
    rooftops = Number(ids.find((work) => work.title === 'Rooftops')?.id);
    cache = new PageCache({ staleMs: 1000, now: () => now });
    app = await buildApp({ store: db.store, search: db.search, pageCache: cache, etagSeed: 'seed' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('answers a guest the same body and headers as the lifecycle did, and counts the request', async () => {
    const url = `/works/${tea}`;
    const first = await app.inject(url);
    const second = await app.inject(url);
    expect(cache.stats.earlyHits).toBe(0);
    const third = await app.inject(url);
    expect(cache.stats.earlyHits).toBe(1);
    expect(third.statusCode).toBe(200);
    expect(third.body).toBe(first.body);
    expect(stable(third.headers)).toEqual(stable(second.headers));
    expect(third.headers['content-security-policy']).toContain("default-src 'self'");
    // The rate limiter counted it: one fewer left than after the second request.
    expect(Number(third.headers['x-ratelimit-remaining'])).toBe(
      Number(second.headers['x-ratelimit-remaining']) - 1,
    );
    const brotli = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(cache.stats.earlyHits).toBe(2);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toBe('accept-encoding');
    expect(Number(brotli.headers['content-length'])).toBe(brotli.rawPayload.length);
  });

  it('counts a hit for each new visitor answered early', async () => {
    const url = `/works/${tea}`;
    await app.inject(url);
    await app.inject(url);
    const early = cache.stats.earlyHits;
    const before = await visits(tea);
    await app.inject({ url, headers: { 'user-agent': 'Reader One' } });
    await app.inject({ url, headers: { 'user-agent': 'Reader Two' } });
    // The same visitor again the same day is no new hit.
    await app.inject({ url, headers: { 'user-agent': 'Reader Two' } });
    expect(cache.stats.earlyHits).toBe(early + 3);
    expect(await visits(tea)).toBe(before + 2);
  });

  it('leaves members, conditional requests and other cookies to the lifecycle', async () => {
    const url = `/works/${tea}`;
    const warm = await app.inject(url);
    await app.inject(url);
    const early = cache.stats.earlyHits;
    // A session cookie (here one no member has) never reads the cache: the page is rendered for the viewer.
    const member = await app.inject({ url, cookies: { quire_session: 'not-a-session' } });
    expect(member.statusCode).toBe(200);
    const notModified = await app.inject({ url, headers: { 'if-none-match': String(warm.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    await app.inject({ url, headers: { authorization: 'Bearer nothing' } });
    const post = await app.inject({ method: 'POST', url: `/works/${tea}/kudos` });
    expect(post.statusCode).not.toBe(200);
    expect(cache.stats.earlyHits).toBe(early);
    // The adult notice's answer names another page: its first request renders.
    const gated = `/works/${rooftops}`;
    const notice = await app.inject(gated);
    const proceeded = await app.inject({ url: gated, cookies: { view_adult: 'true' } });
    expect(proceeded.body).not.toBe(notice.body);
  });

  it('goes the whole way once the version is older than the staleness bound', async () => {
    const url = `/works/${tea}`;
    await app.inject(url);
    await app.inject(url);
    const early = cache.stats.earlyHits;
    now += 1000;
    expect((await app.inject(url)).statusCode).toBe(200);
    expect(cache.stats.earlyHits).toBe(early);
    expect((await app.inject(url)).statusCode).toBe(200);
    expect(cache.stats.earlyHits).toBe(early + 1);
  });

  it('refuses a client over its limit with the limiter’s answer', async () => {
    const limited = new PageCache({ staleMs: 1000, now: () => now });
    const small = await buildApp({
      store: db.store,
      search: db.search,
      site: { rateLimit: 3 },
      pageCache: limited,
    });
    try {
      const url = `/works/${tea}`;
      expect((await small.inject(url)).statusCode).toBe(200);
      expect((await small.inject(url)).statusCode).toBe(200);
      expect((await small.inject(url)).statusCode).toBe(200);
      expect(limited.stats.earlyHits).toBe(1);
      expect((await small.inject(url)).statusCode).toBe(429);
    } finally {
      await small.close();
    }
  });
});
