import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeConverters, pdfText, REAL } from '../../../test/converters.ts';
import { fireflyWork } from '../../../test/helpers.ts';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { setRole, signUp } from '../../services/accounts/account.service.ts';
import { startSession } from '../../services/accounts/session.service.ts';
import { DownloadService } from '../../services/downloads/download.service.ts';
import { createWork, setWorkHidden } from '../../services/posting/work-posting.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { PageCache } from '../page-cache.ts';

const STORY = `Title: Café Noir
Author: dawnlark
Fandom: Firefly
Rating: General Audiences
Characters: Inara Serra, Kaylee Frye

Inara poured the tea while Kaylee talked about the engine. Кайли улыбнулась.
`;

const EBOOK_META = '/usr/bin/ebook-meta';
const cacheFolder = () => mkdtempSync(join(tmpdir(), 'quire-download-cache-'));

describe.each(DIALECTS)('downloads in every format on %s', (dialect) => {
  let db: TestStore;
  /** An app with every converter there is on this machine. */
  let real: App;
  /** An app with none: EPUB, HTML and text only. */
  let plain: App;
  /** Stand-in converters that count their runs (test/converters.ts), with the page cache on. */
  let fake: App;
  /** A PDF converter that always fails. */
  let failing: App;
  const fakes = fakeConverters();
  const ids: Record<string, number> = {};
  let session = '';

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [STORY]);
    ids.cafe = 1;
    const willow = await signUp(db.store.db, {
      username: 'willow',
      email: 'willow@example.org',
      password: 'correct horse',
    });
    const tara = await signUp(db.store.db, {
      username: 'tara',
      email: 'tara@example.org',
      password: 'correct horse',
    });
    session = (await startSession(db.store.db, tara.userId)).secret;
    ids.members = await createWork(
      db.store.db,
      db.search,
      willow,
      fireflyWork('Members Tea', { restricted: true }),
    );
    ids.draft = await createWork(db.store.db, db.search, willow, fireflyWork('Draft Tea', { draft: true }));
    ids.hidden = await createWork(db.store.db, db.search, willow, fireflyWork('Hidden Tea', {}));
    await signUp(db.store.db, { username: 'giles', email: 'giles@example.org', password: 'correct horse' });
    const giles = await setRole(db.store.db, 'giles', 'admin');
    await setWorkHidden(
      db.store.db,
      { userId: giles.userId, name: 'giles', role: 'admin', suspended: false },
      ids.hidden,
      true,
    );
    const app = (downloads: DownloadService) =>
      buildApp({
        store: db.store,
        search: db.search,
        downloads,
        pageCache: new PageCache({ keepAfter: 1, staleMs: 0 }),
      });
    real = await app(new DownloadService({ converters: REAL, cacheFolder: cacheFolder() }));
    plain = await app(new DownloadService());
    fake = await app(
      new DownloadService({
        converters: { chromium: fakes.chromium, ebookConvert: fakes.ebookConvert, prlimit: null },
        cacheFolder: cacheFolder(),
      }),
    );
    failing = await app(
      new DownloadService({
        converters: { chromium: fakes.failing, ebookConvert: '/nonexistent/ebook-convert', prlimit: null },
        cacheFolder: cacheFolder(),
      }),
    );
    // Four accounts' password hashes and four apps: slow on a busy machine.
  }, 120_000);
  afterAll(async () => {
    for (const app of [real, plain, fake, failing]) await app?.close();
    await db?.cleanup();
  });

  it.skipIf(!REAL.chromium)(
    'serves a valid PDF with the work’s text, named for the work',
    { timeout: 180_000 },
    async () => {
      const response = await real.inject(`/downloads/${ids.cafe}/Cafe_Noir.pdf`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename=Cafe_Noir.pdf; filename*=UTF-8''Caf%C3%A9%20Noir.pdf`,
      );
      const { text } = await pdfText(response.rawPayload);
      const flat = text.replace(/\s+/g, ' ');
      for (const expected of [
        'Café Noir',
        'by dawnlark',
        'Inara Serra',
        'Inara poured the tea',
        'Кайли улыбнулась',
      ])
        expect(flat).toContain(expected);
    },
  );

  for (const format of ['azw3', 'mobi'] as const)
    it.skipIf(!REAL.ebookConvert)(
      `serves a valid ${format.toUpperCase()} that calibre reads back`,
      { timeout: 180_000 },
      async () => {
        const response = await real.inject(`/downloads/${ids.cafe}/Cafe_Noir.${format}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe(
          format === 'azw3' ? 'application/x-mobi8-ebook' : 'application/x-mobipocket-ebook',
        );
        expect(response.headers['content-disposition']).toBe(
          `attachment; filename=Cafe_Noir.${format}; filename*=UTF-8''Caf%C3%A9%20Noir.${format}`,
        );
        expect(response.rawPayload.subarray(60, 68).toString('latin1')).toBe('BOOKMOBI');
        if (!existsSync(EBOOK_META)) return;
        const file = join(cacheFolder(), `book.${format}`);
        writeFileSync(file, response.rawPayload);
        const { stdout } = await promisify(execFile)(EBOOK_META, [file], { timeout: 60_000 });
        expect(stdout).toMatch(/Title\s*:\s*Café Noir/);
        expect(stdout).toMatch(/Author\(s\)\s*:\s*dawnlark/);
      },
    );

  it('offers in the Download menu and in OPDS only the formats the server can make', async () => {
    const menu = async (app: App) =>
      cheerio
        .load((await app.inject(`/works/${ids.cafe}`)).body)('.download-menu a')
        .map((_, link) => cheerio.load(link).text())
        .get();
    expect(await menu(plain)).toEqual(['EPUB', 'HTML', 'Plain text']);
    expect(await menu(fake)).toEqual(['AZW3', 'EPUB', 'MOBI', 'PDF', 'HTML', 'Plain text']);
    const acquisitions = async (app: App) =>
      cheerio
        .load((await app.inject('/opds/new')).body, { xml: true })(
          'entry link[rel="http://opds-spec.org/acquisition"]',
        )
        .map((_, link) => `${link.attribs.type} ${link.attribs.href?.replace(/^.*\//, '')}`)
        .get()
        .filter((link) => link.endsWith('Cafe_Noir.pdf') || link.includes('Cafe_Noir.'));
    expect(await acquisitions(plain)).toEqual([
      'application/epub+zip Cafe_Noir.epub',
      'text/html Cafe_Noir.html',
      'text/plain Cafe_Noir.txt',
    ]);
    expect(await acquisitions(fake)).toEqual([
      'application/x-mobi8-ebook Cafe_Noir.azw3',
      'application/epub+zip Cafe_Noir.epub',
      'application/x-mobipocket-ebook Cafe_Noir.mobi',
      'application/pdf Cafe_Noir.pdf',
      'text/html Cafe_Noir.html',
      'text/plain Cafe_Noir.txt',
    ]);
  });

  it('answers 404 with the formats there are for a format the server cannot make or no one makes', async () => {
    const unavailable = await plain.inject(`/downloads/${ids.cafe}/Cafe_Noir.pdf`);
    expect(unavailable.statusCode).toBe(404);
    expect(unavailable.body).toContain(
      'This archive does not offer PDF downloads: its server has no converter for them. Works download as EPUB, HTML and Plain text.',
    );
    const unknown = await fake.inject(`/downloads/${ids.cafe}/Cafe_Noir.docx`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain(
      'There is no .docx download. Works download as AZW3, EPUB, MOBI, PDF, HTML and Plain text.',
    );
    expect((await fake.inject(`/downloads/${ids.cafe}/Cafe_Noir`)).statusCode).toBe(404);
    const missing = await fake.inject('/downloads/9999/Nothing.pdf');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('There is no work 9999 in this archive.');
  });

  it('answers a failed conversion with a 503 page that says what to do, and goes on serving', async () => {
    for (const file of ['Cafe_Noir.pdf', 'Cafe_Noir.azw3']) {
      const response = await failing.inject(`/downloads/${ids.cafe}/${file}`);
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['retry-after']).toBe('30');
      expect(response.body).toContain(
        'could not be made just now. Try again later, or download the EPUB or HTML.',
      );
    }
    expect((await failing.inject(`/downloads/${ids.cafe}/Cafe_Noir.epub`)).statusCode).toBe(200);
    expect((await failing.inject(`/works/${ids.cafe}`)).statusCode).toBe(200);
  });

  it('answers a work too long for the build thread with a 503 that says so, and goes on serving', async () => {
    // A bound of 2 MB refuses a chapter of more than 524,288 characters before it reaches the thread.
    const downloads = new DownloadService({ buildThreads: 1, threadAboveChars: 0, buildThreadMemoryMb: 2 });
    const bounded = await buildApp({ store: db.store, search: db.search, downloads });
    try {
      await insertStories(db, [
        `Title: The Long Night\nAuthor: dawnlark\nFandom: Firefly\n\n${'Mal watched the stars go by. '.repeat(20_000)}`,
      ]);
      const { id: epic } = await db.store.db
        .selectFrom('works')
        .select('id')
        .where('title', '=', 'The Long Night')
        .executeTakeFirstOrThrow();
      const response = await bounded.inject(`/downloads/${epic}/The_Long_Night.epub`);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('30');
      expect(response.body).toContain(
        'The EPUB of “The Long Night” is too long for this server to make. Try another format.',
      );
      expect((await bounded.inject(`/works/${epic}`)).statusCode).toBe(200);
      expect((await plain.inject(`/downloads/${epic}/The_Long_Night.epub`)).statusCode).toBe(200);
    } finally {
      await bounded.close();
      await downloads.close();
    }
  });

  it('serves the EPUB of a work whose times cannot be read, without a Last-Modified', async () => {
    await insertStories(db, [
      'Title: No Time\nAuthor: dawnlark\nFandom: Firefly\n\nKaylee lost track of the days.',
    ]);
    const { id } = await db.store.db
      .selectFrom('works')
      .select('id')
      .where('title', '=', 'No Time')
      .executeTakeFirstOrThrow();
    await db.store.db
      .updateTable('works')
      .set({ imported_at: '', updated_at: '' })
      .where('id', '=', id)
      .execute();
    const response = await plain.inject(`/downloads/${id}/No_Time.epub`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['last-modified']).toBeUndefined();
    expect(response.rawPayload.subarray(30, 38).toString()).toBe('mimetype');
  });

  it('converts a work once, and never for a visitor who may not read it', async () => {
    const get = (url: string, member = false) =>
      fake.inject({ url, cookies: member ? { [SESSION_COOKIE]: session } : {} });
    const before = fakes.runs();
    for (const format of ['pdf', 'azw3', 'mobi']) {
      expect((await get(`/downloads/${ids.hidden}/Hidden_Tea.${format}`)).statusCode).toBe(404);
      expect((await get(`/downloads/${ids.hidden}/Hidden_Tea.${format}`, true)).statusCode).toBe(404);
      expect((await get(`/downloads/${ids.draft}/Draft_Tea.${format}`, true)).statusCode).toBe(404);
      const guest = await get(`/downloads/${ids.members}/Members_Tea.${format}`);
      expect(guest.statusCode).toBe(401);
      expect(guest.body).not.toContain('BOOKMOBI');
    }
    expect(fakes.runs()).toBe(before);
    // A member may download the members-only work; asked again, it is not converted again.
    for (let time = 0; time < 2; time++) {
      const member = await get(`/downloads/${ids.members}/Members_Tea.pdf`, true);
      expect(member.statusCode).toBe(200);
      expect(member.body).toMatch(/^%PDF-/);
    }
    expect(fakes.runs()).toBe(before + 1);
    // The guest who was refused is still refused after a member's download.
    expect((await get(`/downloads/${ids.members}/Members_Tea.pdf`)).statusCode).toBe(401);
  });
});
