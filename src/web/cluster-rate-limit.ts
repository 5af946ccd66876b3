/**
 * Rate limits that hold across the processes of `quire serve --workers N`. @fastify/rate-limit counts in the
 * process that answers, and the cluster hands each new connection to the next worker, so a limit of ten log
 * ins a minute let a guesser make ten per worker. The limits a route sets for itself (log in, sign up,
 * passwords, comments, reports: few requests, each worth limiting exactly) are counted by the primary, which
 * every worker asks over the cluster's message channel. The site-wide limit (`--rate-limit`, hundreds a
 * minute) stays in each process: it is a flood guard, and a message per page would cost every reader.
 *
 * The plugin's own Redis store would share them too, but would make Redis a requirement of a server that
 * otherwise needs nothing but its archive; the primary is already there.
 */
import cluster, { type Worker } from 'node:cluster';
import { createRequire } from 'node:module';
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface LocalStoreShape {
  incr(key: string, callback: Counted, timeWindow: number, max: number): void;
  child(options: unknown): LocalStoreShape;
}

// The plugin's own in-process store, for the site-wide limit and outside a cluster. Its module has no types.
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding?: boolean,
  exponentialBackoff?: boolean,
  cache?: number,
) => LocalStoreShape;

interface CountRequest {
  type: 'quire:rate';
  id: number;
  name: string;
  timeWindow: number;
}

interface CountAnswer {
  type: 'quire:rate';
  id: number;
  current: number;
  ttl: number;
}

const isCountMessage = (message: unknown): message is CountRequest | CountAnswer =>
  typeof message === 'object' && message !== null && (message as CountRequest).type === 'quire:rate';

/** How long a worker waits for the primary before counting in its own process instead. */
const PRIMARY_TIMEOUT_MS = 2000;

/** Options of a route's own limit, as the plugin passes them to `child`. */
interface RouteLimit extends FastifyRateLimitOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  cache?: number;
  groupId?: string;
  routeInfo?: { method?: string | string[]; url?: string };
}

/** The `store` option of @fastify/rate-limit: the site-wide limit per process, routes' own across the cluster. */
export class ClusterRateStore implements FastifyRateLimitStore {
  readonly #local: LocalStoreShape;
  /** The route's name in the primary's counts; null for the site-wide limit. */
  readonly #route: string | null;
  readonly options: RouteLimit;

  constructor(options: RouteLimit, route: string | null = null) {
    this.options = options;
    this.#route = route;
    this.#local = new LocalStore(options.continueExceeding, options.exponentialBackoff, options.cache);
  }

  incr(key: string, callback: Counted, timeWindow?: number, max?: number): void {
    const window = timeWindow ?? 60_000;
    if (this.#route === null || !cluster.isWorker) {
      this.#local.incr(key, callback, window, max ?? 0);
      return;
    }
    askPrimary(`${this.#route}\u0000${key}`, window).then(
      (counted) => callback(null, counted),
      // No answer (the primary is stopping): this process's own count still limits.
      () => this.#local.incr(key, callback, window, max ?? 0),
    );
  }

  // Typed as the plugin declares it; what it passes is the route's merged limit options (index.js, `onRoute`).
  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    const options = routeOptions as unknown as RouteLimit;
    const { method, url } = options.routeInfo ?? {};
    const route = options.groupId ?? `${[method].flat().join(',')} ${url ?? ''}`;
    return new ClusterRateStore(options, route);
  }
}

let nextId = 0;
const waiting = new Map<number, (answer: CountAnswer) => void>();
let listening = false;

function askPrimary(name: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
  if (!listening) {
    listening = true;
    process.on('message', (message: unknown) => {
      if (!isCountMessage(message) || !('current' in message)) return;
      waiting.get(message.id)?.(message);
    });
  }
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('the primary process did not answer'), PRIMARY_TIMEOUT_MS);
    timer.unref();
    const forget = () => {
      clearTimeout(timer);
      waiting.delete(id);
    };
    const fail = (why: string) => {
      forget();
      reject(new Error(why));
    };
    waiting.set(id, (answer) => {
      forget();
      resolve({ current: answer.current, ttl: answer.ttl });
    });
    const request: CountRequest = { type: 'quire:rate', id, name, timeWindow };
    if (!process.send?.(request)) fail('no channel to the primary process');
  });
}

interface Window {
  count: number;
  start: number;
  length: number;
}

const ended = (window: Window, now: number) => window.start + window.length <= now;

/**
 * The primary's counts: a fixed window per route and client, as the plugin's own store keeps them. Windows
 * that have ended are dropped as the map grows, so an address that stops asking leaves nothing behind.
 */
export class WindowCounts {
  readonly #windows = new Map<string, Window>();
  #sweepAt = 1024;

  constructor(private readonly now: () => number = Date.now) {}

  count(name: string, timeWindow: number): { current: number; ttl: number } {
    const now = this.now();
    let window = this.#windows.get(name);
    if (!window || ended(window, now)) {
      window = { count: 0, start: now, length: timeWindow };
      this.#windows.set(name, window);
      if (this.#windows.size >= this.#sweepAt) this.#sweep(now);
    }
    window.count++;
    return { current: window.count, ttl: window.start + window.length - now };
  }

  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number): void {
    for (const [name, window] of this.#windows) if (ended(window, now)) this.#windows.delete(name);
    this.#sweepAt = Math.max(1024, this.#windows.size * 2);
  }
}

/** In the primary: answer a worker's count requests from one `WindowCounts` shared by every worker. */
export function countForWorker(worker: Worker, counts: WindowCounts): void {
  worker.on('message', (message: unknown) => {
    if (!isCountMessage(message) || 'current' in message) return;
    const answer: CountAnswer = {
      type: 'quire:rate',
      id: message.id,
      ...counts.count(message.name, message.timeWindow),
    };
    if (worker.isConnected()) worker.send(answer);
  });
}
