import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { signUp } from '../../services/accounts/account.service.ts';
import { HitCounter } from '../../services/community/hit-counter.ts';
import { createWork } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { PageCache } from '../page-cache.ts';

describe.each(DIALECTS)('kudos and hits in the browser on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let bells: number;
  let own: number;
  const counts = async (id: number) =>
    db.store.db
      .selectFrom('works')
      .select(['kudos_count', 'hits_count'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
      .then((row) => ({ kudos: Number(row.kudos_count), hits: Number(row.hits_count) }));
  const logIn = async (name: string) => {
    const browser = new Browser(app);
    await browser.submit('/login', { login: name, password: 'correct horse' });
    return browser;
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, ['Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.']);
    bells = (await db.store.db.selectFrom('works').select('id').executeTakeFirstOrThrow()).id;
    const willow = await signUp(db.store.db, {
      username: 'willow',
      email: 'willow@example.org',
      password: 'correct horse',
    });
    await signUp(db.store.db, { username: 'tara', email: 'tara@example.org', password: 'correct horse' });
    own = await createWork(db.store.db, db.search, willow, {
      title: 'Research',
      format: 'text',
      fandoms: ['Firefly'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [{ body: 'Willow read all night.', format: 'text' }],
    });
    // The page cache is on, as in `quire serve`: a cached page must count its hit too.
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: new PageCache({ keepAfter: 1, staleMs: 0 }),
      hits: { countEveryMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('counts one hit per visitor and day, cached page or not', async () => {
    const before = (await counts(bells)).hits;
    const first = new Browser(app);
    const second = new Browser(app);
    expect((await first.get(`/works/${bells}`)).response.statusCode).toBe(200);
    await first.get(`/works/${bells}`);
    const cached = await second.get(`/works/${bells}`);
    expect(cached.response.statusCode).toBe(200);
    await second.get(`/works/${bells}/chapters/1`);
    // A page that is not there is no hit.
    await second.get(`/works/${bells}/chapters/9`);
    expect(await new HitCounter(db.store.db, { countEveryMs: 0 }).count()).toBe(2);
    expect((await counts(bells)).hits).toBe(before + 2);
  });

  it("gives a member's kudos from the work page's form, once", async () => {
    const tara = await logIn('tara');
    const page = await tara.get(`/works/${bells}`);
    expect(page.$('form.kudos-form').attr('method')).toBe('post');
    const given = await tara.submit(`/works/${bells}`, {}, 'form.kudos-form');
    expect(given.response.statusCode).toBe(303);
    const after = await tara.get(`/works/${bells}`);
    expect(after.$('.kudos .notice').text()).toBe('You have already left kudos here. :)');
    expect(after.$('.kudos-list').text()).toBe('tara left kudos on this work!');
    expect(after.$('form.kudos-form').length).toBe(0);
    expect(await counts(bells)).toMatchObject({ kudos: 1 });
    // The count is in the blurbs and sorts straight away.
    const listing = await tara.get('/works?sort=kudos');
    const kudosStat = listing
      .$('.blurb dt')
      .filter((_, dt) => listing.$(dt).text() === 'Kudos:')
      .first();
    expect(kudosStat.next('dd').text()).toBe('1');
  });

  it("takes a guest's kudos through a page of its own, once per guest", async () => {
    const guest = new Browser(app);
    const page = await guest.get(`/works/${bells}`);
    expect(page.$('form.kudos-form').attr('method')).toBe('get');
    expect(page.$('form.kudos-form').attr('action')).toBe(`/works/${bells}/kudos`);
    const given = await guest.submit(`/works/${bells}/kudos`, {});
    expect(given.response.headers.location).toBe(`/works/${bells}/kudos`);
    expect((await guest.get(`/works/${bells}/kudos`)).$('main .notice').text()).toBe(
      'You have already left kudos here. :)',
    );
    await guest.submit(`/works/${bells}/kudos`, {});
    expect(await counts(bells)).toMatchObject({ kudos: 2 });
    const shown = await new Browser(app).get(`/works/${bells}`);
    expect(shown.$('.kudos-list').text()).toBe('tara and 1 guest left kudos on this work!');
  });

  it('refuses kudos without a CSRF token, on your own work, and for works that are not there', async () => {
    const tara = await logIn('tara');
    const forged = await tara.post(`/works/${own}/kudos`, {});
    expect(forged.response.statusCode).toBe(403);
    const willow = await logIn('willow');
    expect((await willow.get(`/works/${own}`)).$('form.kudos-form').length).toBe(0);
    const token = (await willow.get('/account')).$('input[name=_csrf]').first().attr('value') ?? '';
    const ownKudos = await willow.post(`/works/${own}/kudos`, { _csrf: token });
    expect(ownKudos.response.statusCode).toBe(403);
    expect(ownKudos.$('main').text()).toContain('You are not allowed to leave kudos on this work');
    const missing = await willow.post('/works/999999/kudos', { _csrf: token });
    expect(missing.response.statusCode).toBe(404);
    expect((await new Browser(app).get('/works/999999/kudos')).response.statusCode).toBe(404);
    expect((await new Browser(app).get('/works/abc/kudos')).response.statusCode).toBe(400);
    expect(await counts(own)).toMatchObject({ kudos: 0 });
  });
});
