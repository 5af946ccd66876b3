import type { ChapterText } from './passages.ts';

/**
 * The names a story uses most: words capitalized in the middle of a sentence, counted, less the words the
 * story also writes in lower case (`Will` and `will`). What share of them a fandom's characters take tells
 * a story of that fandom (nearly every name a pack's) from a story of another that shares a first name or
 * two with it (`Connor`, `Wes` and `Hank` beside a dozen names no pack knows).
 */
export function frequentNames(texts: readonly ChapterText[], limit = 40): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { text } of texts) {
    for (const match of text.matchAll(MID_SENTENCE_CAPITAL)) {
      const name = match[0].replace(/['’]s?$/, '');
      if (name.length < 2 || NOT_NAMES.has(name)) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const ranked = [...counts].filter(([, count]) => count >= 2).sort((a, b) => b[1] - a[1]);
  const names = new Map<string, number>();
  for (const [name, count] of ranked) {
    if (names.size >= limit) break;
    const lower = name.toLowerCase();
    if (texts.some(({ text }) => hasWord(text, lower))) continue;
    names.set(name, count);
  }
  return names;
}

// A capitalized word after a lower-case word or a comma: not the start of a sentence.
const MID_SENTENCE_CAPITAL = /(?<=[\p{Ll},;] )\p{Lu}[\p{Ll}'’-]+/gu;

// Capitalized mid-sentence whatever they name, and never people.
const NOT_NAMES = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Dr',
  'God',
  'Christmas',
  'English',
  'American',
  'British',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);

/** Whether `word` occurs in `text` as a whole word, as written (`indexOf`, not a regular expression per name). */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text.charAt(at - 1) : ' ';
    const after = text.charAt(at + word.length);
    if (!LETTER.test(before) && before !== "'" && before !== '’' && !LETTER.test(after)) return true;
  }
  return false;
}
const LETTER = /\p{L}/u;
