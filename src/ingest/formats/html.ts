import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { AppError } from '../../errors.ts';
import { matchChapterHeading } from '../chapters.ts';
import { decodeText } from '../encoding.ts';
import { readFfnetInfo } from '../ffnet-info.ts';
import { htmlToText, nodesToBlocks } from '../html-blocks.ts';
import { loadHtml } from '../html-parse.ts';
import type { Block, RawChapter, RawStory, SourceField } from '../story.ts';
import { squeezeSpaces } from '../text.ts';
import type { StoryFormat } from './format.ts';
import { chapterNotes, labelledQuotes, proseOf } from './labelled-quotes.ts';

/**
 * HTML story pages: AO3's "Download > HTML" file and saved work pages, fanfiction.net story pages,
 * eFiction story and printable pages, LiveJournal and Dreamwidth entries, and any other page with a story
 * in it. The site is recognised from its markup, never from the file name.
 */
export const htmlFormat: StoryFormat = {
  id: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  sniff(bytes) {
    const head = new TextDecoder('utf-8')
      .decode(bytes.subarray(0, 1024))
      .replace(/^\uFEFF/, '')
      .trimStart()
      .toLowerCase();
    return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(?:body|head)[\s>]/.test(head);
  },
  async read(bytes, fileName) {
    const { text } = decodeText(bytes, fileName);
    const $ = loadHtml(text);
    $(
      'script, style, noscript, iframe, object, embed, form, button, select:not(#chap_select), input, textarea, svg, canvas',
    ).remove();
    const reader = SITES.find((site) => site.detect($)) ?? GENERIC;
    const story = reader.read($, fileName);
    const paragraphs = story.chapters.reduce(
      (sum, chapter) => sum + chapter.blocks.filter((block) => block.type === 'paragraph').length,
      0,
    );
    if (paragraphs === 0) {
      throw new AppError(
        'NO_STORY_TEXT',
        `${fileName} is an HTML page with no story text in it (read as ${reader.name}).`,
      );
    }
    return story;
  },
};

interface SiteReader {
  name: string;
  detect($: CheerioAPI): boolean;
  read($: CheerioAPI, fileName: string): RawStory;
}

const text = (element: Cheerio<AnyNode>): string => squeezeSpaces(element.text());

function field(label: string, value: string, origin: string, values?: string[]): SourceField {
  return values ? { label, value, values, origin } : { label, value, origin };
}

/** Blocks from an element's inner HTML. */
function blocksOf(element: Cheerio<AnyNode>): Block[] {
  return element.length === 0 ? [] : nodesToBlocks(element.contents().toArray());
}

/** `Chapter 2: Homecoming` -> `Homecoming`; a bare `Chapter 2` -> null; anything else as it is. */
function chapterTitle(heading: string): string | null {
  const clean = squeezeSpaces(heading);
  if (!clean) return null;
  const match = matchChapterHeading(clean);
  if (match)
    return match.named ? (match.title ? `${match.named}: ${match.title}` : match.named) : match.title;
  return clean;
}

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

// AO3 "Download > HTML": #preface with the tag list, #chapters, #afterword.
const AO3_DOWNLOAD: SiteReader = {
  name: 'an AO3 download',
  detect: ($) => $('#preface').length > 0 && ($('#chapters').length > 0 || $('.userstuff').length > 0),
  read($) {
    const preface = $('#preface');
    const fields = readDefinitionList($, preface.find('dl.tags').first(), 'AO3 preface');
    const title = text(preface.find('h1').first()) || null;
    const creators = preface
      .find('.byline a[rel="author"], .byline a')
      .toArray()
      .map((link) => text($(link)))
      .filter(Boolean);
    const prefaceQuotes = labelledQuotes($, preface);
    const summary = prefaceQuotes.find((quote) => quote.label === 'summary')?.prose ?? null;
    const notes = prefaceQuotes.find((quote) => quote.label === 'notes')?.prose ?? null;
    const chapters: RawChapter[] = [];
    const container = $('#chapters');
    const headings = container.find('h2.heading, h2.toc-heading');
    if (headings.length > 0) {
      headings.each((_, heading) => {
        const siblings = $(heading).nextUntil('h2.heading, h2.toc-heading');
        const body = siblings.filter('div.userstuff').first();
        const quotes = siblings
          .filter('div.meta, div.meta.group, div.endnote')
          .toArray()
          .flatMap((meta) => labelledQuotes($, $(meta)));
        chapters.push({
          title: chapterTitle(text($(heading))),
          blocks: blocksOf(body),
          ...chapterNotes(quotes),
        });
      });
    } else {
      chapters.push({
        title: null,
        blocks: blocksOf(
          container.find('div.userstuff').first().length
            ? container.find('div.userstuff').first()
            : container,
        ),
      });
    }
    const endNotes =
      labelledQuotes($, $('#afterword')).find((quote) => quote.label.includes('notes'))?.prose ?? null;
    return {
      format: 'html',
      fields,
      title,
      creators,
      summary,
      notes,
      endNotes,
      chapters,
      chaptersGiven: true,
      notices: [],
    };
  },
};

