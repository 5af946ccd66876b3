/**
 * A watch on the server's event loop: a page's queries run synchronously (better-sqlite3), so while anything
 * holds the loop (a long query, a filter index load, a checkpoint, a collection of a large heap) every other
 * request waits, and readers see it as tail latency the handlers' own timings do not show (issue #23). A
 * block longer than `thresholdMs` is logged with what the process did meanwhile: its CPU time (a block with
 * little CPU is the machine not running the process, not the process working) and the requests that ended
 * during it or are still under way, slowest first.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { App } from './app-deps.ts';

export interface LoopWatchOptions {
  /** A block at least this long is logged, in ms. */
  thresholdMs: number;
  /** How often the loop is looked at, in ms: a block shorter than this may go unseen. */
  intervalMs: number;
}

const DEFAULTS: LoopWatchOptions = { thresholdMs: 500, intervalMs: 50 };
/** The slowest requests named in a block's log line. */
const NAMED = 5;

/** Watch `app`'s loop from when it listens until it closes; the delay's percentiles are logged at close. */
export function watchLoop(app: App, options: Partial<LoopWatchOptions> = {}): void {
  const { thresholdMs, intervalMs } = { ...DEFAULTS, ...options };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let ended: { url: string; ms: number }[] = [];
  const underWay = new Map<string, { url: string; startedAt: number }>();
  app.addHook('onRequest', async (request) => {
    underWay.set(request.id, { url: request.url, startedAt: performance.now() });
  });
  app.addHook('onResponse', async (request, reply) => {
    underWay.delete(request.id);
    ended.push({ url: request.url, ms: reply.elapsedTime });
  });
  app.addHook('onRequestAbort', async (request) => {
    underWay.delete(request.id);
  });
  let timer: NodeJS.Timeout | null = null;
  // From when it listens: loading the archive at start holds the loop too, with no reader waiting.
  app.addHook('onListen', async () => {
    delay.enable();
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    timer = setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage();
      const blockedMs = now - last - intervalMs;
      if (blockedMs >= thresholdMs) {
        const seen = [
          ...ended,
          ...[...underWay.values()].map(({ url, startedAt }) => ({ url, ms: now - startedAt })),
        ];
        const slowest = seen.sort((a, b) => b.ms - a.ms).slice(0, NAMED);
        app.log.warn(
          {
            blockedMs: Math.round(blockedMs),
            cpuMs: Math.round((cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000),
            requests: seen.length,
            slowest: slowest.map((entry) => `${Math.round(entry.ms)} ms ${entry.url}`),
          },
          'event loop blocked',
        );
      }
      ended = [];
      last = now;
      lastCpu = cpu;
    }, intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    delay.disable();
    const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e5) / 10;
    if (delay.count > 0)
      app.log.info(
        { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) },
        'event loop delay',
      );
  });
}
