/**
 * The page cache's hits for guests answered before Fastify's lifecycle: helmet, the cookie parser, validation
 * and the send hooks, and for most hits Fastify's routing and request objects as well. A cached page otherwise
 * spent most of its CPU in Fastify (issue #23's target: the cached chapter page at half of nginx's rate for the
 * same saved page).
 *
 * An early answer is the answer the lifecycle would give: the body of the cache's entry with the headers
 * the entry's first hit went out with (`replay`: helmet's, HSTS, the ETag), its own length, encoding and the
 * rate limiter's counts. The request is counted by the same rate limiter (its store and key) and, on a work's
 * page, as a hit. Anything else goes the whole way: a member's request (a session cookie or a token), a
 * conditional one (If-None-Match, answered 304 by page-cache.ts), a HEAD, a version read longer ago than the
 * staleness bound, an entry with no hit yet, a client over its limit (the limiter's hook refuses it).
 *
 * Two places answer. The first onRequest hook answers a hit whose route allows it, and notes on the entry
 * that it did (`front`: the route, its work). From then on the http server's request listener (`serveFront`)
 * answers the same page before Fastify routes the request, knowing the route from the entry. It leaves to
 * Fastify what depends on more than the request's address, cookies and socket: a server behind proxies
 * (X-Forwarded-* decide the address and protocol), request lines logged (debug), a server closing (503).
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { HitCounter } from '../services/community/hit-counter.ts';
import type { App } from './app-deps.ts';
import { SESSION_COOKIE } from './auth.ts';
import { type CachedResponse, type PageCache, pageKey } from './page-cache.ts';
import { countVisit } from './work-hits.ts';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** The listener `serveFront` answers in; null until the app is built, and for a server behind proxies. */
export type FrontListener = (request: IncomingMessage, response: ServerResponse, routing: Listener) => void;

type Verdict = Awaited<ReturnType<ReturnType<App['createRateLimit']>>>;

/**
 * Register before every other onRequest hook. A guest's hit on a work's page (routes whose config says
 * `countsHit`) is counted by `hits()`, before the answer is written. Returns the http server's listener for `serveFront`,
 * or null when `trustProxy` is set.
 */
