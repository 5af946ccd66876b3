import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiClient, type OpenApiDoc } from '../../../test/openapi-client.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { signUp } from '../../services/accounts/account.service.ts';
import { createApiToken } from '../../services/accounts/api-token.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

const FORM = {
  title: 'By Token',
  fandoms: ['Buffy the Vampire Slayer'],
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  chapters: [{ body: 'Posted through the API.', format: 'text' }],
  restricted: true,
};
const { chapters: _chapters, restricted: _restricted, ...FIELDS } = FORM;

describe.each(DIALECTS)('the JSON API on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let api: OpenApiClient;
  let token: string;
  let xanderToken: string;
  let imported: number;

  async function memberToken(username: string): Promise<string> {
    const member = await signUp(db.store.db, {
      username,
      email: `${username}@example.org`,
      password: 'correct horse',
    });
    return (await createApiToken(db.store.db, member.userId, 'tests')).secret;
  }

  // Sign-ups hash passwords with argon2: on a busy machine the setup outlasts the default 10 s.
  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: One\nAuthor: a\nFandom: Buffy the Vampire Slayer\nRating: General Audiences\n\nBuffy patrolled the cemetery.',
    ]);
    app = await buildApp({ store: db.store, search: db.search, pageCache: false });
    token = await memberToken('willow');
    xanderToken = await memberToken('xander');
    api = new OpenApiClient(app, (await app.inject('/api/docs/json')).json() as OpenApiDoc);
    imported = (await db.store.db.selectFrom('works').select('id').executeTakeFirstOrThrow()).id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('serves an OpenAPI document that validates, with the API routes only', async () => {
    await expect(SwaggerParser.validate(structuredClone(api.doc) as never)).resolves.toBeDefined();
    expect(Object.keys(api.doc.paths).sort()).toEqual([
      '/api/v1/works',
      '/api/v1/works/{id}',
      '/api/v1/works/{id}/chapters',
      '/api/v1/works/{id}/chapters/order',
      '/api/v1/works/{id}/chapters/{position}',
      '/api/v1/works/{id}/post',
    ]);
    const deletion = api.doc.paths['/api/v1/works/{id}']?.delete as unknown as {
      security: unknown;
      responses: Record<string, { description: string; content?: unknown }>;
    };
    expect(deletion.security).toEqual([{ bearerAuth: [] }]);
    expect(deletion.responses['204']).toEqual({ description: 'The work is deleted' });
    expect(deletion.responses['403']?.description).toMatch(/may not do this/);
  });

  it('lists and reads works, with and without a token', async () => {
    const list = await api.call(
      'GET',
      '/api/v1/works',
      '/api/v1/works?rating=General%20Audiences&tags=Buffy%20the%20Vampire%20Slayer',
    );
    expect(list.json().works.map((work: { title: string }) => work.title)).toEqual(['One']);
    const badSort = await api.call('GET', '/api/v1/works', '/api/v1/works?sort=sideways');
    expect([badSort.statusCode, badSort.json().error.message]).toEqual([400, expect.stringMatching(/sort/)]);
    const wrongToken = await api.call('GET', '/api/v1/works', '/api/v1/works', { token: 'quire_pat_wrong' });
    expect(wrongToken.json().error).toEqual({
      code: 'NOT_LOGGED_IN',
      message: 'The access token is unknown or revoked.',
    });

    const work = await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${imported}`);
    expect(work.json().chapters[0].html).toContain('cemetery');
    expect(work.json().tags).toContainEqual({
      kind: 'fandom',
      name: 'Buffy the Vampire Slayer',
      canonical: 'Buffy the Vampire Slayer',
    });
    expect((await api.call('GET', '/api/v1/works/{id}', '/api/v1/works/999999')).statusCode).toBe(404);
    const badId = await api.call('GET', '/api/v1/works/{id}', '/api/v1/works/first');
    expect([badId.statusCode, badId.json().error.message]).toEqual([
      400,
      expect.stringMatching(/^params id/),
    ]);
    expect(
      (await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${imported}`, { token: 'quire_pat_x' }))
        .statusCode,
    ).toBe(401);
  });

  it('posts, edits and deletes a work with a token, as the site policy allows', async () => {
    expect((await api.call('POST', '/api/v1/works', '/api/v1/works', { body: FORM })).statusCode).toBe(401);
    const untitled = await api.call('POST', '/api/v1/works', '/api/v1/works', {
      body: { ...FORM, title: '' },
      token,
    });
    expect(untitled.json().error).toEqual({
      code: 'INVALID_INPUT',
      message: 'body title: a title has 1 to 255 characters',
    });
    const unrated = await api.call('POST', '/api/v1/works', '/api/v1/works', {
      body: { ...FORM, rating: 'Spicy' },
      token,
    });
    expect(unrated.json().error.message).toMatch(/^body rating: the rating is one of General Audiences, /);
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect([notJson.statusCode, notJson.json().error.code]).toEqual([400, 'INVALID_INPUT']);

    const created = await api.call('POST', '/api/v1/works', '/api/v1/works', { body: FORM, token });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const twin = await api.call('POST', '/api/v1/works', '/api/v1/works', {
      body: { ...FORM, title: 'Twin' },
      token: xanderToken,
    });
    expect([twin.statusCode, twin.json().error.message]).toEqual([
      409,
      expect.stringContaining('"By Token"'),
    ]);

    // Members only: a guest is asked to log in, the token's holder reads it.
    expect((await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${id}`)).statusCode).toBe(401);
    expect((await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${id}`, { token })).json().title).toBe(
      'By Token',
    );

    const edit = (workId: number | string, body: object, as?: string) =>
      api.call('PUT', '/api/v1/works/{id}', `/api/v1/works/${workId}`, {
        body,
        ...(as ? { token: as } : {}),
      });
    expect((await edit(id, { ...FIELDS, title: 'By Token, Edited' }, token)).json().title).toBe(
      'By Token, Edited',
    );
    expect((await edit(id, FIELDS)).statusCode).toBe(401);
    expect((await edit(imported, FIELDS, token)).statusCode).toBe(403);
    expect((await edit(id, FIELDS, xanderToken)).statusCode).toBe(403);
    expect((await edit(999999, FIELDS, token)).statusCode).toBe(404);
    const noFandom = await edit(id, { ...FIELDS, fandoms: [] }, token);
    expect(noFandom.json().error.message).toBe('body fandoms: name at least one fandom');

    const remove = (workId: number | string, as?: string) =>
      api.call('DELETE', '/api/v1/works/{id}', `/api/v1/works/${workId}`, as ? { token: as } : {});
    expect((await remove(id)).statusCode).toBe(401);
    expect((await remove(id, xanderToken)).statusCode).toBe(403);
    expect((await remove(0, token)).statusCode).toBe(400);
    expect((await remove(id, token)).statusCode).toBe(204);
    expect((await remove(id, token)).statusCode).toBe(404);
    expect((await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${id}`, { token })).statusCode).toBe(
      404,
    );
    // The site's search no longer finds it either.
    const listed = await api.call('GET', '/api/v1/works', '/api/v1/works', { token });
    expect(listed.json().works.map((work: { title: string }) => work.title)).toEqual(['One']);
  });

  it('keeps a draft for its creator until they post it', async () => {
    const draft = await api.call('POST', '/api/v1/works', '/api/v1/works', {
      body: { ...FORM, title: 'Drafted', restricted: false, draft: true, chapters: [{ body: 'Not yet.' }] },
      token,
    });
    const id = draft.json().id;
    const publish = (as?: string) =>
      api.call('POST', '/api/v1/works/{id}/post', `/api/v1/works/${id}/post`, as ? { token: as } : {});
    expect((await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${id}`)).statusCode).toBe(404);
    expect((await publish()).statusCode).toBe(401);
    expect((await publish(xanderToken)).statusCode).toBe(404);
    const posted = await publish(token);
    expect([posted.statusCode, posted.json().title]).toEqual([200, 'Drafted']);
    expect((await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${id}`)).statusCode).toBe(200);
    expect((await publish(xanderToken)).json().error.code).toBe('FORBIDDEN');
    expect((await publish(token)).json().error.message).toBe(`Work ${id} is not a draft.`);
    expect(
      (await api.call('POST', '/api/v1/works/{id}/post', '/api/v1/works/0/post', { token })).statusCode,
    ).toBe(400);

    // A draft may share its text with a posted work; posting it may not.
    const twin = await api.call('POST', '/api/v1/works', '/api/v1/works', {
      body: { ...FORM, title: 'Drafted twin', draft: true, chapters: [{ body: 'Not yet.' }] },
      token: xanderToken,
    });
    const clash = await api.call('POST', '/api/v1/works/{id}/post', `/api/v1/works/${twin.json().id}/post`, {
      token: xanderToken,
    });
    expect(clash.json().error.message).toContain('"Drafted"');
  });

  it('refuses a suspended member, who may still read', async () => {
    const suspended = await memberToken('spike');
    await db.store.db
      .updateTable('users')
      .set({ suspended_until: '2999-01-01T00:00:00Z', suspended_reason: 'tests' })
      .where('name', '=', 'spike')
      .execute();
    const refused = await api.call('POST', '/api/v1/works', '/api/v1/works', {
      body: { ...FORM, chapters: [{ body: 'Spike tried to post.', format: 'text' }] },
      token: suspended,
    });
    expect(refused.json().error.code).toBe('SUSPENDED');
    expect((await api.call('GET', '/api/v1/works', '/api/v1/works', { token: suspended })).statusCode).toBe(
      200,
    );
  });

  it('serves the reference for people at /api/docs from its own assets, under the site CSP', async () => {
    const page = await app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("style-src 'self';");
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual([
      '/api/docs/static/swagger-ui-bundle.js',
      '/api/docs/static/swagger-ui-standalone-preset.js',
      '/api/docs/static/swagger-initializer.js',
    ]);
    expect(page.body).not.toMatch(/<script>|style=|https?:/);
    for (const script of scripts) expect((await app.inject(script ?? '')).statusCode).toBe(200);
    const initializer = (await app.inject('/api/docs/static/swagger-initializer.js')).body;
    expect(initializer).toContain('"validatorUrl":null');
    expect(initializer).toContain('"layout":"BaseLayout"');
  });

  it('answers an unknown API address in the API error shape', async () => {
    expect((await app.inject('/api/v1/nothing')).json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'There is no API route at this address.' },
    });
  });

  it("met every documented answer of the works' routes (429 is in its own test)", () => {
    expect(api.unseen((route) => !route.includes('/chapters'), ['429'])).toEqual([]);
  });
});

describe('the JSON API rate limit', () => {
  it('answers 429 in the documented shape, with Retry-After', async () => {
    const db = await openTestStore('sqlite');
    const app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      site: { rateLimit: 2 },
    });
    try {
      const api = new OpenApiClient(app, (await app.inject('/api/docs/json')).json() as OpenApiDoc);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await api.call('GET', '/api/v1/works', '/api/v1/works'));
      const limited = answers.at(-1);
      expect(limited?.statusCode).toBe(429);
      expect(limited?.headers['retry-after']).toBe('60');
      expect(limited?.json().error.code).toBe('RATE_LIMITED');
      const posting = await api.call('POST', '/api/v1/works', '/api/v1/works', { body: FORM });
      expect(posting.statusCode).toBe(429);
    } finally {
      await app.close();
      await db.cleanup();
    }
  });
});
