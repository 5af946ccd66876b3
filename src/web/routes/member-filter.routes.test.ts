import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { signUpMembers } from '../../../test/members.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { createWork } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { PageCache } from '../page-cache.ts';

const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

describe.each(DIALECTS)('muting, blocking and filters in the browser on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let cache: PageCache;
  let spike: Member;
  let buffyWork: number;
  const logIn = async (name: string) => {
    const browser = new Browser(app);
    await browser.submit('/login', { login: name, password: 'correct horse' });
    return browser;
  };
  const count = async (browser: Browser, url: string) =>
    (await browser.get(url)).$('.result-count').text().replace(/\s+/g, ' ');

  beforeAll(async () => {
    db = await openTestStore(dialect);
    const [willow, vampire] = await signUpMembers(db, 'willow', 'spike', 'tara', 'xander');
    spike = vampire as Member;
    for (const [author, title, fandom] of [
      [willow, 'Spells', 'Buffy the Vampire Slayer'],
      [willow, 'Magic Shop', 'Buffy the Vampire Slayer'],
      [spike, 'Bloody Poetry', 'Buffy the Vampire Slayer'],
      [spike, 'Serenity Now', 'Firefly'],
    ] as const) {
      const id = await createWork(db.store.db, db.search, author as Member, {
        title,
        fandoms: [fandom],
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        chapters: [{ body: `${title}: Willow and Spike talk.`, format: 'text' }],
      });
      if (title === 'Spells') buffyWork = id;
    }
    cache = new PageCache({ keepAfter: 1, staleMs: 0 });
    app = await buildApp({ store: db.store, search: db.search, pageCache: cache });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('mutes from the member page: their works leave the index and tag pages, counts that add up', async () => {
    const tara = await logIn('tara');
    const tag = '/tags/Buffy%20the%20Vampire%20Slayer/works';
    expect(await count(tara, '/works')).toBe('1 – 4 of 4 Works');
    expect(await count(tara, tag)).toBe('1 – 3 of 3 Works');
    const page = await tara.get('/creators/spike');
    expect(page.$('.member-actions a[href^="/report?kind=member"]').attr('href')).toBe(
      `/report?kind=member&id=${spike.userId}`,
    );
    const muted = await tara.submit('/creators/spike', {}, `form[action^="/members/${spike.userId}/mute"]`);
    expect(muted.response.statusCode).toBe(303);
    expect(muted.response.headers.location).toBe('/creators/spike');
    expect((await tara.get('/creators/spike')).$('.member-actions button').first().text()).toBe('Unmute');
    expect(await count(tara, '/works')).toBe('1 – 2 of 2 Works');
    expect(await count(tara, tag)).toBe('1 – 2 of 2 Works');
    const index = await tara.get('/works');
    expect(index.$('.personal-note').text()).toContain('members you muted');
    expect(
      index
        .$('.blurb .heading a')
        .map((_, a) => index.$(a).text())
        .get(),
    ).not.toContain('Bloody Poetry');
    // The facet counts leave them out too.
    expect(index.$('#filters').text()).not.toContain('Firefly');
    const settings = await tara.get('/account/filters');
    expect(settings.$('.muted-members li').text()).toContain('spike');
  });

  it('never serves a muter’s page to a guest or another member, nor theirs to the muter', async () => {
    const tara = await logIn('tara');
    const guest = new Browser(app);
    for (let i = 0; i < 2; i++) {
      expect(await count(guest, '/works')).toBe('1 – 4 of 4 Works');
      expect(await count(tara, '/works')).toBe('1 – 2 of 2 Works');
      expect(await count(await logIn('xander'), '/works')).toBe('1 – 4 of 4 Works');
    }
    // Guests' answers are cached; a guest's ETag answered 304 to the muter would be their page.
    const first = await guest.get('/works');
    const etag = String(first.response.headers.etag);
    const asMuter = await app.inject({
      method: 'GET',
      url: '/works',
      cookies: tara.cookies,
      headers: { 'if-none-match': etag },
    });
    expect(asMuter.statusCode).toBe(200);
    expect(asMuter.body).toContain('1 – 2 of 2 Works');
    expect(cache.stats.hits).toBeGreaterThan(0);
  });

  it('refuses muting oneself with a 400, an unknown member with a 404', async () => {
    const tara = await logIn('tara');
    const csrf = await tara.csrf('/account/filters');
    const taraId = Number(
      (
        await db.store.db
          .selectFrom('users')
          .select('id')
          .where('name', '=', 'tara')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const self = await tara.post(`/members/${taraId}/mute`, { _csrf: csrf });
    expect(self.response.statusCode).toBe(400);
    expect(self.$('main').text()).toContain('You cannot mute yourself.');
    expect((await tara.post('/members/999999/block', { _csrf: csrf })).response.statusCode).toBe(404);
    expect((await tara.post('/members/abc/block', { _csrf: csrf })).response.statusCode).toBe(400);
    // No CSRF token: refused.
    expect((await tara.post(`/members/${spike.userId}/unmute`, {})).response.statusCode).toBe(403);
  });

  it('blocks: the comment form says so, the reply is refused, and every comment has a Report link', async () => {
    const willow = await logIn('willow');
    const spikeBrowser = await logIn('spike');
    const posted = await spikeBrowser.submit(
      `/works/${buffyWork}`,
      { comment: 'Before.' },
      'form.comment-form',
    );
    expect(posted.response.statusCode).toBe(303);
    const blocked = await willow.submit(
      '/creators/spike',
      {},
      `form[action^="/members/${spike.userId}/block"]`,
    );
    expect(blocked.response.statusCode).toBe(303);
    const work = await spikeBrowser.get(`/works/${buffyWork}`);
    expect(work.$('form.comment-form').length).toBe(0);
    expect(work.$('#comments .notice').text()).toContain('blocked you');
    expect(work.$('#comments .comment-actions a:contains("Report")').attr('href')).toMatch(
      /^\/report\?kind=comment&id=\d+$/,
    );
    const csrf = await spikeBrowser.csrf('/account/filters');
    const refused = await spikeBrowser.post(`/works/${buffyWork}/comments`, {
      _csrf: csrf,
      comment: 'After.',
    });
    expect(refused.response.statusCode).toBe(403);
    expect(refused.$('main').text()).toContain('blocked you');
  });

  it('saves a search with a hostile name, escaped, and keeps an exclusion list', async () => {
    const xander = await logIn('xander');
    const index = await xander.get('/works?tags=Firefly');
    const link = index.$('.personal-note a:contains("Save these filters")').attr('href') ?? '';
    expect(link).toBe('/account/filters/new?query=tags%3DFirefly');
    const saved = await xander.submit(link, { name: HOSTILE });
    expect(saved.response.statusCode).toBe(303);
    const settings = await xander.get('/account/filters');
    expect(settings.$('.saved-filters a').text()).toBe(HOSTILE);
    expect(settings.$('.saved-filters a').attr('href')).toBe('/works?tags=Firefly');
    expect(settings.response.body).not.toContain('<script>alert(1)');
    const bad = await xander.submit(link, { name: '' });
    expect(bad.response.statusCode).toBe(400);
    const excluded = await xander.submit(
      '/account/filters',
      { kind: 'tag', value: 'Firefly' },
      'form[action="/account/filters/exclusions"]',
    );
    expect(excluded.response.statusCode).toBe(303);
    expect(await count(xander, '/works')).toBe('1 – 3 of 3 Works');
    const unknown = await xander.submit(
      '/account/filters',
      { kind: 'tag', value: HOSTILE },
      'form[action="/account/filters/exclusions"]',
    );
    expect(unknown.response.statusCode).toBe(400);
    expect(unknown.$('.error-summary').text()).toContain('no work in this archive has the tag');
    expect(unknown.response.body).not.toContain('<script>alert(1)');
  });

  it('saves a tag page’s filters as a works search that keeps the tag, and refuses a bad one', async () => {
    const tara = await logIn('tara');
    const tagWorks = '/tags/Buffy%20the%20Vampire%20Slayer/works?sort=title';
    const page = await tara.get(tagWorks);
    const link = page.$('.personal-note a:contains("Save these filters")').attr('href') ?? '';
    expect(link).toBe(
      `/account/filters/new?query=${encodeURIComponent('tags=Buffy+the+Vampire+Slayer&sort=title')}`,
    );
    const saved = await tara.submit(link, { name: 'Buffy by title' });
    expect(saved.response.statusCode).toBe(303);
    const settings = await tara.get('/account/filters');
    const href = settings.$('.saved-filters a:contains("Buffy by title")').attr('href') ?? '';
    expect(href).toBe('/works?tags=Buffy+the+Vampire+Slayer&sort=title');
    // The saved search lists what the tag page listed, in the same order.
    const titles = async (url: string) => {
      const listing = await tara.get(url);
      return listing
        .$('.blurb .heading a')
        .map((_, a) => listing.$(a).text())
        .get()
        .filter((title) => title !== 'tara' && title !== 'willow' && title !== 'spike');
    };
    expect(await titles(href)).toEqual(await titles(tagWorks));
    expect(await count(tara, href)).toBe(await count(tara, tagWorks));
    // A guest sees the link too (it leads to log in), on the page the cache keeps for guests.
    const guest = await new Browser(app).get(tagWorks);
    expect(guest.$('.personal-note a:contains("Save these filters")').attr('href')).toBe(link);
    // A query /works cannot read is refused on the form, not saved.
    const bad = await tara.submit('/account/filters/new?query=tags%3DBuffy%26sort%3Dnonsense', {
      name: 'Broken',
    });
    expect(bad.response.statusCode).toBe(400);
    // A creator's page is no works search to save.
    expect((await tara.get('/creators/willow')).$('.personal-note a:contains("Save these")').length).toBe(0);
  });
});
