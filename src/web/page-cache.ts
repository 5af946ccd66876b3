/**
 * Rendered responses kept in memory, so a page many readers ask for is built twice per change of the archive
 * rather than once per request (a 5,000-word chapter costs several queries and a large render; a filtered
 * index a search and its blurbs; an EPUB a zip). A page is kept on its second answer, not its first
 * (`keepAfter`): most addresses are asked for once, and keeping those pushed out the pages readers come back to.
 *
 * A response is reused only for the same archive version, address (with the host, which downloads and feeds
 * print), reader-settings cookie and adult-notice cookie: nothing else a guest's page depends on varies by
 * request. A member's pages show what guests may not see (works restricted to members, their drafts), so a
 * request with a session or an access token neither reads nor fills the cache.
 * The archive version is the `archive_version` counter the search index watches (triggers bump it on any
 * change to works, filter tags or tags, in any process); it is read at most once per `staleMs`, so a change
 * shows on every request that starts more than `staleMs` after it was committed (100 ms by default), and on
 * some sooner. Only 200 answers without a Set-Cookie are kept (the adult notice's Proceed and the settings
 * form set cookies, so they always run).
 *
 * The hooks sit inside Fastify's lifecycle, so a cached answer still passes the rate limiter and gets the
 * security headers; its brotli and gzip forms are made once, on first demand, instead of on every request.
 *
 * What the key and the version name is one body, so they name its ETag too (`versionEtag`) instead of a hash
 * of a body that can be megabytes: the ETag changes whenever the page can, and a matching If-None-Match is
 * answered 304 before anything is read or rendered. The ETag also holds a seed each server start draws (the
 * code and the site's settings may differ after a restart) and that every process of one server shares.
 * Answers the cache does not keep (errors, ones setting a cookie, a member's) get @fastify/etag's hash of the body.
 */
