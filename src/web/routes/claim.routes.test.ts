import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { setRole } from '../../services/accounts/account.service.ts';
import { listOutbox } from '../../services/accounts/mailer.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

async function member(app: App, name: string): Promise<Browser> {
  const browser = new Browser(app);
  await browser.submit('/signup', {
    username: name,
    email: `${name}@example.org`,
    password: 'correct horse',
  });
  return browser;
}

describe.each(DIALECTS)('claims and the admin pages on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let willow: Browser;
  let giles: Browser;
  let oakId: number;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: Oak Leaves\nAuthor: oakleaf\nFandom: Buffy the Vampire Slayer\n\nWillow planted an oak.',
      'Title: Birch\nAuthor: birchbark\nFandom: Buffy the Vampire Slayer\n\nTara planted a birch.',
    ]);
    oakId = (
      await db.store.db
        .selectFrom('works')
        .select('id')
        .where('title', '=', 'Oak Leaves')
        .executeTakeFirstOrThrow()
    ).id;
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      site: { baseUrl: 'https://fic.example' },
    });
    willow = await member(app, 'willow');
    giles = await member(app, 'giles');
    await setRole(db.store.db, 'giles', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('lets a member ask for a name from its creator page, and an admin approve it', async () => {
    const offered = (await willow.get('/creators/oakleaf')).$('.claim-link a');
    expect([offered.text(), offered.attr('href')]).toEqual([
      'This is me: claim this name',
      '/creators/oakleaf/claim',
    ]);
    expect((await new Browser(app).get('/creators/oakleaf/claim')).response.headers.location).toBe(
      '/login?return_to=%2Fcreators%2Foakleaf%2Fclaim',
    );
    expect((await willow.get('/creators/nobody/claim')).response.statusCode).toBe(404);
    const page = await willow.get('/creators/oakleaf/claim');
    const csrf = page.$('input[name=_csrf]').attr('value') ?? '';
    expect(
      (await willow.post('/creators/oakleaf/claim', { _csrf: 'forged', message: 'me' })).response.statusCode,
    ).toBe(403);
    const long = await willow.post('/creators/oakleaf/claim', { _csrf: csrf, message: 'x'.repeat(2001) });
    expect(long.response.statusCode).toBe(400);
    const sent = await willow.post('/creators/oakleaf/claim', {
      _csrf: csrf,
      message: 'I wrote it in 2003.',
    });
    expect(sent.$('[role=status]').text()).toContain('Your claim is sent');

    expect((await willow.get('/admin')).response.statusCode).toBe(403);
    const admin = await giles.get('/admin');
    expect(admin.$('.claims li').text()).toContain('willow claims oakleaf');
    expect(admin.$('.claims li').text()).toContain('I wrote it in 2003.');
    const approve = admin.$('.claims form[action$="/approve"]').attr('action') ?? '';
    const adminCsrf = admin.$('input[name=_csrf]').first().attr('value') ?? '';
    expect((await willow.post(approve, { _csrf: csrf })).response.statusCode).toBe(403);
    expect((await giles.post(approve, { _csrf: adminCsrf })).response.headers.location).toBe(
      '/admin?notice=approved',
    );
    expect((await giles.post(approve, { _csrf: adminCsrf })).response.statusCode).toBe(404);

    // The work is willow's now: listed among hers, and hers to edit.
    const mine = await willow.get('/account/works');
    expect(mine.$('.member-works a').text()).toBe('Oak Leaves');
    const edit = await willow.get(`/works/${oakId}/edit`);
    expect(edit.response.statusCode).toBe(200);
    const values = {
      ...Object.fromEntries(
        edit
          .$('input[type=text]')
          .map((_, input) => [[edit.$(input).attr('name'), edit.$(input).attr('value') ?? '']])
          .get(),
      ),
    };
    const saved = await willow.post(`/works/${oakId}/edit`, {
      ...values,
      _csrf: edit.$('input[name=_csrf]').attr('value') ?? '',
      title: 'Oak Leaves, Revised',
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
    });
    expect(saved.response.headers.location).toBe(`/works/${oakId}/manage?notice=saved`);
    expect((await willow.get(`/works/${oakId}/manage`)).$('h1').text()).toBe('Oak Leaves, Revised');
    expect((await willow.get('/creators/oakleaf/claim')).$('main').text()).toContain(
      'already belongs to a member',
    );
    // A member's name is no longer offered to anyone.
    expect((await willow.get('/creators/oakleaf')).$('.claim-link').length).toBe(0);
    expect((await giles.get('/creators/oakleaf')).$('.claim-link').length).toBe(0);
    expect((await new Browser(app).get('/creators/oakleaf')).$('.claim-link').length).toBe(0);
  });

  it('offers every imported name: members a claim link, guests a log-in prompt, through the page cache', async () => {
    await insertStories(db, [
      'Title: Rowan\nAuthor: rowanberry\nFandom: Buffy the Vampire Slayer\n\nDawn found a rowan tree.',
    ]);
    const cached = await buildApp({ store: db.store, search: db.search });
    try {
      // A guest first, so a cached guest page is there for the member's request to meet.
      for (let visit = 0; visit < 2; visit++) {
        const guest = await new Browser(cached).get('/creators/rowanberry');
        expect(guest.$('.claim-link').text().replace(/\s+/g, ' ')).toBe(
          'Are these your works? Log in to claim the name rowanberry.',
        );
        expect(guest.$('.claim-link a').attr('href')).toBe(
          '/login?return_to=%2Fcreators%2Frowanberry%2Fclaim',
        );
      }
      const xander = await member(cached, 'xander');
      const page = await xander.get('/creators/rowanberry');
      expect(page.$('.claim-link a').text()).toBe('This is me: claim this name');
      expect(page.$('.claim-link').text()).not.toContain('Log in');
      expect((await xander.get('/creators/rowanberry?sort=title')).$('.claim-link a').attr('href')).toBe(
        '/creators/rowanberry/claim',
      );
      // A suspended member may not claim, so is not offered to.
      await db.store.db
        .updateTable('users')
        .set({ suspended_until: '2999-01-01T00:00:00Z', suspended_reason: 'tests' })
        .where('name', '=', 'xander')
        .execute();
      expect((await xander.get('/creators/rowanberry')).$('.claim-link').length).toBe(0);
    } finally {
      await cached.close();
    }
  });

  it('lets an admin edit, hide, unhide and delete any work', async () => {
    const birch = (
      await db.store.db
        .selectFrom('works')
        .select('id')
        .where('title', '=', 'Birch')
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await giles.get('/admin/work?work=https%3A%2F%2Ffic.example%2Fworks%2F' + birch)).response.headers
        .location,
    ).toBe(`/works/${birch}/manage`);
    expect((await giles.get('/admin/work?work=birch')).response.statusCode).toBe(400);
    const manage = await giles.get(`/works/${birch}/manage`);
    expect(manage.$('.suggestions').length).toBe(0);
    const csrf = manage.$('input[name=_csrf]').first().attr('value') ?? '';
    expect((await willow.get(`/works/${birch}/manage`)).response.statusCode).toBe(403);
    expect(
      (await willow.post(`/works/${birch}/hide`, { _csrf: await willow.csrf('/account/works') })).response
        .statusCode,
    ).toBe(403);
    await giles.post(`/works/${birch}/hide`, { _csrf: csrf });
    expect((await giles.get(`/works/${birch}/manage`)).$('.work-status').text()).toContain('hidden');
    const status = async () =>
      (
        await db.store.db
          .selectFrom('works')
          .select('status')
          .where('id', '=', birch)
          .executeTakeFirstOrThrow()
      ).status;
    expect(await status()).toBe('hidden');
    await giles.post(`/works/${birch}/unhide`, { _csrf: csrf });
    expect(await status()).toBe('posted');
    expect((await giles.get(`/works/${birch}/edit`)).response.statusCode).toBe(200);
    await giles.post(`/works/${birch}/delete`, { _csrf: csrf, confirm: 'on' });
    expect((await giles.get(`/works/${birch}/manage`)).response.statusCode).toBe(404);
  });

  it('mails an invitation to claim a name, which a logged-in member accepts once', async () => {
    await insertStories(db, [
      'Title: Elm\nAuthor: elmwood\nFandom: Buffy the Vampire Slayer\n\nDawn climbed the elm.',
    ]);
    const admin = await giles.get('/admin');
    const csrf = admin.$('input[name=_csrf]').first().attr('value') ?? '';
    expect(
      (await giles.post('/admin/claims/invite', { _csrf: csrf, creator: 'elmwood', email: 'not an address' }))
        .response.statusCode,
    ).toBe(400);
    await giles.post('/admin/claims/invite', { _csrf: csrf, creator: 'elmwood', email: 'dawn@example.org' });
    const mail = (await listOutbox(db.store.db)).find((item) => item.recipient === 'dawn@example.org');
    const link = /https:\/\/fic\.example(\/claims\/accept\?token=\S+)/.exec(mail?.body ?? '')?.[1] ?? '';
    expect(link).not.toBe('');
    const dawn = await member(app, 'dawn');
    const page = await dawn.get(link);
    const accepted = await dawn.post('/claims/accept', {
      _csrf: page.$('input[name=_csrf]').attr('value') ?? '',
      token: page.$('input[name=token]').attr('value') ?? '',
    });
    expect(accepted.response.headers.location).toBe('/account/works?notice=claimed');
    expect((await dawn.get('/account/works')).$('.member-works a').text()).toBe('Elm');
    const again = await dawn.post('/claims/accept', {
      _csrf: page.$('input[name=_csrf]').attr('value') ?? '',
      token: page.$('input[name=token]').attr('value') ?? '',
    });
    expect(again.response.statusCode).toBe(400);
  });
});
