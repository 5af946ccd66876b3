import type { ChapterText } from './passages.ts';
import type { ReviewNote } from './suggestion.ts';

/**
 * How much of a story the analysis reads: about a million words. The analysis keeps every character
 * mention it finds, so its memory grows with the text; this keeps the worst story file within the memory
 * budget of reading one file (256 MB, test/hostile-files.test.ts), and is more than any story needs for its
 * characters, pairings, rating and warnings to show. Longer stories are analysed on their beginning, and say so.
 */
export const ANALYSED_CHARACTERS = 6 * 1024 * 1024;

export interface AnalysisWindow {
  /** Every chapter, numbered as before; past the window a chapter's text is cut or empty. */
  texts: readonly ChapterText[];
  /** A note for the person reviewing the tags when the story was longer than the window. */
  note: ReviewNote | null;
}

/** The chapters' texts as far as the analysis reads them: whole up to the window, then cut at a paragraph. */
export function analysisWindow(
  texts: readonly ChapterText[],
  limit: number = ANALYSED_CHARACTERS,
): AnalysisWindow {
  const total = texts.reduce((sum, chapter) => sum + chapter.text.length, 0);
  if (total <= limit) return { texts, note: null };
  let left = limit;
  let lastRead = 0;
  const windowed = texts.map((chapter) => {
    if (left <= 0) return { number: chapter.number, text: '' };
    let text = chapter.text;
    if (text.length > left) text = text.slice(0, cutPoint(text, left));
    left -= chapter.text.length;
    lastRead = chapter.number;
    return { number: chapter.number, text };
  });
  const percent = Math.round((limit / total) * 100);
  return {
    texts: windowed,
    note: {
      field: 'analysis',
      message: `This story is longer than the analysis reads: the suggestions come from its first ${percent}% (to chapter ${lastRead} of ${texts.length}); tags for what happens later are the author's to add.`,
      evidence: [],
    },
  };
}

/** The end of the last whole paragraph before `limit`, else of the last whole word, else `limit` itself. */
function cutPoint(text: string, limit: number): number {
  const paragraph = text.lastIndexOf('\n\n', limit);
  if (paragraph > 0) return paragraph;
  const space = text.lastIndexOf(' ', limit);
  return space > 0 ? space : limit;
}
