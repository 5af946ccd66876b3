import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { App } from './app-deps.ts';
import { watchLoop } from './loop-watch.ts';

describe('the event loop watch', () => {
  it('logs a block of the loop with the CPU spent and the requests that ended in it', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = Fastify({
      logger: { level: 'warn', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    }) as unknown as App;
    watchLoop(app, { thresholdMs: 20, intervalMs: 5 });
    app.get('/slow', async () => {
      // Holds the loop as a long synchronous query would.
      const until = performance.now() + 120;
      while (performance.now() < until) {}
      return 'done';
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      expect(await (await fetch(`http://127.0.0.1:${port}/slow`)).text()).toBe('done');
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The test's own start may block the loop too: the block the slow request made names it.
      const block = lines.find(
        (line) => line.msg === 'event loop blocked' && String(line.slowest).includes('/slow'),
      );
      expect(block?.blockedMs).toBeGreaterThanOrEqual(20);
      expect(block?.cpuMs).toBeGreaterThan(0);
      expect(block?.slowest).toEqual([expect.stringMatching(/^\d+ ms \/slow$/)]);
    } finally {
      await app.close();
    }
  });
});
