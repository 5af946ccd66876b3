import type { CheerioAPI } from 'cheerio';
import { readFfnetInfo } from '../../ffnet-info.ts';
import type { RawChapter, RawStory, SourceField } from '../../story.ts';
import { blocksOf, chapterTitle, field, type SiteReader, text } from './site-reader.ts';

// fanfiction.net: #pre_story_links, #profile_top, the grey info line, #storytext, the chapter select.
export const FFNET: SiteReader = {
  name: 'a fanfiction.net page',
  storyPage: true,
  detect: ($) =>
    $('#profile_top').length > 0 || ($('#storytext').length > 0 && $('span.xgray, .xgray').length > 0),
  read($) {
    const top = $('#profile_top');
    const title = text(top.find('b.xcontrast_txt').first()) || null;
    const author = text(top.find('a[href^="/u/"]').first());
    const summary = text(top.find('div.xcontrast_txt').first()) || null;
    const infoLine = top.find('span.xgray').first().length
      ? top.find('span.xgray').first()
      : $('span.xgray').first();
    // The page shows recent dates as `23h ago` or `Dec 3` (no year); each date's span carries its Unix time.
    infoLine.find('span[data-xutime]').each((_, span) => {
      const date = unixDate($(span).attr('data-xutime'));
      if (date) $(span).text(date);
    });
    const info = text(infoLine);
    const fields = [...readFandoms($), ...readFfnetInfo(info)];
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
    // A page shows one chapter; the chapter select says which, of how many.
    const select = $('select#chap_select').first();
    const options = select.find('option');
    if (options.length > 1) {
      const selected = select.find('option[selected]').first();
      const number = Number(selected.attr('value') ?? '1') || options.index(selected) + 1;
      story.partOf = { chapter: number, of: options.length };
      const title = text(selected).replace(/^\d+\.\s*/, '');
      if (chapters[0]) chapters[0].title = chapterTitle(title);
      return story;
    }
    // A page saved without its select: the info line's `Chapters: 12` and the page title's `Chapter 3`.
    const count = Number(fields.find((item) => item.label === 'Chapters')?.value.replace(/,/g, '') ?? '1');
    if (count > 1) {
      const shown = /\bChapter (\d+)\b/.exec(text($('title').first()));
      story.partOf = { chapter: shown ? Number(shown[1]) : 1, of: count };
    }
    return story;
  },
};

/** A `data-xutime` value (seconds since 1970) as `YYYY-MM-DD`, or null when it is not one. */
function unixDate(value: string | undefined): string | null {
  if (!value || !/^\d{9,10}$/.test(value.trim())) return null;
  return new Date(Number(value) * 1000).toISOString().slice(0, 10);
}

const ORIGIN = 'fanfiction.net category links';

/**
 * The fandom from the category links above the story (`Books > Harry Potter`, `Crossover > A + B Crossover`),
 * or else from the page title (`..., a Harry Potter fanfic | FanFiction`), kept as written.
 */
function readFandoms($: CheerioAPI): SourceField[] {
  const links = $('#pre_story_links a');
  const category = links.length > 1 ? text(links.last()) : '';
  const named = category || /, an? (.+?) (?:fanfic|crossover)\b/i.exec(text($('title').first()))?.[1] || '';
  if (!named) return [];
  const crossover = /^(.+?)\s+\+\s+(.+?)(?:\s+Crossover)?$/i.exec(named);
  const fandoms = crossover ? [crossover[1] as string, crossover[2] as string] : [named];
  return [field('Fandom', fandoms.join(', '), category ? ORIGIN : 'fanfiction.net page title', fandoms)];
}
