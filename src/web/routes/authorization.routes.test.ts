import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import type { WorkStatus } from '../../db/accounts.tables.ts';
import { setRole } from '../../services/accounts/account.service.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { createApiToken, findApiTokenMember } from '../../services/accounts/api-token.service.ts';
import { bookmark, createCollection } from '../../services/community/bookmark.service.ts';
import { saveFilter } from '../../services/community/member-filter.service.ts';
import { answerInvitation, listInvitations } from '../../services/posting/cocreator.service.ts';
import { createWork } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

const ACTORS = ['guest', 'member', 'creator', 'cocreator', 'wrangler', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];

/**
 * The policy matrix (policy.test.ts) carried to the site's and the API's actions: each row an action on a
 * posted, draft or hidden work, the status each actor gets, in ACTORS order. The co-creator was invited by the
 * creator and accepted. 303 for guests is the trip to log in; 303 for others is the redirect after success.
 * Every attempt meets a work of its own, so a deletion does not change what the next actor meets.
 */
const MATRIX: [string, WorkStatus, number[]][] = [
  ['GET manage', 'posted', [303, 403, 200, 200, 403, 200]],
  ['GET manage', 'draft', [303, 404, 200, 200, 404, 404]],
  ['POST edit', 'posted', [303, 403, 303, 303, 403, 303]],
  ['POST edit', 'hidden', [303, 404, 404, 404, 404, 303]],
  ['POST delete', 'posted', [303, 403, 303, 303, 403, 303]],
  ['POST hide', 'posted', [303, 403, 403, 403, 403, 303]],
  ['POST suggestion', 'posted', [303, 403, 303, 303, 403, 403]],
  ['POST chapter delete', 'posted', [303, 403, 303, 303, 403, 303]],
  ['API GET', 'draft', [404, 404, 200, 200, 404, 404]],
  ['API GET', 'hidden', [404, 404, 404, 404, 404, 200]],
  ['API PUT', 'posted', [401, 403, 200, 200, 403, 200]],
  ['API PUT', 'hidden', [401, 404, 404, 404, 404, 200]],
  ['API post draft', 'draft', [401, 404, 200, 200, 404, 404]],
  ['API DELETE', 'posted', [401, 403, 204, 204, 403, 204]],
  ['API DELETE', 'draft', [401, 404, 204, 204, 404, 404]],
  ['API DELETE', 'hidden', [401, 404, 404, 404, 404, 204]],
  ['API chapter', 'posted', [401, 403, 201, 201, 403, 201]],
  ['API chapter', 'draft', [401, 404, 201, 201, 404, 404]],
  ['API chapter edit', 'posted', [401, 403, 200, 200, 403, 200]],
  ['API chapter edit', 'draft', [401, 404, 200, 200, 404, 404]],
  ['API chapter order', 'posted', [401, 403, 200, 200, 403, 200]],
  ['API chapter delete', 'posted', [401, 403, 204, 204, 403, 204]],
  ['API chapter delete', 'hidden', [401, 404, 404, 404, 404, 204]],
  ['POST comment', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST comment', 'draft', [404, 404, 403, 403, 404, 404]],
  ['POST comment settings', 'posted', [303, 403, 303, 303, 403, 403]],
  ['POST comment settings', 'draft', [303, 404, 303, 303, 404, 404]],
  ['GET unreviewed comments', 'posted', [303, 403, 200, 200, 403, 403]],
  // On a comment the member wrote, made afresh for each actor.
  ['POST comment edit', 'posted', [303, 303, 403, 403, 403, 403]],
  ['POST comment edit', 'draft', [303, 404, 403, 403, 404, 404]],
  ['POST comment delete', 'posted', [303, 303, 303, 303, 403, 303]],
  ['POST comment delete', 'draft', [303, 404, 303, 303, 404, 404]],
  ['POST comment freeze', 'posted', [303, 403, 303, 303, 403, 403]],
  ['POST comment freeze', 'draft', [303, 404, 303, 303, 404, 404]],
  ['GET bookmark form', 'posted', [303, 200, 200, 200, 200, 200]],
  ['GET bookmark form', 'draft', [303, 404, 403, 403, 404, 404]],
  ['POST bookmark', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST bookmark', 'draft', [303, 404, 403, 403, 404, 404]],
  ['GET work bookmarks', 'posted', [200, 200, 200, 200, 200, 200]],
  ['GET work bookmarks', 'draft', [404, 404, 200, 200, 404, 404]],
  ['POST mark for later', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST mark for later', 'draft', [303, 404, 303, 303, 404, 404]],
  // The creator's history, collections and private bookmark: theirs alone (the work plays no part).
  ['GET creator history', 'posted', [303, 403, 200, 403, 403, 403]],
  ['POST clear creator history', 'posted', [303, 403, 303, 403, 403, 403]],
  ['POST rename creator collection', 'posted', [303, 404, 303, 404, 404, 404]],
  ['POST delete creator bookmark', 'posted', [303, 404, 303, 404, 404, 404]],
  ['POST subscribe', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST subscribe', 'draft', [303, 404, 403, 403, 404, 404]],
  ['POST subscribe', 'hidden', [303, 404, 404, 404, 404, 403]],
  ['POST unsubscribe', 'posted', [303, 303, 303, 303, 303, 303]],
  // The creator (a member), a series and a tag: any member may follow them.
  ['POST subscribe creator', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST subscribe series', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST subscribe tag', 'posted', [303, 303, 303, 303, 303, 303]],
  ['GET subscriptions', 'posted', [303, 200, 200, 200, 200, 200]],
  ['POST digest', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST report', 'posted', [200, 200, 200, 200, 200, 200]],
  ['POST report', 'draft', [404, 404, 200, 200, 404, 404]],
  ['GET reports', 'posted', [303, 403, 403, 403, 403, 200]],
  ['POST resolve', 'posted', [303, 403, 403, 403, 403, 404]],
  ['GET audit', 'posted', [303, 403, 403, 403, 403, 200]],
  ['GET member', 'posted', [303, 403, 403, 403, 403, 200]],
  ['POST suspend', 'posted', [303, 403, 403, 403, 403, 404]],
  // The wrangler given the role they have: the admin's change goes through and changes nothing.
  ['POST role', 'posted', [303, 403, 403, 403, 403, 303]],
  ['GET wrangle', 'posted', [303, 403, 403, 403, 200, 200]],
  ['POST wrangle', 'posted', [303, 403, 403, 403, 404, 404]],
  ['GET suggested', 'posted', [303, 403, 403, 403, 200, 200]],
  ['POST reject', 'posted', [303, 403, 403, 403, 404, 404]],
  ['GET possible', 'posted', [303, 403, 403, 403, 200, 200]],
  ['POST dismiss possible', 'posted', [303, 403, 403, 403, 404, 404]],
  // Muting and blocking the creator (themselves: 400), an unknown member (404), saved filters, exclusions.
  ['POST mute creator', 'posted', [303, 303, 400, 303, 303, 303]],
  ['POST unmute creator', 'posted', [303, 303, 400, 303, 303, 303]],
  ['POST block creator', 'posted', [303, 303, 400, 303, 303, 303]],
  ['POST unblock creator', 'posted', [303, 303, 400, 303, 303, 303]],
  ['POST mute nobody', 'posted', [303, 404, 404, 404, 404, 404]],
  ['GET filters', 'posted', [303, 200, 200, 200, 200, 200]],
  ['POST save filter', 'posted', [303, 303, 303, 303, 303, 303]],
  ['POST delete creator saved filter', 'posted', [303, 403, 303, 403, 403, 403]],
  ['POST exclusion', 'posted', [303, 303, 303, 303, 303, 303]],
];

describe.each(DIALECTS)('authorization of pages and the API on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  const browsers = {} as Record<ActorName, Browser>;
  const tokens = {} as Record<ActorName, string>;
  const members = {} as Record<ActorName, Member>;
  const creatorOwn = { bookmark: 0, collection: 0 };
  const followed = { series: 0, tag: 0 };
  const fields = {
    title: 'Matrix',
    fandoms: 'Buffy the Vampire Slayer',
    rating: 'General Audiences',
    warnings: 'No Archive Warnings Apply',
    chapter_0_body: 'Willow wrote it.',
    chapter_0_format: 'text',
  };
  let made = 0;

  /** A work of the creator's, co-created by the co-creator, with two chapters, in the state asked for. */
  async function freshWork(status: WorkStatus): Promise<number> {
    made += 1;
    const id = await createWork(db.store.db, db.search, members.creator, {
      title: `Matrix ${made}`,
      fandoms: ['Buffy the Vampire Slayer'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [
        { body: `Willow Rosenberg wrote part one of ${made}.`, format: 'text' },
        { body: `Willow Rosenberg wrote part two of ${made}.`, format: 'text' },
      ],
      coCreators: ['cocreator'],
      draft: status === 'draft',
    });
    const [invitation] = await listInvitations(db.store.db, members.cocreator.userId);
    await answerInvitation(db.store.db, members.cocreator, invitation?.id ?? 0, true);
    if (status === 'hidden')
      await db.store.db.updateTable('works').set({ status }).where('id', '=', id).execute();
    return id;
  }

  // Sign-ups hash passwords with argon2: on a busy machine the setup outlasts the default 10 s.
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
      members[name] = (await findApiTokenMember(db.store.db, tokens[name])) as Member;
    }
    creatorOwn.collection = await createCollection(db.store.db, members.creator, 'Mine');
    followed.series = (
      await db.store.db
        .insertInto('series')
        .values({ title: 'Matrix series' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    creatorOwn.bookmark = await bookmark(
      db.store.db,
      members.creator,
      { workId: await freshWork('posted') },
      { private: true },
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  /** A comment by the member on the work, written straight to the table so no pace limit applies. */
  async function freshComment(workId: number): Promise<number> {
    const member = await db.store.db
      .selectFrom('users')
      .select('id')
      .where('name', '=', 'member')
      .executeTakeFirstOrThrow();
    const row = await db.store.db
      .insertInto('comments')
      .values({
        work_id: workId,
        user_id: member.id,
        body: '<p>Hi.</p>',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function attempt(action: string, actor: ActorName, id: number): Promise<number> {
    const browser = browsers[actor];
    const csrf = await browser.csrf('/account/forgot');
    // A guest's comment form gives them the cookie their comments are paced by.
    if (action === 'POST comment') await browser.get(`/works/${id}/comments/new`);
    const auth = actor === 'guest' ? {} : { authorization: `Bearer ${tokens[actor]}` };
    const api = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      (await app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) })).statusCode;
    const chapter = { body: `By ${actor}, in work ${id}.`, format: 'text' };
    switch (action) {
      case 'GET manage':
        return (await browser.get(`/works/${id}/manage`)).response.statusCode;
      case 'POST edit':
        return (await browser.post(`/works/${id}/edit`, { _csrf: csrf, ...fields })).response.statusCode;
      case 'POST delete':
        return (await browser.post(`/works/${id}/delete`, { _csrf: csrf, confirm: 'on' })).response
          .statusCode;
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
      case 'POST chapter delete':
        return (await browser.post(`/works/${id}/chapters/2/delete`, { _csrf: csrf })).response.statusCode;
      case 'POST comment':
        return (
          await browser.post(`/works/${id}/comments`, {
            _csrf: csrf,
            comment: `A comment by ${actor} on ${id}.`,
            name: 'A guest',
          })
        ).response.statusCode;
      case 'POST comment settings':
        return (
          await browser.post(`/works/${id}/comment-settings`, { _csrf: csrf, comment_permission: 'guests' })
        ).response.statusCode;
      case 'GET unreviewed comments':
        return (await browser.get(`/works/${id}/comments/unreviewed`)).response.statusCode;
      case 'POST comment edit':
        return (
          await browser.post(`/comments/${await freshComment(id)}/edit`, { _csrf: csrf, comment: 'Edited.' })
        ).response.statusCode;
      case 'POST comment delete':
        return (await browser.post(`/comments/${await freshComment(id)}/delete`, { _csrf: csrf })).response
          .statusCode;
      case 'POST comment freeze':
        return (await browser.post(`/comments/${await freshComment(id)}/freeze`, { _csrf: csrf })).response
          .statusCode;
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
      case 'POST subscribe':
        return (await browser.post(`/subscriptions/work/${id}`, { _csrf: csrf })).response.statusCode;
      case 'POST unsubscribe':
        return (await browser.post(`/subscriptions/work/${id}/delete`, { _csrf: csrf })).response.statusCode;
      case 'POST subscribe creator':
        return (await browser.post(`/subscriptions/creator/${members.creator.userId}`, { _csrf: csrf }))
          .response.statusCode;
      case 'POST subscribe series':
        return (await browser.post(`/subscriptions/series/${followed.series}`, { _csrf: csrf })).response
          .statusCode;
      case 'POST subscribe tag': {
        const tag = await db.store.db
          .selectFrom('tags')
          .select('id')
          .where('name', '=', 'Buffy the Vampire Slayer')
          .executeTakeFirstOrThrow();
        return (await browser.post(`/subscriptions/tag/${tag.id}`, { _csrf: csrf })).response.statusCode;
      }
      case 'GET subscriptions':
        return (await browser.get('/account/subscriptions')).response.statusCode;
      case 'POST digest':
        return (await browser.post('/account/subscriptions/digest', { _csrf: csrf, frequency: 'daily' }))
          .response.statusCode;
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
      case 'POST role':
        return (await browser.post('/admin/members/wrangler/role', { _csrf: csrf, role: 'wrangler' }))
          .response.statusCode;
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
      case 'GET possible':
        return (await browser.get('/tags/wrangle/possible')).response.statusCode;
      case 'POST dismiss possible':
        return (
          await browser.post(`/tags/wrangle/possible/${id}/dismiss`, {
            _csrf: csrf,
            kind: 'character',
            name: 'Nobody',
          })
        ).response.statusCode;
      case 'POST mute creator':
      case 'POST unmute creator':
      case 'POST block creator':
      case 'POST unblock creator':
        return (
          await browser.post(`/members/${members.creator.userId}/${action.split(' ')[1]}`, { _csrf: csrf })
        ).response.statusCode;
      case 'POST mute nobody':
        return (await browser.post('/members/999999/mute', { _csrf: csrf })).response.statusCode;
      case 'GET filters':
        return (await browser.get('/account/filters')).response.statusCode;
      case 'POST save filter':
        return (
          await browser.post('/account/filters/saved', { _csrf: csrf, name: actor, query: 'tags=Fluff' })
        ).response.statusCode;
      case 'POST delete creator saved filter': {
        const saved = await saveFilter(db.store.db, members.creator, { name: 'Mine', query: '' });
        return (await browser.post(`/account/filters/saved/${saved}/delete`, { _csrf: csrf })).response
          .statusCode;
      }
      case 'POST exclusion':
        return (
          await browser.post('/account/filters/exclusions', { _csrf: csrf, kind: 'rating', value: 'Mature' })
        ).response.statusCode;
      case 'API GET':
        return api('GET', `/api/v1/works/${id}`);
      case 'API PUT':
        return api('PUT', `/api/v1/works/${id}`, {
          title: 'Matrix edited',
          fandoms: ['Buffy the Vampire Slayer'],
          rating: 'General Audiences',
          warnings: ['No Archive Warnings Apply'],
        });
      case 'API post draft':
        return api('POST', `/api/v1/works/${id}/post`);
      case 'API DELETE':
        return api('DELETE', `/api/v1/works/${id}`);
      case 'API chapter':
        return api('POST', `/api/v1/works/${id}/chapters`, chapter);
      case 'API chapter edit':
        return api('PUT', `/api/v1/works/${id}/chapters/2`, chapter);
      case 'API chapter order':
        return api('PUT', `/api/v1/works/${id}/chapters/order`, { order: [2, 1] });
      case 'API chapter delete':
        return api('DELETE', `/api/v1/works/${id}/chapters/2`);
    }
    throw new Error(action);
  }

  it.each(MATRIX)('%s on a %s work', async (action, status, expected) => {
    const got: number[] = [];
    for (const actor of ACTORS) got.push(await attempt(action, actor, await freshWork(status)));
    expect(got).toEqual(expected);
  });
});
