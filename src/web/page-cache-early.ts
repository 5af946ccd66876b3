/**
 * The page cache's hits for guests answered in the first hook of a request, before helmet, the cookie parser,
 * validation and the send hooks run: a cached page otherwise spent most of its CPU in Fastify's lifecycle
 * (issue #23's target: the cached chapter page at half of nginx's rate for the same saved page).
 *
 * An early answer is the answer the lifecycle would give: the body of the cache's entry with the headers
 * the entry's first hit went out with (`replay`: helmet's, HSTS, the ETag), its own length, encoding and the
 * rate limiter's counts. The request is counted by the same rate limiter (its store and key) and, on a work's
 * page, as a hit. Anything else goes the whole way: a member's request (a session cookie or a token), a
 * conditional one (If-None-Match, answered 304 by page-cache.ts), a version read longer ago than the
 * staleness bound, an entry with no hit yet, a client over its limit (the limiter's hook refuses it).
 */
import type { FastifyRequest } from 'fastify';
import type { App } from './app-deps.ts';
import { SESSION_COOKIE } from './auth.ts';
import { type PageCache, pageKey } from './page-cache.ts';

/**
 * Register before every other onRequest hook. `countHit` counts a guest's hit on a work's page (routes whose
 * config says `countsHit`), before the answer is written.
 */
export function registerEarlyHits(
  app: App,
  cache: PageCache,
  countHit: (request: FastifyRequest) => Promise<void>,
): void {
  let limit: ReturnType<App['createRateLimit']> | null = null;
  app.addHook('onRequest', async (request, reply) => {
    const { config } = request.routeOptions;
    // A route with limits of its own is counted by its own limiter, in the lifecycle.
    if (request.method !== 'GET' || config.pageCache !== true || config.rateLimit !== undefined) return;
    const { headers } = request;
    if (headers.authorization !== undefined || headers['if-none-match'] !== undefined) return;
    const version = cache.freshVersion();
    if (version === null) return;
    const cookies = headers.cookie ? app.parseCookie(headers.cookie) : {};
    if (cookies[SESSION_COOKIE] !== undefined) return;
    const key = pageKey(request, cookies);
    const entry = cache.get(key, version);
    if (!entry?.replay) return;
    limit ??= app.createRateLimit();
    const verdict = await limit(request);
    if (!verdict.isAllowed && verdict.isExceeded) return;
    cache.stats.hits++;
    cache.stats.earlyHits++;
    const { body, headers: chosen } = cache.answer(key, entry, headers['accept-encoding']);
    const head = [...entry.replay.flat(), ...chosen.flat(), 'content-length', String(body.length)];
    if (!verdict.isAllowed)
      head.push(
        'x-ratelimit-limit',
        String(verdict.max),
        'x-ratelimit-remaining',
        String(verdict.remaining),
        'x-ratelimit-reset',
        String(verdict.ttlInSeconds),
      );
    // Counted before the answer goes, as the lifecycle's onSend counts it: a client that has its answer (a
    // test reading the visits next) finds the hit there.
    if (config.countsHit) await countHit(request);
    reply.hijack();
    reply.raw.writeHead(200, head);
    reply.raw.end(body);
  });
}
