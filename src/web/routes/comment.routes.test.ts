import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/inject-browser.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { signUp } from '../../services/accounts/account.service.ts';
import { createWork } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { PageCache } from '../page-cache.ts';

describe.each(DIALECTS)('comments in the browser on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let bells: number;
  let own: number;
  const logIn = async (name: string) => {
    const browser = new Browser(app);
    await browser.submit('/login', { login: name, password: 'correct horse' });
    return browser;
  };
  const commentIdOf = (location: unknown) => Number(/comment_(\d+)/.exec(String(location))?.[1]);

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, ['Title: Bells\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee rang the bells.']);
    bells = (await db.store.db.selectFrom('works').select('id').executeTakeFirstOrThrow()).id;
    const member = (username: string) =>
      signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' });
    const willow = await member('willow');
    for (const name of ['tara', 'xander', 'anya', 'dawn']) await member(name);
    own = await createWork(db.store.db, db.search, willow, {
      title: 'Research',
      format: 'text',
      fandoms: ['Firefly'],
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      chapters: [
        { body: 'Willow read all night.', format: 'text' },
        { body: 'Willow slept all day.', format: 'text' },
      ],
    });
    // The page cache is on, as in `quire serve`: a guest's cached page must show new comments.
    app = await buildApp({
      store: db.store,
      search: db.search,
      pageCache: new PageCache({ keepAfter: 1, staleMs: 0 }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('lets a member comment from the work page and another reply; the blurb counts them', async () => {
    const tara = await logIn('tara');
    const posted = await tara.submit(
      `/works/${own}/chapters/2`,
      { comment: 'Chapter two <em>rocks</em>.' },
      'form.comment-form',
    );
    expect(posted.response.statusCode).toBe(303);
    expect(posted.response.headers.location).toMatch(new RegExp(`^/works/${own}/chapters/2#comment_\\d+$`));
    const id = commentIdOf(posted.response.headers.location);
    const guestView = await new Browser(app).get(`/works/${own}/chapters/2`);
    expect(guestView.$(`#comment_${id} .userstuff`).html()).toBe('<p>Chapter two <em>rocks</em>.</p>');
    expect(guestView.$(`#comment_${id} .byline`).text()).toBe('tara');
    expect(guestView.$('#comments-heading').text()).toBe('Comments (1)');
    // A guest's page is shared: it carries no form token, only links.
    expect(guestView.$('#comments form').length).toBe(0);

    const xander = await logIn('xander');
    const replyPage = await xander.get(`/comments/${id}/reply`);
    expect(replyPage.$('h1').text()).toBe('Reply to a comment on Research');
    const replied = await xander.submit(`/comments/${id}/reply`, { comment: 'Agreed!' }, 'form.comment-form');
    expect(replied.response.statusCode).toBe(303);
    const reply = commentIdOf(replied.response.headers.location);
    const thread = await new Browser(app).get(`/works/${own}/chapters/2`);
    expect(thread.$(`#comment_${id} > ol.thread > #comment_${reply} .byline`).text()).toBe('xander');
    const listing = await new Browser(app).get('/works?sort=comments');
    const stat = listing.$('.blurb').first().find('dt:contains("Comments:") + dd').text();
    expect(listing.$('.blurb .heading a').first().text()).toBe('Research');
    expect(stat).toBe('2');
  });

  it('takes a guest comment with a name, and refuses bad input with the form shown again', async () => {
    const guest = new Browser(app);
    const page = await guest.get(`/works/${bells}`);
    expect(page.$('#comments a.button').attr('href')).toBe(`/works/${bells}/comments/new?chapter=1`);
    const missingName = await guest.submit(
      `/works/${bells}/comments/new`,
      { comment: 'Nice bells.' },
      'form.comment-form',
    );
    expect(missingName.response.statusCode).toBe(400);
    expect(missingName.$('.error-summary li').text()).toContain('name: a guest gives a name');
    expect(missingName.$('textarea#comment').text()).toBe('Nice bells.');
    const empty = await guest.submit(
      `/works/${bells}/comments/new`,
      { comment: '  ', name: 'Dawn' },
      'form.comment-form',
    );
    expect(empty.response.statusCode).toBe(400);
    expect(empty.$('.error-summary li').text()).toBe('comment: write something before posting');
    const long = await guest.submit(
      `/works/${bells}/comments/new`,
      { comment: 'x'.repeat(10_001), name: 'Dawn' },
      'form.comment-form',
    );
    expect(long.response.statusCode).toBe(400);
    expect(long.$('.error-summary li').text()).toContain('at most 10,000 characters');
    const posted = await guest.submit(
      `/works/${bells}/comments/new`,
      { comment: 'Nice bells.', name: 'Dawn', email: 'dawn@example.org' },
      'form.comment-form',
    );
    expect(posted.response.statusCode).toBe(303);
    const shown = await guest.get(`/works/${bells}`);
    expect(shown.$('.comment .byline').first().text()).toBe('Dawn (Guest)');
    expect(shown.response.body).not.toContain('dawn@example.org');
    const again = await guest.submit(
      `/works/${bells}/comments/new`,
      { comment: 'Nice bells.', name: 'Dawn' },
      'form.comment-form',
    );
    expect(again.response.statusCode).toBe(409);
    expect(again.$('.error-summary li').text()).toBe('You have already left this comment here.');
  });

  it('answers unknown works and comments, bad numbers and missing tokens with their errors', async () => {
    const anya = await logIn('anya');
    const csrf = await anya.csrf(`/works/${own}/comments/new`);
    expect((await anya.get('/works/999999/comments/new')).response.statusCode).toBe(404);
    expect(
      (await anya.post('/works/999999/comments', { _csrf: csrf, comment: 'Hi' })).response.statusCode,
    ).toBe(404);
    const unknownParent = await anya.post(`/works/${own}/comments`, {
      _csrf: csrf,
      comment: 'Hi',
      parent: '999999',
    });
    expect(unknownParent.response.statusCode).toBe(404);
    expect(
      (await anya.post(`/works/${own}/comments`, { _csrf: csrf, comment: 'Hi', chapter: 'two' })).response
        .statusCode,
    ).toBe(400);
    expect((await anya.post(`/works/${own}/comments`, { comment: 'No token' })).response.statusCode).toBe(
      403,
    );
    expect((await anya.get('/comments/999999')).response.statusCode).toBe(404);
    expect((await anya.get('/comments/abc')).response.statusCode).toBe(400);
  });

  it("refuses another member's edit, and lets the writer edit", async () => {
    const tara = await logIn('tara');
    const posted = await tara.submit(`/works/${bells}`, { comment: 'My words.' }, 'form.comment-form');
    const id = commentIdOf(posted.response.headers.location);
    const xander = await logIn('xander');
    expect((await xander.get(`/comments/${id}/edit`)).response.statusCode).toBe(403);
    const csrf = await xander.csrf(`/works/${own}/comments/new`);
    expect(
      (await xander.post(`/comments/${id}/edit`, { _csrf: csrf, comment: 'Mine' })).response.statusCode,
    ).toBe(403);
    expect((await xander.post(`/comments/${id}/delete`, { _csrf: csrf })).response.statusCode).toBe(403);
    const edited = await tara.submit(
      `/comments/${id}/edit`,
      { comment: 'My better words.' },
      'form.comment-form',
    );
    expect(edited.response.statusCode).toBe(303);
    const page = await tara.get(`/comments/${id}`);
    expect(page.$(`#comment_${id} .userstuff`).text()).toBe('My better words.');
    expect(page.$(`#comment_${id} .edited`).text()).toBe(' (Edited)');
  });

  it('lets the creator delete a comment and freeze a thread, which then takes no replies', async () => {
    const anya = await logIn('anya');
    const posted = await anya.submit(`/works/${own}`, { comment: 'Freeze this.' }, 'form.comment-form');
    const id = commentIdOf(posted.response.headers.location);
    const other = commentIdOf(
      (await anya.submit(`/works/${own}`, { comment: 'Delete this.' }, 'form.comment-form')).response.headers
        .location,
    );
    const willow = await logIn('willow');
    const frozen = await willow.submit(`/comments/${id}`, {}, `form[action="/comments/${id}/freeze"]`);
    expect(frozen.response.statusCode).toBe(303);
    const page = await anya.get(`/comments/${id}`);
    expect(page.$(`#comment_${id} .notice`).text()).toBe('This thread is frozen: it takes no new replies.');
    expect(page.$(`#comment_${id} a:contains("Reply")`).length).toBe(0);
    expect((await anya.get(`/comments/${id}/reply`)).response.statusCode).toBe(403);
    const csrf = await anya.csrf(`/works/${own}/comments/new`);
    const refused = await anya.post(`/works/${own}/comments`, {
      _csrf: csrf,
      comment: 'Sneaky',
      parent: String(id),
    });
    expect(refused.response.statusCode).toBe(403);
    expect(refused.$('main').text()).toContain('This thread is frozen');
    const deleted = await willow.submit(`/comments/${other}`, {}, `form[action="/comments/${other}/delete"]`);
    expect(deleted.response.statusCode).toBe(303);
    expect((await anya.get(`/comments/${other}`)).response.statusCode).toBe(404);
    // A member who is not a creator gets no freeze button, and the route refuses them.
    expect(page.$(`form[action="/comments/${id}/unfreeze"]`).length).toBe(0);
    expect((await anya.post(`/comments/${id}/unfreeze`, { _csrf: csrf })).response.statusCode).toBe(403);
  });

  it('keeps guests out where the creator allows members only, and holds comments for approval', async () => {
    const willow = await logIn('willow');
    const saved = await willow.submit(
      `/works/${own}/manage`,
      { comment_permission: 'members', moderated: 'on' },
      `form[action="/works/${own}/comment-settings"]`,
    );
    expect(saved.response.headers.location).toBe(`/works/${own}/manage?notice=comment-settings`);
    const guest = new Browser(app);
    const page = await guest.get(`/works/${own}`);
    expect(page.$('#comments > .notice').text()).toBe('Only logged-in members can comment on this work.');
    const form = await guest.get(`/works/${own}/comments/new`);
    expect(form.response.statusCode).toBe(401);
    expect(form.$('main').text()).toContain('Only logged-in members can comment on this work');
    const csrf = await guest.csrf(`/works/${bells}/comments/new`);
    const post = await guest.post(`/works/${own}/comments`, {
      _csrf: csrf,
      comment: 'Let me in',
      name: 'Dawn',
    });
    expect(post.response.statusCode).toBe(401);

    const tara = await logIn('tara');
    const held = await tara.submit(`/works/${own}`, { comment: 'Please approve.' }, 'form.comment-form');
    const id = commentIdOf(held.response.headers.location);
    expect(held.response.headers.location).toBe(`/comments/${id}#comment_${id}`);
    expect((await tara.get(`/comments/${id}`)).$(`#comment_${id} .notice`).text()).toContain('waits for');
    expect((await guest.get(`/comments/${id}`)).response.statusCode).toBe(404);
    expect((await guest.get(`/works/${own}`)).$(`#comment_${id}`).length).toBe(0);
    const queue = await willow.get(`/works/${own}/comments/unreviewed`);
    expect(queue.$(`#comment_${id} .userstuff`).text()).toBe('Please approve.');
    expect((await tara.get(`/works/${own}/comments/unreviewed`)).response.statusCode).toBe(403);
    await willow.submit(`/works/${own}/comments/unreviewed`, {}, `form[action="/comments/${id}/approve"]`);
    expect((await guest.get(`/works/${own}`)).$(`#comment_${id} .userstuff`).text()).toBe('Please approve.');
    const inbox = await willow.get('/inbox');
    expect(inbox.$('.inbox li').first().text()).toContain(
      'tara left a comment waiting for your approval on Research',
    );
    await willow.submit(
      `/works/${own}/manage`,
      { comment_permission: 'guests' },
      `form[action="/works/${own}/comment-settings"]`,
    );
  });

  it('slows a member down after a flood of comments, saying so', async () => {
    const dawn = await logIn('dawn');
    for (let n = 0; n < 5; n++)
      expect(
        (await dawn.submit(`/works/${bells}`, { comment: `Flood ${n}` }, 'form.comment-form')).response
          .statusCode,
      ).toBe(303);
    const refused = await dawn.submit(`/works/${bells}`, { comment: 'One more' }, 'form.comment-form');
    expect(refused.response.statusCode).toBe(429);
    expect(refused.$('.error-summary li').text()).toBe(
      'You have posted 5 comments in the last 5 minutes: wait a few minutes before posting another.',
    );
    expect(refused.$('textarea#comment').text()).toBe('One more');
  });

  it("lists the inbox for members only, and keeps the member's choice of mail", async () => {
    expect((await new Browser(app).get('/inbox')).response.statusCode).toBe(303);
    const willow = await logIn('willow');
    const inbox = await willow.get('/inbox');
    expect(inbox.$('.inbox li').length).toBeGreaterThan(0);
    await willow.submit('/inbox', { comment_mail: 'on' }, 'form[action="/inbox/mail"]');
    expect((await willow.get('/inbox')).$('#comment_mail').attr('checked')).toBeDefined();
    await willow.submit('/inbox', {}, 'form[action="/inbox/read"]');
    expect((await willow.get('/inbox')).$('main > p').first().text()).toBe('Nothing unread.');
  });
});
