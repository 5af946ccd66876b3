/**
 * A work as an EPUB 3 with an EPUB 2 NCX for old readers, checked by epubcheck in `export.test.ts`.
 *
 * Written here (zip-writer.ts, xhtml.ts) rather than with an EPUB library: epub-gen-memory 1.1.2 and
 * @lesjoursfr/html-to-epub 6.2 both produce valid EPUB 3, but write one `dc:creator` with the names joined by
 * commas, no `dc:subject`s and no calibre series, stamp `dcterms:modified` with the clock instead of a date we
 * choose, make a random identifier on every download, and fetch any image an `<img>` points at over the
 * network. Overriding their OPF templates would have meant writing the package document anyway, in EJS.
 */
import { createHash } from 'node:crypto';
import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
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
import { htmlToXhtmlDocument, renderedPageToXhtml, xmlAttribute, xmlText } from './xhtml.ts';
import { type ZipEntry, zipEntries } from './zip-writer.ts';

/**
 * Where a chapter's text goes in its page: an element no escaped title or note can spell, which the XML
 * writer leaves as it is (an empty element open and closed).
 */
const BODY_MARK = '<quire-chapter-text></quire-chapter-text>';

const OPF_NS = 'http://www.idpf.org/2007/opf';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const NCX_NS = 'http://www.daisy.org/z3986/2005/ncx/';

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
  const render = (pageTitle: string, body: ComponentChildren) =>
    renderToString(h(XhtmlPage, { lang, rtl: isRightToLeft(lang), title: pageTitle, children: body }));
  // A page of export/'s own components; one with stored HTML in it takes the parser's way.
  const page = (pageTitle: string, body: ComponentChildren) => {
    const html = render(pageTitle, body);
    return renderedPageToXhtml(html) ?? htmlToXhtmlDocument(html);
  };

  const chapterPage = (chapter: ChapterView) => {
    const heading = chapterHeading(chapter.position, chapter.title);
    const body = sanitizedHtmlToXhtml(storedChapterHtml(chapter.html, chapter.sanitizerVersion));
    if (body === null) return htmlToXhtmlDocument(render(heading, h(Chapter, { chapter })));
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
    { name: 'META-INF/container.xml', data: utf8(CONTAINER_XML) },
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

// The package document and NCX are fixed shapes whose every value goes through xmlText/xmlAttribute (which drop
// what XML cannot hold, as xmlbuilder2 did); xmlbuilder2's DOM was a sixth of a build (bench/README, Web).
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** The start of an element of a package or NCX document, on a line of its own: `<name a="1"`. */
function start(depth: number, name: string, attributes: Record<string, string | undefined> = {}): string {
  let out = `\n${'  '.repeat(depth)}<${name}`;
  for (const [key, value] of Object.entries(attributes))
    if (value !== undefined) out += ` ${key}="${xmlAttribute(value)}"`;
  return out;
}

/** An element on a line of its own, with its text or empty: `<name a="1">text</name>`, `<name a="1"/>`. */
function line(
  depth: number,
  name: string,
  attributes: Record<string, string | undefined> = {},
  text?: string,
): string {
  const open = start(depth, name, attributes);
  return text === undefined ? `${open}/>` : `${open}>${xmlText(text)}</${name}>`;
}

/** The same for every book. */
const CONTAINER_XML = `${XML_DECLARATION}
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
  <rootfiles>${line(2, 'rootfile', { 'full-path': 'OEBPS/content.opf', 'media-type': 'application/oebps-package+xml' })}
  </rootfiles>
</container>`;

function packageDocument(
  work: WorkView,
  options: ExportOptions,
  book: { identifier: string; lang: string; title: string; spine: Page[] },
): string {
  let metadata = '';
  const dc = (name: string, text: string, attributes: Record<string, string> = {}) => {
    metadata += line(2, `dc:${name}`, attributes, text);
  };
  const meta = (property: string, text: string, attributes: Record<string, string> = {}) => {
    metadata += line(2, 'meta', { property, ...attributes }, text);
  };

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
    metadata += line(2, 'meta', { name: 'calibre:series', content: series.title });
    if (series.position !== null)
      metadata += line(2, 'meta', { name: 'calibre:series_index', content: String(series.position) });
  }

  let manifest = line(2, 'item', { id: 'ncx', href: 'toc.ncx', 'media-type': 'application/x-dtbncx+xml' });
  manifest += line(2, 'item', { id: 'css', href: 'style.css', 'media-type': 'text/css' });
  let spine = '';
  for (const item of book.spine) {
    manifest += line(2, 'item', {
      id: item.id,
      href: item.href,
      'media-type': 'application/xhtml+xml',
      properties: item.properties,
    });
    spine += line(2, 'itemref', { idref: item.id });
  }
  return `${XML_DECLARATION}
<package xmlns="${OPF_NS}" version="3.0" unique-identifier="work-id" xml:lang="${xmlAttribute(book.lang)}">
  <metadata xmlns:dc="${DC_NS}">${metadata}
  </metadata>
  <manifest>${manifest}
  </manifest>
  <spine toc="ncx">${spine}
  </spine>
</package>`;
}

function ncx(book: { identifier: string; title: string; reading: Page[] }): string {
  let points = '';
  book.reading.forEach((item, index) => {
    points += `${start(2, 'navPoint', { id: `nav-${item.id}`, playOrder: String(index + 1) })}>`;
    points += `${start(3, 'navLabel')}>${line(4, 'text', {}, item.label)}\n      </navLabel>`;
    points += `${line(3, 'content', { src: item.href })}\n    </navPoint>`;
  });
  return `${XML_DECLARATION}
<ncx xmlns="${NCX_NS}" version="2005-1">
  <head>${line(2, 'meta', { name: 'dtb:uid', content: book.identifier })}${line(2, 'meta', { name: 'dtb:depth', content: '1' })}${line(2, 'meta', { name: 'dtb:totalPageCount', content: '0' })}${line(2, 'meta', { name: 'dtb:maxPageNumber', content: '0' })}
  </head>
  <docTitle>${line(2, 'text', {}, book.title)}
  </docTitle>
  <navMap>${points}
  </navMap>
</ncx>`;
}
