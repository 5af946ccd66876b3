import type { DraftChapter, Evidence } from '../ingest/story.ts';
import { blocksToPlainText } from '../ingest/text.ts';
import { CueScanner } from './cue-scanner.ts';
import type { Cue, CueKind } from './cues/cue.ts';
import { CUES } from './cues.ts';

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

/** Every cue, longest patterns first, the order they are tried in: `fucked her hard` wins over `fucked`. */
export const CUES_LONGEST_FIRST: readonly Cue[] = [...CUES].sort(
  (a, b) => b.pattern.length - a.pattern.length,
);
const SCANNER = new CueScanner(CUES_LONGEST_FIRST.map((cue) => cue.pattern));
const ANCHORED: { cue: Cue; regex: RegExp }[] = CUES_LONGEST_FIRST.map((cue) => ({
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
    const record = (start: number, end: number) => {
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
    };
    // The cues are lower case, and so is the text they scan; text whose lower case is not as long (a few
    // letters outside ASCII) keeps its offsets by a case-blind scan of the text as it is.
    const lower = text.toLowerCase();
    if (lower.length === text.length) SCANNER.scan(lower, record);
    else SCANNER.scanWithAlternation(text, record, 'i');
  }
  return hits;
}

/** Runs of white space to write as one space: only those that change (not a single space), so most quotes are not rebuilt. */
const SPACE_TO_SQUEEZE = /\s{2,}|[^\S ]/g;

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
  const quote = text.slice(from, to).replace(SPACE_TO_SQUEEZE, ' ').trim();
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
