import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { signUpMembers, workIdsByTitle } from '../../../test/members.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { setWorkHidden } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { PageCache } from '../page-cache.ts';

const NEW_COLLECTION = 'form[action="/account/collections"]';
const ADMIN: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };

describe.each(DIALECTS)('bookmarks, history and Mark for Later in the browser on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let ids: Record<string, number>;
  const logIn = async (name: string) => {
    const browser = new Browser(app);
    await browser.submit('/login', { login: name, password: 'correct horse' });
    return browser;
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nChapter 1\n\nKaylee rang the bells.\n\nChapter 2\n\nThe bells rang back.',
      'Title: Engines\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee fixed the engine.',
    ]);
    ids = await workIdsByTitle(db);
    await signUpMembers(db, 'willow', 'tara');
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

  it('bookmarks a work into a new collection and lists it on the member, work and index pages', async () => {
    const willow = await logIn('willow');
    const bells = ids.Bells as number;
    const work = await willow.get(`/works/${bells}`);
    expect(work.$('.reader-actions a').first().attr('href')).toBe(`/works/${bells}/bookmarks/new`);
    const saved = await willow.submit(
      `/works/${bells}/bookmarks/new`,
      { notes: 'Ring <em>twice</em>.', tags: 'cozy, bells', rec: '1', new_collection: 'Shiny' },
      'form.bookmark-form',
    );
    expect(saved.response.statusCode).toBe(303);
    expect(saved.response.headers.location).toBe('/users/willow/bookmarks');
    const mine = await willow.get('/users/willow/bookmarks');
    expect(mine.$('.blurb h3 a').first().text()).toBe('Bells');
    expect(mine.$('.bookmark-notes').html()).toBe('<p>Ring <em>twice</em>.</p>');
    expect(
      mine
        .$('.bookmark-tags a')
        .map((_, a) => mine.$(a).text())
        .get(),
    ).toEqual(['cozy', 'bells']);
    expect(mine.$('.bookmark-collections a').text()).toBe('Shiny');
    expect(mine.$('.bookmarker .rec').text()).toContain('Recommended');
    const guest = new Browser(app);
    const onWork = await guest.get(`/works/${bells}/bookmarks`);
    expect(onWork.$('h2').first().text()).toBe('1 bookmark');
    expect(onWork.$('.bookmarker a').text()).toBe('willow');
    const index = await guest.get('/bookmarks?bookmark_tags=COZY&rec=1&tags=Firefly');
    expect(index.$('.result-count').text()).toContain('1 of 1 Bookmarked Works');
    expect((await guest.get('/bookmarks?bookmark_tags=nothing')).$('.result-count').text()).toBe(
      'No bookmarked works found.',
    );
    const listing = await guest.get('/works?sort=bookmarks');
    expect(listing.$('.blurb h3 a').first().text()).toBe('Bells');
    expect(listing.$(`.blurb dd a[href="/works/${bells}/bookmarks"]`).text()).toBe('1');
    // Editing: the form comes back filled, and the work page offers to edit.
    expect((await willow.get(`/works/${bells}`)).$('.reader-actions a').first().text()).toBe('Edit Bookmark');
  });

  it('never shows a private bookmark to others, nor one of a work they may not see', async () => {
    const tara = await logIn('tara');
    const engines = ids.Engines as number;
    await tara.submit(
      `/works/${engines}/bookmarks/new`,
      { notes: 'for me', private: '1' },
      'form.bookmark-form',
    );
    expect((await tara.get('/users/tara/bookmarks')).$('.bookmark .private').length).toBe(1);
    const willow = await logIn('willow');
    for (const browser of [willow, new Browser(app)]) {
      expect((await browser.get('/users/tara/bookmarks')).$('.bookmark').length).toBe(0);
      expect((await browser.get(`/works/${engines}/bookmarks`)).$('.bookmark').length).toBe(0);
      expect((await browser.get('/bookmarks')).$('.bookmark-notes').text()).not.toContain('for me');
    }
    expect((await willow.get('/bookmarks')).$('.bookmark').text()).not.toContain('for me');
    const bells = ids.Bells as number;
    await setWorkHidden(db.store.db, ADMIN, bells, true);
    expect((await willow.get('/users/willow/bookmarks')).$('.bookmark').length).toBe(0);
    expect((await new Browser(app).get(`/works/${bells}/bookmarks`)).response.statusCode).toBe(404);
    await setWorkHidden(db.store.db, ADMIN, bells, false);
    // Someone else's bookmark cannot be edited or deleted.
    const taras = await db.store.db
      .selectFrom('bookmarks')
      .select('id')
      .where('work_id', '=', engines)
      .executeTakeFirstOrThrow();
    expect((await willow.get(`/bookmarks/${taras.id}/edit`)).response.statusCode).toBe(404);
    const token = await willow.csrf('/account');
    expect((await willow.post(`/bookmarks/${taras.id}/delete`, { _csrf: token })).response.statusCode).toBe(
      404,
    );
  });

  it('answers bad input with the form or a 400, never a crash', async () => {
    const willow = await logIn('willow');
    const engines = ids.Engines as number;
    const tooLong = await willow.submit(
      `/works/${engines}/bookmarks/new`,
      { tags: 'x'.repeat(300), notes: 'kept' },
      'form.bookmark-form',
    );
    expect(tooLong.response.statusCode).toBe(400);
    expect(tooLong.$('.error-summary').text()).toContain('longer than 150 characters');
    expect(tooLong.$('textarea[name=notes]').text()).toBe('kept');
    const strange = await willow.submit(
      `/works/${engines}/bookmarks/new`,
      { collections: 'abc' },
      'form.bookmark-form',
    );
    expect(strange.response.statusCode).toBe(400);
    expect(
      (await willow.post(`/works/${engines}/bookmarks`, { notes: 'no token' })).response.statusCode,
    ).toBe(403);
    expect((await willow.get('/works/999999/bookmarks/new')).response.statusCode).toBe(404);
    expect((await willow.get('/works/abc/bookmarks')).response.statusCode).toBe(400);
    expect((await willow.get('/bookmarks?rec=maybe')).response.statusCode).toBe(400);
    expect((await willow.get('/bookmarks?collection=-1')).response.statusCode).toBe(400);
    expect((await willow.get('/bookmarks?sort=nonsense')).response.statusCode).toBe(400);
    expect((await willow.get('/users/nobody/bookmarks')).response.statusCode).toBe(404);
    const guest = new Browser(app);
    expect((await guest.get(`/works/${engines}/bookmarks/new`)).response.statusCode).toBe(303);
    const same = await willow.submit('/account/collections', { name: 'Shiny' }, NEW_COLLECTION);
    expect(same.response.statusCode).toBe(409);
    expect(same.$('.error-summary').text()).toContain('already have a collection named "Shiny"');
    expect(
      (await willow.submit('/account/collections', { name: ' ' }, NEW_COLLECTION)).response.statusCode,
    ).toBe(400);
  });

  it('keeps a history with the read mark, offers to continue, and keeps it private', async () => {
    const willow = await logIn('willow');
    const bells = ids.Bells as number;
    await willow.get(`/works/${bells}/chapters/2`);
    const work = await willow.get(`/works/${bells}`);
    expect(work.$('.continue-reading').text()).toBe('Continue reading (Chapter 2)');
    expect(work.$('.continue-reading').attr('href')).toBe(`/works/${bells}/chapters/2`);
    const history = await willow.get('/users/willow/readings?q=bell');
    expect(history.$('.blurb h3 a').first().text()).toBe('Bells');
    // Two visits in the first test, two here.
    expect(history.$('.reading').text()).toContain('Visited 4 times');
    expect(history.$('.reading .continue-reading').text()).toBe('Continue reading (Chapter 2)');
    // Mark for Later from the work page.
    const marked = await willow.submit(`/works/${ids.Engines}`, {}, 'form[action$="mark-for-later"]');
    expect(marked.response.statusCode).toBe(303);
    const later = await willow.get('/users/willow/readings?show=to-read');
    expect(later.$('.blurb h3 a').first().text()).toBe('Engines');
    // Someone else's history is theirs alone.
    const tara = await logIn('tara');
    expect((await tara.get('/users/willow/readings')).response.statusCode).toBe(403);
    expect((await new Browser(app).get('/users/willow/readings')).response.statusCode).toBe(303);
    expect((await willow.get('/users/willow/readings?show=all')).response.statusCode).toBe(400);
    // Pause and clear.
    await willow.submit('/users/willow/readings', {}, 'form[action$="/pause"]');
    await willow.get(`/works/${ids.Engines}`);
    await willow.submit('/users/willow/readings', {}, 'form[action$="/clear"]');
    expect((await willow.get('/users/willow/readings')).$('.blurb').length).toBe(0);
    expect((await willow.get('/users/willow/readings?show=to-read')).$('.blurb').length).toBe(1);
  });
});
