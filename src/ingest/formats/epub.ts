import { posix } from 'node:path';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { AppError } from '../../errors.ts';
import { matchKeyLine } from '../header/key-line.ts';
import { htmlToText, nodesToBlocks } from '../html-blocks.ts';
import { loadHtml } from '../html-parse.ts';
import type { RawChapter, RawStory, SourceField } from '../story.ts';
import { squeezeSpaces } from '../text.ts';
import { isZip, openZip, STORY_ARCHIVE_LIMITS, type ZipArchive } from '../zip.ts';
import type { StoryFormat } from './format.ts';
import { chapterNotes, labelledQuotes } from './labelled-quotes.ts';

/**
 * EPUB 2 and 3 from AO3, FanFicFare and calibre: metadata from the package document, chapters from the
 * spine in order. Pages that are not story text (AO3's preface and afterword, title pages, contents, covers,
 * calibre jackets) are read for metadata instead.
 */
export const epubFormat: StoryFormat = {
  id: 'epub',
  extensions: ['.epub'],
  sniff(bytes) {
    if (!isZip(bytes)) return false;
    // The first entry of an EPUB is `mimetype`, stored, holding `application/epub+zip`.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    return head.includes('mimetypeapplication/epub+zip');
  },
  async read(bytes, fileName) {
    const zip = await openZip(bytes, fileName, STORY_ARCHIVE_LIMITS);
    try {
      return await readEpub(zip, fileName);
    } finally {
      zip.close();
    }
  },
};

function xml(text: string): CheerioAPI {
  return loadHtml(text, { xml: true });
}

/** Zip entry names in hrefs are relative to the OPF and may be percent-encoded. */
function resolveHref(base: string, href: string): string {
  const path = href.split('#')[0] ?? '';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not percent-encoded after all.
  }
  return posix.normalize(posix.join(posix.dirname(base), decoded)).replace(/^\.\//, '');
}

async function readEpub(zip: ZipArchive, fileName: string): Promise<RawStory> {
  if (!zip.has('META-INF/container.xml')) {
    throw new AppError(
      'INVALID_EPUB',
      `${fileName} has no META-INF/container.xml, so it is not a complete EPUB.`,
    );
  }
  const container = xml(await zip.readText('META-INF/container.xml'));
  const opfPath = container('rootfile').first().attr('full-path');
  if (!opfPath || !zip.has(opfPath)) {
    throw new AppError(
      'INVALID_EPUB',
      `${fileName} names no package document (${opfPath ?? 'none'}) that exists in the book.`,
    );
  }
  const $ = xml(await zip.readText(opfPath));
  const metadata = $('metadata').first();
  const dc = (name: string) =>
    metadata
      .find('*')
      .filter(
        (_, element) =>
          (element as { name: string }).name.toLowerCase() === `dc:${name}` ||
          (element as { name: string }).name.toLowerCase() === name,
      )
      .toArray()
      .map((element) => squeezeSpaces($(element).text()))
      .filter(Boolean);
  const metaContent = (name: string) => metadata.find(`meta[name="${name}"]`).attr('content') ?? null;

  const origin = 'package document';
  const fields: SourceField[] = [];
  const subjects = dc('subject');
  const language = dc('language')[0];
  if (language) fields.push({ label: 'Language', value: language, origin });
  fields.push(...readDates($, metadata, origin));
  const source = dc('source')[0];
  if (source) fields.push({ label: 'Source', value: source, origin });
  const series =
    metaContent('calibre:series') ??
    metadata.find('meta[property="belongs-to-collection"]').first().text().trim();
  if (series) {
    const index =
      metaContent('calibre:series_index') ??
      metadata.find('meta[property="group-position"]').first().text().trim();
    fields.push({
      label: 'Series',
      value: index ? `${series} [${Math.round(Number(index)) || index}]` : series,
      origin,
    });
  }
  const description = dc('description')[0];

  const manifest = new Map<string, { href: string; type: string; properties: string }>();
  $('manifest > item').each((_, item) => {
    const id = $(item).attr('id');
    const href = $(item).attr('href');
    if (id && href)
      manifest.set(id, {
        href: resolveHref(opfPath, href),
        type: $(item).attr('media-type') ?? '',
        properties: $(item).attr('properties') ?? '',
      });
  });
  const spine = $('spine > itemref')
    .toArray()
    .map((item) => manifest.get($(item).attr('idref') ?? ''))
    .filter((item): item is { href: string; type: string; properties: string } => item !== undefined);
  if (spine.length === 0)
    throw new AppError('INVALID_EPUB', `${fileName} has an empty spine: the book lists no chapters to read.`);
  const labels = await readNavigationLabels(zip, $, manifest);

  const story: RawStory = {
    format: 'epub',
    fields,
    title: dc('title')[0] ?? null,
    creators: dc('creator'),
    summary: description
      ? htmlToText(
          description.includes('<') ? description : description.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
        ) || null
      : null,
    chapters: [],
    chaptersGiven: true,
    notices: [],
  };
  let ao3Preface = false;
  for (const item of spine) {
    if (!zip.has(item.href)) {
      story.notices.push(`${item.href} is listed in the spine but missing from the book; skipped`);
      continue;
    }
    if (item.properties.includes('nav')) continue;
    const page = loadHtml(await zip.readText(item.href));
    page('script, style').remove();
    const kind = classifyPage(page, item.href);
    if (kind === 'preface') {
      ao3Preface = true;
      readAo3Preface(page, story);
      continue;
    }
    if (kind === 'afterword') {
      const notes = proseOfLabelled(page, 'end notes') ?? proseOfLabelled(page, 'notes');
      if (notes) story.endNotes = notes;
      continue;
    }
    if (kind === 'title-page') {
      for (const item of readTitlePage(page)) story.fields.push(item);
      continue;
    }
    if (kind === 'skip') continue;
    const chapter = readChapterPage(page, labels.get(item.href) ?? null);
    if (chapter.blocks.length > 0) story.chapters.push(chapter);
  }
  // AO3 flattens every tag into dc:subject; its preface has them by kind, so the subjects are only used without one.
  if (!ao3Preface && subjects.length > 0)
    fields.push({ label: 'dc:subject', value: subjects.join(', '), values: subjects, origin });
  if (story.chapters.length === 0) {
    throw new AppError(
      'NO_STORY_TEXT',
      `${fileName} has no readable chapters: every page in its spine is missing, empty or front matter.`,
    );
  }
  return story;
}

