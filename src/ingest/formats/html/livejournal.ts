import type { SourceField } from '../../story.ts';
import { blocksOf, field, type SiteReader, text } from './site-reader.ts';

// LiveJournal and Dreamwidth entries: the entry body keeps its own header lines for the shared parser.
export const LIVEJOURNAL: SiteReader = {
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
