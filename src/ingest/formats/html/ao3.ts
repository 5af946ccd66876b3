/** AO3's pages: the "Download > HTML" file and a work page saved from a browser. */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { RawChapter, RawStory, SourceField } from '../../story.ts';
import { chapterNotes, labelledQuotes, proseOf } from '../labelled-quotes.ts';
import { blocksOf, chapterTitle, field, type SiteReader, text } from './site-reader.ts';

/** AO3 lists tags as `<dt>Label:</dt><dd>tag, tag</dd>` (downloads) or `<dd class="x tags"><ul><li><a>` (pages). */
function readDefinitionList($: CheerioAPI, list: Cheerio<AnyNode>, origin: string): SourceField[] {
  const fields: SourceField[] = [];
  list.children('dt').each((_, dt) => {
    const label = text($(dt)).replace(/:$/, '');
    const dd = $(dt).next('dd');
    if (!label || dd.length === 0) return;
    const links = dd.find('a.tag, li a, a');
    const values =
      links.length > 0 && !/^(?:stats|series|language)$/i.test(label)
        ? links
            .toArray()
            .map((link) => text($(link)))
            .filter(Boolean)
        : undefined;
    if (/^stats$/i.test(label) && dd.find('dl').length > 0) {
      // A saved page's nested stats list: `Published: 2012-03-04`, `Chapters: 2/5`...
      for (const item of readDefinitionList($, dd.find('dl').first(), origin)) fields.push(item);
      return;
    }
    const value = values ? values.join(', ') : text(dd);
    if (value) fields.push(field(label, value, origin, values));
  });
  return fields;
}

/** The names in a byline's links. */
function bylineNames($: CheerioAPI, links: Cheerio<AnyNode>): string[] {
  return links
    .toArray()
    .map((link) => text($(link)))
    .filter(Boolean);
}

/** The first `div.userstuff` in an element, or the element itself when it has none. */
function userstuffOr(element: Cheerio<AnyNode>): Cheerio<AnyNode> {
  return element.find('div.userstuff').first().length ? element.find('div.userstuff').first() : element;
}

type Ao3Parts = Pick<
  RawStory,
  'fields' | 'title' | 'creators' | 'summary' | 'notes' | 'endNotes' | 'chapters'
>;

/** AO3 delimits the chapters itself, in downloads and pages alike. */
function ao3Story(parts: Ao3Parts): RawStory {
  return { format: 'html', ...parts, chaptersGiven: true, notices: [] };
}

// AO3 "Download > HTML": #preface with the tag list, #chapters, #afterword.
export const AO3_DOWNLOAD: SiteReader = {
  name: 'an AO3 download',
  storyPage: true,
  detect: ($) => $('#preface').length > 0 && ($('#chapters').length > 0 || $('.userstuff').length > 0),
  read($) {
    const preface = $('#preface');
    const fields = readDefinitionList($, preface.find('dl.tags').first(), 'AO3 preface');
    const title = text(preface.find('h1').first()) || null;
    const creators = bylineNames($, preface.find('.byline a[rel="author"], .byline a'));
    const prefaceQuotes = labelledQuotes($, preface);
    const summary = prefaceQuotes.find((quote) => quote.label === 'summary')?.prose ?? null;
    const notes = prefaceQuotes.find((quote) => quote.label === 'notes')?.prose ?? null;
    const chapters = readDownloadChapters($);
    const endNotes =
      labelledQuotes($, $('#afterword')).find((quote) => quote.label.includes('notes'))?.prose ?? null;
    return ao3Story({ fields, title, creators, summary, notes, endNotes, chapters });
  },
};

/** A download's chapters: each `h2` heading with the body and notes up to the next, or one body. */
function readDownloadChapters($: CheerioAPI): RawChapter[] {
  const container = $('#chapters');
  const headings = container.find('h2.heading, h2.toc-heading');
  if (headings.length === 0) return [{ title: null, blocks: blocksOf(userstuffOr(container)) }];
  return headings.toArray().map((heading) => {
    const siblings = $(heading).nextUntil('h2.heading, h2.toc-heading');
    const body = siblings.filter('div.userstuff').first();
    const quotes = siblings
      .filter('div.meta, div.meta.group, div.endnote')
      .toArray()
      .flatMap((meta) => labelledQuotes($, $(meta)));
    return { title: chapterTitle(text($(heading))), blocks: blocksOf(body), ...chapterNotes(quotes) };
  });
}

// A work page saved from AO3 in a browser.
export const AO3_PAGE: SiteReader = {
  name: 'a saved AO3 work page',
  storyPage: true,
  detect: ($) => $('dl.work.meta').length > 0 || ($('#workskin').length > 0 && $('#chapters').length > 0),
  read($) {
    const fields = readDefinitionList($, $('dl.work.meta').first(), 'AO3 work page');
    const workskin = $('#workskin');
    const title = text(workskin.find('h2.title').first()) || null;
    const creators = bylineNames($, workskin.find('h3.byline a[rel="author"], h3.byline a'));
    const summary = proseOf(workskin.find('.preface .summary blockquote.userstuff').first());
    const notes = proseOf(workskin.find('.preface .notes blockquote.userstuff').first());
    const endNotes = proseOf($('#work_endnotes blockquote.userstuff').first());
    const chapterElements = $('#chapters > div.chapter');
    const chapters = readPageChapters($, chapterElements);
    const story = ao3Story({ fields, title, creators, summary, notes, endNotes, chapters });
    // One chapter of a longer work: the stats say how many, the page shows one.
    const chaptersField = fields.find((item) => /^chapters$/i.test(item.label));
    const count = /^(\d+)\s*\/\s*(\d+|\?)/.exec(chaptersField?.value ?? '');
    if (count && Number(count[1]) > 1 && chapters.length === 1) {
      const shown = chapterNumberOnPage($, chapterElements.first());
      story.partOf = { chapter: shown ?? 1, of: count[2] === '?' ? null : Number(count[2]) };
    }
    return story;
  },
};

/** A saved page's chapters: each `div.chapter` with its notes, or the one body of a single-chapter work. */
function readPageChapters($: CheerioAPI, chapterElements: Cheerio<AnyNode>): RawChapter[] {
  if (chapterElements.length === 0) {
    const single = $('#chapters');
    single.find('h3.landmark').remove();
    return [{ title: null, blocks: blocksOf(userstuffOr(single)) }];
  }
  return chapterElements.toArray().map((node) => {
    const element = $(node);
    const title = chapterTitle(text(element.find('h3.title').first()));
    const body = element.find('div.userstuff[role="article"], div.userstuff.module').first();
    body.find('h3.landmark').remove();
    return {
      title,
      blocks: blocksOf(body.length ? body : element.find('div.userstuff').first()),
      notes: proseOf(
        element
          .find('div.chapter.preface .notes blockquote.userstuff, .preface.group .notes blockquote')
          .first(),
      ),
      endNotes: proseOf(element.find('.end.notes blockquote.userstuff').first()),
    };
  });
}

function chapterNumberOnPage($: CheerioAPI, chapter: Cheerio<AnyNode>): number | null {
  const heading =
    text(chapter.find('h3.title').first()) || text($('#chapter_index option[selected]').first());
  const match = /chapter\s+(\d+)|^(\d+)\./i.exec(heading);
  if (match) return Number(match[1] ?? match[2]);
  const id = /chapter-(\d+)/.exec(chapter.attr('id') ?? '');
  return id ? Number(id[1]) : null;
}