// A work page saved from AO3 in a browser.
const AO3_PAGE: SiteReader = {
  name: 'a saved AO3 work page',
  detect: ($) => $('dl.work.meta').length > 0 || ($('#workskin').length > 0 && $('#chapters').length > 0),
  read($) {
    const fields = readDefinitionList($, $('dl.work.meta').first(), 'AO3 work page');
    const workskin = $('#workskin');
    const title = text(workskin.find('h2.title').first()) || null;
    const creators = workskin
      .find('h3.byline a[rel="author"], h3.byline a')
      .toArray()
      .map((link) => text($(link)))
      .filter(Boolean);
    const summary = proseOf(workskin.find('.preface .summary blockquote.userstuff').first());
    const notes = proseOf(workskin.find('.preface .notes blockquote.userstuff').first());
    const endNotes = proseOf($('#work_endnotes blockquote.userstuff').first());
    const chapterElements = $('#chapters > div.chapter');
    const chapters: RawChapter[] = [];
    const readChapter = (element: Cheerio<Element> | Cheerio<AnyNode>, title: string | null) => {
      const body = element.find('div.userstuff[role="article"], div.userstuff.module').first();
      body.find('h3.landmark').remove();
      chapters.push({
        title,
        blocks: blocksOf(body.length ? body : element.find('div.userstuff').first()),
        notes: proseOf(
          element
            .find('div.chapter.preface .notes blockquote.userstuff, .preface.group .notes blockquote')
            .first(),
        ),
        endNotes: proseOf(element.find('.end.notes blockquote.userstuff').first()),
      });
    };
    if (chapterElements.length > 0) {
      chapterElements.each((_, element) =>
        readChapter($(element), chapterTitle(text($(element).find('h3.title').first()))),
      );
    } else {
      const single = $('#chapters');
      single.find('h3.landmark').remove();
      chapters.push({
        title: null,
        blocks: blocksOf(
          single.find('div.userstuff').first().length ? single.find('div.userstuff').first() : single,
        ),
      });
    }
    // One chapter of a longer work: the stats say how many, the page shows one.
    const story: RawStory = {
      format: 'html',
      fields,
      title,
      creators,
      summary,
      notes,
      endNotes,
      chapters,
      chaptersGiven: true,
      notices: [],
    };
    const chaptersField = fields.find((item) => /^chapters$/i.test(item.label));
    const count = /^(\d+)\s*\/\s*(\d+|\?)/.exec(chaptersField?.value ?? '');
    if (count && Number(count[1]) > 1 && chapters.length === 1) {
      const shown = chapterNumberOnPage($, chapterElements.first());
      story.partOf = { chapter: shown ?? 1, of: count[2] === '?' ? null : Number(count[2]) };
    }
    return story;
  },
};

function chapterNumberOnPage($: CheerioAPI, chapter: Cheerio<AnyNode>): number | null {
  const heading =
    text(chapter.find('h3.title').first()) || text($('#chapter_index option[selected]').first());
  const match = /chapter\s+(\d+)|^(\d+)\./i.exec(heading);
  if (match) return Number(match[1] ?? match[2]);
  const id = /chapter-(\d+)/.exec(chapter.attr('id') ?? '');
  return id ? Number(id[1]) : null;
}

