import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
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

/** A brotli answer's headers: its encoding, the Vary a shared cache needs, its own length. */
function expectBrotli(headers: Record<string, unknown>, length: number): void {
  expect(headers['content-encoding']).toBe('br');
  expect(headers.vary).toBe('accept-encoding');
  expect(Number(headers['content-length'])).toBe(length);
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request over a real connection: the server's listener, which `inject` passes by, answers it. */
function send(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${origin}${path}`, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: options.agent,
    });
    sent.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

async function listen(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

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

  const visitsOn = async (workId: number, day: string) =>
    Number(
      (
        await db.store.db
          .selectFrom('work_visits')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('work_id', '=', workId)
          .where('day', '=', day)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** An app of its own whose site-wide limit is `rateLimit` requests a minute. */
  const buildLimited = async (rateLimit: number) => {
    const cache = new PageCache({ keepAfter: 1, staleMs: 1000, now: () => now });
    const app = await buildApp({ store: db.store, search: db.search, site: { rateLimit }, pageCache: cache });
    return { app, cache };
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    const ids = await db.store.db.selectFrom('works').select(['id', 'title']).execute();
    tea = Number(ids.find((work) => work.title === 'Tea')?.id);
    rooftops = Number(ids.find((work) => work.title === 'Rooftops')?.id);
    cache = new PageCache({ keepAfter: 1, staleMs: 1000, now: () => now });
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
    expectBrotli(brotli.headers, brotli.rawPayload.length);
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
    const { app: small, cache: limited } = await buildLimited(3);
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

  describe('before Fastify, in the server’s listener', () => {
    let served: App;
    let front: PageCache;
    let origin = '';
    beforeAll(async () => {
      front = new PageCache({ keepAfter: 1, staleMs: 1000, now: () => now });
      served = await buildApp({ store: db.store, search: db.search, pageCache: front, etagSeed: 'seed' });
      origin = await listen(served);
    });
    afterAll(async () => {
      await served?.close();
    });

    /** Render, a hit in the lifecycle, a hit in the first hook: the next is the listener's. */
    const warm = async (path: string, headers: Record<string, string> = {}) => {
      const answers: Answer[] = [];
      for (let time = 0; time < 3; time++) answers.push(await send(origin, path, { headers }));
      return answers;
    };

    it('answers the same body and headers as the first hook and the lifecycle did', async () => {
      const path = `/works/${tea}`;
      const [, lifecycle, hook] = await warm(path);
      expect(front.stats.earlyHits).toBe(1);
      expect(front.stats.frontHits).toBe(0);
      const listener = await send(origin, path);
      expect(front.stats.frontHits).toBe(1);
      expect(listener.status).toBe(200);
      expect(listener.body.equals(hook?.body ?? Buffer.alloc(0))).toBe(true);
      expect(stable(listener.headers)).toEqual(stable(hook?.headers ?? {}));
      expect(stable(listener.headers)).toEqual(stable(lifecycle?.headers ?? {}));
      expect(Number(listener.headers['content-length'])).toBe(listener.body.length);
      expect(Number(listener.headers['x-ratelimit-remaining'])).toBe(
        Number(hook?.headers['x-ratelimit-remaining']) - 1,
      );
      const brotli = await send(origin, path, { headers: { 'accept-encoding': 'br' } });
      expect(front.stats.frontHits).toBe(2);
      expectBrotli(brotli.headers, brotli.body.length);
    });

    it('counts a hit once per visitor and day', async () => {
      const path = `/works/${tea}`;
      await warm(path);
      const before = await visits(tea);
      const frontHits = front.stats.frontHits;
      await send(origin, path, { headers: { 'user-agent': 'Listener One' } });
      await send(origin, path, { headers: { 'user-agent': 'Listener Two' } });
      await send(origin, path, { headers: { 'user-agent': 'Listener Two' } });
      expect(front.stats.frontHits).toBe(frontHits + 3);
      expect(await visits(tea)).toBe(before + 2);
    });

    it('leaves members, conditional requests, HEAD and a stale version to Fastify', async () => {
      const path = `/works/${tea}`;
      const [first] = await warm(path);
      const frontHits = front.stats.frontHits;
      const member = await send(origin, path, { headers: { cookie: 'quire_session=not-a-session' } });
      expect(member.status).toBe(200);
      const notModified = await send(origin, path, {
        headers: { 'if-none-match': String(first?.headers.etag) },
      });
      expect(notModified.status).toBe(304);
      expect(notModified.body.length).toBe(0);
      await send(origin, path, { headers: { authorization: 'Bearer nothing' } });
      const head = await send(origin, path, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(front.stats.frontHits).toBe(frontHits);
      now += 1000;
      expect((await send(origin, path)).status).toBe(200);
      expect(front.stats.frontHits).toBe(frontHits);
      expect((await send(origin, path)).status).toBe(200);
      expect(front.stats.frontHits).toBe(frontHits + 1);
    });

    it('keeps the adult notice and the work behind it apart', async () => {
      const gated = `/works/${rooftops}`;
      const proceed = { cookie: 'view_adult=true' };
      const [notice] = await warm(gated);
      const [work] = await warm(gated, proceed);
      const frontHits = front.stats.frontHits;
      const noticeAgain = await send(origin, gated);
      const workAgain = await send(origin, gated, { headers: proceed });
      expect(front.stats.frontHits).toBe(frontHits + 2);
      expect(noticeAgain.body.equals(notice?.body ?? Buffer.alloc(0))).toBe(true);
      expect(workAgain.body.equals(work?.body ?? Buffer.alloc(0))).toBe(true);
      expect(workAgain.body.equals(noticeAgain.body)).toBe(false);
    });

    it('refuses a client over its limit with the limiter’s answer', async () => {
      const { app: small, cache: limited } = await buildLimited(4);
      try {
        const at = await listen(small);
        const path = `/works/${tea}`;
        for (let time = 0; time < 4; time++) expect((await send(at, path)).status).toBe(200);
        expect(limited.stats.frontHits).toBe(1);
        const refused = await send(at, path);
        expect(refused.status).toBe(429);
        expect(refused.headers['x-ratelimit-limit']).toBe('4');
        expect(refused.headers['retry-after']).toBeDefined();
        expect(limited.stats.frontHits).toBe(1);
      } finally {
        await small.close();
      }
    });

    it('leaves the request to Fastify when request lines are logged or proxies are trusted', async () => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const path = `/works/${tea}`;
      for (const options of [{ logger: pino({ level: 'debug' }, sink) }, { trustProxy: '127.0.0.1' }]) {
        const cache = new PageCache({ keepAfter: 1, staleMs: 1000, now: () => now });
        const other = await buildApp({ store: db.store, search: db.search, pageCache: cache, ...options });
        try {
          const at = await listen(other);
          for (let time = 0; time < 5; time++) expect((await send(at, path)).status).toBe(200);
          expect(cache.stats.earlyHits).toBe(3);
          expect(cache.stats.frontHits).toBe(0);
        } finally {
          await other.close();
        }
      }
      expect(lines.filter((line) => line.includes('request completed'))).toHaveLength(5);
    });
    // Last: counting the visits changes the works' hit counts, so the archive version, which empties the caches.
    it('counts a reader again on the same connection the next day', async () => {
      let today = new Date('2030-01-01T12:00:00Z');
      const cache = new PageCache({ keepAfter: 1, staleMs: 1000, now: () => now });
      const other = await buildApp({
        store: db.store,
        search: db.search,
        pageCache: cache,
        hits: { now: () => today },
      });
      // One connection for every request: the listener remembers the visit it counted on it.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const at = await listen(other);
        const path = `/works/${tea}`;
        const reader = { 'user-agent': 'Daily Reader' };
        for (let time = 0; time < 5; time++) await send(at, path, { headers: reader, agent });
        expect(cache.stats.frontHits).toBe(2);
        expect(await visitsOn(tea, '2030-01-01')).toBe(1);
        await send(at, path, { headers: reader, agent });
        expect(await visitsOn(tea, '2030-01-01')).toBe(1);
        today = new Date('2030-01-02T12:00:00Z');
        await send(at, path, { headers: reader, agent });
        expect(cache.stats.frontHits).toBe(4);
        expect(await visitsOn(tea, '2030-01-02')).toBe(1);
      } finally {
        agent.destroy();
        await other.close();
      }
    });
  });
});
