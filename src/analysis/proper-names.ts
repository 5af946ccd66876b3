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
  const lower = ranked.map(([name]) => name.toLowerCase());
  // A pass over the story costs about what FEW_NAMES `indexOf` scans do: fewer names are looked for each alone.
  const written =
    lower.length > FEW_NAMES
      ? wordsWritten(texts, lower)
      : new Set(lower.filter((word) => texts.some(({ text }) => hasWord(text, word))));
  const names = new Map<string, number>();
  for (const [name, count] of ranked) {
    if (names.size >= limit) break;
    if (written.has(name.toLowerCase())) continue;
    names.set(name, count);
  }
  return names;
}

const FEW_NAMES = 6;

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

/**
 * Which of `words` occur in the texts as whole words, as written: not after a letter or an apostrophe, not
 * before a letter. One pass over the texts finds them all at the starts of words, where an `indexOf` scan
 * per word read a long story once per name. Words are looked up by their first two characters;
 * `pairs` flags the ASCII pairs, so most word starts cost one array read.
 */
function wordsWritten(texts: readonly ChapterText[], words: readonly string[]): Set<string> {
  const written = new Set<string>();
  const byPair = new Map<number, string[]>();
  const pairs = new Uint8Array(1 << 14);
  for (const word of new Set(words)) {
    const first = word.charCodeAt(0);
    const second = word.charCodeAt(1);
    // A word that starts with no letter (an astral capital has no lower case) may stand anywhere.
    if (word.length < 2 || !isLetter(first)) {
      if (texts.some(({ text }) => hasWord(text, word))) written.add(word);
      continue;
    }
    const key = first * 0x10000 + second;
    byPair.set(key, [...(byPair.get(key) ?? []), word]);
    if (first < 128 && second < 128) pairs[(first << 7) | second] = 1;
  }
  for (const { text } of texts) {
    let blocked = false; // the character before is a letter or an apostrophe
    for (let at = 0; at + 1 < text.length; at++) {
      const code = text.charCodeAt(at);
      const letter = isLetter(code);
      if (letter && !blocked) {
        const second = text.charCodeAt(at + 1);
        if (code >= 128 || second >= 128 || pairs[(code << 7) | second] === 1) {
          for (const word of byPair.get(code * 0x10000 + second) ?? []) {
            const end = at + word.length;
            if (text.startsWith(word, at) && (end >= text.length || !isLetter(text.charCodeAt(end))))
              written.add(word);
          }
        }
      }
      blocked = letter || code === 39 || code === 0x2019;
    }
  }
  return written;
}

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

/** `LETTER` of each UTF-16 code unit, told once per unit: 1 a letter, 2 not, 0 not yet told. */
const LETTER_UNITS = new Uint8Array(0x10000);

function isLetter(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  let told = LETTER_UNITS[code] as number;
  if (told === 0) {
    told = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
    LETTER_UNITS[code] = told;
  }
  return told === 1;
}
