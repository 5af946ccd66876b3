import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { setRole } from '../../services/accounts/account.service.ts';
import { createApiToken } from '../../services/accounts/api-token.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

const ACTORS = ['guest', 'member', 'creator', 'wrangler', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];

/**
 * The policy matrix (policy.test.ts) carried to the site's and the API's new actions: each row an action on a
 * posted work and on a draft, the status each actor gets, in ACTORS order. 303 for guests is the trip to log in.
 */
const MATRIX: [string, 'posted' | 'draft', number[]][] = [
  ['GET manage', 'posted', [303, 403, 200, 403, 200]],
  ['GET manage', 'draft', [303, 404, 200, 404, 404]],
  ['POST edit', 'posted', [303, 403, 303, 403, 303]],
  ['POST hide', 'posted', [303, 403, 403, 403, 303]],
  ['POST suggestion', 'posted', [303, 403, 303, 403, 403]],
  ['API GET', 'draft', [404, 404, 200, 404, 404]],
  ['API PUT', 'posted', [401, 403, 200, 403, 200]],
  ['API chapter', 'draft', [401, 404, 201, 404, 404]],
  ['POST report', 'posted', [200, 200, 200, 200, 200]],
  ['POST report', 'draft', [404, 404, 200, 404, 404]],
  ['GET reports', 'posted', [303, 403, 403, 403, 200]],
  ['POST resolve', 'posted', [303, 403, 403, 403, 404]],
  ['GET audit', 'posted', [303, 403, 403, 403, 200]],
  ['GET member', 'posted', [303, 403, 403, 403, 200]],
  ['POST suspend', 'posted', [303, 403, 403, 403, 404]],
  ['GET wrangle', 'posted', [303, 403, 403, 200, 200]],
  ['POST wrangle', 'posted', [303, 403, 403, 404, 404]],
  ['GET suggested', 'posted', [303, 403, 403, 200, 200]],
  ['POST reject', 'posted', [303, 403, 403, 404, 404]],
];

describe.each(DIALECTS)('authorization of pages and the API on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  const browsers = {} as Record<ActorName, Browser>;
  const tokens = {} as Record<ActorName, string>;
  const works = { posted: 0, draft: 0 };
  const fields = {
    title: 'Matrix',
    fandoms: 'Buffy the Vampire Slayer',
    rating: 'General Audiences',
    warnings: 'No Archive Warnings Apply',
    chapter_0_body: 'Willow wrote it.',
    chapter_0_format: 'text',
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    app = await buildApp({ store: db.store, search: db.search, pageCache: false, authSleep: async () => {} });
    for (const name of ACTORS) {
      browsers[name] = new Browser(app);
      if (name === 'guest') continue;
      await browsers[name].submit('/signup', {
        username: name,
        email: `${name}@example.org`,
        password: 'correct horse',
      });
      if (name === 'admin' || name === 'wrangler') await setRole(db.store.db, name, name);
      const user = await db.store.db
        .selectFrom('users')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      tokens[name] = (await createApiToken(db.store.db, user.id, 'matrix')).secret;
    }
    const creator = browsers.creator;
    for (const kind of ['posted', 'draft'] as const) {
      const posted = await creator.post('/works/new', {
        _csrf: await creator.csrf('/works/new'),
        ...fields,
        title: `Matrix ${kind}`,
        chapter_0_body: `Willow wrote the ${kind} one.`,
        action: kind === 'draft' ? 'preview' : 'post',
      });
      works[kind] = Number(/\/works\/(\d+)/.exec(String(posted.response.headers.location))?.[1]);
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  async function attempt(action: string, actor: ActorName, id: number): Promise<number> {
    const browser = browsers[actor];
    const csrf = await browser.csrf('/account/forgot');
    const auth = actor === 'guest' ? {} : { authorization: `Bearer ${tokens[actor]}` };
    switch (action) {
      case 'GET manage':
        return (await browser.get(`/works/${id}/manage`)).response.statusCode;
      case 'POST edit':
        return (await browser.post(`/works/${id}/edit`, { _csrf: csrf, ...fields })).response.statusCode;
      case 'POST hide':
        return (await browser.post(`/works/${id}/hide`, { _csrf: csrf })).response.statusCode;
      case 'POST suggestion':
        return (
          await browser.post(`/works/${id}/suggestions/dismiss`, {
            _csrf: csrf,
            kind: 'character',
            value: 'Willow Rosenberg',
          })
        ).response.statusCode;
      case 'POST report':
        return (
          await browser.post('/report', {
            _csrf: csrf,
            kind: 'work',
            id: String(id),
            reason: 'spam',
            details: 'An advert.',
          })
        ).response.statusCode;
      case 'GET reports':
        return (await browser.get('/admin/reports')).response.statusCode;
      case 'POST resolve':
        return (await browser.post('/admin/reports/99999/resolve', { _csrf: csrf, action: 'dismiss' }))
          .response.statusCode;
      case 'GET audit':
        return (await browser.get('/admin/audit')).response.statusCode;
      case 'GET member':
        return (await browser.get('/admin/members/member')).response.statusCode;
      case 'POST suspend':
        return (await browser.post('/admin/members/nobody/suspend', { _csrf: csrf, days: '2' })).response
          .statusCode;
      case 'GET wrangle':
        return (await browser.get('/tags/wrangle')).response.statusCode;
      case 'POST wrangle':
        return (
          await browser.post('/tags/wrangle', {
            _csrf: csrf,
            action: 'map',
            tag: 'No Such Tag',
            target: 'Fluff',
          })
        ).response.statusCode;
      case 'GET suggested':
        return (await browser.get('/tags/wrangle/suggested')).response.statusCode;
      case 'POST reject':
        return (
          await browser.post(`/tags/wrangle/suggested/${id}/reject`, {
            _csrf: csrf,
            kind: 'character',
            name: 'Nobody',
          })
        ).response.statusCode;
      case 'API GET':
        return (await app.inject({ url: `/api/v1/works/${id}`, headers: auth })).statusCode;
      case 'API PUT':
        return (
          await app.inject({
            method: 'PUT',
            url: `/api/v1/works/${id}`,
            headers: auth,
            payload: {
              title: 'Matrix posted',
              fandoms: ['Buffy the Vampire Slayer'],
              rating: 'General Audiences',
              warnings: ['No Archive Warnings Apply'],
            },
          })
        ).statusCode;
      case 'API chapter':
        return (
          await app.inject({
            method: 'POST',
            url: `/api/v1/works/${id}/chapters`,
            headers: auth,
            payload: { body: `By ${actor}.`, format: 'text' },
          })
        ).statusCode;
    }
    throw new Error(action);
  }

  it.each(MATRIX)('%s on a %s work', async (action, kind, expected) => {
    const got: number[] = [];
    for (const actor of ACTORS) {
      // Hiding is undone each time, so every actor meets the same posted work.
      got.push(await attempt(action, actor, works[kind]));
      await db.store.db.updateTable('works').set({ status: kind }).where('id', '=', works[kind]).execute();
    }
    expect(got).toEqual(expected);
  });
});