// fanfiction.net: #profile_top, the grey info line, #storytext, the chapter select.
const FFNET: SiteReader = {
  name: 'a fanfiction.net page',
  detect: ($) =>
    $('#profile_top').length > 0 || ($('#storytext').length > 0 && $('span.xgray, .xgray').length > 0),
  read($) {
    const top = $('#profile_top');
    const title = text(top.find('b.xcontrast_txt').first()) || null;
    const author = text(top.find('a[href^="/u/"]').first());
    const summary = text(top.find('div.xcontrast_txt').first()) || null;
    const info = text(
      top.find('span.xgray').first().length ? top.find('span.xgray').first() : $('span.xgray').first(),
    );
    const fields = readFfnetInfo(info);
    const chapters: RawChapter[] = [{ title: null, blocks: blocksOf($('#storytext').first()) }];
    const story: RawStory = {
      format: 'html',
      fields,
      title,
      creators: author ? [author] : [],
      summary,
      chapters,
      chaptersGiven: true,
      notices: [],
    };
    const select = $('select#chap_select').first();
    const options = select.find('option');
    if (options.length > 1) {
      const selected = select.find('option[selected]').first();
      const number = Number(selected.attr('value') ?? '1') || options.index(selected) + 1;
      story.partOf = { chapter: number, of: options.length };
      const title = text(selected).replace(/^\d+\.\s*/, '');
      if (chapters[0]) chapters[0].title = chapterTitle(title);
    }
    return story;
  },
};

// eFiction: story pages (one chapter and a jump menu) and printable pages (every chapter).
const EFICTION: SiteReader = {
  name: 'an eFiction page',
  detect: ($) =>
    $('#pagetitle').length > 0 ||
    $('span.label').length >= 2 ||
    $('a[href*="viewstory.php"]').length > 0 ||
    /eFiction/i.test($('meta[name="generator"]').attr('content') ?? ''),
  read($) {
    const origin = 'eFiction info box';
    const fields: SourceField[] = [];
    let title: string | null = null;
    const creators: string[] = [];
    const pageTitle = $('#pagetitle').first();
    if (pageTitle.length) {
      const links = pageTitle.find('a');
      title = text(links.first()) || null;
      if (links.length > 1) creators.push(text(links.eq(1)));
    }
    let summary: string | null = null;
    let notes: string | null = null;
    $('span.label').each((_, span) => {
      const label = text($(span)).replace(/:$/, '');
      // The value runs from after the label to the next label or line break.
      const parts: string[] = [];
      let node = span.nextSibling;
      while (
        node &&
        !(node.type === 'tag' && ((node as Element).name === 'br' || $(node).is('span.label')))
      ) {
        parts.push($(node).text());
        node = node.nextSibling;
      }
      const value = squeezeSpaces(parts.join(' '));
      if (!label) return;
      if (/^summary$/i.test(label)) summary = value || summary;
      else if (/^story notes$/i.test(label)) notes = value || notes;
      else if (value) fields.push(field(label, value, origin));
    });
    const storyNotes = $('#notes, .notes').first();
    if (!notes && storyNotes.length) notes = proseOf(storyNotes);

    const chapterBodies = $('div.chapter, div#story');
    const chapters: RawChapter[] = [];
    if ($('div.chapter').length > 1 || ($('div.chapter').length === 1 && $('div#story').length === 0)) {
      $('div.chapter').each((_, element) => {
        const heading = $(element).find('.chaptertitle, h2, h3').first();
        const headingText = text(heading);
        heading.remove();
        const chapterNotes = proseOf($(element).find('.notes').first());
        $(element).find('.notes').remove();
        const end = proseOf($(element).find('.endnotes, .end-notes').first());
        $(element).find('.endnotes, .end-notes').remove();
        chapters.push({
          title: efictionChapterTitle(headingText, title, creators),
          blocks: blocksOf($(element)),
          notes: chapterNotes,
          endNotes: end,
        });
      });
    } else {
      const body = chapterBodies.first().length ? chapterBodies.first() : $('body');
      $(
        '#pagetitle, #sort, .jumpmenu, #footer, #header, #menu, .infobox, #output + div.listbox, .listbox',
      ).remove();
      chapters.push({ title: null, blocks: blocksOf(body) });
    }
    const story: RawStory = {
      format: 'html',
      fields,
      title,
      creators,
      summary,
      notes,
      chapters,
      chaptersGiven: chapters.length > 1,
      notices: [],
    };
    // A story page shows one chapter and offers the others in a jump menu.
    const options = $('select[name="chapter"] option, .jumpmenu option, select#jump option');
    if (options.length > 1 && chapters.length === 1) {
      const selected = options.filter('[selected]').first();
      story.partOf = { chapter: selected.length ? options.index(selected) + 1 : 1, of: options.length };
      if (chapters[0] && selected.length)
        chapters[0].title = efictionChapterTitle(text(selected), title, creators);
      story.chaptersGiven = true;
    }
    return story;
  },
};

