import { isLetterOrDigitAt, pairSize } from '../ingest/text.ts';
import type { Knowledge, KnownAlias, KnownCharacter } from './knowledge.ts';
import type { ChapterText } from './passages.ts';

/** One place a character's alias occurs in the story text. */
export interface Mention {
  character: KnownCharacter;
  alias: KnownAlias;
  chapter: number;
  start: number;
  end: number;
  capitalized: boolean;
  sentenceInitial: boolean;
  vocative: boolean;
  /** Inside quoted speech: the character is talked about or to, not necessarily present. */
  inDialogue: boolean;
  /** In narration, followed by a verb (`Willow found her`, `when Xander came up the stairs`): on the page. */
  acts: boolean;
  /** Characters sharing this alias (`Summers`): the mention goes to one of them once resolved. */
  candidates: readonly KnownCharacter[];
  /** Every alias that matched here, one per candidate: each with its own ambiguity. */
  matched: readonly KnownAlias[];
}

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

/**
 * The words of a text as the alias matcher sees them: a word starts with a letter or digit and runs on
 * through letters, digits, apostrophes and hyphens (`[\p{L}\p{N}][\p{L}\p{N}'’-]*`); a possessive `'s` or
 * one trailing apostrophe or hyphen is not part of it. Kept as offsets in typed arrays, with a hash of each
 * word's lower-case form, so the millions of words that are no alias cost no string and no object.
 */
class Words {
  count = 0;
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  hashes = new Int32Array(1024);
  private text = '';

  scan(text: string): void {
    this.text = text;
    this.count = 0;
    const length = text.length;
    let i = 0;
    while (i < length) {
      // Find the next letter or digit.
      let code = text.charCodeAt(i);
      if (code < 128) {
        if (ASCII_CLASS[code] !== WORD_START) {
          i++;
          continue;
        }
      } else {
        const size = pairSize(text, i, code);
        if (!isLetterOrDigitAt(text, i, size)) {
          i += size;
          continue;
        }
      }
      const start = i;
      let hash = FNV_OFFSET;
      // ASCII and curly apostrophes only (`don’t`): hashed as read, the apostrophe as `'`.
      let plain = true;
      while (i < length) {
        code = text.charCodeAt(i);
        if (code < 128) {
          if (ASCII_CLASS[code] === OTHER) break;
          hash = Math.imul(hash ^ folded(code), FNV_PRIME);
          i++;
        } else if (code === 0x2019) {
          hash = Math.imul(hash ^ folded(code), FNV_PRIME);
          i++;
        } else {
          const size = pairSize(text, i, code);
          if (!isLetterOrDigitAt(text, i, size)) break;
          plain = false;
          i += size;
        }
      }
      let end = i;
      // Possessives (`Willow's`, `Willow’s`) and a trailing apostrophe or hyphen (`James'`).
      const last = text.charCodeAt(end - 1);
      const beforeLast = text.charCodeAt(end - 2);
      let trimmed = 0;
      if (last === 115 && end - 2 > start && (beforeLast === 39 || beforeLast === 0x2019)) trimmed = 2;
      else if (last === 39 || last === 0x2019 || last === 45) trimmed = 1;
      end -= trimmed;
      if (!plain) hash = hashWord(this.lowerOf(start, end));
      else if (trimmed > 0) hash = this.plainHash(start, end);
      this.push(start, end, hash);
    }
  }

  /** Whether the word's lower-case form, curly apostrophes made straight, is `lower`. */
  is(index: number, lower: string): boolean {
    const start = this.starts[index] as number;
    const end = this.ends[index] as number;
    if (end - start !== lower.length) {
      // Lower case changes a word's length only outside ASCII (`İ`): a word of ASCII letters of another
      // length is another word, told without making its lower-case string (a name's second word is compared
      // with every word after its first).
      for (let at = start; at < end; at++)
        if (this.text.charCodeAt(at) > 127) return this.lower(index) === lower;
      return false;
    }
    for (let at = start; at < end; at++) {
      const code = this.text.charCodeAt(at);
      // Case outside ASCII: compare the strings.
      if (code > 127 && code !== 0x2019) return this.lower(index) === lower;
      if (folded(code) !== lower.charCodeAt(at - start)) return false;
    }
    return true;
  }

