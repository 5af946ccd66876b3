import type { DraftChapter, Evidence } from '../ingest/story.ts';
import { blocksToPlainText } from '../ingest/text.ts';
import { CUES, type Cue, type CueKind } from './cues.ts';

/** One chapter's plain text, as evidence offsets count it. `number` is 1-based. */
export interface ChapterText {
  number: number;
  text: string;
}

export function chapterTexts(chapters: readonly DraftChapter[]): ChapterText[] {
  return chapters.map((chapter, index) => ({ number: index + 1, text: blocksToPlainText(chapter.blocks) }));
}

export interface CueHit {
  kind: CueKind;
  weight: number;
  chapter: number;
  start: number;
  end: number;
  match: string;
}

// One alternation of every cue, longest patterns first so `fucked her hard` wins over `fucked`.
const ORDERED = [...CUES].sort((a, b) => b.pattern.length - a.pattern.length);
// ASCII word boundaries and no `u` flag: the cues are English words, and this form scans faster than
// Unicode property classes tested at every position.
const COMBINED_SOURCE = `(?<![A-Za-z0-9])(?:${ORDERED.map((cue) => cue.pattern).join('|')})(?![A-Za-z0-9])`;
// The cues are written in lower case; run over lower-cased text, the expression needs no `i` flag, which
// makes it a fifth faster. Text whose lower case is not as long (a few letters outside ASCII) takes `i`.
const COMBINED = new RegExp(COMBINED_SOURCE, 'g');
const COMBINED_ANY_CASE = new RegExp(COMBINED_SOURCE, 'gi');
const ANCHORED: { cue: Cue; regex: RegExp }[] = ORDERED.map((cue) => ({
  cue,
  regex: new RegExp(`^(?:${cue.pattern})$`, 'iu'),
}));
const CLASSIFIED = new Map<string, Cue[]>();

function classify(match: string): Cue[] {
  const key = match.toLowerCase();
  let found = CLASSIFIED.get(key);
  if (!found) {
    found = ANCHORED.filter(({ regex }) => regex.test(match)).map(({ cue }) => cue);
    if (CLASSIFIED.size < 50_000) CLASSIFIED.set(key, found);
  }
  return found;
}

/** Every cue occurrence in the story, in order. */
export function scanCues(chapters: readonly ChapterText[]): CueHit[] {
  const hits: CueHit[] = [];
  for (const chapter of chapters) {
    const text = chapter.text;
    const lower = text.toLowerCase();
    const [scanned, expression] =
      lower.length === text.length ? [lower, COMBINED] : [text, COMBINED_ANY_CASE];
    expression.lastIndex = 0;
    for (let match = expression.exec(scanned); match; match = expression.exec(scanned)) {
      const start = match.index;
      const end = start + match[0].length;
      const original = text.slice(start, end);
      for (const cue of classify(original)) {
        hits.push({
          kind: cue.kind,
          weight: cue.weight,
          chapter: chapter.number,
          start,
          end,
          match: original,
        });
      }
    }
  }
  return hits;
}

/** A quote of at most 200 characters around a span, cut at word boundaries, for evidence. */
export function quoteAround(text: string, start: number, end: number, max = 200): string {
  const span = end - start;
  const room = Math.max(0, max - span);
  let from = Math.max(0, start - Math.floor(room / 2));
  let to = Math.min(text.length, end + (room - (start - from)));
  from = Math.max(0, Math.min(from, to - max));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const quote = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${quote}${to < text.length ? '…' : ''}`.slice(0, max);
}

export function passageEvidence(
  texts: readonly ChapterText[],
  hit: { chapter: number; start: number; end: number },
  cue: string,
): Evidence {
  const text = texts[hit.chapter - 1]?.text ?? '';
  return {
    source: 'text',
    chapter: hit.chapter,
    start: hit.start,
    end: hit.end,
    quote: quoteAround(text, hit.start, hit.end),
    cue,
  };
}
