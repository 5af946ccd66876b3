/** A title and author written without keys: `Title by Author`, `Title` then `by Author`, a title line. */
import type { Block, SourceField } from '../story.ts';
import { squeezeSpaces } from '../text.ts';
import { matchKeyLine } from './key-line.ts';

const TITLE_BY_AUTHOR = /^\s*(.{1,150}?)\s+by\s+([^.!?]{1,80})\s*$/i;
const BY_LINE = /^by:?\s+(.{1,80})$/i;
// A title has no closing punctuation a sentence would end with.
const ENDS_LIKE_A_SENTENCE = /[.!?,;:"”]$/;

/** `Title by Author` alone on a line. The title must not read like a sentence. */
export function matchTitleByAuthor(line: string): { title: string; creator: string } | null {
  const match = TITLE_BY_AUTHOR.exec(line);
  if (!match) return null;
  const title = squeezeSpaces(match[1] ?? '').replace(/^["“]|["”]$/g, '');
  const creator = squeezeSpaces(match[2] ?? '');
  if (!title || !creator || creator.split(' ').length > 6) return null;
  // A title may ask or exclaim (`What Now?`, `Run!`); a full stop or a comma ends a sentence instead.
  if (/[.,]$/.test(title) && !/\.\.\.$/.test(title)) return null;
  // A sentence such as "She was hit by a car" has lower-case function words near the start and a lower-case creator.
  if (/^[a-z]/.test(creator) && !/^[a-z0-9_]+$/i.test(creator.replace(/[ .-]/g, ''))) return null;
  if (/^(?:the|a|an|her|his|their|my|our|your|its)$/i.test(creator.split(' ')[0] ?? '')) return null;
  // `Stand by Me`, `Written by You`: a pronoun is no author.
  if (/^(?:me|you|him|her|us|them|it|myself|yourself)$/i.test(creator)) return null;
  return { title, creator };
}

/**
 * Lines that give a title and author without keys: `Title by Author`, or `Title` followed by `by Author`
 * (FanFicFare's text output). A lone line is a title only when the next line names the author or opens the
 * header's keys. Once a title is known, only a `by Author` line is read.
 */
export function readTitleLines(
  lines: readonly string[],
  sawTitle: boolean,
  firstLine: number,
  nextBlock?: Block,
): SourceField[] | null {
  if (sawTitle) return lines.length === 1 ? readByLine(lines[0]?.trim() ?? '', firstLine) : null;
  const nonEmpty = lines.map((line) => line.trim()).filter(Boolean);
  if (nonEmpty.length === 1) return readOneLine(nonEmpty[0] as string, firstLine, nextBlock);
  if (nonEmpty.length === 2) return readTitleThenBy(nonEmpty[0] as string, nonEmpty[1] as string, firstLine);
  return null;
}

/**
 * The lines of a block above its first key: title lines as `readTitleLines` reads them, or one short line,
 * which is the title. Null when they are story text.
 */
export function readTitleAboveKeys(
  before: readonly string[],
  sawTitle: boolean,
  firstLine: number,
): SourceField[] | null {
  const titleLines = readTitleLines(before, sawTitle, firstLine);
  if (titleLines) return titleLines;
  const line = before[0] as string;
  if (before.length !== 1 || sawTitle || line.length > 100 || ENDS_LIKE_A_SENTENCE.test(line)) return null;
  return [{ label: 'Title', value: squeezeSpaces(line), origin: `header line ${firstLine}` }];
}

function readByLine(line: string, firstLine: number): SourceField[] | null {
  const byLine = BY_LINE.exec(line);
  return byLine
    ? [{ label: 'by', value: squeezeSpaces(byLine[1] ?? ''), origin: `header line ${firstLine}` }]
    : null;
}

function readOneLine(line: string, firstLine: number, nextBlock?: Block): SourceField[] | null {
  const titleByAuthor = matchTitleByAuthor(line);
  if (titleByAuthor) {
    const origin = `header line ${firstLine} (Title by Author)`;
    return [
      { label: 'Title', value: titleByAuthor.title, origin },
      { label: 'Author', value: titleByAuthor.creator, origin },
    ];
  }
  const next = nextBlock?.type === 'paragraph' || nextBlock?.type === 'heading' ? nextBlock.text.trim() : '';
  // A short line straight before a block of header keys is the title (`Corner Office` then `Rated: ...`).
  const firstNext = next.split('\n')[0] ?? '';
  if (
    line.length <= 100 &&
    !ENDS_LIKE_A_SENTENCE.test(line) &&
    matchKeyLine(firstNext) &&
    !/^by:?\s/i.test(firstNext)
  ) {
    return [{ label: 'Title', value: squeezeSpaces(line), origin: `header line ${firstLine}` }];
  }
  const byNext = BY_LINE.exec(next);
  if (!byNext || line.length > 150) return null;
  return [
    { label: 'Title', value: squeezeSpaces(line), origin: `header line ${firstLine}` },
    {
      label: 'by',
      value: squeezeSpaces(byNext[1] ?? ''),
      origin: `header line ${firstLine + 1} (next line)`,
    },
  ];
}

function readTitleThenBy(title: string, by: string, firstLine: number): SourceField[] | null {
  const byLine = BY_LINE.exec(by);
  if (!byLine || title.length > 150 || /[.,]$/.test(title)) return null;
  return [
    { label: 'Title', value: squeezeSpaces(title), origin: `header line ${firstLine}` },
    { label: 'by', value: squeezeSpaces(byLine[1] ?? ''), origin: `header line ${firstLine + 1}` },
  ];
}
