import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../../test/stores.ts';
import { loadKnowledge } from '../../analysis/packs/pack.loader.ts';
import { buildApp } from '../../web/app.tsx';
import type { App } from '../../web/app-deps.ts';
import { signUp } from '../accounts/account.service.ts';
import { acceptClaimInvitation } from '../accounts/claim.service.ts';
import { listOutbox, outboxMailer } from '../accounts/mailer.ts';
import { makeSynonym } from '../tag.service.ts';
import { type RescueSummary, rescueArchive } from './rescue.service.ts';
import { inviteRescuedAuthors } from './rescue-claims.service.ts';
import { readAutomatedArchiveSource, readCsvSource, readEfictionSource } from './rescue-sources.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rescue');
const DUMP = join(FIXTURES, 'efiction/dump.sql');
const STORIES = join(FIXTURES, 'efiction/stories');
const knowledge = loadKnowledge();

describe.each(DIALECTS)('rescue of an eFiction archive (%s)', (dialect) => {
  let db: TestStore;
  let app: App;
  let dir: string;
  let first: RescueSummary;
  const rescue = async (options: { skip?: string[]; batchSize?: number; signal?: AbortSignal } = {}) =>
    rescueArchive(db.store, db.search, await readEfictionSource({ dump: DUMP, storiesDir: STORIES }), {
      archive: 'oldsite',
      sheetPath: join(dir, 'tags.csv'),
      knowledge,
      doNotImport: { stories: new Set(), authors: new Set(options.skip ?? ['4']) },
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });

  beforeAll(async () => {
    db = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'quire-rescue-test-'));
    first = await rescue();
    app = await buildApp({ store: db.store, search: db.search });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('stores every validated story, finds the repost by its text and skips what must not come over', async () => {
    expect(first.counts).toEqual({ imported: 4, updated: 0, unchanged: 0, duplicate: 1, skipped: 1 });
    const works = await db.store.db
      .selectFrom('works')
      .select(['id', 'title', 'rating', 'chapter_count'])
      .orderBy('id')
      .execute();
    expect(works.map((work) => work.title)).toEqual([
      'Red Thread',
      "It's a Café Story",
      'Files and Gaps',
      'Windows quotes',
    ]);
    expect(works.map((work) => work.rating)).toEqual([
      'Explicit',
      'Teen And Up Audiences',
      'Teen And Up Audiences',
      'Not Rated',
    ]);
    const reasons = first.skipped.map((skip) => `${skip.kind} ${skip.oldId}: ${skip.reason}`);
    expect(reasons).toContain('story 4: never validated on the old archive (waiting in its queue)');
    expect(reasons).toContain('story 5: its author 4 is on the do-not-import list');
    expect(
      reasons.some(
        (reason) =>
          reason.startsWith('chapter 5: chapter 2 of story 3: its file') && reason.includes('missing'),
      ),
    ).toBe(true);
    expect(first.notes).toContainEqual({ story: '1', note: 'unknown character id 99' });
    expect(first.emails.map((email) => email.address)).toContain('jane.roe@example.org');
  });

  it('cleans the text: paragraphs from line breaks, navigation left out, addresses masked, encodings repaired', async () => {
    const chapters = await db.store.db
      .selectFrom('chapters')
      .innerJoin('works', 'works.id', 'chapters.work_id')
      .select(['works.title', 'chapters.position', 'chapters.html', 'chapters.text'])
      .orderBy('chapters.id')
      .execute();
    const red = chapters.find((chapter) => chapter.title === 'Red Thread' && chapter.position === 1);
    expect(red?.html).toContain('<p>Willow lit the candles one by one, and the room went quiet.</p>');
    expect(red?.text).not.toContain('Back to index');
    expect(red?.text).not.toContain('jane.roe@example.org');
    expect(red?.text).toContain('[e-mail address removed]');
    const quotes = chapters.find((chapter) => chapter.title === 'Windows quotes');
    expect(quotes?.text).toContain('He said “hello” and didn’t stop.');
    const files = chapters.filter((chapter) => chapter.title === 'Files and Gaps');
    expect(files.map((chapter) => chapter.text)).toEqual([
      'The first chapter lives in a file.\n\nIt has two paragraphs.',
      'The third chapter, in Windows-1252: it’s here.',
    ]);
  });

  it('makes authors claimable creators with their old address, co-authors included', async () => {
    const creators = await db.store.db
      .selectFrom('legacy_creators')
      .innerJoin('creators', 'creators.id', 'legacy_creators.creator_id')
      .select(['legacy_creators.old_id', 'creators.name', 'legacy_creators.email', 'creators.pseud_id'])
      .orderBy('legacy_creators.old_id')
      .execute();
    expect(creators).toEqual([
      { old_id: '1', name: 'Willowtree', email: 'Jane.Roe@Example.org', pseud_id: null },
      { old_id: '2', name: 'Spikeluv', email: 'spike@example.net', pseud_id: null },
      { old_id: '3', name: 'Café Writer', email: 'cafe@example.com', pseud_id: null },
    ]);
    const red = await db.store.db
      .selectFrom('work_creators')
      .innerJoin('creators', 'creators.id', 'work_creators.creator_id')
      .innerJoin('works', 'works.id', 'work_creators.work_id')
      .where('works.title', '=', 'Red Thread')
      .select('creators.name')
      .orderBy('work_creators.position')
      .execute();
    expect(red.map((row) => row.name)).toEqual(['Willowtree', 'Spikeluv']);
  });

  it('keeps series order and reviews as comments with the reviewer and the date', async () => {
    const series = await db.store.db
      .selectFrom('series_works')
      .innerJoin('series', 'series.id', 'series_works.series_id')
      .innerJoin('works', 'works.id', 'series_works.work_id')
      .select(['series.title as series', 'works.title', 'series_works.position'])
      .orderBy('series_works.position')
      .execute();
    expect(series).toEqual([
      { series: 'Threads', title: 'Red Thread', position: 1 },
      { series: 'Threads', title: 'Files and Gaps', position: 2 },
    ]);
    const comments = await db.store.db
      .selectFrom('comments')
      .leftJoin('chapters', 'chapters.id', 'comments.chapter_id')
      .select(['comments.guest_name', 'comments.body', 'comments.created_at', 'chapters.position'])
      .orderBy('comments.id')
      .execute();
    expect(comments).toEqual([
      {
        guest_name: 'Dawn',
        body: '<p>Loved the candles!<br>More please.</p>',
        created_at: '2003-03-02',
        position: 2,
      },
      { guest_name: 'Spikeluv', body: '<p>Thanks, pet.</p>', created_at: '2003-03-03', position: 1 },
    ]);
  });

  it('writes the mapping sheet with counts and suggestions, and applies the edited sheet on the next run', async () => {
    const sheetPath = join(dir, 'tags.csv');
    const sheet = readFileSync(sheetPath, 'utf8');
    expect(sheet).toContain('category,Buffy the Vampire Slayer,5,fandom,Buffy the Vampire Slayer,,');
    expect(sheet).toContain('class:Warnings,Character Death,1,warning,Major Character Death,,');
    // Unmapped strings are kept as additional tags.
    const before = await db.store.db
      .selectFrom('tags')
      .select(['kind', 'name'])
      .where('name', '=', 'Romance')
      .execute();
    expect(before).toEqual([{ kind: 'freeform', name: 'Romance' }]);

    writeFileSync(
      sheetPath,
      sheet
        .replace(
          'category,Buffy the Vampire Slayer,5,fandom,Buffy the Vampire Slayer,,',
          'category,Buffy the Vampire Slayer,5,fandom,Buffy the Vampire Slayer,fandom,Buffy the Vampire Slayer',
        )
        .replace(
          'character,Willow,1,character,Willow Rosenberg,,',
          'character,Willow,1,character,Willow Rosenberg,character,Willow Rosenberg',
        )
        .replace('class:Genres,Angst,1,,,,', 'class:Genres,Angst,1,,,kind-of-sad,Angst'),
    );
    const second = await rescue();
    expect(second.counts.updated).toBe(3);
    expect(second.sheet.problems).toEqual([
      'mapping sheet line 8: kind "kind-of-sad" is not one of fandom, rating, warning, category, relationship, character, freeform; "Angst" stays an additional tag',
    ]);
    const fandoms = await db.store.db
      .selectFrom('work_filter_tags')
      .innerJoin('tags', 'tags.id', 'work_filter_tags.tag_id')
      .where('tags.kind', '=', 'fandom')
      .select(['tags.name', 'tags.canonical'])
      .distinct()
      .execute();
    expect(fandoms.map((tag) => tag.name)).toEqual(['Buffy the Vampire Slayer']);
    const willow = await db.store.db
      .selectFrom('tags')
      .select(['name', 'canonical'])
      .where('kind', '=', 'character')
      .where('name', 'in', ['Willow', 'Willow Rosenberg'])
      .orderBy('name')
      .execute();
    expect(willow.map((tag) => [tag.name, Boolean(tag.canonical)])).toEqual([
      ['Willow', false],
      ['Willow Rosenberg', true],
    ]);
    const third = await rescue();
    // The repost stays recorded as the duplicate it was: unchanged too.
    expect(third.counts).toEqual({ imported: 0, updated: 0, unchanged: 5, duplicate: 0, skipped: 1 });
  });

  it('takes into the sheet what was wrangled in the archive since', async () => {
    await makeSynonym(db.store.db, 'Romance', 'Romance & Love', 'freeform');
    const next = await rescue();
    expect(readFileSync(join(dir, 'tags.csv'), 'utf8')).toContain(
      'class:Genres,Romance,1,,,freeform,Romance & Love',
    );
    expect(next.counts.updated).toBe(1);
    const tags = await db.store.db
      .selectFrom('work_filter_tags')
      .innerJoin('tags', 'tags.id', 'work_filter_tags.tag_id')
      .where('tags.kind', '=', 'freeform')
      .select('tags.name')
      .execute();
    expect(tags.map((tag) => tag.name)).toContain('Romance & Love');
    expect(tags.map((tag) => tag.name)).not.toContain('Romance');
  });

  it('a second run changes nothing', async () => {
    const count = async () =>
      Promise.all(
        (['works', 'chapters', 'comments', 'creators', 'legacy_links', 'series', 'tags'] as const).map(
          async (table) =>
            Number(
              (
                await db.store.db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            ),
        ),
      );
    const before = await count();
    const again = await rescue();
    expect(again.counts.imported + again.counts.updated).toBe(0);
    expect(await count()).toEqual(before);
  });

  it('redirects every old eFiction address to its new page (301)', async () => {
    const red = await db.store.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', 'Red Thread')
      .executeTakeFirstOrThrow();
    const files = await db.store.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', 'Files and Gaps')
      .executeTakeFirstOrThrow();
    const creator = await db.store.db
      .selectFrom('creators')
      .select('id')
      .where('name', '=', 'Spikeluv')
      .executeTakeFirstOrThrow();
    const series = await db.store.db
      .selectFrom('series')
      .select('id')
      .where('title', '=', 'Threads')
      .executeTakeFirstOrThrow();
    const expectations: [string, string][] = [
      ['/viewstory.php?sid=1', `/works/${red.id}`],
      ['/viewstory.php?sid=1&chapter=2&textsize=0', `/works/${red.id}/chapters/2`],
      ['/viewstory.php?chapter=2&sid=6', `/works/${red.id}/chapters/2`],
      // Chapter 2 of story 3 was missing: its address leads to the work; chapter 3 is now chapter 2.
      ['/viewstory.php?sid=3&chapter=2', `/works/${files.id}`],
      ['/viewstory.php?sid=3&chapter=3', `/works/${files.id}/chapters/2`],
      ['/viewuser.php?uid=2', '/creators/Spikeluv'],
      ['/browse.php?type=categories&catid=1', '/tags/Buffy%20the%20Vampire%20Slayer/works'],
      ['/series.php?seriesid=1', `/series/${series.id}`],
    ];
    for (const [from, to] of expectations) {
      const response = await app.inject({ method: 'GET', url: from });
      expect([from, response.statusCode, response.headers.location]).toEqual([from, 301, to]);
    }
    expect(creator.id).toBeGreaterThan(0);
    for (const unknown of [
      '/viewstory.php?sid=999',
      '/viewstory.php?sid=5',
      '/viewuser.php',
      '/viewstory.php?sid=abc',
    ]) {
      const response = await app.inject({ method: 'GET', url: unknown });
      expect([unknown, response.statusCode]).toEqual([unknown, unknown.endsWith('abc') ? 400 : 404]);
    }
  });
  it('invites each old author to claim their name at the address the old archive held, once', async () => {
    const password = 'correct horse battery';
    const admin = await signUp(
      db.store.db,
      { username: 'giles', email: 'giles@example.org', password },
      { role: 'admin' },
    );
    const jane = await signUp(db.store.db, { username: 'jane', email: 'jane.roe@example.org', password });
    await expect(
      inviteRescuedAuthors(db.store.db, outboxMailer, jane, {
        archive: 'oldsite',
        baseUrl: 'https://fic.example',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const first = await inviteRescuedAuthors(db.store.db, outboxMailer, admin, {
      archive: 'oldsite',
      baseUrl: 'https://fic.example',
    });
    expect(first).toEqual({ invited: 3, skipped: [] });
    const again = await inviteRescuedAuthors(db.store.db, outboxMailer, admin, {
      archive: 'oldsite',
      baseUrl: 'https://fic.example',
    });
    expect(again.invited).toBe(0);
    const mail = (await listOutbox(db.store.db)).find(
      (message) => message.recipient === 'Jane.Roe@Example.org',
    );
    expect(mail?.subject).toBe('Your stories as Willowtree are on Quire');
    const token = decodeURIComponent(/token=(\S+)/.exec(mail?.body ?? '')?.[1] ?? '');
    expect(await acceptClaimInvitation(db.store.db, jane, token)).toBe('Willowtree');
    const creator = await db.store.db
      .selectFrom('creators')
      .select('pseud_id')
      .where('name', '=', 'Willowtree')
      .executeTakeFirstOrThrow();
    expect(creator.pseud_id).not.toBeNull();
  });
});

describe.each(DIALECTS)('rescue of an Automated Archive and of a CSV (%s)', (dialect) => {
  let db: TestStore;
  let dir: string;
  beforeAll(async () => {
    db = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'quire-rescue-test-'));
  });
  afterAll(async () => db?.cleanup());

  it('reads ARCHIVE_DB.pl with its quirks and redirects the old story paths', async () => {
    const archive = await readAutomatedArchiveSource(join(FIXTURES, 'automated-archive/ARCHIVE_DB.pl'), null);
    const summary = await rescueArchive(db.store, db.search, archive, {
      archive: 'aa',
      sheetPath: join(dir, 'aa.csv'),
      knowledge,
    });
    expect(summary.counts).toEqual({ imported: 1, updated: 0, unchanged: 0, duplicate: 0, skipped: 1 });
    const reasons = summary.skipped.map((skip) => `${skip.kind} ${skip.oldId}: ${skip.reason}`);
    expect(reasons).toContain(
      'story 2: a link to a story on another site (http://www.example.com/elsewhere.html), not a story of this archive',
    );
    expect(reasons.some((reason) => reason.startsWith('chapter sam/missing.txt: story 3:'))).toBe(true);
    const work = await db.store.db.selectFrom('works').selectAll().executeTakeFirstOrThrow();
    expect(work.title).toBe("Willow's Night Out");
    expect(work.summary).toBe(
      'Willow and Tara go dancing & talk.\nA summary over two lines with é in latin1.',
    );
    expect(work.published_at).toBe('1999-03-15');
    const text = (await db.store.db.selectFrom('chapters').select('text').executeTakeFirstOrThrow()).text;
    expect(text).not.toContain('Back to the index');
    expect(text).toContain('[e-mail address removed]');
    const app = await buildApp({ store: db.store, search: db.search });
    for (const url of ['/jane/night.html', '/archive/jane/night.html']) {
      const response = await app.inject({ method: 'GET', url });
      expect([url, response.statusCode, response.headers.location]).toEqual([url, 301, `/works/${work.id}`]);
    }
    expect((await app.inject({ method: 'GET', url: '/jane/other.html' })).statusCode).toBe(404);
    await app.close();
  });

  it('reads the generic CSV route, listing the rows it cannot use', async () => {
    const archive = await readCsvSource(
      join(FIXTURES, 'csv/stories.csv'),
      join(FIXTURES, 'csv/authors.csv'),
      null,
    );
    const summary = await rescueArchive(db.store, db.search, archive, {
      archive: 'csv',
      sheetPath: join(dir, 'csv.csv'),
      knowledge,
    });
    expect(summary.counts.imported).toBe(1);
    expect(summary.skipped.map((skip) => skip.oldId)).toEqual(
      expect.arrayContaining(['line 4', 'missing.txt']),
    );
    const work = await db.store.db
      .selectFrom('works')
      .selectAll()
      .where('title', '=', 'First Light')
      .executeTakeFirstOrThrow();
    expect(work.chapter_count).toBe(2);
    expect(work.rating).toBe('General Audiences');
    const creator = await db.store.db
      .selectFrom('legacy_creators')
      .innerJoin('creators', 'creators.id', 'legacy_creators.creator_id')
      .select(['creators.name', 'legacy_creators.email'])
      .where('legacy_creators.archive', '=', 'csv')
      .executeTakeFirstOrThrow();
    expect(creator).toEqual({ name: 'Mary Hudson', email: 'mary@example.com' });
  });

  it("keeps another archive's series of the same title apart, under its own title", async () => {
    const other = mkdtempSync(join(tmpdir(), 'quire-rescue-csv-'));
    writeFileSync(join(other, 'n1.txt'), 'Mrs Hudson put the kettle on before the sun was up.');
    writeFileSync(
      join(other, 'stories.csv'),
      'id,title,authors,files,fandoms,series,series_position\nn1,Kettle,au9,n1.txt,Sherlock Holmes,Mornings,1\n',
    );
    writeFileSync(join(other, 'authors.csv'), 'id,name,email\nau9,Nell Gwyn,\n');
    const archive = await readCsvSource(join(other, 'stories.csv'), join(other, 'authors.csv'), null);
    await rescueArchive(db.store, db.search, archive, {
      archive: 'csv-two',
      sheetPath: join(other, 'sheet.csv'),
      knowledge,
    });
    const series = await db.store.db
      .selectFrom('series_works')
      .innerJoin('series', 'series.id', 'series_works.series_id')
      .innerJoin('works', 'works.id', 'series_works.work_id')
      .select(['works.title as work', 'series.title', 'series.id'])
      .where('works.title', 'in', ['First Light', 'Kettle'])
      .orderBy('works.title')
      .execute();
    expect(series.map((row) => [row.work, row.title])).toEqual([
      ['First Light', 'Mornings'],
      ['Kettle', 'Mornings'],
    ]);
    expect(series[0]?.id).not.toBe(series[1]?.id);
  });
});

describe('an interrupted rescue goes on where it stopped', () => {
  it('stores the batches done before Ctrl-C, and the rest on the next run', async () => {
    const db = await openTestStore('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'quire-rescue-test-'));
    const controller = new AbortController();
    const options = { archive: 'oldsite', sheetPath: join(dir, 'tags.csv'), knowledge, batchSize: 2 };
    const stopped = await rescueArchive(
      db.store,
      db.search,
      await readEfictionSource({ dump: DUMP, storiesDir: STORIES }),
      {
        ...options,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.done >= 2) controller.abort();
        },
      },
    );
    expect(stopped.interrupted).toBe(true);
    expect(stopped.counts.imported).toBe(2);
    const rest = await rescueArchive(
      db.store,
      db.search,
      await readEfictionSource({ dump: DUMP, storiesDir: STORIES }),
      options,
    );
    expect(rest.interrupted).toBe(false);
    expect(rest.counts.unchanged).toBe(2);
    expect(rest.counts.imported + rest.counts.duplicate).toBe(4);
    await db.cleanup();
  });

  it("never publishes a server's file that a link in the stories folder points to", async () => {
    const db = await openTestStore('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'quire-rescue-test-'));
    const stories = join(dir, 'stories');
    cpSync(STORIES, stories, { recursive: true });
    writeFileSync(join(dir, 'private.txt'), 'The private key of the server.');
    rmSync(join(stories, '2', '4.txt'));
    symlinkSync(join(dir, 'private.txt'), join(stories, '2', '4.txt'));
    const summary = await rescueArchive(
      db.store,
      db.search,
      await readEfictionSource({ dump: DUMP, storiesDir: stories }),
      {
        archive: 'oldsite',
        sheetPath: join(dir, 'tags.csv'),
        knowledge,
      },
    );
    expect(summary.skipped.map((skip) => skip.reason)).toContainEqual(
      expect.stringMatching(
        /its file .*4\.txt is a symbolic link to .*private\.txt, outside .*; it was not read$/,
      ),
    );
    const bodies = await db.store.db.selectFrom('chapters').select('text').execute();
    expect(bodies.some((row) => row.text.includes('private key'))).toBe(false);
    expect(bodies.some((row) => row.text.includes('It has two paragraphs'))).toBe(false);
    await db.cleanup();
  });

  it('keeps a work whose text cannot be read on a later run, and removes one put on the do-not-import list', async () => {
    const db = await openTestStore('sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'quire-rescue-test-'));
    const options = { archive: 'oldsite', sheetPath: join(dir, 'tags.csv'), knowledge };
    await rescueArchive(
      db.store,
      db.search,
      await readEfictionSource({ dump: DUMP, storiesDir: STORIES }),
      options,
    );
    const titles = async () =>
      (await db.store.db.selectFrom('works').select('title').orderBy('title').execute()).map(
        (row) => row.title,
      );
    const before = await titles();
    expect(before).toContain('Files and Gaps');
    // The stories folder forgotten: story 3 has no text this time, and its work stays.
    const wrongFolder = await rescueArchive(
      db.store,
      db.search,
      await readEfictionSource({ dump: DUMP, storiesDir: dir }),
      options,
    );
    expect(wrongFolder.skipped.map((skip) => `${skip.kind} ${skip.oldId}: ${skip.reason}`)).toContain(
      'story 3: no chapter with any text could be read',
    );
    expect(await titles()).toEqual(before);
    const removed = await rescueArchive(
      db.store,
      db.search,
      await readEfictionSource({ dump: DUMP, storiesDir: STORIES }),
      {
        ...options,
        doNotImport: { stories: new Set(['7']), authors: new Set() },
      },
    );
    expect(removed.counts.skipped).toBe(1);
    expect(await titles()).toEqual(before.filter((title) => title !== 'Windows quotes'));
    const link = await db.store.db
      .selectFrom('legacy_links')
      .select('old_path')
      .where('old_path', '=', 'viewstory.php?sid=7')
      .execute();
    expect(link).toHaveLength(1);
    await db.cleanup();
  });

  it('refuses a dump that is not an eFiction database, naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-rescue-test-'));
    const path = join(dir, 'other.sql');
    writeFileSync(
      path,
      "CREATE TABLE `wp_posts` (`ID` int, `title` text);\nINSERT INTO `wp_posts` VALUES (1,'x');\n",
    );
    await expect(readEfictionSource({ dump: path, storiesDir: null })).rejects.toThrow(
      /No eFiction stories table/,
    );
    await expect(readEfictionSource({ dump: join(dir, 'nothing.sql'), storiesDir: null })).rejects.toThrow(
      /does not exist/,
    );
  });
});
