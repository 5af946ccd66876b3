import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, loggedIn } from '../../../test/inject-browser.ts';
import { signUpMembers } from '../../../test/members.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { makeFeedToken } from '../../services/community/feed-token.service.ts';
import { excludeFromListings, setMemberRelation } from '../../services/community/member-filter.service.ts';
import { createWork } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { PageCache } from '../page-cache.ts';

const TAG_FEED = '/tags/Buffy%20the%20Vampire%20Slayer/feed.atom';

describe.each(DIALECTS)('private feed addresses on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let cache: PageCache;
  let tara: Member;
  let xander: Member;
  const titles = (xml: string) =>
    [...xml.matchAll(/<entry>[\s\S]*?<title[^>]*>([^<]*)<\/title>/g)].map((m) => m[1]);
  const feed = async (url: string, cookies: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, cookies });
  const logIn = (name: string) => loggedIn(app, name);

  beforeAll(async () => {
    db = await openTestStore(dialect);
    const [willow, spike, t, x] = await signUpMembers(db, 'willow', 'spike', 'tara', 'xander');
    tara = t as Member;
    xander = x as Member;
    for (const [author, title, extra] of [
      [willow, 'Spells', []],
      [willow, 'Magic Shop', ['Angst']],
      [spike, 'Bloody Poetry', []],
    ] as const) {
      await createWork(db.store.db, db.search, author as Member, {
        title,
        fandoms: ['Buffy the Vampire Slayer'],
        freeforms: [...extra],
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        chapters: [{ body: `${title}: Willow and Spike talk.`, format: 'text' }],
      });
    }
    await setMemberRelation(db.store.db, tara, 'mute', (spike as Member).userId, true);
    await excludeFromListings(db.store.db, tara, 'tag', 'Angst');
    cache = new PageCache({ keepAfter: 1, staleMs: 0 });
    app = await buildApp({ store: db.store, search: db.search, pageCache: cache });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('makes a private address from the settings page, shown once, that leaves out mutes and exclusions', async () => {
    const browser = await logIn('tara');
    const tagPage = await browser.get('/tags/Buffy%20the%20Vampire%20Slayer/works');
    const link = tagPage.$('a.private-feed-link').attr('href') ?? '';
    expect(link).toBe(
      `/account/filters?feed=${encodeURIComponent('/tags/Buffy the Vampire Slayer/feed.atom'.replaceAll(' ', '%20'))}#private-feed`,
    );
    const settings = await browser.get(link);
    expect(settings.$('#private-feed').text()).toContain('You have none.');
    const made = await browser.submit(link, {}, `form[action="/account/filters/feed-key"]`);
    expect(made.response.statusCode).toBe(200);
    expect(made.response.headers['cache-control']).toBe('no-store');
    const addresses = made
      .$('.private-feed-made code')
      .map((_, code) => made.$(code).text())
      .get();
    expect(addresses).toHaveLength(2);
    const own = new URL(addresses[1] as string);
    expect(own.pathname).toBe('/tags/Buffy%20the%20Vampire%20Slayer/feed.atom');
    const key = own.searchParams.get('key') ?? '';
    expect(key).toMatch(/^quire_feed_/);
    // Only its hash is stored, and the page does not show it again.
    const stored = await db.store.db.selectFrom('feed_tokens').selectAll().execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(key);
    expect((await browser.get('/account/filters')).response.body).not.toContain(key);

    const stored0 = cache.stats.stored;
    const personal = await feed(`${own.pathname}${own.search}`);
    expect(personal.statusCode).toBe(200);
    expect(titles(personal.body)).toEqual(['Spells']);
    expect(personal.headers['cache-control']).toBe('private, no-store');
    expect(personal.body).toContain(`feed.atom?key=${key}`);
    // The public feed stays whole, before and after, with no private marking.
    const pub = await feed(TAG_FEED);
    expect(titles(pub.body).sort()).toEqual(['Bloody Poetry', 'Magic Shop', 'Spells']);
    expect(pub.headers['cache-control']).toBeUndefined();
    expect(pub.headers.etag).not.toBe(personal.headers.etag);
    // A session cookie is enough too.
    const withSession = await feed(TAG_FEED, browser.cookies);
    expect(titles(withSession.body)).toEqual(['Spells']);
    expect(withSession.headers['cache-control']).toBe('private, no-store');
    // Feeds never enter the page cache: a member's cannot be served to anyone else from it.
    expect(cache.stats.stored).toBe(stored0);
  });

  it('applies the key through the OPDS catalog: every link keeps it, counts leave out the muted', async () => {
    const key = await makeFeedToken(db.store.db, tara);
    const root = await feed(`/opds?key=${key}`);
    expect(root.body).toContain(`/opds/new?key=${key}"`);
    const creators = await feed(`/opds/creators?key=${key}`);
    expect(creators.body).not.toContain('spike');
    const pubCreators = await feed('/opds/creators');
    expect(pubCreators.statusCode, pubCreators.body).toBe(200);
    expect(pubCreators.body).toContain('spike');
    const newest = await feed(`/opds/new?key=${key}`);
    expect(titles(newest.body)).toEqual(['Spells']);
    expect(newest.body).toContain(`complete=complete&amp;key=${key}`);
    const search = await feed(`/opds/opensearch.xml?key=${key}`);
    expect(search.body).toContain(`q={searchTerms}&amp;key=${key}`);
    const creatorFeed = await feed(`/creators/spike/feed.atom?key=${key}`);
    expect(titles(creatorFeed.body)).toEqual([]);
  });

  it('refuses a bad, replaced or revoked key; another member’s key gives their feed, not this one', async () => {
    for (const bad of ['nonsense', 'quire_feed_nonsense', '']) {
      const answer = await feed(`${TAG_FEED}?key=${encodeURIComponent(bad)}`);
      expect(answer.statusCode).toBe(400);
      expect(answer.body).toContain('private feed address is unknown');
    }
    const old = await makeFeedToken(db.store.db, tara);
    const fresh = await makeFeedToken(db.store.db, tara);
    expect((await feed(`${TAG_FEED}?key=${old}`)).statusCode).toBe(400);
    expect(titles((await feed(`${TAG_FEED}?key=${fresh}`)).body)).toEqual(['Spells']);
    const theirs = await makeFeedToken(db.store.db, xander);
    expect(titles((await feed(`${TAG_FEED}?key=${theirs}`)).body)).toHaveLength(3);

    const browser = await logIn('tara');
    const revoked = await browser.submit(
      '/account/filters',
      {},
      'form[action="/account/filters/feed-key/delete"]',
    );
    expect(revoked.response.statusCode).toBe(303);
    expect((await feed(`${TAG_FEED}?key=${fresh}`)).statusCode).toBe(400);
    expect((await feed(`/opds/new?key=${fresh}`)).statusCode).toBe(400);
    expect((await browser.get('/account/filters')).$('#private-feed').text()).toContain('You have none.');
    // Xander's key still works: revoking is one's own.
    expect((await feed(`${TAG_FEED}?key=${theirs}`)).statusCode).toBe(200);
  });

  it('needs a member and a CSRF token to make or revoke an address; a hostile feed parameter is dropped', async () => {
    const guest = new Browser(app);
    const asGuest = await guest.post('/account/filters/feed-key', {});
    expect(asGuest.response.statusCode).toBe(403);
    const browser = await logIn('xander');
    const noToken = await browser.post('/account/filters/feed-key', {});
    expect(noToken.response.statusCode).toBe(403);
    const hostile = await browser.get(
      `/account/filters?feed=${encodeURIComponent('javascript:alert(1)//feed.atom')}`,
    );
    expect(hostile.$('#private-feed input[name=feed]').length).toBe(0);
    const made = await browser.submit(
      '/account/filters?feed=%2Fcreators%2F%3Cscript%3E%2Ffeed.atom',
      {},
      'form[action="/account/filters/feed-key"]',
    );
    expect(made.response.body).not.toContain('<script>');
    expect(made.$('.private-feed-made code').last().text()).toContain(
      '/creators/%3Cscript%3E/feed.atom?key=',
    );
  });
});
