import { hashWord, type Words } from './words.ts';

/*
 * What the text around a name says about the mention: at a sentence's start, in quoted speech, addressing
 * someone, after an honorific, followed by a verb.
 */

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'doctor',
  'professor',
  'prof',
  'mister',
  'madam',
  'madame',
  'lady',
  'lord',
  'sir',
  'detective',
  'inspector',
  'di',
  'sergeant',
  'captain',
  'agent',
  'father',
  'uncle',
  'aunt',
  'auntie',
  'headmaster',
  'headmistress',
]);

/** The honorifics' word hashes: most words before a name are none, and are told so without a string. */
const HONORIFIC_HASHES = new Set([...HONORIFICS].map(hashWord));

/** The word before word `index` is an honorific right before it (`Mr. Giles`, `Miss Summers`). */
export function followsHonorific(words: Words, index: number): boolean {
  return (
    index > 0 &&
    (words.starts[index] as number) - (words.ends[index - 1] as number) <= 2 &&
    HONORIFIC_HASHES.has(words.hashes[index - 1] as number) &&
    HONORIFICS.has(words.lower(index - 1))
  );
}

export function isSentenceInitial(text: string, start: number, hasPrevious: boolean): boolean {
  let i = start - 1;
  while (
    i >= 0 &&
    (text[i] === ' ' ||
      text[i] === '"' ||
      text[i] === '“' ||
      text[i] === "'" ||
      text[i] === '‘' ||
      text[i] === '(' ||
      text[i] === '*' ||
      text[i] === '_')
  ) {
    i--;
  }
  if (i < 0) return true;
  const ch = text[i] as string;
  if (
    ch === '\n' ||
    ch === '.' ||
    ch === '!' ||
    ch === '?' ||
    ch === '…' ||
    ch === ':' ||
    (ch === '—' && !hasPrevious)
  )
    return true;
  return false;
}

/** False only for a character that is surely not white space (`\s`): what ACTING must start with. */
function mayBeSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code > 127;
}

// A verb right after a name in narration (`Willow found`, `Ron and Percy dug`, `George didn't`).
const ACTING_VERBS =
  'said|was|had|is|did|could|would|can|will|stood|sat|ran|went|came|took|made|found|knew|thought|felt|saw|told|got|kept|held|let|put|left|brought|began|fell|stayed|read|led|fought|caught|wrote|drew|threw|shook|woke|swore|spoke|sang|lay|hid|bit|hit|cut|shut|slid|spun|stuck|struck|swept|wept|won|wore|dug|knelt|hung|sent|built|grew|flew|drove|rode|rose|broke|chose|froze|stole|wound|gave|ate|drank|sank|swam|rang|bent|lent|meant|slept|crept|leapt|lit|met|paid|sold|taught|bought|sought|understood|forgot|forgave|tore|just|never|only|still';
const ACTING = new RegExp(
  `^(?:\\s+and\\s+\\p{Lu}[\\p{L}'-]+)?\\s+(?:[a-z]+ed|[a-z]{2,}s|(?:did|was|were|had|could|would|should|is|does|has)n['’]t|${ACTING_VERBS})\\b`,
  'u',
);

/** In narration, a verb follows the name that ends at `end`: the character is on the page. */
export function namesActor(text: string, end: number): boolean {
  return mayBeSpace(text.charCodeAt(end)) && ACTING.test(text.slice(end, end + 24));
}

/**
 * Inside quoted speech in its paragraph: an odd number of straight quotes, or an open curly one, before it.
 * Mentions come in text order, so the quotes are counted on from the previous mention, and a paragraph
 * break (`\n\n`) met on the way starts the count again: no search back for the paragraph's start per
 * mention.
 */
export class DialogueTracker {
  private counted = -1;
  private straight = 0;
  private curly = 0;

  isInDialogue(text: string, start: number): boolean {
    if (this.counted === -1 || start < this.counted) {
      this.counted = text.lastIndexOf('\n\n', start) + 1;
      this.straight = 0;
      this.curly = 0;
    }
    for (let i = this.counted; i < start; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) this.straight++;
      else if (ch === 0x201c) this.curly++;
      else if (ch === 0x201d) this.curly--;
      else if (ch === 10 && text.charCodeAt(i + 1) === 10) {
        this.straight = 0;
        this.curly = 0;
      }
    }
    this.counted = start;
    return this.straight % 2 === 1 || this.curly > 0;
  }
}

/** A name used to address someone in dialogue: `"Will, wait!"`, `"Hey, Will."`, `"Thanks, Red?"`. */
export function isVocative(text: string, start: number, end: number): boolean {
  const after = text.charCodeAt(end);
  const last = start >= 1 ? text.charCodeAt(start - 1) : -1;
  // `"Will,` or `“Will!`: speech opens on the name and a pause follows it.
  const openedSpeech = (last === 34 || last === 0x201c) && (after === 44 || after === 33 || after === 63);
  // `, Will."`: the name closes a clause and the speech within three characters.
  const addressed =
    start >= 2 &&
    text.charCodeAt(start - 2) === 44 &&
    last === 32 &&
    (after === 46 || after === 33 || after === 63 || after === 44) &&
    [end, end + 1, end + 2].some((at) => {
      const code = text.charCodeAt(at);
      return code === 34 || code === 0x201d;
    });
  return openedSpeech || addressed;
}
