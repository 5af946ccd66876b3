import { DOMParser } from '@xmldom/xmldom';
import * as cheerio from 'cheerio';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, hasEpubcheck } from '../../test/epubcheck.ts';
import { readBytes, readText } from '../../test/helpers.ts';
import { insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { htmlToBlocks } from '../ingest/html-blocks.ts';
import { blocksToPlainText } from '../ingest/text.ts';
import { blocksHtml } from '../repositories/work-text.ts';
import { loadWork, type TagView, type WorkView } from '../repositories/work-view.ts';
import { workIdentifier, workToEpub } from './epub.ts';
import { workToHtml } from './html.ts';
import { sanitizedHtmlToXhtml } from './sanitized-xhtml.ts';
import { workToText } from './text.ts';
import type { ExportOptions } from './work-meta.ts';
import { normalizeHtmlFragment } from './xhtml.ts';

const OPTIONS: ExportOptions = {
  siteName: 'Quire & Co',
  siteUrl: 'https://quire.example',
  generatedAt: new Date('2026-02-03T04:05:06.789Z'),
};

const LONG_ROAD = `Title: The Long Road & "Home"
Author: nightowl
Fandom: Buffy the Vampire Slayer
Rating: Teen And Up Audiences
Pairing: Spike/Willow
Characters: Willow Rosenberg, Spike
Tags: Angst, Hurt/Comfort
Series: Part 2 of Hellmouth Nights
Summary: After the Hellmouth closes, Willow goes back to Sunnydale to look for
what she lost there, and finds someone else looking too.
Notes: Written for the Winter Exchange.

Chapter 1: The Crater

A/N: Thanks to my beta, who fixed every comma.

The crater had filled with rain. Willow stood at its edge with her hands in her coat pockets and watched the water take the last of the light.

"You always did like a view," said Spike behind her.

* * *

She did not turn around. She knew the voice, and she knew it was impossible.

A/N: The next part is longer, I promise.

Chapter 2: Main Street

They walked the length of what had been Main Street without saying much. The Bronze was a hole. The Magic Box was a hole.

Chapter 3: Homecoming

Willow found the house on Revello Drive still standing, and Spike waited on the porch while she went in.
`;

const PASSWD = `Title: ../../etc/passwd
Author: root

Willow read the old spell book by candlelight. The words shifted on the page, and Tara laughed at her frown.
`;

const PLAIN = `Title: Quiet
Author: quietone

Buffy sat on the roof of the house and watched the town sleep below her, and for once nothing moved at all.
`;

const HOSTILE_TITLE = `<script>alert("x")</script> & 'Tom' "Jerry" 😀 שלום עולם \u202eevil\u0001`;

let db: TestStore;
let longRoad: WorkView;
let passwd: WorkView;
let plain: WorkView;

beforeAll(async () => {
  db = await openTestStore('sqlite');
  await insertStories(db, [LONG_ROAD, PASSWD, PLAIN]);
  const load = async (id: number) => {
    const work = await loadWork(db.store.db, id);
    if (!work) throw new Error(`work ${id} did not import`);
    return work;
  };
  [longRoad, passwd, plain] = [await load(1), await load(2), await load(3)];
});
afterAll(async () => db?.cleanup());

function hostileTag(kind: TagView['kind'], name: string, source: TagView['source'] = 'author'): TagView {
  return { id: 900, kind, name, canonicalId: 900, canonicalName: name, source, main: false, evidence: [] };
}

/** The imported three-chapter work, with every field an attacker or an old import could make strange. */
function hostile(work: WorkView): WorkView {
  const [first, second, ...rest] = work.chapters;
  if (!first || !second) throw new Error('the three-chapter work lost its chapters');
  return {
    ...work,
    title: HOSTILE_TITLE,
    creators: [...work.creators, { id: 99, name: '<img src=x onerror=alert(1)>' }],
    summary: 'Para one & <b>not bold</b>.\n\nPara two </blockquote><script>alert(1)</script>.',
    notes: 'Notes with a line\nbreak and "quotes".',
    endNotes: 'Thanks for reading ]]> </p>!',
    language: 'und',
    tags: [
      ...work.tags,
      hostileTag('freeform', '</a><script>alert(1)</script>'),
      hostileTag('freeform', 'Suggested & "inferred"', 'inferred'),
      hostileTag('character', 'Zoë \u200fשלום'),
    ],
    chapters: [
      { ...first, title: '<b>The</b> Crater & "more"' },
      {
        ...second,
        notes: 'A chapter note\n\nin two paragraphs.',
        endNotes: 'An end note & more.',
        // HTML, not XHTML: void elements, an entity XML lacks, an obsolete element, unclosed paragraphs.
        html: '<p>One<br>two&nbsp;three <strike>gone</strike> <em>unclosed<p>Next&hellip;<hr><h3>Part</h3><p>Last',
      },
      ...rest,
    ],
  };
}

/** A one-chapter work with nothing around it: no title, no tags, no summary, a right-to-left language. */
function bare(work: WorkView): WorkView {
  return {
    ...work,
    title: '',
    tags: [],
    summary: null,
    notes: null,
    endNotes: null,
    series: [],
    language: 'he',
  };
}

function longTitled(work: WorkView): WorkView {
  return { ...work, title: `${'A very long title that goes on '.repeat(20)}../../etc/passwd` };
}

// --- EPUB structure -------------------------------------------------------------------------------------

function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const record = (level: string) => (message: string) => problems.push(`${level}: ${message.split('\n')[0]}`);
  new DOMParser({
    errorHandler: { warning: record('warning'), error: record('error'), fatalError: record('fatal') },
  }).parseFromString(text, 'application/xml');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids exactly these.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) problems.push('a control character XML forbids');
  return problems;
}

