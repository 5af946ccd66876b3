import type { CheerioAPI } from 'cheerio';
import { AppError } from '../../../errors.ts';
import { decodeText } from '../../encoding.ts';
import { loadHtml } from '../../html-parse.ts';
import { CHAPTER_HREF, measurePage, notAStoryReason } from '../../page-shape.ts';
import type { StoryFormat } from '../format.ts';
import { AO3_DOWNLOAD, AO3_PAGE } from './ao3.ts';
import { EFICTION } from './efiction.ts';
import { FFNET } from './ffnet.ts';
import { GENERIC } from './generic.ts';
import { LIVEJOURNAL } from './livejournal.ts';
import type { SiteReader } from './site-reader.ts';

// The first whose markup matches reads the page; the generic reader takes any other.
const SITES: SiteReader[] = [AO3_DOWNLOAD, AO3_PAGE, FFNET, EFICTION, LIVEJOURNAL];

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
    // Read before the buttons go: fanfiction.net's `Next >` is a button.
    const nextChapterLink = linksToNextChapter($);
    $(
      'script, style, noscript, iframe, object, embed, form, button, select:not(#chap_select), input, textarea, svg, canvas',
    ).remove();
    const reader = SITES.find((site) => site.detect($)) ?? GENERIC;
    // AO3's and fanfiction.net's markup is only found on their story pages; any other page is measured.
    if (!reader.storyPage) {
      const body = $('body').get(0) ?? $.root().get(0);
      const reason = body && notAStoryReason(measurePage(body, $('title').first().text()));
      if (reason) throw new AppError('NOT_A_STORY', `not a story: ${fileName} ${reason}.`);
    }
    const story = reader.read($, fileName);
    if (nextChapterLink) story.nextChapterLink = true;
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

const NEXT_CHAPTER = /^(?:next chapter|next part)\b|^next\s*(?:>|»|›|→)+$/i;

/** A `Next Chapter` link, or a bare `Next >` that leads to a chapter's address. */
function linksToNextChapter($: CheerioAPI): boolean {
  return $('a, button')
    .toArray()
    .some((element) => {
      const label = $(element).text().replace(/\s+/g, ' ').trim();
      if (!NEXT_CHAPTER.test(label)) return false;
      if (/chapter|part/i.test(label)) return true;
      const target = `${$(element).attr('href') ?? ''} ${$(element).attr('onclick') ?? ''}`;
      return CHAPTER_HREF.test(target);
    });
}
