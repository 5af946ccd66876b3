import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, hasEpubcheck } from '../test/epubcheck.ts';
import { type DemoServer, startDemoServer } from './demo-server.ts';

/** Every work of the demo archive, downloaded as a reader would, passes epubcheck without a warning. */
describe.skipIf(!hasEpubcheck)('the demo archive’s EPUBs', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  }, 120_000);
  afterAll(async () => server?.close());

  it('all pass epubcheck with no errors and no warnings', { timeout: 900_000 }, async () => {
    const links: string[] = [];
    for (let page = 1; ; page++) {
      const feed = await server.app.inject(`/opds/new?page=${page}`);
      for (const match of feed.body.matchAll(/href="([^"]+\.epub)"/g))
        links.push(new URL(match[1] ?? '').pathname);
      if (!feed.body.includes('rel="next"')) break;
    }
    expect(links.length).toBeGreaterThanOrEqual(30);
    const problems: string[] = [];
    // Two at a time: the machine has two cores and epubcheck is a JVM.
    for (let index = 0; index < links.length; index += 2) {
      const batch = links.slice(index, index + 2);
      const reports = await Promise.all(
        batch.map(async (link) => {
          const response = await server.app.inject(link);
          expect(response.statusCode, link).toBe(200);
          return (await epubcheck(`work-${index}`, response.rawPayload)).map((line) => `${link}: ${line}`);
        }),
      );
      problems.push(...reports.flat());
    }
    expect(problems).toEqual([]);
  });
});
