import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { parseWorkQuery } from '../../search/work-query.ts';
import { searchWorksSql } from '../../search/work-search-sql.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { addChapter, editChapter } from '../../services/posting/chapter.service.ts';
import { editWork } from '../../services/posting/work-posting.service.ts';
import { loadWorkFields } from '../../services/posting/work-store.repository.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

// Imported on 2026-01-01: one file states its dates, one states none, one states an older date.
const DATED = 'Title: Dated\nAuthor: ink\nFandom: Firefly\nDate: 2001-05-06\n\nKaylee fixed the engine.';
const UNDATED = 'Title: Undated\nAuthor: ink\nFandom: Firefly\n\nInara poured the tea.';
const OLDER = 'Title: Older\nAuthor: ink\nFandom: Firefly\nDate sent: 14 Mar 1999\n\nMal scowled.';

const blurbTitles = (body: string) => {
  const $ = cheerio.load(body);
  return $('li.blurb h3.heading a')
    .map((_, a) => $(a).text())
    .get()
    .filter((title) => ['Dated', 'Undated', 'Older'].includes(title));
};

describe.each(DIALECTS)('works whose file states no date on %s', (dialect) => {
  let db: TestStore;
  let app: App;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [DATED, UNDATED, OLDER], '2026-01-01');
    app = await buildApp({ store: db.store, search: db.search });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('are stored as of unknown date, while a stated date is kept', async () => {
    const rows = await db.store.db
      .selectFrom('works')
      .select(['title', 'published_at', 'date_unknown'])
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.title, row.published_at, Number(row.date_unknown)])).toEqual([
      ['Dated', '2001-05-06', 0],
      ['Undated', '2026-01-01', 1],
      ['Older', '1999-03-14', 0],
    ]);
  });

  it.each([
    ['updated', 'desc', ['Dated', 'Older', 'Undated']],
    ['updated', 'asc', ['Older', 'Dated', 'Undated']],
    ['published', 'desc', ['Dated', 'Older', 'Undated']],
    ['published', 'asc', ['Older', 'Dated', 'Undated']],
  ] as const)('sort last by %s, %s, in the listing and in SQL', async (sort, order, expected) => {
    const response = await app.inject(`/works?sort=${sort}&order=${order}`);
    expect(response.statusCode).toBe(200);
    expect(blurbTitles(response.body)).toEqual(expected);
    const query = parseWorkQuery({ sort, order });
    const fromSql = await searchWorksSql(db.store.db, db.search, query);
    expect(fromSql.works.map((work) => work.title)).toEqual(expected);
  });

  it('say "Date unknown" in their blurb and on their page, never the import day', async () => {
    const $ = cheerio.load((await app.inject('/works')).body);
    const blurb = $('li.blurb').filter((_, li) => $(li).text().includes('Undated'));
    expect(blurb.find('.datetime').text()).toBe('Date unknown');
    const page = (await app.inject('/works/2')).body;
    expect(page).toContain('Date unknown');
    expect(page).not.toContain('2026-01-01');
  });

  it('are left out of every date range', async () => {
    for (const range of ['updated_from=1990-01-01', 'published_to=2030-12-31']) {
      const body = (await app.inject(`/works?${range}`)).body;
      expect(blurbTitles(body).sort()).toEqual(['Dated', 'Older']);
      const fromSql = await searchWorksSql(
        db.store.db,
        db.search,
        parseWorkQuery(Object.fromEntries([range.split('=') as [string, string]])),
      );
      expect(fromSql.works.map((work) => work.title).sort()).toEqual(['Dated', 'Older']);
    }
  });

  it('say so in downloads and feeds, which give no made-up publication date', async () => {
    const text = (await app.inject('/downloads/2/Undated.txt')).body;
    expect(text).toContain('Published: Date unknown');
    const feed = cheerio.load((await app.inject('/creators/ink/feed.atom')).body, { xml: true });
    const entry = feed('entry').filter((_, el) => feed(el).find('title').text() === 'Undated');
    expect(entry.find('published')).toHaveLength(0);
    expect(entry.find('summary').text()).toContain('Date unknown');
  });

  // Last: it changes the undated work. A writer claiming an old story may mend it and post its next chapter:
  // the mending dates nothing (AO3's "Updated" is its latest chapter's day), the new chapter dates its
  // update, and neither is the day the story was first posted.
  it('keep their publishing date unknown when a new chapter dates their update', async () => {
    const admin: Member = { userId: -1, name: 'quire', role: 'admin', suspended: false };
    const dates = () =>
      db.store.db
        .selectFrom('works')
        .select(['date_unknown', 'updated_unknown', 'updated_at'])
        .where('id', '=', 2)
        .executeTakeFirstOrThrow()
        .then((row) => [Number(row.date_unknown), Number(row.updated_unknown), row.updated_at]);
    await editWork(db.store.db, db.search, admin, 2, await loadWorkFields(db.store.db, 2));
    await editChapter(db.store.db, db.search, admin, 2, 1, { body: 'Inara poured the tea, twice.' });
    expect(await dates()).toEqual([1, 1, '2026-01-01']);
    await addChapter(
      db.store.db,
      db.search,
      admin,
      2,
      { body: 'Mal drank it anyway.' },
      new Date('2026-02-03T10:00:00Z'),
    );
    expect(await dates()).toEqual([1, 0, '2026-02-03']);

    const $ = cheerio.load((await app.inject('/works/2')).body);
    const stat = (label: string) =>
      $('dl.stats dt')
        .filter((_, dt) => $(dt).text() === `${label}:`)
        .next('dd')
        .text();
    expect([stat('Published'), stat('Updated')]).toEqual(['Date unknown', '2026-02-03']);
    const blurbs = cheerio.load((await app.inject('/works')).body);
    const blurb = blurbs('li.blurb').filter((_, li) => blurbs(li).text().includes('Undated'));
    expect(blurb.find('.datetime').text()).toBe('2026-02-03');
    const text = (await app.inject('/downloads/2/Undated.txt')).body;
    expect(text).toContain('Published: Date unknown');
    expect(text).toContain('Updated: 2026-02-03');
    const index = cheerio.load((await app.inject('/works/2/navigate')).body);
    expect(index('ol.chapter-index-list li').text()).not.toContain('2026-01-01');
    expect(index('ol.chapter-index-list li').last().text()).toContain('2026-02-03');

    for (const [query, expected] of [
      ['sort=updated&order=desc', ['Undated', 'Dated', 'Older']],
      ['sort=published&order=desc', ['Dated', 'Older', 'Undated']],
      ['sort=published&order=asc', ['Older', 'Dated', 'Undated']],
      ['updated_from=2026-02-01', ['Undated']],
      ['published_to=2030-12-31', ['Dated', 'Older']],
    ] as const) {
      const params = Object.fromEntries(new URLSearchParams(query));
      expect(blurbTitles((await app.inject(`/works?${query}`)).body), query).toEqual(expected);
      const fromSql = await searchWorksSql(db.store.db, db.search, parseWorkQuery(params));
      expect(
        fromSql.works.map((work) => work.title),
        query,
      ).toEqual(expected);
    }
  });
});