function unzipEpub(bytes: Buffer): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(new Uint8Array(bytes))))
    files[name] = new TextDecoder().decode(data);
  return files;
}

function expectEpubStructure(bytes: Buffer, work: WorkView): Record<string, string> {
  // OCF: the first local header is `mimetype`, stored (method 0), no extra field, then its content.
  expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
  expect(bytes.readUInt16LE(8)).toBe(0);
  expect(bytes.readUInt16LE(26)).toBe('mimetype'.length);
  expect(bytes.readUInt16LE(28)).toBe(0);
  expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
  expect(bytes.subarray(38, 58).toString('latin1')).toBe('application/epub+zip');

  const files = unzipEpub(bytes);
  expect(files['META-INF/container.xml']).toContain('full-path="OEBPS/content.opf"');
  const opf = files['OEBPS/content.opf'] ?? '';
  const $ = cheerio.load(opf, { xml: true });
  expect($('package').attr('version')).toBe('3.0');
  expect($('dc\\:identifier').text()).toBe(workIdentifier(work, OPTIONS));
  expect($('meta[property="dcterms:modified"]').text()).toBe('2026-02-03T04:05:06Z');
  expect($('item[properties="nav"]').attr('href')).toBe('nav.xhtml');
  const chapterFiles = Object.keys(files).filter((name) => /^OEBPS\/chapter-\d+\.xhtml$/.test(name));
  expect(chapterFiles).toHaveLength(work.chapters.length);
  // Every file the package lists is in the zip, and every XML file is well-formed.
  for (const item of $('manifest > item').toArray())
    expect(files[`OEBPS/${$(item).attr('href')}`]).toBeDefined();
  for (const [name, text] of Object.entries(files)) {
    if (/\.(?:xhtml|opf|ncx|xml)$/.test(name)) expect(xmlProblems(text), name).toEqual([]);
  }
  return files;
}