import { hash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { BudgetedLru } from '../budgeted-lru.ts';
import { CacheBudget } from '../cache-budget.ts';
import { ADULT_COOKIE } from './adult-gate.ts';
import type { App } from './app-deps.ts';
import { SESSION_COOKIE } from './auth.ts';
import { SETTINGS_COOKIE } from './reader-settings.ts';

export interface PageCacheOptions {
  /** Most responses kept. */
  maxEntries: number;
  /**
   * Most bytes kept, bodies and their compressed forms together, when no `budget` is given; with one, the
   * bound is the budget's, shared with the process's other caches.
   */
  maxBytes: number;
  budget?: CacheBudget;
  /** Larger responses are not kept (an epic's EPUB). */
  maxEntryBytes: number;
  /**
   * How many times an address must be answered before its answer is kept: 2 keeps a page on its second
   * visit. Most of an archive's addresses are asked for once (a reader passing through a chapter, a filter
   * tried once, one download of a work); kept on the first visit, each of them evicted a page readers come
   * back to and held its bytes until then.
   */
  keepAfter: number;
  /** How long a reading of the archive version is trusted, in ms: the staleness bound. 0 reads it per request. */
  staleMs: number;
  /** The clock, in ms (tests move it by hand). */
  now: () => number;
}

export const DEFAULT_PAGE_CACHE: PageCacheOptions = {
  maxEntries: 2000,
  maxBytes: 64 * 1024 * 1024,
  maxEntryBytes: 4 * 1024 * 1024,
  keepAfter: 2,
  staleMs: 100,
  now: () => performance.now(),
};

type Encoding = 'br' | 'gzip';

export interface CachedResponse {
  version: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Compressed forms, made on first demand; absent for types that are not compressed. */
  encoded: Partial<Record<Encoding, Buffer>>;
  compressible: boolean;
  bytes: number;
  /**
   * Every header a hit answered through Fastify's lifecycle went out with (helmet's, HSTS), less the ones a
   * request decides (length, encoding, vary, the limiter's counts): what an early answer replays
   * (page-cache-early.ts). Taken from the first such hit.
   */
  replay?: [string, string][];
  /**
   * Set by the first early answer (page-cache-early.ts), whose route allows one: the work whose hit a request
   * for this page counts, if any. With it the http server's request listener answers the page before Fastify.
   */
  front?: { workId: number | null };
  /** An early answer's headers, less the limiter's counts, per encoding sent ('' for none): made once. */
  heads?: Map<string, { body: Buffer; head: string[] }>;
}

/** The response headers a cached answer replays; the rest are set per request by the plugins. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'content-disposition'] as const;
/** @fastify/compress's threshold in app.tsx: smaller bodies go out as they are. */
const COMPRESS_THRESHOLD = 1024;

/** Rendered responses, least recently used first, bounded in count and bytes. */
export class PageCache {
  readonly options: PageCacheOptions;
  readonly stats = {
    hits: 0,
    /** Of the hits, those answered in the first hook (page-cache-early.ts). */
    earlyHits: 0,
    /** Of the early hits, those answered by the http server's listener, before Fastify routed them. */
    frontHits: 0,
    misses: 0,
    notModified: 0,
    stored: 0,
    /** Answers not kept because their address had not been asked for `keepAfter` times yet. */
    notKept: 0,
    evicted: 0,
    versionReads: 0,
  };
  private readonly entries: BudgetedLru<CachedResponse>;
  /**
   * Addresses answered and not kept yet, with how many times: a count per address, emptied when it holds
   * more addresses than the cache holds entries four times over, so its memory stays bounded (about 100
   * bytes an address) and an address asked for rarely is forgotten between its visits.
   */
  private readonly answered = new Map<string, number>();
  private version = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private reading: { startedAt: number; version: Promise<number> } | null = null;

  constructor(options: Partial<PageCacheOptions> = {}) {
    this.options = { ...DEFAULT_PAGE_CACHE, ...options };
    this.entries = new BudgetedLru({
      budget: this.options.budget ?? new CacheBudget(this.options.maxBytes),
      maxEntries: this.options.maxEntries,
      bytesOf: (entry) => entry.bytes,
      onEvict: () => {
        this.stats.evicted++;
      },
    });
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.bytes };
  }

  /**
   * The archive version as of at most `staleMs` ago. A change drops every kept response: none can be
   * served again.
   */
  async currentVersion(read: () => Promise<number>): Promise<number> {
    const now = this.options.now();
    if (now - this.checkedAt < this.options.staleMs) return this.version;
    // Share a reading already under way, if it started recently enough to honour the bound.
    if (!this.reading || now - this.reading.startedAt > this.options.staleMs) {
      this.stats.versionReads++;
      const reading = { startedAt: now, version: read() };
      this.reading = reading;
      reading.version.then(
        (version) => {
          if (this.reading === reading) this.reading = null;
          if (reading.startedAt >= this.checkedAt) {
            this.checkedAt = reading.startedAt;
            if (version !== this.version) this.clear();
            this.version = version;
          }
        },
        () => {
          if (this.reading === reading) this.reading = null;
        },
      );
    }
    return this.reading.version;
  }

  /** The archive version if it was read within the staleness bound, else null (it must be read again). */
  freshVersion(): number | null {
    return this.options.now() - this.checkedAt < this.options.staleMs ? this.version : null;
  }

  get(key: string, version: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    return entry && entry.version === version ? entry : undefined;
  }

  set(key: string, entry: CachedResponse): void {
    // A response rendered for a version the cache has moved past is already stale.
    if (entry.version !== this.version || entry.bytes > this.options.maxEntryBytes) return;
    if (!this.keepsNow(key)) return;
    this.entries.set(key, entry);
    this.stats.stored++;
  }

  /** Whether this answer of `key` is the one to keep (`keepAfter`), counting it if not. */
  private keepsNow(key: string): boolean {
    const times = (this.answered.get(key) ?? 0) + 1;
    if (times >= this.options.keepAfter) {
      this.answered.delete(key);
      return true;
    }
    if (this.answered.size >= this.options.maxEntries * 4) this.answered.clear();
    this.answered.set(key, times);
    this.stats.notKept++;
    return false;
  }

  /** The body in this encoding, compressed now if it has not been. */
  encoded(key: string, entry: CachedResponse, encoding: Encoding): Buffer {
    const found = entry.encoded[encoding];
    if (found) return found;
    // @fastify/compress's defaults (brotli quality 4, gzip's level 6): a kept form is sent many times, so it is
    // worth more CPU than a first visit's answer (app.tsx compresses those at the fastest levels).
    const made =
      encoding === 'br'
        ? brotliCompressSync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } })
        : gzipSync(entry.body);
    const body = exactCopy(made);
    entry.encoded[encoding] = body;
    entry.bytes += body.length;
    // Counted again, so the cache counts the compressed form too.
    this.entries.recount(key, entry);
    return body;
  }

  /**
   * A hit's body for a client sending `acceptEncoding`, and the headers saying how it was chosen. A shared
   * cache in front must not hand a compressed body to a client that did not ask for one, or the reverse: the
   * answer varies by Accept-Encoding whenever it could be compressed.
   */
  answer(
    key: string,
    entry: CachedResponse,
    acceptEncoding: string | undefined,
  ): { body: Buffer; headers: [string, string][] } {
    if (!mayCompress(entry)) return { body: entry.body, headers: [] };
    const encoding = chooseEncoding(acceptEncoding);
    if (!encoding) return { body: entry.body, headers: [['vary', 'accept-encoding']] };
    return {
      body: this.encoded(key, entry, encoding),
      headers: [
        ['vary', 'accept-encoding'],
        ['content-encoding', encoding],
      ],
    };
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * `bytes` in memory of its own size. zlib hands back a view of its 16 KB output chunk, so a kept 5 KB page held
 * all 16 KB, uncounted; a copy from Node's pool would hold an 8 KB slab the same way.
 */
function exactCopy(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/** The encoding to send a cached body in, from Accept-Encoding: br, then gzip, else none. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    accepted.set(name === 'x-gzip' ? 'gzip' : name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const wildcard = accepted.get('*') ?? 0;
  for (const encoding of ['br', 'gzip'] as const)
    if ((accepted.get(encoding) ?? wildcard) > 0) return encoding;
  return null;
}

/** Whether a body of this entry is sent compressed when the client accepts it (and so varies by encoding). */
function mayCompress(entry: CachedResponse): boolean {
  return entry.compressible && entry.body.length >= COMPRESS_THRESHOLD;
}

/** What names a guest's page in the cache: the address with its host and the cookies the page reads. */
export function pageKey(
  address: { protocol: string; host: string; url: string },
  cookies: Record<string, string | undefined>,
): string {
  return [
    address.protocol,
    address.host,
    address.url,
    cookies[SETTINGS_COOKIE] ?? '',
    cookies[ADULT_COOKIE] ?? '',
  ].join('\n');
}

/** Headers a hit's own request decides, left out of `replay`. */
const PER_REQUEST_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'vary',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
]);

