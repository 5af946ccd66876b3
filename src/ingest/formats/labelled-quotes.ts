import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { nodesToBlocks } from '../html-blocks.ts';
import { squeezeSpaces } from '../text.ts';

/** Plain text of an element with its paragraphs kept apart (summaries, notes). */
export function proseOf(element: Cheerio<AnyNode>): string | null {
  if (element.length === 0) return null;
  const prose = nodesToBlocks(element.contents().toArray())
    .map((block) => (block.type === 'break' ? '* * *' : block.text))
    .join('\n\n')
    .trim();
  return prose || null;
}

/**
 * AO3 writes summaries and notes as a `<p>` label followed by a `<blockquote>` (`<p>Summary</p>`,
 * `<p>Chapter End Notes</p>`), in its downloads and its EPUBs alike. Each pair in `scope`, label lower-cased.
 */
export function labelledQuotes($: CheerioAPI, scope: Cheerio<AnyNode>): { label: string; prose: string }[] {
  const found: { label: string; prose: string }[] = [];
  scope.find('p').each((_, p) => {
    const quote = $(p).next('blockquote');
    const prose = quote.length > 0 ? proseOf(quote) : null;
    if (prose) found.push({ label: squeezeSpaces($(p).text()).toLowerCase(), prose });
  });
  return found;
}

/** A chapter's notes and end notes from the labelled quotes of its meta blocks. */
export function chapterNotes(quotes: { label: string; prose: string }[]): {
  notes: string | null;
  endNotes: string | null;
} {
  const join = (items: { prose: string }[]) => items.map((item) => item.prose).join('\n\n') || null;
  return {
    notes: join(
      quotes.filter((quote) => !quote.label.includes('end notes') && /notes|summary/.test(quote.label)),
    ),
    endNotes: join(quotes.filter((quote) => quote.label.includes('end notes'))),
  };
}
