import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

// Three parts of one series (the second and third posted out of order), a work outside it, two creators.
const STORIES = [
  'Title: First Frost\nAuthor: Willa Reed\nFandom: BtVS\nSeries: Part 1 of Valentines\nRating: G\nPublished: 2011-02-14\n\nWillow watched the frost form on the library windows.',
  'Title: Third Thaw\nAuthor: Willa Reed\nFandom: BtVS\nSeries: Part 3 of Valentines\nRating: G\nPublished: 2012-02-14\n\nThe ice broke on the river and Spike laughed.',
  'Title: Second Snow\nAuthor: Willa Reed\nFandom: BtVS\nSeries: Part 2 of Valentines\nRating: M\nPublished: 2013-02-14\n\nChapter 1: Falling\n\nSnow fell over Sunnydale all night.\n\nChapter 2: Settling\n\nBy morning Spike had shovelled the path.\n\nChapter 3: Melting\n\nThe sun came back and the snow went.',
  'Title: Tea for Two\nAuthor: Jonah Park\nFandom: Sherlock (TV)\nRating: G\nLanguage: French\n\nSherlock fit la thé. John le but quand même, en souriant.',
];

describe.each(DIALECTS)('reading pages on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  const page = async (url: string, cookies?: Record<string, string>) => {
    const response = await app.inject({ method: 'GET', url, cookies });
    return { response, $: cheerio.load(response.body) };
  };
  const titles = ($: cheerio.CheerioAPI) =>
    $('.blurb .heading > a')
      .map((_, link) => $(link).text())
      .get();
  const workIdOf = async (title: string) => {
    const { $ } = await page(`/works?title=${encodeURIComponent(title)}`);
    return Number(/\/works\/(\d+)/.exec($('.blurb .heading a').first().attr('href') ?? '')?.[1]);
  };

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, STORIES);
    // No page cache: a test changes what guests may see and reads the pages again at once.
    app = await buildApp({ store: db.store, search: db.search, pageCache: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('lists series, and a series page shows its works in reading order', async () => {
    const index = await page('/series');
    expect(index.response.statusCode).toBe(200);
    const link = index.$('main a').filter((_, a) => index.$(a).text() === 'Valentines');
    expect(link.parent().text()).toBe('Valentines by Willa Reed (3 works)');
    expect(link.parent().find('a[rel=author]').attr('href')).toBe('/creators/Willa%20Reed');
    const series = await page(link.attr('href') ?? '');
    expect(series.response.statusCode).toBe(200);
    expect(series.$('h1').text()).toBe('Valentines');
    expect(titles(series.$)).toEqual(['First Frost', 'Second Snow', 'Third Thaw']);
    expect(series.$('.series-meta').text()).toContain('Willa Reed');
  });

  it('links "Part 2 of Valentines" and offers the previous and next work', async () => {
    const listing = await page('/works?title=second');
    const part = listing.$('.blurb ul.series li');
    expect(part.text()).toBe('Part 2 of Valentines');
    expect(part.find('a').attr('href')).toMatch(/^\/series\/\d+$/);
    const id = await workIdOf('Second Snow');
    const work = await page(`/works/${id}/full?view_adult=true`);
    const nav = work.$('.work-meta nav.series-nav');
    expect(nav.text()).toContain('Part 2 of Valentines');
    // The last page of the work offers the same at its end.
    expect(work.$('.work > nav.series-nav a[rel=next]').attr('href')).toBe(
      nav.find('a[rel=next]').attr('href'),
    );
    const previous = nav.find('a[rel=prev]');
    const next = nav.find('a[rel=next]');
    expect(previous.attr('href')).toBe(`/works/${await workIdOf('First Frost')}`);
    expect(next.attr('href')).toBe(`/works/${await workIdOf('Third Thaw')}`);
    // The first part has no previous work.
    const first = await page(`/works/${await workIdOf('First Frost')}`);
    expect(first.$('.work-meta nav.series-nav a[rel=prev]').length).toBe(0);
    expect(first.$('.work-meta nav.series-nav a[rel=next]').length).toBe(1);
  });

  it('leaves works a guest may not see out of series, creators and their neighbours', async () => {
    const third = await workIdOf('Third Thaw');
    await db.store.db.updateTable('works').set({ restricted: 1 }).where('id', '=', third).execute();
    try {
      const index = await page('/series');
      expect(index.$('main li').text()).toContain('Valentines by Willa Reed (2 works)');
      const link = index.$('main a').filter((_, a) => index.$(a).text() === 'Valentines');
      expect(titles((await page(link.attr('href') ?? '')).$)).toEqual(['First Frost', 'Second Snow']);
      expect((await page('/creators')).$('.index-list').text()).toContain('Willa Reed (2)');
      const second = await page(`/works/${await workIdOf('Second Snow')}?view_adult=true`);
      expect(second.$('.work-meta nav.series-nav a[rel=next]').length).toBe(0);
    } finally {
      await db.store.db.updateTable('works').set({ restricted: 0 }).where('id', '=', third).execute();
    }
  });

  it('answers unknown and malformed series ids with the site page, never a 5xx', async () => {
    for (const [url, status] of [
      ['/series/999999', 404],
      ['/series/abc', 400],
      ['/series/0', 400],
      ['/series/99999999999999999999', 400],
      ['/works/abc/navigate', 400],
      ['/works/999999/navigate', 404],
    ] as const) {
      const { response, $ } = await page(url);
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect($('main h1').length, url).toBe(1);
    }
  });

  it('has a chapter index with dates and the downloads at the top of the work', async () => {
    const id = await workIdOf('Second Snow');
    const { response, $ } = await page(`/works/${id}/navigate`);
    expect(response.statusCode).toBe(200);
    const items = $('.chapter-index-list li')
      .map((_, li) => $(li).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(items).toEqual([
      '1. Falling (2013-02-14)',
      '2. Settling',
      `3. Melting (${items[2]?.slice(-11, -1)})`,
    ]);
    expect($('.chapter-index-list li a').first().attr('href')).toBe(`/works/${id}/chapters/1`);
    const work = await page(`/works/${id}/chapters/2?view_adult=true`);
    const index = work.$('.chapter-nav details.chapter-index').first();
    const full = index.find('a').filter((_, a) => work.$(a).text() === 'Full-page index');
    expect(full.attr('href')).toBe(`/works/${id}/navigate`);
    // The Download menu comes before the work's tags and text, as AO3's does.
    const menu = work.$('.work > .work-navigation .download-menu');
    expect(
      menu
        .find('a')
        .map((_, a) => work.$(a).text())
        .get(),
    ).toContain('EPUB');
    // After the first chapter the tag block is folded, so the chapter heading comes first on a phone.
    expect(work.$('details.work-meta').length).toBe(1);
    const opening = await page(`/works/${id}/chapters/1?view_adult=true`);
    expect(opening.$('details.work-meta').length).toBe(0);
  });

  it('has a creator index and a creator page with the filters and sorts of the works index', async () => {
    const index = await page('/creators');
    expect(index.response.statusCode).toBe(200);
    expect(index.$('.index-list').text()).toContain('Willa Reed (3)');
    const creator = await page('/creators/Willa%20Reed?sort=title&order=asc');
    expect(creator.response.statusCode).toBe(200);
    expect(creator.$('h1').text()).toBe('Works by Willa Reed');
    expect(titles(creator.$)).toEqual(['First Frost', 'Second Snow', 'Third Thaw']);
    expect(creator.$('form.filter-form').attr('action')).toBe('/creators/Willa%20Reed');
    const rated = await page('/creators/Willa%20Reed?rating=Mature');
    expect(titles(rated.$)).toEqual(['Second Snow']);
    const unknown = await page('/creators/Nobody%20Here');
    expect(unknown.response.statusCode).toBe(404);
  });

  it('finds creators and titles from the search box and the search form', async () => {
    expect(titles((await page('/works?q=creator%3Awilla&sort=title')).$)).toEqual([
      'First Frost',
      'Second Snow',
      'Third Thaw',
    ]);
    expect(titles((await page('/works?creator=jonah')).$)).toEqual(['Tea for Two']);
    expect(titles((await page('/works?q=-spike&sort=title')).$)).toEqual(['First Frost', 'Tea for Two']);
    // An empty creator search is no filter; a creator nobody matches finds nothing, without an error.
    expect((await page('/works?creator=')).$('.result-count').text()).toBe('1 – 4 of 4 Works');
    const none = await page('/works?creator=zzz');
    expect(none.response.statusCode).toBe(200);
    expect(none.$('.result-count').text()).toBe('No works found.');
    const form = await page('/search');
    expect(form.$('input[name=title]').length).toBe(1);
    expect(form.$('input[name=creator]').length).toBe(1);
    const sorts = form
      .$('select[name=sort] option')
      .map((_, option) => form.$(option).text())
      .get();
    expect(sorts).toContain('Date Posted');
    expect(sorts).not.toContain('published');
    expect(form.$('.search-tips').text()).toContain('creator:');
  });

  it('shows a page past the end as an empty page with a way back', async () => {
    const { response, $ } = await page('/works?per_page=2&page=7&sort=title');
    expect(response.statusCode).toBe(200);
    expect($('.past-end').text()).toContain('There is no page 7');
    const links = $('.past-end a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(links).toEqual(['/works?per_page=2&sort=title&page=2', '/works?per_page=2&sort=title']);
  });

  it('names languages, hides counters nothing can move, and shows AO3 names for fixed tags', async () => {
    const { $ } = await page('/works');
    const languages = $('select[name=language] option')
      .map((_, option) => $(option).text())
      .get();
    // Texts too short to detect are of unknown language, offered as such.
    expect(languages).toEqual(['Any language', 'English', 'French', 'Unknown']);
    expect($('.blurb .stats').text()).toContain('Language:English');
    expect($('.blurb .stats').text()).toContain('Language:French');
    // Comments, kudos, bookmarks and hits can all be given (issue #20, parts 1 to 3).
    expect($('.blurb .stats').text()).toMatch(/Comments:0.*Kudos:0.*Bookmarks:0.*Hits:0/);
    expect($('select[name=sort] option').text()).toMatch(/Kudos.*Hits.*Bookmarks.*Comments/);
    const id = await workIdOf('Second Snow');
    const work = await page(`/works/${id}?view_adult=true`);
    // The file said "Rating: M": the page names AO3's rating once, not the file's spelling beside it.
    const ratings = work.$('.meta-rating dd .tag');
    expect(ratings.length).toBe(1);
    expect(ratings.text()).toMatch(/^Mature\b/);
  });

  it('puts a Filters link before the results and labels each tag name', async () => {
    const { $ } = await page('/works');
    expect($('a.filters-jump').attr('href')).toBe('#filters');
    expect($('aside#filters').length).toBe(1);
    expect($('a.skip-link[href="#filters"]').length).toBe(1);
    const label = $('.facet-table label').first();
    const box = $(`#${label.attr('for')}`);
    expect(box.attr('name')).toBe('tags');
    expect(box.attr('value')).toBe(label.text().replace(/\s*\(\d+\)$/, ''));
  });
});
