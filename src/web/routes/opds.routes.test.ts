import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { encodeTagName } from '../paths.ts';

const PATROLS = Array.from(
  { length: 23 },
  (_, i) =>
    `Title: Patrol ${i + 1}\nAuthor: night\nFandom: Buffy the Vampire Slayer\nRating: G\nAdditional Tags: m*a*s*h, x*s*slash*d*y\n\nBuffy walked the cemetery on night ${i + 1} and Willow kept watch.`,
);
const OTHERS = [
  'Title: Heated\nAuthor: ember\nFandom: Sherlock (TV)\nPairing: John/Sherlock\nRating: NC-17\n\nSherlock pushed John onto the bed; his cock was hard and John came.',
  'Title: Tea\nAuthor: cedar\nFandom: Sherlock (TV)\nPairing: John/Sherlock\nRating: G\n\nSherlock made the tea badly. John drank it anyway.',
];

const xml = (body: string) => cheerio.load(body, { xml: true });
const titles = ($: cheerio.CheerioAPI) =>
  $('feed > entry > title')
    .map((_, el) => $(el).text())
    .get();

describe.each(DIALECTS)('the OPDS catalog and /healthz on %s', (dialect) => {
  let db: TestStore;
  let app: App;
  let hiding: App;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [...PATROLS, ...OTHERS]);
    app = await buildApp({ store: db.store, search: db.search, site: { baseUrl: 'https://fic.example' } });
    hiding = await buildApp({ store: db.store, search: db.search, site: { hideExplicit: true } });
  });
  afterAll(async () => {
    await app?.close();
    await hiding?.close();
    await db?.cleanup();
  });

  it('lists every fandom with its count, each leading to its works', async () => {
    const response = await app.inject('/opds/fandoms');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/atom+xml;profile=opds-catalog;kind=navigation',
    );
    const $ = xml(response.body);
    expect(titles($)).toEqual(['Buffy the Vampire Slayer', 'Sherlock (TV)']);
    expect($('entry content').first().text()).toBe('23 works');
    const sherlock = $('entry').last();
    expect(sherlock.find('link').attr('href')).toBe('https://fic.example/opds/tags/Sherlock%20(TV)');
    expect(sherlock.find('link').attr('type')).toBe(
      'application/atom+xml;profile=opds-catalog;kind=acquisition',
    );
  });

  it('lists relationships, characters and additional tags, not fandoms, under By tag', async () => {
    const $ = xml((await app.inject('/opds/tags')).body);
    const names = titles($);
    expect(names).toEqual(
      expect.arrayContaining(['John Watson/Sherlock Holmes', 'm*a*s*h', 'x*s*slash*d*y']),
    );
    expect(names).not.toContain('Sherlock (TV)');
  });

  it('pages a tag’s works twenty at a time, newest first, with next and previous links', async () => {
    const path = `/opds/tags/${encodeTagName('Buffy the Vampire Slayer')}`;
    const first = xml((await app.inject(path)).body);
    expect(titles(first)).toHaveLength(20);
    expect(first('feed > link[rel=next]').attr('href')).toBe(`https://fic.example${path}?page=2`);
    expect(first('feed > link[rel=previous]')).toHaveLength(0);
    const second = xml((await app.inject(`${path}?page=2`)).body);
    expect(titles(second)).toHaveLength(3);
    expect(second('feed > link[rel=previous]').attr('href')).toBe(`https://fic.example${path}`);
    expect(second('feed > link[rel=next]')).toHaveLength(0);
    expect((await app.inject(`${path}?page=3`)).statusCode).toBe(400);
    expect((await app.inject(`${path}?page=0`)).statusCode).toBe(400);
  });

  it('opens tags whose names look like escapes, from the links it prints', async () => {
    const $ = xml((await app.inject('/opds/tags')).body);
    for (const name of ['m*a*s*h', 'x*s*slash*d*y']) {
      const entry = $('entry').filter((_, el) => $(el).find('title').text() === name);
      const href = new URL(entry.find('link').attr('href') ?? '').pathname;
      const response = await app.inject(href);
      expect(response.statusCode, name).toBe(200);
      expect(xml(response.body)('feed > title').text()).toBe(name);
      expect((await app.inject(`/tags/${encodeTagName(name)}/works`)).statusCode, name).toBe(200);
    }
  });

  it('answers an unknown tag with a 404', async () => {
    expect((await app.inject('/opds/tags/No%20Such%20Tag')).statusCode).toBe(404);
  });

  it('leaves Explicit works out of counts and acquisition feeds when the site hides them', async () => {
    const fandoms = xml((await hiding.inject('/opds/fandoms')).body);
    const sherlock = fandoms('entry').filter((_, el) => fandoms(el).find('title').text() === 'Sherlock (TV)');
    expect(sherlock.find('content').text()).toBe('1 works');
    const works = xml((await hiding.inject(`/opds/tags/${encodeTagName('Sherlock (TV)')}`)).body);
    expect(titles(works)).toEqual(['Tea']);
    expect(
      titles(xml((await app.inject(`/opds/tags/${encodeTagName('Sherlock (TV)')}`)).body)).sort(),
    ).toEqual(['Heated', 'Tea']);
  });

  it("offers OpenSearch, and searches with the site's operators", async () => {
    const catalog = xml((await app.inject('/opds')).body);
    const search = catalog('feed > link[rel=search]');
    expect(search.attr('type')).toBe('application/opensearchdescription+xml');
    const description = await app.inject(new URL(search.attr('href') ?? '').pathname);
    expect(description.headers['content-type']).toContain('application/opensearchdescription+xml');
    const template = xml(description.body)('Url').attr('template') ?? '';
    expect(template).toBe('https://fic.example/opds/search?q={searchTerms}');
    const url = new URL(template.replace('{searchTerms}', encodeURIComponent('sherlock -pushed')));
    const found = await app.inject(`${url.pathname}${url.search}`);
    expect(found.statusCode).toBe(200);
    expect(titles(xml(found.body))).toEqual(['Tea']);
    expect((await app.inject('/opds/search?q=')).statusCode).toBe(400);
    expect((await app.inject('/opds/search')).statusCode).toBe(400);
  });

  it('has facets by completeness and rating that keep the feed and the other facet', async () => {
    const path = `/opds/tags/${encodeTagName('Sherlock (TV)')}`;
    const $ = xml((await app.inject(`${path}?rating=Explicit`)).body);
    expect(titles($)).toEqual(['Heated']);
    const facets = $('feed > link[rel="http://opds-spec.org/facet"]');
    const groups = new Set(facets.map((_, link) => $(link).attr('opds:facetGroup')).get());
    expect(groups).toEqual(new Set(['Completeness', 'Rating']));
    const active = facets.filter((_, link) => $(link).attr('opds:activeFacet') === 'true');
    expect(active.map((_, link) => $(link).attr('title')).get()).toEqual(['All works', 'Explicit']);
    const complete = facets.filter((_, link) => $(link).attr('title') === 'Complete works only');
    expect(complete.attr('href')).toBe(`https://fic.example${path}?complete=complete&rating=Explicit`);
    expect((await app.inject(`${path}?rating=PG-13`)).statusCode).toBe(400);
  });

  it('browses by creator, and names ratings as AO3 does', async () => {
    const creators = xml((await app.inject('/opds/creators')).body);
    expect(titles(creators)).toEqual(['cedar', 'ember', 'night']);
    const href = creators('entry').first().find('link').attr('href') ?? '';
    const works = xml((await app.inject(new URL(href).pathname)).body);
    expect(titles(works)).toEqual(['Tea']);
    // The file said "Rating: G": the feed says General Audiences.
    const rating = works('entry category').filter(
      (_, el) => works(el).attr('scheme')?.endsWith('/rating') === true,
    );
    expect(rating.attr('label')).toBe('General Audiences');
    expect((await app.inject('/opds/creators/nobody')).statusCode).toBe(404);
  });

  it('answers /healthz with JSON, for a service manager', async () => {
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({ ok: true });
  });
});
