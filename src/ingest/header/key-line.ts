/** The key lines of a story header: `Key: value` in the forms files write it, and keys with no colon. */
import { squeezeSpaces } from '../text.ts';
import { type FieldMeaning, LOOSE_LABELS, meaningOfLabel, normalizeLabel } from './labels.ts';

export interface KeyLine {
  label: string;
  meaning: FieldMeaning;
  value: string;
}

/** A pairing written alone on a header line, with no key: `Willow x Spike`, `Spike/Buffy`. */
const BARE_PAIRING =
  /^[\p{Lu}][\p{L}.'-]*(?: [\p{Lu}][\p{L}.'-]*)?\s*(?:\/|\s[x×]\s|&)\s*[\p{Lu}][\p{L}.'-]*(?: [\p{Lu}][\p{L}.'-]*)?$/u;

export function isBarePairing(line: string): boolean {
  return BARE_PAIRING.test(line);
}

const KEY_LINE = /^[\s*_~#>]*([A-Za-z][A-Za-z0-9'’ ()/&.-]{0,32}?)[\s*_~]*[:：][\s*_~]*(.*)$/;
const BOLD_KEY = /^\s*(?:\*\*|__)([A-Za-z][A-Za-z0-9'’ ()/&.-]{0,32}?)(?:\*\*|__)\s*(?:[-–—]\s*)?(.+)$/;
const DASH_KEY = /^\s*([A-Za-z][A-Za-z'’ ]{0,20}?)\s+[-–—]\s+(.+)$/;

/** A `Key: value` line in any of the forms headers use, when the key is one a header would hold. */
export function matchKeyLine(line: string): KeyLine | null {
  const match = KEY_LINE.exec(line) ?? BOLD_KEY.exec(line) ?? DASH_KEY.exec(line);
  if (!match) return null;
  const label = squeezeSpaces(match[1] ?? '');
  const meaning = meaningOfLabel(label);
  if (!meaning) return null;
  const value = squeezeSpaces((match[2] ?? '').replace(/^[*_~]+|[*_~]+$/g, ''));
  // `By the time she arrived: ...` is a sentence, not a key; keys are short and the colon follows them closely.
  if (label.split(' ').length > 4) return null;
  return { label, meaning, value };
}

const LOOSE_FIRST_WORDS = new Set([...LOOSE_LABELS].map((label) => label.split(' ')[0] as string));
const FIRST_WORD = /^[A-Z][A-Za-z]*/;
const LOOSE_WORD = /^([A-Za-z][A-Za-z'’()]*)[ \t]+(\S.*)$/;
const LEADING_DECORATION = /^[\s*_~#>]+/;

/**
 * A header line with no colon: a label from a short list, capitalized, then white space and the value. Only
 * trusted inside a block that holds at least two of them.
 */
export function matchLooseKeyLine(line: string): KeyLine | null {
  if (line.length > 300) return null;
  const text = line.replace(LEADING_DECORATION, '');
  // Most lines are story: a set lookup on the first word turns them away before any other work.
  const firstWord = FIRST_WORD.exec(text)?.[0];
  if (!firstWord || !LOOSE_FIRST_WORDS.has(firstWord.toLowerCase())) return null;
  const first = LOOSE_WORD.exec(text);
  if (!first) return null;
  const second = LOOSE_WORD.exec(first[2] as string);
  return (
    (second ? looseKey(`${first[1]} ${second[1]}`, second[2] as string) : null) ??
    looseKey(first[1] as string, first[2] as string)
  );
}

function looseKey(label: string, value: string): KeyLine | null {
  const meaning = LOOSE_LABELS.has(normalizeLabel(label)) ? meaningOfLabel(label) : null;
  return meaning ? { label, meaning, value: squeezeSpaces(value) } : null;
}

/** Keys without colons count in a block only when at least two lines of it are such keys. */
function allowsLooseKeys(lines: readonly string[]): boolean {
  let loose = 0;
  for (let i = 0; i < lines.length && i < 40; i++) {
    const line = lines[i] as string;
    if (matchLooseKeyLine(line) && !matchKeyLine(line) && ++loose >= 2) return true;
  }
  return false;
}

/** A key line with or without its colon. */
export const matchAnyKeyLine = (line: string): KeyLine | null =>
  matchKeyLine(line) ?? matchLooseKeyLine(line);

/** How to read the key lines of a block: with keys lacking a colon when the block holds two of them. */
export function keyMatcher(lines: readonly string[]): (line: string) => KeyLine | null {
  return allowsLooseKeys(lines) ? matchAnyKeyLine : matchKeyLine;
}
