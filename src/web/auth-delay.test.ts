import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../test/inject-browser.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../test/stores.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';
import { delayAfter } from './auth-delay.ts';

it('forgives two failures, then doubles the wait up to half a minute', () => {
  expect([0, 1, 2, 3, 4, 5, 6].map(delayAfter)).toEqual([0, 0, 0, 250, 500, 1000, 2000]);
  expect(delayAfter(50)).toBe(30_000);
});

describe.each(DIALECTS)('growing delays on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  /** The waits the app asked for, instead of waiting: no timed test. */
  const waits: number[] = [];

  beforeAll(async () => {
    db = await openTestStore(dialect);
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      authSleep: async (ms) => {
        waits.push(ms);
      },
    });
    await new Browser(app).submit('/signup', {
      username: 'anya',
      email: 'anya@example.org',
      password: 'correct horse',
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('slows log in after repeated failures, by address and by name, and forgets them on success', async () => {
    waits.length = 0;
    const guesser = new Browser(app);
    for (let attempt = 0; attempt < 5; attempt++)
      expect(
        (await guesser.submit('/login', { login: 'anya', password: `guess ${attempt}` })).response.statusCode,
      ).toBe(401);
    expect(waits).toEqual([250, 500]);
    // Another address trying the same name waits as long: the name has earned it.
    const other = new Browser(app);
    await other.submit('/login', { login: 'ANYA', password: 'guess' });
    expect(waits.at(-1)).toBe(1000);
    expect(
      (await other.submit('/login', { login: 'anya', password: 'correct horse' })).response.statusCode,
    ).toBe(303);
    waits.length = 0;
    await new Browser(app).submit('/login', { login: 'anya', password: 'correct horse' });
    expect(waits).toEqual([]);
  });

  it('slows password reset requests from one address, each of which mails someone', async () => {
    waits.length = 0;
    const asker = new Browser(app);
    for (let attempt = 0; attempt < 4; attempt++) await asker.submit('/account/forgot', { login: 'anya' });
    expect(waits).toEqual([250]);
  });

  it('slows sign ups that keep failing', async () => {
    waits.length = 0;
    const spammer = new Browser(app);
    for (let attempt = 0; attempt < 4; attempt++)
      await spammer.submit('/signup', {
        username: 'xander',
        email: `not an address ${attempt}`,
        password: 'correct horse',
      });
    expect(waits).toEqual([250]);
  });
});
