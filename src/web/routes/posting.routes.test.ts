import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { isDangerousHtml, XSS_CORPUS } from '../../../test/xss-corpus.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

const STORY =
  "Tara died in Willow's arms. Willow held Tara's body until dark. At the funeral Willow could not speak; Tara was buried under the oak. Buffy stood with Willow.";
const FILE = `Title: Under the Oak\nAuthor: oakleaf\nFandom: Buffy the Vampire Slayer\nRating: Teen And Up Audiences\n\n${STORY}`;

/** Every field of the new work form, as a member fills it. */
const fields = (extra: Record<string, string | string[]> = {}) => ({
  title: 'Oak',
  fandoms: 'Buffy the Vampire Slayer',
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  categories: ['F/F'],
  relationships: '',
  characters: 'Buffy Summers',
  freeforms: 'Grief, Trees',
  language: 'en',
  complete: 'on',
  format: 'text',
  chapter_0_body: STORY,
  chapter_0_format: 'text',
  action: 'preview',
  ...extra,
});

async function member(app: App, name: string): Promise<Browser> {
  const browser = new Browser(app);
  const signed = await browser.submit('/signup', {
    username: name,
    email: `${name}@example.org`,
    password: 'correct horse',
  });
  expect(signed.response.statusCode).toBe(303);
  return browser;
}

