import { readFfnetInfo } from '../../ffnet-info.ts';
import type { RawChapter, RawStory } from '../../story.ts';
import { blocksOf, chapterTitle, type SiteReader, text } from './site-reader.ts';

// fanfiction.net: #profile_top, the grey info line, #storytext, the chapter select.
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
    // A page shows one chapter; the chapter select says which, of how many.
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
