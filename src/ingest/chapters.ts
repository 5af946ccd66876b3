import { matchTitleByAuthor } from './header/title-lines.ts';
import type { Block, RawChapter } from './story.ts';
import { squeezeSpaces } from './text.ts';

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'twenty-one',
  'twenty-two',
  'twenty-three',
  'twenty-four',
  'twenty-five',
  'thirty',
  'forty',
  'fifty',
];
// Compound numbers first: `twenty` alone would match `Twenty-One` and leave `One` as the title.
// Roman numerals only in their valid forms, so `Civil` or `Ill` is no number.
const ROMAN = '(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';
const NUMBER = `(?:\\d{1,4}|(?:twenty|thirty|forty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|${NUMBER_WORDS.join('|')}|${ROMAN})`;
const SEPARATOR = `(\\s*[:.\\-–—|~]+\\s*|\\s+)`;

const NUMBERED_HEADING = new RegExp(
  `^[\\s*_~#=\\[(-]*(?:chapter|chap\\.?|ch\\.?|part|book|section|act)\\s*${NUMBER}\\b(?:\\s*(?:of|/)\\s*${NUMBER}\\b)?(?:${SEPARATOR}(.*?))?[\\s*_~#=\\])-]*$`,
  'i',
);
const NAMED_HEADING =
  /^[\s*_~#=[(-]*(prologue|epilogue|interlude|coda|afterword|foreword|preface)\b(?:\s*[:.\-–—|~]+\s*(.*?))?[\s*_~#=\])-]*$/i;
const BARE_NUMBER = /^[\s*_~#=[(-]*(\d{1,3}|[IVXLC]{1,7})\.?[\s*_~#=\])-]*$/;

/** A line that is a chapter heading, with the title it carries (`Chapter 3: The Title` -> `The Title`). */
export function matchChapterHeading(line: string): { title: string | null; named: string | null } | null {
  const text = line.trim();
  if (text.length === 0 || text.length > 120) return null;
  const numbered = NUMBERED_HEADING.exec(text);
  if (numbered) {
    const separator = numbered[1] ?? '';
    const rest = closeBracket(cleanTitle(numbered[2] ?? ''), text);
    // `Part two of the plan was simple.` is a sentence, not a heading.
    const punctuated = /[:.\-–—|~]/.test(separator);
    if (rest && !punctuated && (/^[a-z]/.test(rest) || /[.!?,;]$/.test(rest) || rest.split(' ').length > 8))
      return null;
    if (rest && rest.split(' ').length > 16) return null;
    return { title: rest || null, named: null };
  }
  const named = NAMED_HEADING.exec(text);
  if (named) {
    const title = closeBracket(cleanTitle(named[2] ?? ''), text);
    if (title && /[.!?,]$/.test(title) && title.split(' ').length > 6) return null;
    const word = named[1] as string;
    return { title: title || null, named: word.charAt(0).toUpperCase() + word.slice(1).toLowerCase() };
  }
  if (BARE_NUMBER.test(text) && !/^[\s*_~#=[(-]*[IVXLC]\.?[\s*_~#=\])-]*$/.test(text.replace(/I/, 'X'))) {
    return { title: null, named: null };
  }
  return null;
}

function cleanTitle(title: string): string {
  return squeezeSpaces(title.replace(/^["“'*_~]+|["”'*_~]+$/g, ''));
}

/** The heading's trailing decoration takes a closing bracket the title opened: `Chapter 3 (revised)`. */
function closeBracket(title: string, heading: string): string {
  if (title.includes('(') && !title.includes(')') && heading.endsWith(')')) return `${title})`;
  if (title.includes('[') && !title.includes(']') && heading.endsWith(']')) return `${title}]`;
  return title;
}

/** Lines that end a chapter of a work in progress. */
const CONTINUATION =
  /^[\s*_~([-]*(?:to be continued|tbc|continued in|continued next|to be cont(?:inued|\.)?|end of (?:chapter|part) \w+|continues in|\.\.\.to be continued)\b.*$/i;
/**
 * Teasers for the next chapter: `Next time...`, `Next chapter: ...`, `More soon!`. Only alone or followed by an
 * ellipsis, a colon or a dash, since `Next time, she would bring a coat.` is story.
 */
const TEASER =
  /^[\s*_~([-]*(?:next time|next chapter|more soon|more to come)(?:[\s.…!~*_)\]-]*$|\s*(?:\.\.\.|…|:|-|–|—)|\s+on\s)/i;
/** Lines that end the work. */
const END_MARKER =
  /^[\s*_~([-]*(?:the end|fin|end|the end\.+|end of story|end of fic|finis|finite|complete|-?fin-?)[\s.!*_~)\]-]*$/i;

export type EndSignal = 'continued' | 'end' | null;

export function matchTrailer(text: string): EndSignal {
  const line = text.trim();
  if (line.length > 80) return null;
  if (END_MARKER.test(line)) return 'end';
  if (CONTINUATION.test(line) || TEASER.test(line)) return 'continued';
  return null;
}

const NOTE_START =
  /^[\s([{]*(?:a\/n|an|a\.n\.|author['’]?s?['’]? ?notes?|authors? notes?|notes?|end notes?|story notes?|ps|p\.s\.)\s*[:.\-–—]\s*/i;

/** A paragraph that is an author's note (`A/N:`, `(AN: ...)`, `[Author's Note: ...]`). */
export function isAuthorNote(text: string): boolean {
  return NOTE_START.test(text);
}

export function stripNoteLabel(text: string): string {
  return text
    .replace(NOTE_START, '')
    .replace(/^[([{]\s*|\s*[)\]}]$/g, '')
    .trim();
}

export interface SplitOptions {
  workTitle: string | null;
  creators: string[];
}

/**
 * Split a body that the format did not divide into chapters. Headings follow FORMATS.md: numbered
 * (`Chapter 3`, `Part Two - Title`, `Chapter III`), named (`Prologue`, `Epilogue`), a `Title by Author` line
 * repeated per chapter (eFiction printable pages), and the entries of a FanFicFare table of contents.
 * Text before the first heading is chapter 1 when it holds story text.
 */
export function splitChapters(blocks: Block[], options: SplitOptions): RawChapter[] {
  const tocTitles = readTableOfContents(blocks);
  const body = tocTitles ? blocks.slice(tocTitles.end) : blocks;
  const headingAt = (block: Block): { title: string | null } | null => {
    if (block.type === 'break') return null;
    const lines = block.text.split('\n');
    const first = lines[0] ?? '';
    if (lines.length > 2) return null;
    const heading = matchChapterHeading(first);
    if (heading) {
      // `Chapter 2` then the title on the next line.
      const second = lines[1]?.trim();
      const title = heading.title ?? (second && second.length < 100 ? cleanTitle(second) : null);
      if (lines.length === 2 && !heading.title && !second) return null;
      if (lines.length === 2 && heading.title) return null;
      return { title: heading.named ? (title ? `${heading.named}: ${title}` : heading.named) : title };
    }
    if (lines.length > 1) return null;
    if (tocTitles?.titles.has(normalizeTitle(first))) return { title: cleanTitle(first) };
    const titleByAuthor =
      options.creators.length > 0 && first.length < 200 ? matchTitleByAuthor(first) : null;
    if (
      titleByAuthor &&
      options.creators.some((creator) => normalizeTitle(creator) === normalizeTitle(titleByAuthor.creator))
    ) {
      const title = titleByAuthor.title;
      const isWorkTitle =
        options.workTitle !== null && normalizeTitle(title) === normalizeTitle(options.workTitle);
      return { title: isWorkTitle ? null : title };
    }
    if (block.type === 'heading' && first.length <= 100 && !/[.!?,;]$/.test(first))
      return { title: cleanTitle(first) };
    return null;
  };

  const chapters: RawChapter[] = [];
  let current: RawChapter = { title: null, blocks: [] };
  let started = false; // a heading has been seen
  for (let i = 0; i < body.length; i++) {
    const block = body[i] as Block;
    const heading = headingAt(block);
    if (heading) {
      if (current.blocks.some((b) => b.type === 'paragraph')) chapters.push(current);
      else if (started || current.blocks.length > 0) {
        // A heading directly after another (`Chapter 2` / `The Title`): keep the first, use the second as title.
        if (started && current.title === null && current.blocks.length === 0 && heading.title) {
          current.title = heading.title;
          continue;
        }
      }
      current = { title: heading.title, blocks: [] };
      started = true;
      continue;
    }
    current.blocks.push(block);
  }
  if (current.blocks.some((b) => b.type === 'paragraph') || chapters.length === 0) chapters.push(current);
  return mergeHeadingOnlyChapters(chapters);
}

/** A chapter title followed by another heading-looking line that was really its title. */
function mergeHeadingOnlyChapters(chapters: RawChapter[]): RawChapter[] {
  return chapters.filter((chapter) => chapter.blocks.length > 0 || chapters.length === 1);
}

function normalizeTitle(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** FanFicFare's `TABLE OF CONTENTS` followed by indented chapter titles. */
function readTableOfContents(blocks: Block[]): { titles: Set<string>; end: number } | null {
  for (let i = 0; i < Math.min(blocks.length, 40); i++) {
    const block = blocks[i] as Block;
    if (block.type === 'break') continue;
    const lines = block.text.split('\n');
    if (!/^\s*(?:table of contents|contents|toc)\s*:?\s*$/i.test(lines[0] ?? '')) continue;
    const titles = new Set<string>();
    let end = i + 1;
    const addLines = (list: string[]) => {
      for (const line of list) if (line.trim()) titles.add(normalizeTitle(line));
    };
    addLines(lines.slice(1));
    // Entries may follow as their own short blocks.
    while (end < blocks.length) {
      const next = blocks[end] as Block;
      if (next.type === 'break') break;
      const nextLines = next.text.split('\n');
      if (
        nextLines.every((line) => line.trim().length > 0 && line.trim().length < 100) &&
        titles.size < 500
      ) {
        const candidate = normalizeTitle(nextLines[0] ?? '');
        // The first chapter's heading repeats the first entry: the contents end there.
        if (titles.has(candidate)) break;
        addLines(nextLines);
        end++;
      } else break;
    }
    if (titles.size === 0) return null;
    // Remove everything before the contents from the split too (the structurer already took the header).
    return { titles, end };
  }
  return null;
}