type PageKind = 'chapter' | 'preface' | 'afterword' | 'title-page' | 'skip';

function classifyPage($: CheerioAPI, href: string): PageKind {
  const name = posix.basename(href).toLowerCase();
  if ($('#preface').length > 0 || ($('dl.tags').length > 0 && $('#chapters').length === 0)) return 'preface';
  if ($('#afterword').length > 0 || name.startsWith('afterword')) return 'afterword';
  if (/^(?:toc|nav|contents?)\b/.test(name) || $('nav[epub\\:type="toc"], nav#toc').length > 0) return 'skip';
  if (/jacket/.test(name) || $('.cbj_banner, .calibre_jacket').length > 0) return 'skip';
  const text = squeezeSpaces($('body').text());
  if (text.length < 20 && $('img, svg, image').length > 0) return 'skip';
  if (/^(?:title_?page|titlepage|title)\b/.test(name) || isLabelPage($, text)) return 'title-page';
  if (/^cover\b/.test(name) && text.length < 200) return 'skip';
  return 'chapter';
}

/**
 * A page made mostly of `Label: value` lines (FanFicFare and calibre title pages). Each such line has a
 * colon, and the page's lines hold no text its body does not, so a body with fewer than three colons is no
 * label page: that test spares every chapter page a second reading of its HTML into lines.
 */
function isLabelPage($: CheerioAPI, bodyText: string): boolean {
  if (!THREE_COLONS.test(bodyText)) return false;
  const lines = pageLines($);
  if (lines.length < 3) return false;
  const labelled = lines.filter((line) => matchKeyLine(line) !== null).length;
  return labelled >= 3 && labelled >= lines.length * 0.5;
}

const THREE_COLONS = /[:：][^:：]*[:：][^:：]*[:：]/;

function pageLines($: CheerioAPI): string[] {
  const body: Cheerio<AnyNode> = $('body').length ? $('body') : $.root();
  return nodesToBlocks(body.contents().toArray())
    .flatMap((block) => (block.type === 'break' ? [] : block.text.split('\n')))
    .map((line) => line.trim())
    .filter(Boolean);
}

function readTitlePage($: CheerioAPI): SourceField[] {
  const fields: SourceField[] = [];
  for (const line of pageLines($)) {
    const key = matchKeyLine(line);
    if (key?.value) fields.push({ label: key.label, value: key.value, origin: 'title page' });
  }
  return fields;
}

