/**
 * A work as an EPUB 3 with an EPUB 2 NCX for old readers, checked by epubcheck in `export.test.ts`.
 *
 * Written here (zip-writer.ts, xmlbuilder2, xhtml.ts) rather than with an EPUB library: epub-gen-memory 1.1.2 and
 * @lesjoursfr/html-to-epub 6.2 both produce valid EPUB 3, but write one `dc:creator` with the names joined by
 * commas, no `dc:subject`s and no calibre series, stamp `dcterms:modified` with the clock instead of a date we
 * choose, make a random identifier on every download, and fetch any image an `<img>` points at over the
 * network. Overriding their OPF templates would have meant writing the package document anyway, in EJS.
 */
import { createHash } from 'node:crypto';
import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { create } from 'xmlbuilder2';
import { SANITIZER_VERSION } from '../ingest/html-blocks.ts';
import { storedChapterHtml } from '../ingest/stored-html.ts';
import type { ChapterView, WorkView } from '../repositories/work-view.ts';
import { sanitizedHtmlToXhtml } from './sanitized-xhtml.ts';
import {
  chapterHeading,
  creatorNames,
  type ExportOptions,
  isoDay,
  isRightToLeft,
  languageTag,
  paragraphsOf,
  workTitle,
  workUrl,
} from './work-meta.ts';
import { Afterword, Chapter, Contents, DOWNLOAD_CSS, Preface, XhtmlPage } from './work-parts.tsx';
import { htmlToXhtmlDocument } from './xhtml.ts';
import { type ZipEntry, zipEntries } from './zip-writer.ts';

/**
 * Where a chapter's text goes in its page: an element no escaped title or note can spell, which the XML
 * writer leaves as it is (an empty element open and closed).
 */
const BODY_MARK = '<quire-chapter-text></quire-chapter-text>';

const OPF_NS = 'http://www.idpf.org/2007/opf';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const NCX_NS = 'http://www.daisy.org/z3986/2005/ncx/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

interface Page {
  id: string;
  href: string;
  /** The label in the table of contents. */
  label: string;
  xhtml: string;
  properties?: string;
}

/** The work as an EPUB file. */
export async function workToEpub(work: WorkView, options: ExportOptions): Promise<Buffer> {
  const identifier = workIdentifier(work, options);
  const lang = languageTag(work);
  const title = workTitle(work);
  const page = (pageTitle: string, body: ComponentChildren) =>
    htmlToXhtmlDocument(
      renderToString(h(XhtmlPage, { lang, rtl: isRightToLeft(lang), title: pageTitle, children: body })),
    );

  const chapterPage = (chapter: ChapterView) => {
    const heading = chapterHeading(chapter.position, chapter.title);
    const body = sanitizedHtmlToXhtml(storedChapterHtml(chapter.html, chapter.sanitizerVersion));
    if (body === null) return page(heading, h(Chapter, { chapter }));
    // The page around the text goes through the parser, the text (most of the bytes) does not.
    const around = { ...chapter, html: BODY_MARK, sanitizerVersion: SANITIZER_VERSION };
    return page(heading, h(Chapter, { chapter: around })).replace(BODY_MARK, () => body);
  };
  const chapters: Page[] = work.chapters.map((chapter) => ({
    id: `chapter-${chapter.position}`,
    href: chapterFile(chapter),
    label: chapterHeading(chapter.position, chapter.title),
    xhtml: chapterPage(chapter),
  }));
  const preface: Page = {
    id: 'preface',
    href: 'preface.xhtml',
    label: 'Preface',
    xhtml: page(title, h(Preface, { work, options })),
  };
  const afterword: Page = {
    id: 'afterword',
    href: 'afterword.xhtml',
    label: paragraphsOf(work.endNotes).length > 0 ? 'End Notes' : 'Afterword',
    xhtml: page(`${title}: Afterword`, h(Afterword, { work, options })),
  };
  const reading = [preface, ...chapters, afterword];
  const nav: Page = {
    id: 'nav',
    href: 'nav.xhtml',
    label: 'Contents',
    properties: 'nav',
    xhtml: page('Contents', h(Contents, { entries: reading })),
  };

  const spine = [preface, nav, ...chapters, afterword];
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  // Entry order is the zip's order: `mimetype` first and stored, as OCF requires.
  const files: ZipEntry[] = [
    { name: 'mimetype', data: utf8('application/epub+zip'), stored: true },
    { name: 'META-INF/container.xml', data: utf8(containerXml()) },
    {
      name: 'OEBPS/content.opf',
      data: utf8(packageDocument(work, options, { identifier, lang, title, spine })),
    },
    { name: 'OEBPS/toc.ncx', data: utf8(ncx({ identifier, title, reading })) },
    { name: 'OEBPS/style.css', data: utf8(DOWNLOAD_CSS) },
  ];
  for (const item of spine) files.push({ name: `OEBPS/${item.href}`, data: utf8(item.xhtml) });
  return zipEntries(files, options.generatedAt);
}

/**
 * A stable identifier: the same work on the same site is the same book to a reader's library, so a new
 * download replaces the old one. A name-based (version 5) UUID of `quire:<siteUrl>:work:<id>`.
 */