describe('workToEpub', () => {
  it('writes an OCF zip with a package document, navigation and one page per chapter', async () => {
    const work = hostile(longRoad);
    const files = expectEpubStructure(await workToEpub(work, OPTIONS), work);
    const $ = cheerio.load(files['OEBPS/content.opf'] ?? '', { xml: true });
    expect($('dc\\:title').text()).toBe(HOSTILE_TITLE.replace('\u0001', ''));
    expect(
      $('dc\\:creator')
        .toArray()
        .map((element) => $(element).text()),
    ).toEqual(['nightowl', '<img src=x onerror=alert(1)>']);
    // `und` is no language a reading system knows.
    expect($('dc\\:language').text()).toBe('en');
    expect($('dc\\:description').text()).toBe(
      'Para one & <b>not bold</b>.\n\nPara two </blockquote><script>alert(1)</script>.',
    );
    const subjects = $('dc\\:subject')
      .toArray()
      .map((element) => $(element).text());
    expect(subjects).toContain('Spike/Willow');
    expect(subjects).toContain('</a><script>alert(1)</script>');
    expect($('meta[name="calibre:series"]').attr('content')).toBe(work.series[0]?.title);
    expect($('meta[name="calibre:series_index"]').attr('content')).toBe('2');

    const preface = cheerio.load(files['OEBPS/preface.xhtml'] ?? '', { xml: true });
    expect(preface('script, img')).toHaveLength(0);
    expect(preface('h1').text()).toBe(HOSTILE_TITLE.replace('\u0001', ''));
    const labels = preface('dl.tags dt')
      .toArray()
      .map((element) => preface(element).text());
    expect(labels).toEqual(
      expect.arrayContaining(['Rating:', 'Fandom:', 'Relationship:', 'Additional Tags:']),
    );
    expect(labels).toContain('Stats:');
    expect(preface('dd.stats').text()).toContain('Chapters: 3/3');
    expect(preface('a.tag.inferred').length).toBeGreaterThan(0);

    const second = files['OEBPS/chapter-002.xhtml'] ?? '';
    expect(second).toContain('<br />');
    expect(second).toContain('<s>gone</s>');
    expect(second).not.toContain('&nbsp;');
    expect(second).toContain('Chapter Notes');
    expect(files['OEBPS/afterword.xhtml']).toContain('Thanks for reading ]]&gt; &lt;/p&gt;!');
    const nav = cheerio.load(files['OEBPS/nav.xhtml'] ?? '', { xml: true });
    expect(
      nav('nav a')
        .toArray()
        .map((link) => nav(link).attr('href')),
    ).toEqual([
      'preface.xhtml',
      'chapter-001.xhtml',
      'chapter-002.xhtml',
      'chapter-003.xhtml',
      'afterword.xhtml',
    ]);
  });

  it('writes a book for a work with no dates, dated as early as a ZIP can be', async () => {
    const work: WorkView = { ...bare(plain), dateUnknown: true };
    const bytes = await workToEpub(work, { ...OPTIONS, generatedAt: new Date(0) });
    const files = unzipEpub(bytes);
    const $ = cheerio.load(files['OEBPS/content.opf'] ?? '', { xml: true });
    expect($('meta[property="dcterms:modified"]').text()).toBe('1970-01-01T00:00:00Z');
    expect($('dc\\:date')).toHaveLength(0);
    expect(files['OEBPS/preface.xhtml']).toContain('Published: Date unknown');
  });

  it('gives the same work the same identifier and the same bytes', async () => {
    expect(workIdentifier(longRoad, OPTIONS)).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    expect(workIdentifier(longRoad, OPTIONS)).not.toBe(workIdentifier(passwd, OPTIONS));
    expect(await workToEpub(longRoad, OPTIONS)).toEqual(await workToEpub(longRoad, OPTIONS));
  });

  it('builds a book for a work with no title, no tags and one chapter', async () => {
    const work = bare(plain);
    const files = expectEpubStructure(await workToEpub(work, OPTIONS), work);
    const $ = cheerio.load(files['OEBPS/content.opf'] ?? '', { xml: true });
    expect($('dc\\:title').text()).toBe('Untitled');
    expect(files['OEBPS/preface.xhtml']).toContain('<h1 class="title">Untitled</h1>');
    expect($('dc\\:subject')).toHaveLength(0);
    expect($('dc\\:language').text()).toBe('he');
    expect(files['OEBPS/chapter-001.xhtml']).toContain('dir="rtl"');
  });

  it('reads back through Quire’s own EPUB reader with its title, creators, tags, notes and chapters', async () => {
    const draft = await readBytes(await workToEpub(longRoad, OPTIONS), 'download.epub');
    expect(draft.title).toBe(longRoad.title);
    expect(draft.creators).toEqual(['nightowl']);
    expect(draft.chapters.map((chapter) => chapter.title)).toEqual(longRoad.chapters.map((c) => c.title));
    expect(draft.chapters.map((chapter) => chapter.notes)).toEqual(longRoad.chapters.map((c) => c.notes));
    expect(draft.chapters.map((chapter) => chapter.endNotes)).toEqual(
      longRoad.chapters.map((c) => c.endNotes),
    );
    expect(draft.summary).toBe(longRoad.summary);
    expect(draft.notes).toBe(longRoad.notes);
    // The reader takes the series from both the package document and the preface; storing it keeps one.
    expect(new Set(draft.series.map((series) => JSON.stringify(series)))).toEqual(
      new Set([JSON.stringify({ title: longRoad.series[0]?.title, index: 2 })]),
    );
    expectSameTags(draft, longRoad);
  });

  it.skipIf(!hasEpubcheck)(
    'passes epubcheck with no errors and no warnings',
    async () => {
      // A work whose file stated no date, and whose times the web layer could not read, is dated 1970.
      const undated = { ...OPTIONS, generatedAt: new Date(0) };
      const books: [string, WorkView, ExportOptions][] = [
        ['hostile', hostile(longRoad), OPTIONS],
        ['bare', bare(plain), OPTIONS],
        ['passwd', longTitled(passwd), OPTIONS],
        ['undated', { ...bare(plain), dateUnknown: true }, undated],
      ];
      const reports = await Promise.all(
        books.map(async ([name, work, options]) => ({
          name,
          problems: await epubcheck(name, await workToEpub(work, options)),
        })),
      );
      for (const report of reports)
        expect(report.problems, `epubcheck on the ${report.name} book`).toEqual([]);
    },
    240_000,
  );
});