function efictionChapterTitle(heading: string, workTitle: string | null, creators: string[]): string | null {
  let title = heading.replace(/^\d+\.\s*/, '');
  for (const creator of creators)
    title = title.replace(new RegExp(`\\s+by\\s+${escapeRegExp(creator)}\\s*$`, 'i'), '');
  if (workTitle && title.toLowerCase() === workTitle.toLowerCase()) return null;
  return chapterTitle(title);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// LiveJournal and Dreamwidth entries: the entry body keeps its own header lines for the shared parser.
const LIVEJOURNAL: SiteReader = {
  name: 'a LiveJournal or Dreamwidth entry',
  detect: ($) =>
    $('.entry-content, .entry_text, div.asset-body, .entry-body').length > 0 ||
    $('span.ljuser').length > 0 ||
    /livejournal|dreamwidth/i.test($('meta[property="og:site_name"]').attr('content') ?? ''),
  read($) {
    $(
      '#comments, .comment-thread, .comments, .comment, .entry-interaction-links, .entry-management-links, .tag, .metadata, .entry-tags',
    ).remove();
    const body = $('.entry-content, .entry_text, div.asset-body, .entry-body').first();
    const poster = text($('span.ljuser, .poster .ljuser, .poster').first());
    const subject = text($('.entry-title, h3.entry-header, .subject, .entry-header h3').first());
    const fields: SourceField[] = [];
    if (subject) fields.push(field('entry subject', subject, 'LiveJournal entry'));
    return {
      format: 'html',
      fields,
      creators: poster ? [poster] : undefined,
      chapters: [{ title: null, blocks: blocksOf(body) }],
      chaptersGiven: false,
      notices: [],
    };
  },
};

const CHROME = 'nav, header, footer, aside, menu, [role="navigation"], [role="banner"], [role="contentinfo"]';
const CHROME_NAMES =
  /(?:^|[-_\s])(?:comments?|nav|navigation|menu|sidebar|footer|header|breadcrumbs?|share|social|advert|ads|banner)(?:$|[-_\s])/i;

const GENERIC: SiteReader = {
  name: 'a web page',
  detect: () => true,
  read($) {
    $(CHROME).remove();
    $('[id], [class]').each((_, element) => {
      const names = `${$(element).attr('id') ?? ''} ${$(element).attr('class') ?? ''}`;
      if (CHROME_NAMES.test(names)) $(element).remove();
    });
    const pageTitle = text($('title').first());
    const fields: SourceField[] = pageTitle ? [field('html title', pageTitle, 'HTML <title>')] : [];
    const body = $('body').length ? $('body') : $.root();
    return {
      format: 'html',
      fields,
      chapters: [{ title: null, blocks: blocksOf(body) }],
      chaptersGiven: false,
      notices: [],
    };
  },
};

const SITES: SiteReader[] = [AO3_DOWNLOAD, AO3_PAGE, FFNET, EFICTION, LIVEJOURNAL];

/** Plain text of an HTML fragment, for fields given as HTML (OPF descriptions). */
export function htmlFragmentText(html: string): string {
  return htmlToText(html);
}
