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
  let count = 0;
  let inWord = false;
  let hasAlnum = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || code === 10 || code === 9 || code === 13 || code === 160 || code === 12;
    if (space) {
      if (inWord && hasAlnum) count++;
      inWord = false;
      hasAlnum = false;
    } else {
      inWord = true;
      if (!hasAlnum && isWordChar(code, text, i)) hasAlnum = true;
    }
  }
  if (inWord && hasAlnum) count++;
  return count;
}

function isWordChar(code: number, text: string, index: number): boolean {
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  if (code < 128) return false;
  return isLetterOrDigitAt(text, index, 1);
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
