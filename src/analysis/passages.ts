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

/**
 * Every cue, longest patterns first, the order they are tried in: `fucked her hard` wins over `fucked`. A
 * pattern is as long as the text it can take: its lookarounds take none, so a bare word with a long list of
 * exceptions (`blood(?! (?:type|pressure|…))`) still comes after `blood everywhere`.
 */
export const CUES_LONGEST_FIRST: readonly Cue[] = [...CUES].sort(
  (a, b) => withoutLookarounds(b.pattern).length - withoutLookarounds(a.pattern).length,
);

/** A pattern's source without its lookaround groups. */
export function withoutLookarounds(pattern: string): string {
  let kept = '';
  let depth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '\\') {
      if (depth === 0) kept += pattern.slice(index, index + 2);
      index++;
    } else if (depth > 0) {
      if (char === '(') depth++;
      else if (char === ')') depth--;
    } else if (/^\(\?<?[=!]/.test(pattern.slice(index, index + 4))) depth = 1;
    else kept += char;
  }
  return kept;
}
const SCANNER = new CueScanner(CUES_LONGEST_FIRST.map((cue) => cue.pattern));
/**
 * A cue with a lookaround (`come(?=[.,])`, `cocks?(?! his head)`) is decided by the text around its match,
 * which a match tested alone cannot show: at the end of the bare match a look ahead sees nothing, so a
 * required following context never holds and an excluded one always passes. Such a cue is tested where the
 * match stands; the bare test stays as a quick first sieve for the cues whose lookarounds only exclude.
 */
const LOOKAROUND = /\(\?<?[=!]/;
const REQUIRES_CONTEXT = /\(\?<?=/;
const ANCHORED: { cue: Cue; regex: RegExp; inContext: RegExp | null; sieve: boolean }[] =
  CUES_LONGEST_FIRST.map((cue) => ({
    cue,
    regex: new RegExp(`^(?:${cue.pattern})$`, 'iu'),
    // Ended as the scanner ends a match, so that a longer way through the pattern is tried the same way.
    inContext: LOOKAROUND.test(cue.pattern) ? new RegExp(`(?:${cue.pattern})(?![A-Za-z0-9])`, 'iuy') : null,
    sieve: !REQUIRES_CONTEXT.test(cue.pattern),
  }));
const NEEDS_FOLLOWING = ANCHORED.map((entry, index) => ({ ...entry, index })).filter((entry) => !entry.sieve);
const CLASSIFIED = new Map<string, number[]>();

/** The cues whose bare test the match passes: every cue it can be, before the context is looked at. */
function classify(match: string): number[] {
  const key = match.toLowerCase();
  let found = CLASSIFIED.get(key);
  if (!found) {
    found = [];
    ANCHORED.forEach(({ regex, sieve }, index) => {
      if (sieve && regex.test(match)) (found as number[]).push(index);
    });
    if (CLASSIFIED.size < 50_000) CLASSIFIED.set(key, found);
  }
  return found;
}

/** Whether the cue's pattern matches exactly `start` to `end` of the text, with the text around it. */
function matchesInContext(regex: RegExp, text: string, start: number, end: number): boolean {
  regex.lastIndex = start;
  return regex.exec(text) !== null && regex.lastIndex === end;
}

/** The cues a match found at `start` in `text` is, in the order they are tried. */
function cuesAt(text: string, start: number, end: number): Cue[] {
  const indexes = classify(text.slice(start, end)).filter((index) => {
    const inContext = (ANCHORED[index] as (typeof ANCHORED)[number]).inContext;
    return inContext === null || matchesInContext(inContext, text, start, end);
  });
  for (const { inContext, index } of NEEDS_FOLLOWING)
    if (inContext && matchesInContext(inContext, text, start, end)) indexes.push(index);
  if (indexes.length > 1) indexes.sort((a, b) => a - b);
  return indexes.map((index) => (ANCHORED[index] as (typeof ANCHORED)[number]).cue);
}

/** Every cue occurrence in the story, in order. */
export function scanCues(chapters: readonly ChapterText[]): CueHit[] {
  const hits: CueHit[] = [];
  for (const chapter of chapters) {
    const text = chapter.text;
    const record = (start: number, end: number) => {
      const original = text.slice(start, end);
      for (const cue of cuesAt(text, start, end)) {
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
