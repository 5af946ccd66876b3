import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiClient, type OpenApiDoc } from '../../../test/openapi-client.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { activeContent, isDangerousHtml, XSS_CORPUS } from '../../../test/xss-corpus.ts';
import { signUp } from '../../services/accounts/account.service.ts';
import { createApiToken } from '../../services/accounts/api-token.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

const ALPHA = 'Willow opened the spell book at dusk.';
const BETA = 'Tara lit the candles one by one.';
const GAMMA = 'The Bronze was loud that night.';

const ADD = '/api/v1/works/{id}/chapters';
const ONE = '/api/v1/works/{id}/chapters/{position}';
const ORDER = '/api/v1/works/{id}/chapters/order';

describe.each(DIALECTS)("a work's chapters through the JSON API on %s", (dialect) => {
  let db: TestStore;
  let app: App;
  let api: OpenApiClient;
  const tokens = { willow: '', xander: '' };

  async function post(as: keyof typeof tokens, title: string, bodies: string[], draft = false) {
    const created = await api.call('POST', '/api/v1/works', '/api/v1/works', {
      token: tokens[as],
      body: {
        title,
        fandoms: ['Buffy the Vampire Slayer'],
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        chapters: bodies.map((body) => ({ body, format: 'text' })),
        draft,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as number;
  }
  const chapterTexts = async (id: number) =>
    (await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${id}`, { token: tokens.willow }))
      .json()
      .chapters.map((chapter: { html: string }) => chapter.html.replace(/<[^>]+>/g, ''));

  // Sign-ups hash passwords with argon2: on a busy machine the setup outlasts the default 10 s.
  beforeAll(async () => {
    db = await openTestStore(dialect);
    app = await buildApp({ store: db.store, search: db.search, pageCache: false });
    for (const name of ['willow', 'xander'] as const) {
      const member = await signUp(db.store.db, {
        username: name,
        email: `${name}@example.org`,
        password: 'correct horse',
      });
      tokens[name] = (await createApiToken(db.store.db, member.userId, 'tests')).secret;
    }
    api = new OpenApiClient(app, (await app.inject('/api/docs/json')).json() as OpenApiDoc);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('adds, edits, reorders and deletes chapters with the creator token', async () => {
    const id = await post('willow', 'Spells', [ALPHA]);
    const add = (body: object, as: string | undefined = tokens.willow, work: number = id) =>
      api.call('POST', ADD, `/api/v1/works/${work}/chapters`, { body, ...(as ? { token: as } : {}) });
    expect((await add({ title: 'Candles', body: BETA, format: 'text' })).json()).toEqual({
      position: 2,
      scheduled: false,
    });
    expect(
      (
        await add({ body: 'Later, at the Magic Box.', format: 'text', publishAt: '2999-01-01T00:00:00Z' })
      ).json(),
    ).toEqual({ position: null, scheduled: true });
    expect(await chapterTexts(id)).toEqual([ALPHA, BETA]);

    const edited = await api.call('PUT', ONE, `/api/v1/works/${id}/chapters/2`, {
      token: tokens.willow,
      body: { title: 'Light', body: `*${GAMMA}*`, format: 'markdown' },
    });
    expect(edited.json()).toEqual({
      position: 2,
      title: 'Light',
      html: `<p><em>${GAMMA}</em></p>`,
      words: 6,
    });

    const ordered = await api.call('PUT', ORDER, `/api/v1/works/${id}/chapters/order`, {
      token: tokens.willow,
      body: { order: [2, 1] },
    });
    expect(ordered.json()).toEqual({
      chapters: [
        { position: 1, title: 'Light', words: 6 },
        { position: 2, title: null, words: 7 },
      ],
    });
    expect(await chapterTexts(id)).toEqual([GAMMA, ALPHA]);

    expect(
      (await api.call('DELETE', ONE, `/api/v1/works/${id}/chapters/1`, { token: tokens.willow })).statusCode,
    ).toBe(204);
    expect(await chapterTexts(id)).toEqual([ALPHA]);
  });

  it('refuses guests, other members, missing works and chapters, and bad bodies, as documented', async () => {
    const id = await post('willow', 'Candlelight', ['Giles cleaned his glasses.', 'Anya counted the till.']);
    const draft = await post('willow', 'Unfinished', ['Dawn kept a diary.'], true);
    const chapter = { body: 'Spike lurked outside.', format: 'text' };

    // Each route: no token, another member's token on a posted work, another member on a draft (not found).
    const routes = [
      ['POST', ADD, (work: number) => `/api/v1/works/${work}/chapters`, chapter],
      ['PUT', ONE, (work: number) => `/api/v1/works/${work}/chapters/1`, chapter],
      ['PUT', ORDER, (work: number) => `/api/v1/works/${work}/chapters/order`, { order: [2, 1] }],
      ['DELETE', ONE, (work: number) => `/api/v1/works/${work}/chapters/2`, undefined],
    ] as const;
    for (const [method, route, url, body] of routes) {
      const asked = `${method} ${route}`;
      const guest = await api.call(method, route, url(id), { body });
      expect([asked, guest.json().error.code]).toEqual([asked, 'NOT_LOGGED_IN']);
      const other = await api.call(method, route, url(id), { body, token: tokens.xander });
      expect([asked, other.json().error.code]).toEqual([asked, 'FORBIDDEN']);
      const hidden = await api.call(method, route, url(draft), { body, token: tokens.xander });
      expect([asked, hidden.statusCode]).toEqual([asked, 404]);
      const missing = await api.call(method, route, url(999999), { body, token: tokens.willow });
      expect([asked, missing.json().error.message]).toEqual([asked, 'There is no work 999999.']);
    }
    expect(await chapterTexts(id)).toEqual(['Giles cleaned his glasses.', 'Anya counted the till.']);

    const as = { token: tokens.willow };
    const problem = async (method: 'POST' | 'PUT' | 'DELETE', route: string, url: string, body?: object) => {
      const answer = await api.call(method, route, url, { ...as, ...(body ? { body } : {}) });
      expect(answer.statusCode, answer.body).toBe(400);
      return answer.json().error.message;
    };
    expect(await problem('POST', ADD, `/api/v1/works/${id}/chapters`, { body: '' })).toBe(
      'body body: a chapter has 1 to 510,000 characters of text',
    );
    expect(
      await problem('POST', ADD, `/api/v1/works/${id}/chapters`, { ...chapter, publishAt: 'next Tuesday' }),
    ).toBe('body publishAt: a time looks like 2026-12-24T18:00:00Z');
    expect(await problem('PUT', ONE, `/api/v1/works/${id}/chapters/1`, { ...chapter, format: 'rtf' })).toBe(
      'body format: the format is html, markdown or text',
    );
    expect(await problem('PUT', ONE, `/api/v1/works/${id}/chapters/0`, chapter)).toMatch(/^params position/);
    expect(await problem('PUT', ORDER, `/api/v1/works/${id}/chapters/order`, { order: [1, 1] })).toBe(
      'order: list each of the chapters 1 to 2 once',
    );
    expect(await problem('PUT', ORDER, `/api/v1/works/${id}/chapters/order`, { order: 'backwards' })).toMatch(
      /^body order(\.0)?: /,
    );
    const noChapter = await api.call('PUT', ONE, `/api/v1/works/${id}/chapters/9`, { ...as, body: chapter });
    expect(noChapter.json().error.message).toBe(`Work ${id} has no chapter 9.`);
    const gone = await api.call('DELETE', ONE, `/api/v1/works/${id}/chapters/9`, as);
    expect(gone.statusCode).toBe(404);
    await api.call('DELETE', ONE, `/api/v1/works/${id}/chapters/2`, as);
    expect(await problem('DELETE', ONE, `/api/v1/works/${id}/chapters/1`)).toBe(
      'This is the only chapter: delete the work instead.',
    );
  });

  it("refuses a change that would make a work's text another work's (409)", async () => {
    const twin = await post('xander', 'Twin', ['One fine day.', 'Two fine days.']);
    await post('xander', 'Backwards', ['Three fine days.', 'One fine day.']);
    const id = await post('willow', 'Mine', ['One fine day.']);
    const conflict = async (method: 'POST' | 'PUT' | 'DELETE', route: string, url: string, body?: object) => {
      const answer = await api.call(method, route, url, { token: tokens.willow, ...(body ? { body } : {}) });
      expect(answer.statusCode, answer.body).toBe(409);
      return answer.json().error.message;
    };
    const add = { body: 'Two fine days.', format: 'text' };
    expect(await conflict('POST', ADD, `/api/v1/works/${id}/chapters`, add)).toContain(`(work ${twin})`);
    await api.call('POST', ADD, `/api/v1/works/${id}/chapters`, {
      token: tokens.willow,
      body: { body: 'Three fine days.', format: 'text' },
    });
    await conflict('PUT', ONE, `/api/v1/works/${id}/chapters/2`, add);
    await conflict('PUT', ORDER, `/api/v1/works/${id}/chapters/order`, { order: [2, 1] });
    await api.call('POST', ADD, `/api/v1/works/${id}/chapters`, { token: tokens.willow, body: add });
    await conflict('DELETE', ONE, `/api/v1/works/${id}/chapters/2`);
    expect(await chapterTexts(id)).toEqual(['One fine day.', 'Three fine days.', 'Two fine days.']);
  });

  it('sanitizes every chapter the API is sent, in HTML and in Markdown, as the site does', async () => {
    const id = await post('willow', 'Hostile', ['Faith sharpened a stake.']);
    for (const [index, attack] of XSS_CORPUS.entries()) {
      const format = index % 2 ? 'markdown' : 'html';
      const body = { title: attack, notes: attack, body: `Words ${index}. ${attack}`, format };
      const added = await api.call('POST', ADD, `/api/v1/works/${id}/chapters`, {
        token: tokens.willow,
        body,
      });
      expect(added.statusCode, added.body).toBe(201);
      const edited = await api.call('PUT', ONE, `/api/v1/works/${id}/chapters/2`, {
        token: tokens.willow,
        body,
      });
      expect(isDangerousHtml(edited.json().html), attack).toBe(false);
      const work = await api.call('GET', '/api/v1/works/{id}', `/api/v1/works/${id}`, {
        token: tokens.willow,
      });
      for (const chapter of work.json().chapters) expect(isDangerousHtml(chapter.html), attack).toBe(false);
      const page = await app.inject(`/works/${id}/chapters/2`);
      expect(page.statusCode).toBe(200);
      expect(activeContent(page.body, { forms: true }), attack).toEqual([]);
      await api.call('DELETE', ONE, `/api/v1/works/${id}/chapters/2`, { token: tokens.willow });
    }
  });

  it("met every documented answer of the chapters' routes (429 is in works.api.test.ts)", () => {
    expect(api.unseen((route) => route.includes('/chapters'), ['429'])).toEqual([]);
  });
});