function readAo3Preface($: CheerioAPI, story: RawStory): void {
  $('dl.tags dt').each((_, dt) => {
    const label = squeezeSpaces($(dt).text()).replace(/:$/, '');
    const dd = $(dt).next('dd');
    if (!label || dd.length === 0) return;
    const links = dd.find('a');
    const values =
      links.length > 0 && !/^(?:stats|series|language)$/i.test(label)
        ? links.toArray().map((link) => squeezeSpaces($(link).text()))
        : undefined;
    const value = values ? values.join(', ') : squeezeSpaces(dd.text());
    if (value)
      story.fields.push(
        values ? { label, value, values, origin: 'AO3 preface' } : { label, value, origin: 'AO3 preface' },
      );
  });
  story.summary = proseOfLabelled($, 'summary') ?? story.summary ?? null;
  story.notes = proseOfLabelled($, 'notes') ?? story.notes ?? null;
}

/** The blockquote after a `<p>Summary</p>` or `<p>Notes</p>` label, as prose. */
function proseOfLabelled($: CheerioAPI, label: string): string | null {
  return labelledQuotes($, $.root()).find((quote) => quote.label === label)?.prose ?? null;
}

function readChapterPage($: CheerioAPI, navLabel: string | null): RawChapter {
  // AO3 chapter pages: notes in div.meta before the text, end notes after it.
  const userstuff = $('div.userstuff').last();
  const quotes: { label: string; prose: string }[] = [];
  if (userstuff.length > 0) {
    $('div.meta, div.endnote, div.endnotes').each((_, meta) => {
      for (const quote of labelledQuotes($, $(meta))) quotes.push(quote);
      $(meta).remove();
    });
  }
  const heading = $('h1, h2, h3').first();
  let title: string | null = navLabel;
  if (heading.length && squeezeSpaces(heading.text()).length <= 150) {
    title = squeezeSpaces(heading.text());
    heading.remove();
  }
  const body: Cheerio<AnyNode> = userstuff.length > 0 ? userstuff : $('body').length ? $('body') : $.root();
  return {
    title: chapterTitleOf(title),
    blocks: nodesToBlocks(body.contents().toArray()),
    ...chapterNotes(quotes),
  };
}

function chapterTitleOf(heading: string | null): string | null {
  if (!heading) return null;
  const match = /^(?:chapter|part)\s+[\divxlc]+\s*(?:[:.\-–—]\s*(.*))?$/i.exec(heading.trim());
  if (match) return match[1]?.trim() || null;
  return heading.trim() || null;
}

/** Chapter titles from the EPUB 3 nav document or the EPUB 2 NCX, by the file they point at. */
async function readNavigationLabels(
  zip: ZipArchive,
  $: CheerioAPI,
  manifest: Map<string, { href: string; type: string; properties: string }>,
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const nav = [...manifest.values()].find((item) => item.properties.split(/\s+/).includes('nav'));
  const ncxId = $('spine').attr('toc');
  const ncx =
    (ncxId ? manifest.get(ncxId) : undefined) ??
    [...manifest.values()].find((item) => item.type === 'application/x-dtbncx+xml');
  try {
    if (nav && zip.has(nav.href)) {
      const page = loadHtml(await zip.readText(nav.href));
      page('nav a[href]').each((_, link) => {
        labels.set(resolveHref(nav.href, page(link).attr('href') ?? ''), squeezeSpaces(page(link).text()));
      });
    } else if (ncx && zip.has(ncx.href)) {
      const doc = xml(await zip.readText(ncx.href));
      doc('navPoint').each((_, point) => {
        const src = doc(point).children('content').attr('src');
        const label = squeezeSpaces(doc(point).children('navLabel').text());
        if (src && label) labels.set(resolveHref(ncx.href, src), label);
      });
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  return labels;
}

/**
 * The book's `dc:date`s: the one marked `opf:event="modification"` is when it was updated, the first other one
 * when it was published. The story's own header outranks both, as the book's software may have stamped them;
 * EPUB 3's `dcterms:modified` is left out because it dates the file (often the download), not the story.
 */
function readDates($: CheerioAPI, metadata: Cheerio<AnyNode>, origin: string): SourceField[] {
  const fields: SourceField[] = [];
  let published: string | null = null;
  let updated: string | null = null;
  metadata.find('*').each((_, element) => {
    const name = (element as { name: string }).name.toLowerCase();
    const value = squeezeSpaces($(element).text()).slice(0, 10);
    if (!value) return;
    if (name === 'dc:date' || name === 'date') {
      const event = ($(element).attr('opf:event') ?? $(element).attr('event') ?? '').toLowerCase();
      if (event === 'modification') updated ??= value;
      else published ??= value;
    }
  });
  if (published) fields.push({ label: 'Published', value: published, origin, weak: true });
  if (updated) fields.push({ label: 'Updated', value: updated, origin, weak: true });
  return fields;
}
