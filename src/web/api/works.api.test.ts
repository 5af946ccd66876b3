import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { signUp } from '../../services/accounts/account.service.ts';
import { createApiToken } from '../../services/accounts/api-token.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

describe.each(DIALECTS)('the JSON API on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let token: string;
  let doc: Doc;
  const ajv = new Ajv({ strict: false, allErrors: true });

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: One\nAuthor: a\nFandom: Buffy the Vampire Slayer\nRating: General Audiences\n\nBuffy patrolled the cemetery.',
    ]);
    app = await buildApp({ store: db.store, search: db.search, pageCache: false });
    const willow = await signUp(db.store.db, {
      username: 'willow',
      email: 'w@example.org',
      password: 'correct horse',
    });
    token = (await createApiToken(db.store.db, willow.userId, 'tests')).secret;
    doc = (await app.inject('/api/docs/json')).json();
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  /** The answer, checked against the schema the OpenAPI document gives for its route and status. */
  async function call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    route: string,
    options: { url?: string; body?: object; auth?: string } = {},
  ) {
    const response = await app.inject({
      method,
      url: options.url ?? path,
      ...(options.body ? { payload: options.body } : {}),
      headers: options.auth ? { authorization: options.auth } : {},
    });
    const documented = doc.paths[route]?.[method.toLowerCase()]?.responses[String(response.statusCode)];
    expect(documented, `${method} ${route} ${response.statusCode} is documented`).toBeDefined();
    const schema = documented?.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    const valid = ajv.validate(schema as object, response.json());
    expect(valid, JSON.stringify(ajv.errors)).toBe(true);
    return response;
  }

  it('serves an OpenAPI document that validates, with the API routes only', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(Object.keys(doc.paths).sort(), Object.keys(doc.paths).join(' ')).toEqual([
      '/api/v1/works',
      '/api/v1/works/{id}',
      '/api/v1/works/{id}/chapters',
    ]);
  });

  it('answers every documented route as documented, with and without a token', async () => {
    const list = await call('GET', '/api/v1/works', '/api/v1/works', {
      url: '/api/v1/works?rating=General%20Audiences&tags=Buffy%20the%20Vampire%20Slayer',
    });
    expect(list.json().works.map((work: { title: string }) => work.title)).toEqual(['One']);
    expect(
      (await call('GET', '/api/v1/works', '/api/v1/works', { url: '/api/v1/works?sort=sideways' }))
        .statusCode,
    ).toBe(400);
    const id = list.json().works[0].id;
    const work = await call('GET', `/api/v1/works/${id}`, '/api/v1/works/{id}');
    expect(work.json().chapters[0].html).toContain('cemetery');
    expect(work.json().tags).toContainEqual({
      kind: 'fandom',
      name: 'Buffy the Vampire Slayer',
      canonical: 'Buffy the Vampire Slayer',
    });
    expect((await call('GET', '/api/v1/works/999999', '/api/v1/works/{id}')).statusCode).toBe(404);
    expect(
      (await call('GET', `/api/v1/works/${id}`, '/api/v1/works/{id}', { auth: 'Bearer quire_pat_wrong' }))
        .statusCode,
    ).toBe(401);

    const form = {
      title: 'By Token',
      fandoms: ['Buffy the Vampire Slayer'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [{ body: 'Posted through the API.', format: 'text' }],
      restricted: true,
    };
    expect((await call('POST', '/api/v1/works', '/api/v1/works', { body: form })).statusCode).toBe(401);
    expect(
      (
        await call('POST', '/api/v1/works', '/api/v1/works', {
          body: { ...form, title: '' },
          auth: `Bearer ${token}`,
        })
      ).statusCode,
    ).toBe(400);
    const created = await call('POST', '/api/v1/works', '/api/v1/works', {
      body: form,
      auth: `Bearer ${token}`,
    });
    expect(created.statusCode).toBe(201);
    // Members only: a guest is asked to log in, the token's holder reads it.
    const newId = created.json().id;
    expect((await call('GET', `/api/v1/works/${newId}`, '/api/v1/works/{id}')).statusCode).toBe(401);
    expect(
      (await call('GET', `/api/v1/works/${newId}`, '/api/v1/works/{id}', { auth: `Bearer ${token}` })).json()
        .title,
    ).toBe('By Token');
    const { chapters: _chapters, restricted: _restricted, ...fields } = form;
    const edited = await call('PUT', `/api/v1/works/${newId}`, '/api/v1/works/{id}', {
      body: { ...fields, title: 'By Token, Edited' },
      auth: `Bearer ${token}`,
    });
    expect(edited.json().title).toBe('By Token, Edited');
    expect(
      (
        await call('PUT', `/api/v1/works/${id}`, '/api/v1/works/{id}', {
          body: fields,
          auth: `Bearer ${token}`,
        })
      ).statusCode,
    ).toBe(403);
    const chapter = await call('POST', `/api/v1/works/${newId}/chapters`, '/api/v1/works/{id}/chapters', {
      body: { body: 'A second chapter.', format: 'text' },
      auth: `Bearer ${token}`,
    });
    expect(chapter.json()).toEqual({ position: 2, scheduled: false });
    expect(
      (
        await call('POST', `/api/v1/works/${newId}/chapters`, '/api/v1/works/{id}/chapters', {
          body: { body: '' },
          auth: `Bearer ${token}`,
        })
      ).statusCode,
    ).toBe(400);
    expect((await app.inject('/api/v1/nothing')).json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'There is no API route at this address.' },
    });
  });
});
