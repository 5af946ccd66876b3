/** Small text rules shared by every reader and the structurer. */
import type { Block } from './story.ts';

/**
 * A scene break is a line made only of symbols, or a few letters repeated (`***`, `* * *`, `~`, `-x-`, `oOo`,
 * `xXx`, `###`, `___`, `----`, `=====`). Symbols around words (`~"Like this."~`) are a flashback, not a break.
 */
export function isSceneBreak(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 40) return false;
  // Only punctuation, symbols and spaces.
  if (/^[\p{P}\p{S}\s]+$/u.test(trimmed)) return true;
  // Ornaments built from o/O/x/X with optional symbols around them: oOo, xXx, -x-, ~o~, XxXxX, OoOoO.
  const letters = trimmed.replace(/[\p{P}\p{S}\s]/gu, '');
  if (letters.length === 0 || letters.length > 12) return false;
  if (/^[oO0]+$/.test(letters) && letters.length >= 3 && /[oO]/.test(letters) && /[a-z]/.test(letters))
    return true;
  if (/^[xX]+$/.test(letters) && (letters.length >= 3 || letters.length < trimmed.length)) return true;
  if (/^[oO]$/.test(letters) && letters.length < trimmed.length) return true;
  return false;
}

/** Words as a reader counts them: split on white space, ignore tokens with no letter or digit. */
export function countWords(text: string): number {
  // Without branches on the character (spaces come every few letters, which no processor predicts): a word
  // ends at each space, and counts if it held a letter or digit.
  let count = 0;
  let inWord = 0;
  let hasAlnum = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind =
      code < 256
        ? (LATIN1_KIND[code] as number)
        : isLetterOrDigitAt(text, i, pairSize(text, i, code))
          ? ALNUM
          : OTHER;
    const space = kind >> 1;
    count += space & inWord & hasAlnum;
    inWord = space ^ 1;
    hasAlnum = (hasAlnum | (kind & ALNUM)) & inWord;
  }
  return count + (inWord & hasAlnum);
}

const OTHER = 0;
const ALNUM = 1;
const SPACE = 2;
/** What ends a word (space, line break, tab, no-break space, form feed), letters and digits, and the rest. */
const LATIN1_KIND = new Uint8Array(256);
for (let code = 0; code < 256; code++) {
  const char = String.fromCharCode(code);
  LATIN1_KIND[code] = [32, 10, 9, 13, 160, 12].includes(code)
    ? SPACE
    : /^[\p{L}\p{N}]$/u.test(char)
      ? ALNUM
      : OTHER;
}

/** 2 for a surrogate pair (one code point in two code units) at `index`, else 1. */
export function pairSize(text: string, index: number, code: number): number {
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** What `LETTER_OR_DIGIT` said of each character of the Basic Multilingual Plane: 0 not asked yet, 1 yes, 2 no. */
const BMP_CLASS = new Uint8Array(0x10000);

/**
 * Whether the character at `index`, `size` code units long (2 for a surrogate pair), is a letter or digit
 * (`[\p{L}\p{N}]`). Characters of the Basic Multilingual Plane are looked up in a table filled as they are
 * met: a curly quote or a dash asked about costs no one-character string.
 */
export function isLetterOrDigitAt(text: string, index: number, size: number): boolean {
  if (size === 1) {
    const code = text.charCodeAt(index);
    let known = BMP_CLASS[code] as number;
    if (known === 0) {
      known = LETTER_OR_DIGIT.test(text[index] as string) ? 1 : 2;
      BMP_CLASS[code] = known;
    }
    return known === 1;
  }
  return LETTER_OR_DIGIT.test(text.slice(index, index + size));
}

/** Collapse runs of white space inside a line and trim it. */
export function squeezeSpaces(text: string): string {
  // Most lines have nothing to squeeze: checking first avoids rebuilding every string.
  return UNUSUAL_SPACE.test(text) ? text.replace(SPACE_RUN, ' ').trim() : text.trim();
}
const UNUSUAL_SPACE = /[\t\u00a0\u2000-\u200b\u3000]| {2}/;
const SPACE_RUN = /[ \t\u00a0\u2000-\u200b\u3000]+/g;

const NEEDS_ESCAPE = /[&<>"]/;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escape plain text for use as inline HTML in a `Block` (the only place text becomes HTML by hand). */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c) : text;
}

/** The marker a scene break becomes in plain text. */
export const SCENE_BREAK_TEXT = '* * *';

/**
 * A chapter's story text as plain text: paragraphs and headings separated by blank lines, scene breaks as
 * `* * *`. Evidence offsets, search and plain-text downloads all count in this text.
 */
export function blocksToPlainText(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) parts.push(block.type === 'break' ? SCENE_BREAK_TEXT : block.text);
  return parts.join('\n\n');
}