  /** `hashWord(lowerOf(start, end))` of a word of ASCII and curly apostrophes, without making the string. */
  private plainHash(start: number, end: number): number {
    let hash = FNV_OFFSET;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ folded(this.text.charCodeAt(at)), FNV_PRIME);
    return hash;
  }

  /** The word's lower-case form, curly apostrophes made straight. */
  lower(index: number): string {
    return this.lowerOf(this.starts[index] as number, this.ends[index] as number);
  }

  private lowerOf(start: number, end: number): string {
    const word = this.text.slice(start, end).toLowerCase();
    return word.includes('’') ? word.replace(/’/g, "'") : word;
  }

  private push(start: number, end: number, hash: number): void {
    if (this.count === this.starts.length) {
      const grow = (array: Int32Array) => {
        const bigger = new Int32Array(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.hashes = grow(this.hashes);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.hashes[this.count] = hash;
    this.count++;
  }
}

const OTHER = 0;
const WORD_START = 1;
const WORD_PART = 2;
/** ASCII characters: letters and digits start and continue a word; `'` and `-` only continue one. */
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const ch = String.fromCharCode(code);
  ASCII_CLASS[code] = /[A-Za-z0-9]/.test(ch) ? WORD_START : ch === "'" || ch === '-' ? WORD_PART : OTHER;
}

/** An ASCII character or curly apostrophe as a word's lower-case form has it: `A` as `a`, `’` as `'`. */
function folded(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code === 0x2019 ? 39 : code;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function hashWord(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** The honorifics' word hashes: most words before a name are none, and are told so without a string. */
const HONORIFIC_HASHES = new Set([...HONORIFICS].map(hashWord));

/**
 * The aliases by the hash of their first word, longest first, with a table of the hashes' low 20 bits: a word
 * whose slot is empty starts no alias, told by one array read per word of every story (a Set look-up cost
 * several times as much). A word whose slot is taken finds its aliases by its hash and compares its
 * characters with theirs, so no word of the story becomes a string on the way.
 */
const FIRST_WORD_BITS = 0xfffff;
interface FirstWords {
  table: Uint8Array;
  byHash: Map<number, KnownAlias[]>;
}
const firstWordIndexes = new WeakMap<Knowledge['aliasesByFirstWord'], FirstWords>();

function firstWordsOf(aliases: Knowledge['aliasesByFirstWord']): FirstWords {
  let index = firstWordIndexes.get(aliases);
  if (!index) {
    index = { table: new Uint8Array(FIRST_WORD_BITS + 1), byHash: new Map() };
    for (const [word, list] of aliases) {
      const hash = hashWord(word);
      index.table[hash & FIRST_WORD_BITS] = 1;
      // Two first words with one hash share a list, still longest first.
      const shared = [...(index.byHash.get(hash) ?? []), ...list];
      index.byHash.set(
        hash,
        shared.sort((a, b) => b.words.length - a.words.length),
      );
    }
    firstWordIndexes.set(aliases, index);
  }
  return index;
}

const words = new Words();

/** The words of a text as the alias matcher splits them (for tests). */
export function matcherWords(text: string): { start: number; end: number; lower: string }[] {
  const scanned = new Words();
  scanned.scan(text);
  return Array.from({ length: scanned.count }, (_, i) => ({
    start: scanned.starts[i] as number,
    end: scanned.ends[i] as number,
    lower: scanned.lower(i),
  }));
}

/**
 * An alias's `matched` and `candidates` lists for the mentions it alone matched, made once: a long story
 * has hundreds of thousands of mentions, and two fresh arrays each were a good part of what the analysis
 * allocates.
 */
type MentionLists = Pick<Mention, 'matched' | 'candidates'>;
const singles = new WeakMap<KnownAlias, MentionLists>();

function single(alias: KnownAlias): MentionLists {
  let lists = singles.get(alias);
  if (!lists) {
    lists = { matched: Object.freeze([alias]), candidates: Object.freeze([alias.character]) };
    singles.set(alias, lists);
  }
  return lists;
}

/**
 * Every occurrence of every known alias, longest alias first at each position, but for one-word aliases in
 * lower case: `resolveMentions` and the fandom scores take only capitalized names and names of several words,
 * and lower-case common words (`will`, `dawn`) are most of what the aliases match in a story.
 */
export function findMentions(chapters: readonly ChapterText[], knowledge: Knowledge): Mention[] {
  const mentions: Mention[] = [];
  const { table, byHash } = firstWordsOf(knowledge.aliasesByFirstWord);
  for (const chapter of chapters) {
    const text = chapter.text;
    words.scan(text);
    const dialogue = new DialogueTracker();
    const { count, starts, ends } = words;
    for (let i = 0; i < count; i++) {
      const hash = words.hashes[i] as number;
      if (table[hash & FIRST_WORD_BITS] === 0) continue;
      const candidates = byHash.get(hash);
      if (!candidates) continue;
      // The longest aliases that match here: nearly always one, whose lists are shared (see `single`).
      let first: KnownAlias | null = null;
      let more: KnownAlias[] | null = null;
      let length = 0;
      for (const alias of candidates) {
        if (first && alias.words.length < length) break;
        if (!words.is(i, alias.words[0] as string) || !aliasMatchesAt(alias, i, text)) continue;
        if (!first) {
          first = alias;
          length = alias.words.length;
        } else if (alias.words.length === length) {
          more ??= [first];
          more.push(alias);
        }
      }
      if (!first) continue;
      const start = starts[i] as number;
      const firstChar = text.charCodeAt(start);
      const capitalized =
        firstChar >= 65 && firstChar <= 90
          ? true
          : firstChar > 127 && text[start] !== text[start]?.toLowerCase();
      // A one-word name in lower case (`will`, `dawn`, `spike`, and in the end any name so written) counts
      // nowhere: its words are taken, but no mention is made.
      if (!capitalized && length === 1) continue;
      // A shared alias names several characters; each is a candidate until the context decides.
      const lists = more
        ? { matched: more, candidates: [...new Set(more.map((alias) => alias.character))] }
        : single(first);
      const matched = lists.matched;
      const end = ends[i + length - 1] as number;
      const hasPrevious = i > 0;
      const sentenceInitial = isSentenceInitial(text, start, hasPrevious);
      const vocative = isVocative(text, start, end);
      const inDialogue = dialogue.isInDialogue(text, start);
      const honorific =
        hasPrevious &&
        start - (ends[i - 1] as number) <= 2 &&
        HONORIFIC_HASHES.has(words.hashes[i - 1] as number) &&
        HONORIFICS.has(words.lower(i - 1));
      const best = matched.find((alias) => alias.ambiguity === 'none') ?? (matched[0] as KnownAlias);
      mentions.push({
        character: best.character,
        alias: honorific && best.ambiguity === 'common-word' ? { ...best, ambiguity: 'shared' } : best,
        chapter: chapter.number,
        start,
        end,
        capitalized,
        sentenceInitial,
        vocative,
        inDialogue,
        acts: !inDialogue && mayBeSpace(text.charCodeAt(end)) && ACTING.test(text.slice(end, end + 24)),
        candidates: lists.candidates,
        matched,
      });
      i += length - 1;
    }
  }
  return mentions;
}

function aliasMatchesAt(alias: KnownAlias, index: number, text: string): boolean {
  for (let w = 1; w < alias.words.length; w++) {
    if (index + w >= words.count || !words.is(index + w, alias.words[w] as string)) return false;
    // Words of one alias sit next to each other (a space, a period after `Mrs`), not across sentences.
    const gapStart = words.ends[index + w - 1] as number;
    const gapEnd = words.starts[index + w] as number;
    if (gapEnd - gapStart > 3) return false;
    for (let at = gapStart; at < gapEnd; at++) if (breaksAlias(text.charCodeAt(at))) return false;
  }
  return true;
}

/** `,;:!?"“”` or a line break between two words: they are not one name. */
function breaksAlias(code: number): boolean {
  return (
    code === 44 ||
    code === 59 ||
    code === 58 ||
    code === 33 ||
    code === 63 ||
    code === 34 ||
    code === 0x201c ||
    code === 0x201d ||
    code === 10
  );
}

function isSentenceInitial(text: string, start: number, hasPrevious: boolean): boolean {
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

/**
 * Inside quoted speech in its paragraph: an odd number of straight quotes, or an open curly one, before it.
 * Mentions come in text order, so the quotes are counted on from the previous mention, and a paragraph
 * break (`\n\n`) met on the way starts the count again: no search back for the paragraph's start per
 * mention.
 */
class DialogueTracker {
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
function isVocative(text: string, start: number, end: number): boolean {
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

export interface CharacterCounts {
  character: KnownCharacter;
  total: number;
  perChapter: number[];
  mentions: Mention[];
}

export interface ResolveContext {
  /** Fandoms established by evidence other than ambiguous names. */
  fandoms: Set<string>;
  chapterCount: number;
}

/**
 * Decide which mentions count: only those of characters of the story's fandoms. An unambiguous alias always counts. A title alias (`Buffy`) counts when
 * capitalized. A shared alias (`Summers`) goes to the candidate with the most counted mentions before it,
 * or overall. A common-word alias (`Will`, `Dawn`, `Faith`) counts only when capitalized mid-sentence or
 * used to address someone, in a story of that character's fandom; at the start of a sentence it counts only
 * when the same character is named mid-sentence elsewhere in the story.
 */
export function resolveMentions(
  mentions: readonly Mention[],
  context: ResolveContext,
): Map<KnownCharacter, CharacterCounts> {
  const counts = new Map<KnownCharacter, CharacterCounts>();
  const count = (character: KnownCharacter, mention: Mention) => {
    let entry = counts.get(character);
    if (!entry) {
      entry = { character, total: 0, perChapter: new Array(context.chapterCount).fill(0), mentions: [] };
      counts.set(character, entry);
    }
    entry.total++;
    entry.perChapter[mention.chapter - 1] = (entry.perChapter[mention.chapter - 1] ?? 0) + 1;
    entry.mentions.push(mention.character === character ? mention : { ...mention, character });
  };
  const inFandom = (character: KnownCharacter) =>
    context.fandoms.size === 0 ? false : character.fandoms.some((fandom) => context.fandoms.has(fandom));

  // Pass 1: unambiguous and title aliases; mid-sentence common words.
  const deferred: Mention[] = [];
  const midSentence = new Map<KnownCharacter, number>();
  for (const mention of mentions) {
    const { ambiguity } = mention.alias;
    // A pack's names count only in a story of its fandom: `Connor` in a story of another show is its own
    // Connor, and `Hank` anyone's.
    if (!inFandom(mention.character) && mention.candidates.every((candidate) => !inFandom(candidate)))
      continue;
    if (ambiguity === 'none' && mention.candidates.length === 1) {
      if (mention.capitalized || mention.alias.words.length > 1) count(mention.character, mention);
      continue;
    }
    if (ambiguity === 'title') {
      if (mention.capitalized && mention.candidates.length === 1) count(mention.character, mention);
      else deferred.push(mention);
      continue;
    }
    if (ambiguity === 'common-word' && mention.candidates.length === 1) {
      if (!mention.capitalized || !inFandom(mention.character)) continue;
      if (!mention.sentenceInitial || mention.vocative) {
        count(mention.character, mention);
        midSentence.set(mention.character, (midSentence.get(mention.character) ?? 0) + 1);
      } else deferred.push(mention);
      continue;
    }
    deferred.push(mention);
  }

  // Pass 2: sentence-initial common words and shared aliases, in the light of pass 1.
  const sentenceInitial: { mention: Mention; character: KnownCharacter }[] = [];
  for (const mention of deferred) {
    if (!mention.capitalized) continue;
    const candidates = mention.candidates.filter((candidate) => inFandom(candidate) || counts.has(candidate));
    if (candidates.length === 0) continue;
    // Narrowed to one character: that character's own alias decides how strict to be (`Fred` is a common
    // word for Fred Burkle but only a shared first name for Fred Weasley).
    const own =
      candidates.length === 1
        ? mention.matched.find((alias) => alias.character === candidates[0])
        : undefined;
    if ((own ?? mention.alias).ambiguity === 'common-word' && candidates.length === 1) {
      const character = candidates[0] as KnownCharacter;
      if (!inFandom(character)) continue;
      if (!mention.sentenceInitial || mention.vocative) {
        count(character, mention);
        midSentence.set(character, (midSentence.get(character) ?? 0) + 1);
      } else sentenceInitial.push({ mention, character });
      continue;
    }
    // One candidate in the story's fandoms: it is that character (`Harry` in a Harry Potter story).
    const chosen =
      candidates.length === 1
        ? (candidates[0] as KnownCharacter)
        : chooseCandidate(candidates, mention, counts);
    if (chosen) count(chosen, mention);
  }

  // Pass 3: a common word at the start of a sentence counts once the character is named mid-sentence.
  for (const { mention, character } of sentenceInitial) {
    if ((midSentence.get(character) ?? 0) >= 1 || (counts.get(character)?.total ?? 0) >= 2)
      count(character, mention);
  }
  return counts;
}

function chooseCandidate(
  candidates: KnownCharacter[],
  mention: Mention,
  counts: Map<KnownCharacter, CharacterCounts>,
): KnownCharacter | null {
  let best: KnownCharacter | null = null;
  let bestScore = 0;
  for (const candidate of candidates) {
    const entry = counts.get(candidate);
    if (!entry) continue;
    // Recent mentions in the same chapter weigh most.
    let score = entry.total * 0.1;
    for (const other of entry.mentions) {
      if (
        other.chapter === mention.chapter &&
        other.start < mention.start &&
        mention.start - other.start < 2000
      )
        score += 1;
    }
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
