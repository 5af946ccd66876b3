import { isBarePairing, keyMatcher, matchAnyKeyLine } from './key-line.ts';
import { isMultiline } from './labels.ts';

// A value continued on the next line is a hard-wrapped header value; a longer line is the story starting.
const CONTINUATION_MAX = 100;

/**
 * How many leading lines of a group of consecutive lines are a header: up to three title or `by` lines, then
 * key lines, keyless pairings and the lines that continue a multi-line value. 0 when the group opens with no
 * key. Plain-text readers use it to keep a header apart from story lines that follow with no blank line.
 */
export function countHeaderLines(lines: readonly string[]): number {
  const titleLines = countTitleLines(lines);
  if (titleLines === null) return 0;
  const firstKey = lines[titleLines];
  const keyOf = keyMatcher(lines);
  if (firstKey === undefined || !matchAnyKeyLine(firstKey) || !keyOf(firstKey)) return 0;
  let open = false;
  let index = titleLines;
  for (; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (!line) continue;
    const key = keyOf(line);
    if (key) {
      open = isMultiline(key.meaning);
      continue;
    }
    if (isBarePairing(line)) {
      open = false;
      continue;
    }
    if (open && line.length <= CONTINUATION_MAX) continue;
    break;
  }
  return index;
}

/** How many lines (up to three) come before the first key; null when one of them reads like a sentence. */
function countTitleLines(lines: readonly string[]): number | null {
  let index = 0;
  // A title or `by` line reads like a name, not a sentence.
  while (index < 3 && index < lines.length && !matchAnyKeyLine(lines[index] as string)) {
    const line = (lines[index] as string).trim();
    if (line.length > 150 || (/[.!?,;:"”]$/.test(line) && !line.endsWith('...'))) return null;
    index++;
  }
  return index;
}