export function workIdentifier(work: WorkView, options: ExportOptions): string {
  const name = `quire:${options.siteUrl.replace(/\/+$/, '')}:work:${work.id}`;
  // RFC 9562 section 5.5, in the URL namespace.
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function chapterFile(chapter: ChapterView): string {
  return `chapter-${String(chapter.position).padStart(3, '0')}.xhtml`;
}

function xmlDocument() {
  // XML cannot hold control characters or lone surrogates; a hostile title loses them rather than the book.
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
}

/** The same for every book, so written once. */
let container: string | undefined;
function containerXml(): string {
  container ??= writeContainerXml();
  return container;
}

function writeContainerXml(): string {
  const doc = xmlDocument();
  doc
    .ele('urn:oasis:names:tc:opendocument:xmlns:container', 'container', { version: '1.0' })
    .ele('rootfiles')
    .ele('rootfile', { 'full-path': 'OEBPS/content.opf', 'media-type': 'application/oebps-package+xml' });
  return doc.end({ prettyPrint: true });
}

function packageDocument(
  work: WorkView,
  options: ExportOptions,
  book: { identifier: string; lang: string; title: string; spine: Page[] },
): string {
  const doc = xmlDocument();
  const pkg = doc
    .ele(OPF_NS, 'package', { version: '3.0', 'unique-identifier': 'work-id' })
    .att(XML_NS, 'xml:lang', book.lang);
  const metadata = pkg.ele('metadata').att(XMLNS_NS, 'xmlns:dc', DC_NS);
  const dc = (name: string, text: string, attributes: Record<string, string> = {}) => {
    const element = metadata.ele(DC_NS, `dc:${name}`);
    for (const [key, value] of Object.entries(attributes)) element.att(key, value);
    element.txt(text);
  };
  const meta = (property: string, text: string, attributes: Record<string, string> = {}) =>
    metadata.ele('meta', { property, ...attributes }).txt(text);

  dc('identifier', book.identifier, { id: 'work-id' });
  dc('title', book.title, { id: 'title' });
  creatorNames(work)
    .filter((name) => name.trim())
    .forEach((name, index) => {
      dc('creator', name, { id: `creator-${index + 1}` });
      meta('role', 'aut', { refines: `#creator-${index + 1}`, scheme: 'marc:relators' });
    });
  dc('language', book.lang);
  dc('publisher', options.siteName.trim() || 'Quire');
  dc('source', workUrl(work, options));
  // dc:date is optional: a work whose file stated no date gets none rather than its import day.
  if (!work.dateUnknown) dc('date', isoDay(work.publishedAt));
  const summary = paragraphsOf(work.summary).join('\n\n');
  if (summary) dc('description', summary);
  for (const subject of new Set(work.tags.map((tag) => tag.name.trim()).filter(Boolean)))
    dc('subject', subject);
  meta('dcterms:modified', options.generatedAt.toISOString().replace(/\.\d+Z$/, 'Z'));
  work.series.forEach((series, index) => {
    const id = `series-${index + 1}`;
    meta('belongs-to-collection', series.title, { id });
    meta('collection-type', 'series', { refines: `#${id}` });
    if (series.position !== null) meta('group-position', String(series.position), { refines: `#${id}` });
  });
  // calibre and most e-reader libraries still read series from calibre's own OPF 2 metadata.
  const [series] = work.series;
  if (series) {
    metadata.ele('meta', { name: 'calibre:series', content: series.title });
    if (series.position !== null)
      metadata.ele('meta', { name: 'calibre:series_index', content: String(series.position) });
  }

  const manifest = pkg.ele('manifest');
  manifest.ele('item', { id: 'ncx', href: 'toc.ncx', 'media-type': 'application/x-dtbncx+xml' });
  manifest.ele('item', { id: 'css', href: 'style.css', 'media-type': 'text/css' });
  for (const item of book.spine) {
    manifest.ele('item', {
      id: item.id,
      href: item.href,
      'media-type': 'application/xhtml+xml',
      ...(item.properties ? { properties: item.properties } : {}),
    });
  }
  const spine = pkg.ele('spine', { toc: 'ncx' });
  for (const item of book.spine) spine.ele('itemref', { idref: item.id });
  return doc.end({ prettyPrint: true });
}

function ncx(book: { identifier: string; title: string; reading: Page[] }): string {
  const doc = xmlDocument();
  const root = doc.ele(NCX_NS, 'ncx', { version: '2005-1' });
  const head = root.ele('head');
  head.ele('meta', { name: 'dtb:uid', content: book.identifier });
  head.ele('meta', { name: 'dtb:depth', content: '1' });
  head.ele('meta', { name: 'dtb:totalPageCount', content: '0' });
  head.ele('meta', { name: 'dtb:maxPageNumber', content: '0' });
  root.ele('docTitle').ele('text').txt(book.title);
  const map = root.ele('navMap');
  book.reading.forEach((item, index) => {
    const point = map.ele('navPoint', { id: `nav-${item.id}`, playOrder: String(index + 1) });
    point.ele('navLabel').ele('text').txt(item.label);
    point.ele('content', { src: item.href });
  });
  return doc.end({ prettyPrint: true });
}
