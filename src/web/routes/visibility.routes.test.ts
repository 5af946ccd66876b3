import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireflyWork } from '../../../test/helpers.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { setRole, signUp } from '../../services/accounts/account.service.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { startSession } from '../../services/accounts/session.service.ts';
import { createWork, setWorkHidden } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { PageCache } from '../page-cache.ts';
import { tagFeedPath } from '../paths.ts';

/**
 * Drafts, hidden works and works restricted to members, as each visitor meets them on every page kind,
 * feed and download, with the page cache on: a member's page must never be served to a guest.
 */
describe.each(DIALECTS)('who sees which works on the site, on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  const sessions: Record<string, string> = {};
  const ids: Record<string, number> = {};

  /** GET `url` as `who` (a guest when absent). */
  const get = (url: string, who?: string) =>
    app.inject({
      method: 'GET',
      url,
      cookies: who ? { [SESSION_COOKIE]: sessions[who] as string } : {},
    });
  const shows = async (url: string, title: string, who?: string) =>
    (await get(url, who)).body.includes(title);

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Graveyard Shift\nAuthor: dawnlark\nFandom: Firefly\nRating: General Audiences\n\nMal walked past the graves with Zoe.',
      'Title: Engine Room\nAuthor: dawnlark\nFandom: Firefly\nRating: General Audiences\n\nKaylee fixed the engine.',
    ]);
    const member = async (username: string): Promise<Member> => {
      const signed = await signUp(db.store.db, {
        username,
        email: `${username}@example.org`,
        password: 'correct horse',
      });
      sessions[username] = (await startSession(db.store.db, signed.userId)).secret;
      return signed;
    };
    const willow = await member('willow');
    await member('tara');
    await member('giles');
    const giles = await setRole(db.store.db, 'giles', 'admin');
    ids.members = await createWork(
      db.store.db,
      db.search,
      willow,
      fireflyWork('Members Only Tea', { restricted: true }),
    );
    ids.draft = await createWork(
      db.store.db,
      db.search,
      willow,
      fireflyWork('Unfinished Tea', { draft: true }),
    );
    const graveyard = await db.store.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', 'Graveyard Shift')
      .executeTakeFirstOrThrow();
    ids.graveyard = graveyard.id;
    ids.admin = giles.userId;
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: new PageCache({ keepAfter: 1, staleMs: 0 }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('lists a members-only work for members only, however the page cache was filled', async () => {
    // A member fills nothing a guest is later served; a guest's cached page is not shown to a member.
    expect(await shows('/works', 'Members Only Tea', 'tara')).toBe(true);
    expect(await shows('/works', 'Members Only Tea')).toBe(false);
    expect(await shows('/works', 'Members Only Tea')).toBe(false);
    expect(await shows('/works', 'Members Only Tea', 'tara')).toBe(true);
    expect(await shows('/', '3 works across', 'tara')).toBe(true);
    expect(await shows('/', '2 works across')).toBe(true);
    expect(await shows('/creators/willow', 'Members Only Tea')).toBe(false);
    expect(await shows('/creators/willow', 'Members Only Tea', 'tara')).toBe(true);
    expect(await shows('/opds/new', 'Members Only Tea', 'tara')).toBe(false);
    expect(await shows(tagFeedPath('Firefly'), 'Members Only Tea', 'tara')).toBe(false);

    const page = `/works/${ids.members}`;
    expect((await get(page, 'tara')).statusCode).toBe(200);
    const guest = await get(page);
    expect(guest.statusCode).toBe(401);
    expect(guest.body).toContain('only available to registered users');
    expect(guest.body).not.toContain('Inara poured the tea');
    const download = `/downloads/${ids.members}/Members_Only_Tea.txt`;
    expect((await get(download, 'tara')).body).toContain('Inara poured the tea');
    expect((await get(download)).statusCode).toBe(401);
  });

  it('shows a draft to its creator alone, and lists it nowhere', async () => {
    for (const who of [undefined, 'tara', 'willow', 'giles'])
      for (const url of ['/works', '/creators/willow', '/?', '/search?q=tea', '/works?q=tea'])
        expect(await shows(url, 'Unfinished Tea', who)).toBe(false);
    expect((await get(`/works/${ids.draft}`, 'willow')).statusCode).toBe(200);
    for (const who of [undefined, 'tara', 'giles']) {
      expect((await get(`/works/${ids.draft}`, who)).statusCode).toBe(404);
      expect((await get(`/downloads/${ids.draft}/Unfinished_Tea.epub`, who)).statusCode).toBe(404);
    }
  });

  it('takes a hidden imported work out of listings, counts, tags, feeds, OPDS and downloads', async () => {
    const page = `/works/${ids.graveyard}`;
    expect(await shows('/works', 'Graveyard Shift')).toBe(true);
    expect((await get(page)).statusCode).toBe(200);
    const fandomsBefore = (await get('/fandoms')).body;
    await setWorkHidden(
      db.store.db,
      { userId: ids.admin as number, name: 'giles', role: 'admin', suspended: false },
      ids.graveyard as number,
      true,
    );

    for (const who of [undefined, 'tara', 'giles']) {
      expect(await shows('/works', 'Graveyard Shift', who)).toBe(false);
      expect(await shows('/creators/dawnlark', 'Graveyard Shift', who)).toBe(false);
      expect(await shows('/works?q=graves', 'Graveyard Shift', who)).toBe(false);
    }
    expect(await shows('/opds/new', 'Graveyard Shift')).toBe(false);
    expect(await shows(tagFeedPath('Firefly'), 'Graveyard Shift')).toBe(false);
    expect((await get('/fandoms')).body).not.toBe(fandomsBefore);
    expect((await get(page)).statusCode).toBe(404);
    expect((await get(page, 'tara')).statusCode).toBe(404);
    expect((await get(`/downloads/${ids.graveyard}/Graveyard_Shift.html`)).statusCode).toBe(404);
    // Admins still open it by its address.
    expect((await get(page, 'giles')).statusCode).toBe(200);
  });
});