describe.each(DIALECTS)('posting pages on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let willow: Browser;
  let tara: Browser;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: false,
      site: { maxUploadBytes: 4096 },
    });
    willow = await member(app, 'willow');
    tara = await member(app, 'tara');
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  const newWork = async (browser: Browser, extra: Record<string, string | string[]> = {}) => {
    const csrf = await browser.csrf('/works/new');
    const posted = await browser.post('/works/new', { _csrf: csrf, ...fields(extra) });
    expect(posted.response.statusCode, posted.$('.error-summary').text()).toBe(303);
    return Number(/\/works\/(\d+)/.exec(posted.response.headers.location as string)?.[1]);
  };

  it('sends a guest to log in, and shows a member every field', async () => {
    const guest = new Browser(app);
    expect((await guest.get('/works/new')).response.headers.location).toBe('/login?return_to=%2Fworks%2Fnew');
    const { $ } = await willow.get('/works/new');
    for (const name of ['title', 'summary', 'notes', 'endNotes', 'fandoms', 'relationships', 'characters'])
      expect($(`[name=${name}]`).length, name).toBe(1);
    for (const name of ['freeforms', 'language', 'series_title', 'coCreators', 'chapter_0_body'])
      expect($(`[name=${name}]`).length, name).toBe(1);
    expect($('select[name=rating] option').length).toBe(6);
    expect($('input[name=warnings]').length).toBe(6);
    expect($('input[name=categories]').length).toBe(6);
    expect($('input[name=restricted]').length).toBe(1);
    expect($('input[name=pseuds]').attr('value')).toBe('willow');
  });

  it('fills the form from an uploaded file, and says why a file cannot be read', async () => {
    const csrf = await willow.csrf('/works/new');
    const filled = await willow.upload(
      '/works/new/upload',
      { _csrf: csrf },
      { name: 'oak.txt', bytes: new TextEncoder().encode(FILE) },
    );
    expect(filled.response.statusCode).toBe(200);
    expect(filled.$('input[name=title]').attr('value')).toBe('Under the Oak');
    expect(filled.$('input[name=fandoms]').attr('value')).toBe('Buffy the Vampire Slayer');
    expect(filled.$('select[name=rating] option[selected]').attr('value')).toBe('Teen And Up Audiences');
    expect(filled.$('textarea[name=chapter_0_body]').text()).toContain('Tara died');
    expect(filled.$('[role=status]').text()).toContain('oakleaf');

    const png = await willow.upload(
      '/works/new/upload',
      { _csrf: csrf },
      { name: 'oak.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
    );
    expect(png.response.statusCode).toBe(400);
    expect(png.$('.error-summary li').text()).toBe('oak.png is a PNG image, not a story file.');
    const empty = await willow.upload(
      '/works/new/upload',
      { _csrf: csrf },
      { name: 'e.txt', bytes: new Uint8Array() },
    );
    expect(empty.response.statusCode).toBe(400);
    expect(empty.$('.error-summary li').text()).toContain('empty');
    const big = await willow.upload(
      '/works/new/upload',
      { _csrf: csrf },
      { name: 'big.txt', bytes: new Uint8Array(5000).fill(65) },
    );
    expect(big.response.statusCode).toBe(413);
    expect(big.$('h1').text()).toBe('That request is too large');
    const forged = await willow.upload(
      '/works/new/upload',
      { _csrf: 'forged' },
      { name: 'oak.txt', bytes: new TextEncoder().encode(FILE) },
    );
    expect(forged.response.statusCode).toBe(403);
  });

  it('keeps what was typed and names the problem when a field is missing or the token is wrong', async () => {
    const csrf = await willow.csrf('/works/new');
    const missing = await willow.post('/works/new', {
      _csrf: csrf,
      ...fields({ fandoms: '', title: 'Kept' }),
    });
    expect(missing.response.statusCode).toBe(400);
    expect(missing.$('.error-summary li').text()).toBe('fandoms: name at least one fandom');
    expect(missing.$('input[name=title]').attr('value')).toBe('Kept');
    const noWarning = await willow.post('/works/new', { _csrf: csrf, ...fields({ warnings: [] }) });
    expect(noWarning.$('.error-summary li').text()).toBe('warnings: choose at least one archive warning');
    const forged = await willow.post('/works/new', { _csrf: 'nope', ...fields() });
    expect(forged.response.statusCode).toBe(403);
    const notMine = await willow.post('/works/new', { _csrf: csrf, ...fields({ pseuds: ['tara'] }) });
    expect(notMine.$('.error-summary li').text()).toBe('pseuds: "tara" is not one of your pseuds');
    const deep = await willow.post('/works/new', {
      _csrf: csrf,
      ...fields({ chapter_0_body: `${'>'.repeat(3000)} Tara smiled.`, chapter_0_format: 'markdown' }),
    });
    expect(deep.response.statusCode).toBe(400);
    expect(deep.$('.error-summary li').text()).toMatch(
      /^chapters\.0\.body: Markdown nests quotes or lists 3000 levels/,
    );
    expect(deep.$('textarea[name=chapter_0_body]').text()).toContain('Tara smiled.');
  });

  it('previews a draft with suggestions to add or dismiss, seen by its creator only, then posts it', async () => {
    const id = await newWork(willow);
    const manage = await willow.get(`/works/${id}/manage`);
    expect(manage.$('.work-status').text()).toContain('This is a draft');
    const suggestion = (value: string) =>
      manage.$('.suggestion').filter((_, item) => manage.$(item).text().includes(value));
    expect(suggestion('Major Character Death').text()).toContain(
      'This work may need the warning Major Character Death.',
    );
    expect(suggestion('Major Character Death').find('.passages li').text()).toMatch(/Chapter 1: “.*died/);
    expect(suggestion('Willow Rosenberg').text()).toContain(
      'A character you have not tagged: Willow Rosenberg.',
    );

    // A draft is no one else's business.
    expect((await tara.get(`/works/${id}/manage`)).response.statusCode).toBe(404);
    const taraCsrf = await tara.csrf('/works/new');
    expect(
      (
        await tara.post(`/works/${id}/suggestions/add`, {
          _csrf: taraCsrf,
          kind: 'warning',
          value: 'Major Character Death',
        })
      ).response.statusCode,
    ).toBe(404);
    expect((await tara.post(`/works/${id}/post`, { _csrf: taraCsrf })).response.statusCode).toBe(404);

    const csrf = manage.$('input[name=_csrf]').first().attr('value') ?? '';
    const added = await willow.post(`/works/${id}/suggestions/add`, {
      _csrf: csrf,
      kind: 'warning',
      value: 'Major Character Death',
    });
    expect(added.response.headers.location).toBe(`/works/${id}/manage?notice=added`);
    await willow.post(`/works/${id}/suggestions/dismiss`, {
      _csrf: csrf,
      kind: 'character',
      value: 'Willow Rosenberg',
    });
    const bad = await willow.post(`/works/${id}/suggestions/dismiss`, {
      _csrf: csrf,
      kind: 'mood',
      value: 'x',
    });
    expect(bad.response.statusCode).toBe(400);
    const after = await willow.get(`/works/${id}/manage`);
    expect(after.$('.suggestions').text()).not.toContain('Willow Rosenberg');
    expect(after.$('.suggestions').text()).not.toContain('Major Character Death');
    expect(after.$('.meta-warning').text()).toContain('Major Character Death');

    const posted = await willow.post(`/works/${id}/post`, { _csrf: csrf });
    expect(posted.response.headers.location).toBe(`/works/${id}`);
    expect((await tara.get(`/works/${id}`)).$('h1.title').text()).toContain('Oak');
  });

  it('edits a work, adds, edits, reorders and deletes chapters, schedules one, and deletes the work', async () => {
    const id = await newWork(willow, {
      title: 'Seasons',
      action: 'post',
      chapter_0_body: 'Spring came to Sunnydale.',
    });
    const edit = await willow.get(`/works/${id}/edit`);
    expect(edit.$('input[name=title]').attr('value')).toBe('Seasons');
    expect(edit.$('input[name=characters]').attr('value')).toBe('Buffy Summers');
    const csrf = edit.$('input[name=_csrf]').attr('value') ?? '';
    const saved = await willow.post(`/works/${id}/edit`, {
      _csrf: csrf,
      ...fields({ title: 'Four Seasons', chapter_0_body: '' }),
    });
    expect(saved.response.headers.location).toBe(`/works/${id}/manage?notice=saved`);
    expect(
      (await tara.post(`/works/${id}/edit`, { _csrf: await tara.csrf('/works/new'), ...fields() })).response
        .statusCode,
    ).toBe(403);

    const chapter = async (body: string, extra: Record<string, string> = {}) =>
      willow.post(`/works/${id}/chapters/new`, {
        _csrf: csrf,
        chapter_0_body: body,
        chapter_0_format: 'text',
        ...extra,
      });
    expect((await chapter('Summer was hot.', { chapter_0_title: 'Summer' })).response.headers.location).toBe(
      `/works/${id}/manage?notice=chapter`,
    );
    await chapter('Autumn leaves fell.', { chapter_0_title: 'Autumn' });
    expect(
      (await chapter('Winter will come.', { chapter_0_publishAt: '2099-12-21T12:00' })).response.headers
        .location,
    ).toBe(`/works/${id}/manage?notice=scheduled`);
    expect((await chapter('')).$('.error-summary li').text()).toBe(
      'body: a chapter has 1 to 510,000 characters of text',
    );
    let manage = await willow.get(`/works/${id}/manage`);
    expect(manage.$('.chapter-list li').length).toBe(3);
    expect(manage.$('h1').text()).toBe('Four Seasons');
    expect(manage.$('main').text()).toContain('posts at 2099-12-21 12:00 UTC');

    const editChapter = await willow.get(`/works/${id}/chapters/2/edit`);
    expect(editChapter.$('input[name=chapter_0_title]').attr('value')).toBe('Summer');
    await willow.post(`/works/${id}/chapters/2/edit`, {
      _csrf: csrf,
      chapter_0_title: 'High Summer',
      chapter_0_body: '<p>Summer was <em>hot</em>.</p>',
      chapter_0_format: 'html',
    });
    await willow.post(`/works/${id}/chapters/order`, {
      _csrf: csrf,
      place_1: '3',
      place_2: '1',
      place_3: '2',
    });
    manage = await willow.get(`/works/${id}/manage`);
    expect(
      manage
        .$('.chapter-list li')
        .map((_, item) => manage.$(item).text().split(' Edit')[0])
        .get(),
    ).toEqual(['High Summer', 'Autumn', 'Chapter 3']);
    expect(
      (await willow.post(`/works/${id}/chapters/order`, { _csrf: csrf, place_1: '1' })).response.statusCode,
    ).toBe(400);
    expect((await willow.get(`/works/${id}/chapters/9/edit`)).response.statusCode).toBe(404);
    await willow.post(`/works/${id}/chapters/1/delete`, { _csrf: csrf });
    manage = await willow.get(`/works/${id}/manage`);
    expect(manage.$('.chapter-list li').length).toBe(2);

    expect((await willow.post(`/works/${id}/delete`, { _csrf: csrf })).response.statusCode).toBe(400);
    expect(
      (await tara.post(`/works/${id}/delete`, { _csrf: await tara.csrf('/works/new'), confirm: 'on' }))
        .response.statusCode,
    ).toBe(403);
    const deleted = await willow.post(`/works/${id}/delete`, { _csrf: csrf, confirm: 'on' });
    expect(deleted.response.headers.location).toBe('/account/works?notice=deleted');
    expect((await willow.get(`/works/${id}/manage`)).response.statusCode).toBe(404);
  });

  it('lists a member’s works with drafts first, and lets a co-creator accept', async () => {
    const id = await newWork(willow, {
      title: 'Together',
      coCreators: 'tara',
      chapter_0_body: 'They wrote it together.',
    });
    const invited = await tara.get('/account/works');
    expect(invited.$('main').text()).toContain('invites tara to co-create “Together”');
    const csrf = invited.$('input[name=_csrf]').first().attr('value') ?? '';
    const action = invited.$('form[action$="/accept"]').attr('action') ?? '';
    expect((await willow.post(action, { _csrf: await willow.csrf('/works/new') })).response.statusCode).toBe(
      403,
    );
    await tara.post(action, { _csrf: csrf });
    const mine = await tara.get('/account/works');
    expect(mine.$('.member-works a').first().attr('href')).toBe(`/works/${id}/manage`);
    expect(mine.$('.member-works td').eq(1).text()).toBe('Draft');
  });

  it('never lets the XSS corpus through any text field', async () => {
    for (const [index, attack] of XSS_CORPUS.entries()) {
      const id = await newWork(willow, {
        title: `T${index} ${attack}`,
        summary: attack,
        notes: attack,
        endNotes: attack,
        format: index % 2 ? 'markdown' : 'html',
        freeforms: `Tag ${index}`,
        series_title: `S ${attack}`.replace(/[<>]/g, ''),
        chapter_0_title: attack,
        chapter_0_notes: attack,
        chapter_0_endNotes: attack,
        chapter_0_body: `Words ${index}. ${attack}`,
        chapter_0_format: index % 2 ? 'markdown' : 'html',
      });
      for (const page of [`/works/${id}/manage`, `/works/${id}/edit`, `/works/${id}/chapters/1/edit`]) {
        const { $ } = await willow.get(page);
        expect(isDangerousHtml($('.userstuff').html() ?? ''), page).toBe(false);
        expect($('script:not([src])').length, page).toBe(0);
        expect($('[onerror], [onload], [ontoggle]').length, page).toBe(0);
        expect($('a[href^="javascript" i], iframe, svg, math').length, page).toBe(0);
      }
    }
  });
});