export function registerEarlyHits(
  app: App,
  cache: PageCache,
  hits: () => HitCounter,
  trustProxy: unknown,
): FrontListener | null {
  let limiter: ReturnType<App['createRateLimit']> | null = null;
  const limit = (request: FastifyRequest) => {
    limiter ??= app.createRateLimit();
    return limiter(request);
  };
  /** The answer's head: the entry's, for this encoding, made once, then the limiter's counts. */
  const respond = (
    response: ServerResponse,
    key: string,
    entry: CachedResponse,
    acceptEncoding: string | undefined,
    verdict: Verdict,
  ) => {
    cache.stats.hits++;
    cache.stats.earlyHits++;
    const { body, head } = entryHead(cache, key, entry, acceptEncoding);
    const counted = verdict.isAllowed
      ? head
      : head.concat(
          'x-ratelimit-limit',
          String(verdict.max),
          'x-ratelimit-remaining',
          String(verdict.remaining),
          'x-ratelimit-reset',
          String(verdict.ttlInSeconds),
        );
    response.writeHead(200, counted);
    response.end(body);
  };

  /**
   * The entry a guest's request may be answered from: no token, no If-None-Match, no session, a version read
   * within the staleness bound, and an entry that went out once through the lifecycle (`replay`).
   */
  const guestEntry = (
    headers: IncomingHttpHeaders,
    address: { protocol: string; host: string; url: string },
  ): { key: string; entry: CachedResponse } | null => {
    if (headers.authorization !== undefined || headers['if-none-match'] !== undefined) return null;
    const version = cache.freshVersion();
    if (version === null) return null;
    const cookies = headers.cookie ? app.parseCookie(headers.cookie) : {};
    if (cookies[SESSION_COOKIE] !== undefined) return null;
    const key = pageKey(address, cookies);
    const entry = cache.get(key, version);
    return entry?.replay ? { key, entry } : null;
  };

  app.addHook('onRequest', async (request, reply) => {
    const { config } = request.routeOptions;
    // A route with limits of its own is counted by its own limiter, in the lifecycle.
    if (request.method !== 'GET' || config.pageCache !== true || config.rateLimit !== undefined) return;
    const { headers } = request;
    const found = guestEntry(headers, request);
    if (!found) return;
    const { key, entry } = found;
    const verdict = await limit(request);
    if (!verdict.isAllowed && verdict.isExceeded) return;
    const workId = config.countsHit ? Number((request.params as { id: number | string }).id) : null;
    // Counted before the answer goes, as the lifecycle's onSend counts it: a client that has its answer (a
    // test reading the visits next) finds the hit there.
    if (workId !== null)
      await countVisit(
        hits(),
        workId,
        { address: request.ip, userAgent: headers['user-agent'] ?? '' },
        request.log,
      );
    entry.front ??= { workId };
    reply.hijack();
    respond(reply.raw, key, entry, headers['accept-encoding'], verdict);
  });

  if (trustProxy) return null;
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A request line logged at debug (app.tsx) needs Fastify's request and reply.
  const logsRequests = () => app.log.level === 'debug' || app.log.level === 'trace';

  /** The hook's checks on Node's request, for an entry the hook has answered from (`front`). */
  const findHit = (request: IncomingMessage) => {
    if (request.method !== 'GET' || closing) return null;
    // As Fastify's request reads them when no proxy is trusted.
    const { socket } = request;
    const found = guestEntry(request.headers, {
      protocol: (socket as TLSSocket).encrypted ? 'https' : 'http',
      host: request.headers.host ?? '',
      url: request.url ?? '',
    });
    if (!found?.entry.front || logsRequests()) return null;
    return { ...found, front: found.entry.front, ip: socket.remoteAddress };
  };

  /**
   * Each connection's last visit counted. A connection has one address, so its next request for the same work
   * with the same browser the same day is the same visitor: no new hit, and no hash to find that out.
   */
  const visits = new WeakMap<Socket, { workId: number; userAgent: string; day: string }>();
  const countOnConnection = async (request: IncomingMessage, workId: number, address: string) => {
    const counter = hits();
    const userAgent = request.headers['user-agent'] ?? '';
    const day = counter.today();
    const last = visits.get(request.socket);
    if (last?.workId === workId && last.userAgent === userAgent && last.day === day) {
      // What a visit does besides noting itself: add the waiting visits to the counts when it is time.
      await counter
        .countWhenDue()
        .catch((error: unknown) => app.log.warn({ err: error }, 'hits not counted'));
      return;
    }
    if (await countVisit(counter, workId, { address, userAgent }, app.log))
      visits.set(request.socket, { workId, userAgent, day });
  };

  const answer = async (
    request: IncomingMessage,
    response: ServerResponse,
    hit: NonNullable<ReturnType<typeof findHit>>,
  ): Promise<boolean> => {
    // What the limiter reads of a request without a key generator of its own: its address, and the group of
    // the route's own limit (none: `front` is set only on routes without one).
    const verdict = await limit({ ip: hit.ip, routeOptions: { config: {} } } as unknown as FastifyRequest);
    if (!verdict.isAllowed && verdict.isExceeded) return false;
    const { workId } = hit.front;
    if (workId !== null) await countOnConnection(request, workId, hit.ip ?? '');
    cache.stats.frontHits++;
    respond(response, hit.key, hit.entry, request.headers['accept-encoding'], verdict);
    return true;
  };

  return (request, response, routing) => {
    const hit = findHit(request);
    if (!hit) {
      routing(request, response);
      return;
    }
    answer(request, response, hit).then(
      (answered) => {
        if (!answered) routing(request, response);
      },
      // The limiter's store failed: Fastify's own hook meets the same failure and answers it.
      () => {
        if (!response.headersSent) routing(request, response);
      },
    );
  };
}

/** An early answer's body and head for a client sending `acceptEncoding`, without the limiter's counts. */
function entryHead(
  cache: PageCache,
  key: string,
  entry: CachedResponse,
  acceptEncoding: string | undefined,
): { body: Buffer; head: string[] } {
  const { body, headers: chosen } = cache.answer(key, entry, acceptEncoding);
  const encoding = chosen.find(([name]) => name === 'content-encoding')?.[1] ?? '';
  entry.heads ??= new Map();
  let made = entry.heads.get(encoding);
  if (!made) {
    const head = [...(entry.replay ?? []).flat(), ...chosen.flat(), 'content-length', String(body.length)];
    made = { body, head };
    entry.heads.set(encoding, made);
  }
  return made;
}

/**
 * Fastify's `serverFactory`: the http server Fastify makes itself (its timeouts from `options`), whose requests
 * go to `front()` when it is set, else straight to Fastify's `routing`.
 */
export function serveFront(
  front: () => FrontListener | null,
): (routing: Listener, options: FastifyServerOptions) => Server {
  return (routing, options) => {
    const { http = {} } = options as { http?: ServerOptions };
    const server = createServer(http, (request, response) => {
      const listener = front();
      if (listener) listener(request, response, routing);
      else routing(request, response);
    });
    // As Fastify sets them on the server it makes when no factory is given (lib/server.js).
    server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
    server.requestTimeout = options.requestTimeout ?? 0;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}