// --- HTML, text, file names ------------------------------------------------------------------------------

function tagNames(work: WorkView, kind: TagView['kind']): string[] {
  return work.tags.filter((tag) => tag.kind === kind).map((tag) => tag.name);
}

/** A download read back has the work's tags, kind by kind (inferred ones come back as the file's own). */
function expectSameTags(draft: Awaited<ReturnType<typeof readText>>, work: WorkView): void {
  expect(draft.fandoms).toEqual(tagNames(work, 'fandom'));
  expect(draft.relationships).toEqual(tagNames(work, 'relationship'));
  expect(draft.characters).toEqual(tagNames(work, 'character'));
  expect(draft.freeforms).toEqual(tagNames(work, 'freeform'));
  expect(draft.warnings).toEqual(tagNames(work, 'warning'));
  expect(draft.categories).toEqual(tagNames(work, 'category'));
}

describe('workToHtml', () => {
  it('writes one page with the tags by kind, summary, notes and every chapter, hostile strings escaped', () => {
    const work = hostile(longRoad);
    const html = workToHtml(work, OPTIONS);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const $ = cheerio.load(html);
    expect($('script, img')).toHaveLength(0);
    expect($('style')).toHaveLength(1);
    expect($('title').text()).toContain('<script>alert("x")</script>');
    expect($('h1.title').text()).toBe(HOSTILE_TITLE);
    expect($('p.byline').text()).toContain('<img src=x onerror=alert(1)>');
    expect(
      $('dd.freeform a')
        .toArray()
        .map((link) => $(link).text()),
    ).toContain('</a><script>alert(1)</script>');
    expect($('dd.freeform a.inferred').text()).toBe('Suggested & "inferred"');
    expect($('#preface blockquote').first().text()).toContain(
      'Para two </blockquote><script>alert(1)</script>.',
    );
    expect(
      $('div.chapter h2')
        .toArray()
        .map((heading) => $(heading).text()),
    ).toEqual(['Chapter 1: <b>The</b> Crater & "more"', 'Chapter 2: Main Street', 'Chapter 3: Homecoming']);
    expect($('#chapter-2 .meta blockquote p')).toHaveLength(2);
    expect($('#chapter-2 .endnotes').text()).toContain('An end note & more.');
    expect($('#afterword').text()).toContain('Thanks for reading ]]> </p>!');
    expect($('a[href="https://quire.example/works/1"]').length).toBeGreaterThan(0);
  });

  it('uses the tag addresses the site gives', () => {
    const html = workToHtml(longRoad, { ...OPTIONS, tagUrl: (tag) => `https://quire.example/t/${tag.id}` });
    expect(html).toContain('href="https://quire.example/t/');
  });

  it('writes a work with no tags and no title', () => {
    const $ = cheerio.load(workToHtml(bare(plain), OPTIONS));
    expect(
      $('dl.tags dt')
        .toArray()
        .map((dt) => $(dt).text()),
    ).toEqual(['Language:', 'Stats:']);
    expect($('html').attr('dir')).toBe('rtl');
    expect($('div.chapter')).toHaveLength(1);
  });
});

