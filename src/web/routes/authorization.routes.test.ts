import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { setRole } from '../../services/accounts/account.service.ts';
import { createApiToken } from '../../services/accounts/api-token.service.ts';
import { bookmark, createCollection } from '../../services/community/bookmark.service.ts';
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
  ['GET bookmark form', 'posted', [303, 200, 200, 200, 200]],
  ['GET bookmark form', 'draft', [303, 404, 403, 404, 404]],
  ['POST bookmark', 'posted', [303, 303, 303, 303, 303]],
  ['POST bookmark', 'draft', [303, 404, 403, 404, 404]],
  ['GET work bookmarks', 'posted', [200, 200, 200, 200, 200]],
  ['GET work bookmarks', 'draft', [404, 404, 200, 404, 404]],
  ['POST mark for later', 'posted', [303, 303, 303, 303, 303]],
  ['POST mark for later', 'draft', [303, 404, 303, 404, 404]],
  // The creator's history, collections and private bookmark: theirs alone (the work plays no part).
  ['GET creator history', 'posted', [303, 403, 200, 403, 403]],
  ['POST clear creator history', 'posted', [303, 403, 303, 403, 403]],
  ['POST rename creator collection', 'posted', [303, 404, 303, 404, 404]],
  ['POST delete creator bookmark', 'posted', [303, 404, 303, 404, 404]],
];

describe.each(DIALECTS)('authorization of pages and the API on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  const browsers = {} as Record<ActorName, Browser>;
  const tokens = {} as Record<ActorName, string>;
  const works = { posted: 0, draft: 0 };
  const creatorOwn = { bookmark: 0, collection: 0 };
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
    const creatorId = (
      await db.store.db
        .selectFrom('users')
        .select('id')
        .where('name', '=', 'creator')
        .executeTakeFirstOrThrow()
    ).id;
    const asCreator = { userId: creatorId, name: 'creator', role: 'member' as const, suspended: false };
    creatorOwn.collection = await createCollection(db.store.db, asCreator, 'Mine');
    creatorOwn.bookmark = await bookmark(db.store.db, asCreator, { workId: works.posted }, { private: true });
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
      case 'GET bookmark form':
        return (await browser.get(`/works/${id}/bookmarks/new`)).response.statusCode;
      case 'POST bookmark':
        return (await browser.post(`/works/${id}/bookmarks`, { _csrf: csrf, tags: actor, private: '1' }))
          .response.statusCode;
      case 'GET work bookmarks':
        return (await browser.get(`/works/${id}/bookmarks`)).response.statusCode;
      case 'POST mark for later':
        return (await browser.post(`/works/${id}/mark-for-later`, { _csrf: csrf })).response.statusCode;
      case 'GET creator history':
        return (await browser.get('/users/creator/readings')).response.statusCode;
      case 'POST clear creator history':
        return (await browser.post('/users/creator/readings/clear', { _csrf: csrf })).response.statusCode;
      case 'POST rename creator collection':
        return (
          await browser.post(`/account/collections/${creatorOwn.collection}/rename`, {
            _csrf: csrf,
            name: actor,
          })
        ).response.statusCode;
      case 'POST delete creator bookmark':
        return (await browser.post(`/bookmarks/${creatorOwn.bookmark}/delete`, { _csrf: csrf })).response
          .statusCode;
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