interface Pending {
  key: string;
  version: number;
  etag: string;
}

/**
 * The ETag of the page kept under `key` at archive `version`. Weak: one page goes out in several encodings.
 */
export function versionEtag(seed: string, key: string, version: number): string {
  const digest = hash('sha1', `${seed}\n${key}`, 'base64url').slice(0, 16);
  return `W/"${version.toString(36)}-${digest}"`;
}

/** Whether an If-None-Match header names this ETag (a list, `*`, weak or strong: GET compares weakly). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}

/**
 * Serve GET requests for the routes whose config says `pageCache: true` from `cache`, and keep their answers;
 * `version` reads the archive version, `etagSeed` is the server's (see `versionEtag`). Register after
 * @fastify/cookie and the rate limiter, before @fastify/etag (whose onSend hook must see the ETag set here)
 * and before the routes: the hit is answered in preValidation, after every onRequest hook (the limiter and
 * helmet's headers), and an answer is kept in onSend once any cookies are on it.
 */
export function registerPageCache(
  app: App,
  cache: PageCache,
  version: () => Promise<number>,
  etagSeed: string,
): void {
  const pending = new WeakMap<FastifyRequest, Pending>();
  const served = new WeakMap<FastifyRequest, CachedResponse>();

  app.addHook('preValidation', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.config.pageCache !== true) return;
    if (request.cookies[SESSION_COOKIE] !== undefined || request.headers.authorization !== undefined) return;
    const current = await cache.currentVersion(version);
    const key = pageKey(request, request.cookies);
    const etag = versionEtag(etagSeed, key, current);
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      cache.stats.notModified++;
      return reply.code(304).header('etag', etag).send();
    }
    const entry = cache.get(key, current);
    if (!entry) {
      cache.stats.misses++;
      pending.set(request, { key, version: current, etag });
      return;
    }
    cache.stats.hits++;
    if (!entry.replay) served.set(request, entry);
    for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
    const { body, headers } = cache.answer(key, entry, request.headers['accept-encoding']);
    for (const [name, value] of headers) reply.header(name, value);
    return reply.code(200).send(body);
  });

  // The headers of a hit as it went out, for the early answers to replay; none if it set a cookie.
  app.addHook('onResponse', (request, reply, done) => {
    const entry = served.get(request);
    if (entry && !entry.replay && reply.statusCode === 200 && !reply.raw.hasHeader('set-cookie')) {
      const replay: [string, string][] = [];
      for (const [name, value] of Object.entries(reply.raw.getHeaders()))
        if (value !== undefined && !PER_REQUEST_HEADERS.has(name))
          for (const one of Array.isArray(value) ? value : [value]) replay.push([name, String(one)]);
      entry.replay = replay;
    }
    done();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const waiting = pending.get(request);
    if (!waiting || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    if (!reply.hasHeader('etag')) reply.header('etag', waiting.etag);
    const body =
      typeof payload === 'string'
        ? Buffer.from(payload)
        : payload instanceof Uint8Array
          ? Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
          : null;
    if (!body) return payload;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const type = headers['content-type'] ?? '';
    cache.set(waiting.key, {
      version: waiting.version,
      headers,
      body,
      encoded: {},
      compressible: /^text\/|[+/](?:json|xml)(?:;|$)/.test(type),
      bytes: body.length + waiting.key.length,
    });
    return payload;
  });
}