describe('workToText', () => {
  it('writes an AO3-like header, then the chapters with their notes as plain text', () => {
    const text = workToText(longRoad, OPTIONS);
    const header = text.slice(0, text.indexOf('\n\n'));
    expect(header).toMatch(
      /^Title: The Long Road & "Home"\nAuthor: nightowl\nFandom: Buffy the Vampire Slayer\n/,
    );
    for (const label of ['Rating', 'Relationship', 'Character', 'Additional Tags', 'Language', 'Series'])
      expect(header).toMatch(new RegExp(`^${label}: `, 'm'));
    expect(header).toContain('Chapters: 3/3');
    expect(header).toContain('Summary: After the Hellmouth closes');
    expect(header.split('\n').every((line) => line.length <= 100 || !line.startsWith(' '))).toBe(true);
    expect(text).toContain('\n\nChapter 1: The Crater\n\nA/N: Thanks to my beta');
    expect(text).toContain('impossible.\n\nA/N: The next part is longer');
    expect(text).toContain('\n\n* * *\n\n');
    expect(text).not.toMatch(/<[a-z]/);
  });

  it('reads back through Quire’s own text reader with its title, creator, tags and chapters', async () => {
    const draft = await readText(workToText(longRoad, OPTIONS), 'download.txt');
    expect(draft.title).toBe(longRoad.title);
    expect(draft.creators).toEqual(['nightowl']);
    expect(draft.chapters.map((chapter) => chapter.title)).toEqual(longRoad.chapters.map((c) => c.title));
    expect(draft.chapters.map((chapter) => chapter.notes)).toEqual(longRoad.chapters.map((c) => c.notes));
    expect(draft.chapters.map((chapter) => chapter.words)).toEqual(longRoad.chapters.map((c) => c.words));
    expect(draft.summary).toBe(longRoad.summary);
    expectSameTags(draft, longRoad);
  });

  it('reads chapters in the sanitizer’s shape without the normalizing parser, to the same text', () => {
    const html = blocksHtml(
      htmlToBlocks(
        '<p>Tom &amp; "Jerry" &lt;3<br>next <i>line <b>bold</b></i></p><hr><p>Caf\u00e9&nbsp;x</p>',
      ),
    );
    expect(sanitizedHtmlToXhtml(html)).not.toBeNull();
    const chapter = longRoad.chapters[0] as WorkView['chapters'][number];
    const text = workToText({ ...longRoad, chapters: [{ ...chapter, html }] }, OPTIONS);
    expect(text).toContain(blocksToPlainText(htmlToBlocks(normalizeHtmlFragment(html))).trim());
    expect(text).toContain('Tom & "Jerry" <3\nnext line bold');
  });

  it('keeps hostile strings as text and scene breaks as * * *', () => {
    const text = workToText(hostile(longRoad), OPTIONS);
    expect(text).toContain('Title: <script>alert("x")</script>');
    expect(text).toContain('A/N: A chapter note\n\nA/N: in two paragraphs.');
    expect(text).toContain('One\ntwo three gone unclosed\n\nNext…\n\n* * *\n\nPart\n\nLast');
    expect(text).toContain('End Notes:\n\nA/N: Thanks for reading ]]> </p>!');
  });
});

describe('chapter HTML an older sanitizer wrote', () => {
  const OLD_ROW = '<p onclick="steal()">Kept<script>alert(1)</script> <a href="javascript:x()">link</a></p>';
  const stale = (work: WorkView): WorkView => ({
    ...work,
    chapters: work.chapters.map((chapter) => ({ ...chapter, html: OLD_ROW, sanitizerVersion: 0 })),
  });

  /** The chapter bodies of a download. */
  const bodies = (html: string) => [...html.matchAll(/class="userstuff">(.*?)<\/div>/gs)].map((m) => m[1]);

  it('is sanitized again in the HTML download, as on the work page', () => {
    const chapters = bodies(workToHtml(stale(plain), OPTIONS));
    expect(chapters).toEqual(['<p>Kept link</p>']);
  });

  it('is sanitized again in the EPUB download', async () => {
    const files = unzipEpub(await workToEpub(stale(plain), OPTIONS));
    const pages = Object.entries(files)
      .filter(([name]) => name.endsWith('.xhtml'))
      .map(([, text]) => text)
      .join('\n');
    expect(bodies(pages)).toEqual(['<p>Kept link</p>']);
  });
});
