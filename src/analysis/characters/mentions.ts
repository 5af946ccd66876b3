import type { Knowledge, KnownAlias, KnownCharacter } from '../knowledge.ts';
import type { ChapterText } from '../passages.ts';
import {
  DialogueTracker,
  followsHonorific,
  isSentenceInitial,
  isVocative,
  namesActor,
} from './mention-context.ts';
import { hashWord, Words } from './words.ts';

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

/**
 * The aliases by the hash of their first word, longest first, with a table of the hashes' low 20 bits: a word
 * whose slot is empty starts no alias, told by one array read per word of every story, which is cheaper
 * than a Set look-up on the analysis's hottest loop. A word whose slot is taken finds its aliases by its hash and compares its
 * characters with theirs, so no word of the story becomes a string on the way.
 */
const FIRST_WORD_BITS = 0xfffff;
interface FirstWords {
  table: Uint8Array;
  byHash: Map<number, AliasesOfFirstWord>;
}
/**
 * One first word's aliases: those of one word, and by the hash of their second word those of several, each
 * list with the one-word aliases after it. `the` starts many aliases and is one of a story's commonest
 * words: the word after it picks the few to compare.
 */
interface AliasesOfFirstWord {
  single: KnownAlias[];
  bySecond: Map<number, KnownAlias[]>;
}
const firstWordIndexes = new WeakMap<Knowledge['aliasesByFirstWord'], FirstWords>();

function firstWordsOf(aliases: Knowledge['aliasesByFirstWord']): FirstWords {
  let index = firstWordIndexes.get(aliases);
  if (!index) {
    index = { table: new Uint8Array(FIRST_WORD_BITS + 1), byHash: new Map() };
    const shared = new Map<number, KnownAlias[]>();
    for (const [word, list] of aliases) {
      const hash = hashWord(word);
      index.table[hash & FIRST_WORD_BITS] = 1;
      // Two first words with one hash share a list, still longest first.
      shared.set(
        hash,
        [...(shared.get(hash) ?? []), ...list].sort((a, b) => b.words.length - a.words.length),
      );
    }
    for (const [hash, list] of shared) {
      const single = list.filter((alias) => alias.words.length === 1);
      const bySecond = new Map<number, KnownAlias[]>();
      for (const second of new Set(list.flatMap((alias) => alias.words.slice(1, 2)).map(hashWord)))
        bySecond.set(second, [
          ...list.filter((alias) => alias.words.length > 1 && hashWord(alias.words[1] as string) === second),
          ...single,
        ]);
      index.byHash.set(hash, { single, bySecond });
    }
    firstWordIndexes.set(aliases, index);
  }
  return index;
}

/**
 * An alias's `matched` and `candidates` lists for the mentions it alone matched, made once: a long story
 * has hundreds of thousands of mentions, nearly all of one alias alone, and they share its two lists.
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
  // One word buffer for the whole story, filled anew per chapter.
  const words = new Words();
  for (const chapter of chapters) {
    const text = chapter.text;
    words.scan(text);
    const dialogue = new DialogueTracker();
    const { count, starts, ends } = words;
    for (let i = 0; i < count; i++) {
      const hash = words.hashes[i] as number;
      if (table[hash & FIRST_WORD_BITS] === 0) continue;
      const aliases = byHash.get(hash);
      if (!aliases) continue;
      const candidates =
        (i + 1 < count && aliases.bySecond.get(words.hashes[i + 1] as number)) || aliases.single;
      // The longest aliases that match here: nearly always one, whose lists are shared (see `single`).
      let first: KnownAlias | null = null;
      let more: KnownAlias[] | null = null;
      let length = 0;
      for (const alias of candidates) {
        if (first && alias.words.length < length) break;
        if (!words.is(i, alias.words[0] as string) || !aliasMatchesAt(words, alias, i, text)) continue;
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
      const honorific = followsHonorific(words, i);
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
        acts: !inDialogue && namesActor(text, end),
        candidates: lists.candidates,
        matched,
      });
      i += length - 1;
    }
  }
  return mentions;
}

function aliasMatchesAt(words: Words, alias: KnownAlias, index: number, text: string): boolean {
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
