/** eFiction's pages: story pages (one chapter and a jump menu) and printable pages (every chapter). */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { RawChapter, RawStory, SourceField } from '../../story.ts';
import { squeezeSpaces } from '../../text.ts';
import { proseOf } from '../labelled-quotes.ts';
import { blocksOf, chapterTitle, field, type SiteReader, text } from './site-reader.ts';

export const EFICTION: SiteReader = {
  name: 'an eFiction page',
  detect: ($) =>
    $('#pagetitle').length > 0 ||
    $('span.label').length >= 2 ||
    $('a[href*="viewstory.php"]').length > 0 ||
    /eFiction/i.test($('meta[name="generator"]').attr('content') ?? ''),
  read($) {
    let title: string | null = null;
    const creators: string[] = [];
    const pageTitle = $('#pagetitle').first();
    if (pageTitle.length) {
      const links = pageTitle.find('a');
      title = text(links.first()) || null;
      if (links.length > 1) creators.push(text(links.eq(1)));
    }
    const { fields, summary, notes } = readInfoBox($);
    const chapters = readChapters($, title, creators);
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

interface InfoBox {
  fields: SourceField[];
  summary: string | null;
  notes: string | null;
}

/** The info box's `<span class="label">Rating:</span> value<br>` pairs, and the story notes. */
function readInfoBox($: CheerioAPI): InfoBox {
  const origin = 'eFiction info box';
  const box: InfoBox = { fields: [], summary: null, notes: null };
  $('span.label').each((_, span) => {
    const label = text($(span)).replace(/:$/, '');
    // The value runs from after the label to the next label or line break.
    const parts: string[] = [];
    // Each linked value is one item: a category's name may itself hold commas.
    const linked: string[] = [];
    let node = span.nextSibling;
    while (node && !(node.type === 'tag' && ((node as Element).name === 'br' || $(node).is('span.label')))) {
      parts.push($(node).text());
      if (node.type === 'tag' && (node as Element).name === 'a') linked.push(squeezeSpaces($(node).text()));
      node = node.nextSibling;
    }
    const value = squeezeSpaces(parts.join(' ')).replace(/\s+,/g, ',');
    if (!label) return;
    if (/^summary$/i.test(label)) box.summary = value || box.summary;
    else if (/^story notes$/i.test(label)) box.notes = value || box.notes;
    else if (value) {
      // Linked values are the items only when the links hold all of the text but the commas between them.
      const unlinked = linked.reduce((rest, item) => rest.replace(item, ''), value);
      const items = linked.filter(Boolean);
      box.fields.push(
        field(label, value, origin, items.length > 0 && /^[\s,;]*$/.test(unlinked) ? items : undefined),
      );
    }
  });
  const storyNotes = $('#notes, .notes').first();
  if (!box.notes && storyNotes.length) box.notes = proseOf(storyNotes);
  return box;
}

/** A printable page's chapters, each with its heading and notes taken out of its text; else the one body. */
function readChapters($: CheerioAPI, title: string | null, creators: string[]): RawChapter[] {
  const chapterBodies = $('div.chapter, div#story');
  const printable =
    $('div.chapter').length > 1 || ($('div.chapter').length === 1 && $('div#story').length === 0);
  if (!printable) {
    const body = chapterBodies.first().length ? chapterBodies.first() : $('body');
    $(
      '#pagetitle, #sort, .jumpmenu, #footer, #header, #menu, .infobox, #output + div.listbox, .listbox',
    ).remove();
    return [{ title: null, blocks: blocksOf(body) }];
  }
  return $('div.chapter')
    .toArray()
    .map((node) => {
      const element = $(node);
      const heading = element.find('.chaptertitle, h2, h3').first();
      const headingText = text(heading);
      heading.remove();
      const notes = proseOf(element.find('.notes').first());
      element.find('.notes').remove();
      const endNotes = proseOf(element.find('.endnotes, .end-notes').first());
      element.find('.endnotes, .end-notes').remove();
      return {
        title: efictionChapterTitle(headingText, title, creators),
        blocks: blocksOf(element),
        notes,
        endNotes,
      };
    });
}

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
