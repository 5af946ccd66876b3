import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { signUpMembers } from '../../../test/members.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { XSS_CORPUS } from '../../../test/xss-corpus.ts';
import { ensureTag } from '../../repositories/tag.repository.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { createWork } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

const HOSTILE = XSS_CORPUS[0];
const SNEAKY = XSS_CORPUS[1];

describe.each(DIALECTS)('subscriptions in the browser on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let willow: Member;
  let work: number;
  let hostileWork: number;
  let series: number;
  let hostileTag: number;
  let tara: Browser;
  let willowBrowser: Browser;
  const rows = async () => db.store.db.selectFrom('subscriptions').selectAll().execute();
  const logIn = async (name: string) => {
    const browser = new Browser(app);
    await browser.submit('/login', { login: name, password: 'correct horse' });
    return browser;
  };
  const subscribeForm = 'form.subscribe-form';

  beforeAll(async () => {
    db = await openTestStore(dialect);
    [willow] = (await signUpMembers(db, 'willow', 'tara')) as [Member];
    const fields = {
      fandoms: ['Buffy the Vampire Slayer'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      freeforms: ['Magic'],
      series: { title: 'Sunnydale' },
      chapters: [{ body: 'Willow read all night.', format: 'text' }],
    };
    work = await createWork(db.store.db, db.search, willow, { ...fields, title: 'Research' });
    hostileWork = await createWork(db.store.db, db.search, willow, {
      ...fields,
      title: HOSTILE,
      chapters: [{ body: 'Willow slept all day.', format: 'text' }],
    });
    series = (await db.store.db.selectFrom('series').select('id').executeTakeFirstOrThrow()).id;
    hostileTag = (await ensureTag(db.store.db, { kind: 'freeform', name: SNEAKY, canonical: true })).id;
    app = await buildApp({ store: db.store, search: db.search, pageCache: false, authSleep: async () => {} });
    tara = await logIn('tara');
    willowBrowser = await logIn('willow');
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('subscribes from the work page and back, listing it on the subscriptions page', async () => {
    const page = await tara.get(`/works/${work}`);
    expect(page.$(subscribeForm).find('button').text()).toBe('Subscribe');
    const done = await tara.submit(`/works/${work}`, {}, subscribeForm);
    expect(done.response.statusCode).toBe(303);
    expect(done.response.headers.location).toBe(`/works/${work}`);
    expect((await tara.get(`/works/${work}`)).$(subscribeForm).find('button').text()).toBe('Unsubscribe');
    const list = await tara.get('/account/subscriptions');
    expect(list.$('ul.subscriptions li a').first().text()).toBe('Research');
    await tara.submit('/account/subscriptions', {}, 'ul.subscriptions form');
    expect(await rows()).toEqual([]);
  });

  it('offers the button on the creator, series and tag pages', async () => {
    for (const [path, kind] of [
      ['/creators/willow', 'creator'],
      [`/series/${series}`, 'series'],
      ['/tags/Magic/works', 'tag'],
    ] as const) {
      const done = await tara.submit(path, {}, subscribeForm);
      expect(done.response.statusCode, path).toBe(303);
      expect(done.response.headers.location).toBe(path);
      expect((await rows()).map((row) => row.kind)).toContain(kind);
    }
    const list = await tara.get('/account/subscriptions');
    expect(list.$('ul.subscriptions li').length).toBe(3);
    expect(list.$('ul.subscriptions').text()).toContain('Creator: willow');
  });

  it('asks a guest to log in, and refuses a form without its token', async () => {
    const guest = new Browser(app);
    const page = await guest.get(`/works/${work}`);
    expect(page.$('.subscribe-link a').attr('href')).toBe(
      `/login?return_to=${encodeURIComponent(`/works/${work}`)}`,
    );
    const token = await guest.csrf('/account/forgot');
    const tried = await guest.post(`/subscriptions/work/${work}`, {
      _csrf: token,
      return_to: `/works/${work}`,
    });
    expect(tried.response.statusCode).toBe(303);
    expect(tried.response.headers.location).toBe(`/login?return_to=${encodeURIComponent(`/works/${work}`)}`);
    expect((await guest.get('/account/subscriptions')).response.headers.location).toMatch(/^\/login/);
    const before = (await rows()).length;
    expect((await tara.post(`/subscriptions/work/${hostileWork}`, {})).response.statusCode).toBe(403);
    expect(
      (await tara.post('/account/subscriptions/digest', { frequency: 'daily' })).response.statusCode,
    ).toBe(403);
    expect((await rows()).length).toBe(before);
  });

  it('answers a bad kind, id or choice with 400 or 404, never 500, and stays on this site', async () => {
    const token = await tara.csrf('/account/subscriptions');
    const status = async (url: string, fields: Record<string, string> = {}) =>
      (await tara.post(url, { _csrf: token, ...fields })).response.statusCode;
    expect(await status('/subscriptions/fandom/1')).toBe(400);
    expect(await status('/subscriptions/work/abc')).toBe(400);
    expect(await status('/subscriptions/work/0')).toBe(400);
    expect(await status('/subscriptions/work/99999999999')).toBe(400);
    expect(await status('/subscriptions/work/999999')).toBe(404);
    expect(await status('/subscriptions/creator/999999')).toBe(404);
    expect(await status('/subscriptions/series/999999')).toBe(404);
    expect(await status('/subscriptions/tag/999999')).toBe(404);
    expect(await status('/subscriptions/tag/999999/delete')).toBe(303);
    expect(await status('/account/subscriptions/digest', { frequency: 'hourly' })).toBe(400);
    const away = await tara.post(`/subscriptions/work/${work}`, {
      _csrf: token,
      return_to: '//evil.example/',
    });
    expect(away.response.headers.location).toBe('/account/subscriptions');
  });

  it('escapes hostile titles and tag names on the subscriptions page and in the inbox', async () => {
    const token = await tara.csrf('/account/subscriptions');
    await tara.post(`/subscriptions/work/${hostileWork}`, { _csrf: token });
    await tara.post(`/subscriptions/tag/${hostileTag}`, { _csrf: token });
    const list = await tara.get('/account/subscriptions');
    expect(list.$('ul.subscriptions script, ul.subscriptions img, [onerror]').length).toBe(0);
    for (const hostile of [HOSTILE, SNEAKY]) expect(list.response.body).not.toContain(hostile);
    expect(list.$('ul.subscriptions').text()).toContain(HOSTILE);
    expect(list.$('ul.subscriptions').text()).toContain(SNEAKY);
    await willowBrowser.submit(`/works/${hostileWork}/chapters/new`, {
      chapter_0_body: 'Part two.',
      chapter_0_format: 'text',
    });
    const inbox = await tara.get('/inbox');
    expect(inbox.$('ol.inbox li a').first().text()).toBe(HOSTILE);
    expect(inbox.response.body).not.toContain(HOSTILE);
  });

  it('posts the chapter even when the mail server is down, the inbox linking to it', async () => {
    const token = await tara.csrf('/account/subscriptions');
    const chosen = await tara.post('/account/subscriptions/digest', {
      _csrf: token,
      frequency: 'immediately',
    });
    expect(chosen.response.headers.location).toBe('/account/subscriptions?notice=saved');
    expect((await tara.get('/account/subscriptions')).$('#digest-immediately').attr('checked')).toBeDefined();
    const smtp = process.env.QUIRE_SMTP_URL;
    // Nothing listens on port 1: the mail fails at once.
    process.env.QUIRE_SMTP_URL = 'smtp://127.0.0.1:1';
    try {
      const added = await willowBrowser.submit(`/works/${work}/chapters/new`, {
        chapter_0_body: 'Part two.',
        chapter_0_format: 'text',
      });
      expect(added.response.statusCode).toBe(303);
    } finally {
      if (smtp === undefined) delete process.env.QUIRE_SMTP_URL;
      else process.env.QUIRE_SMTP_URL = smtp;
    }
    const inbox = await tara.get('/inbox');
    expect(inbox.$('ol.inbox li').first().text()).toContain('New chapter 2 of Research');
    expect(inbox.$('ol.inbox li a').first().attr('href')).toBe(`/works/${work}/chapters/2`);
  });

  it('hides the inbox notices of a member muted since, the unread count agreeing, and shows them after unmuting', async () => {
    const unread = async () => {
      const inbox = await tara.get('/inbox');
      const text = inbox.$('main p').first().text();
      return { items: inbox.$('ol.inbox li').length, text };
    };
    const before = await unread();
    expect(before.items).toBeGreaterThan(0);
    expect(before.text).toBe(`${before.items} unread.`);
    const muted = await tara.submit('/creators/willow', {}, `form[action^="/members/${willow.userId}/mute"]`);
    expect(muted.response.statusCode).toBe(303);
    expect(await unread()).toEqual({ items: 0, text: 'Nothing unread.' });
    await tara.submit('/account/filters', {}, `form[action^="/members/${willow.userId}/unmute"]`);
    expect(await unread()).toEqual(before);
  });
});
