import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';
import { HELMET_OPTIONS, helmetHeaders } from './security-headers.ts';

/** What helmet's own middleware leaves on a real response that already says X-Powered-By. */
function helmetOnRealResponse(): Record<string, unknown> {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  response.setHeader('x-powered-by', 'something');
  helmet(HELMET_OPTIONS)(response.req, response, (error?: unknown) => {
    if (error) throw error;
  });
  return response.getHeaders();
}

describe('security headers worked out once', () => {
  it('are the headers helmet sets on a real response, X-Powered-By removed', () => {
    const { set, removed } = helmetHeaders(HELMET_OPTIONS);
    expect(Object.fromEntries(set.map(([name, value]) => [name.toLowerCase(), value]))).toEqual(
      helmetOnRealResponse(),
    );
    expect(removed.map((name) => name.toLowerCase())).toEqual(['x-powered-by']);
    expect(set.map(([name]) => name.toLowerCase())).not.toContain('strict-transport-security');
  });

  it('refuse options helmet refuses when the app is built, not on a request', () => {
    expect(() =>
      helmetHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'; script-src *"] } } }),
    ).toThrow();
  });

  describe('on the site', () => {
    let db: TestStore;
    let app: App;
    beforeAll(async () => {
      db = await openTestStore('sqlite');
      await insertStories(db, [
        'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nRating: G\n\nJohn drank it.',
      ]);
      app = await buildApp({ store: db.store, search: db.search });
    });
    afterAll(async () => {
      await app?.close();
      await db?.cleanup();
    });

    it('go out on pages, errors and assets, twice the same', async () => {
      const expected = helmetOnRealResponse();
      for (const url of ['/works', '/works/1', '/works/999999', '/assets/quire.css', '/works/1', '/nowhere'])
        for (const [name, value] of Object.entries(expected))
          expect((await app.inject(url)).headers[name], `${name} on ${url}`).toBe(value);
    });

    it('say nothing of HTTPS over plain HTTP', async () => {
      const response = await app.inject('/works');
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
    });
  });
});
