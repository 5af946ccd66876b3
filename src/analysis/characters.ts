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
  candidates: KnownCharacter[];
  /** Every alias that matched here, one per candidate: each with its own ambiguity. */
  matched: KnownAlias[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
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

interface Token {
  lower: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    let word = match[0];
    let end = match.index + word.length;
    // Possessives: `Willow's`, `Willow’s`, `James'`.
    const last = word.charCodeAt(word.length - 1);
    if ((last === 115 || last === 83) && (word.endsWith("'s") || word.endsWith('’s'))) {
      word = word.slice(0, -2);
      end -= 2;
    } else if (word.endsWith("'") || word.endsWith('’') || word.endsWith('-')) {
      word = word.slice(0, -1);
      end -= 1;
    }
    if (!word) continue;
    tokens.push({ lower: word.toLowerCase().replace(/’/g, "'"), start: match.index, end });
  }
  return tokens;
}

/** Every occurrence of every known alias, longest alias first at each position. */
export function findMentions(chapters: readonly ChapterText[], knowledge: Knowledge): Mention[] {
  const mentions: Mention[] = [];
  for (const chapter of chapters) {
    const text = chapter.text;
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const candidates = knowledge.aliasesByFirstWord.get(token.lower);
      if (!candidates) continue;
      let matched: KnownAlias[] | null = null;
      let length = 0;
      for (const alias of candidates) {
        if (matched && alias.words.length < length) break;
        if (!aliasMatchesAt(alias, tokens, i, text)) continue;
        if (!matched) {
          matched = [alias];
          length = alias.words.length;
        } else if (alias.words.length === length) matched.push(alias);
      }
      if (!matched) continue;
      const lastToken = tokens[i + length - 1] as Token;
      const start = token.start;
      const end = lastToken.end;
      const firstChar = text.charCodeAt(start);
      const capitalized =
        firstChar >= 65 && firstChar <= 90
          ? true
          : firstChar > 127 && text[start] !== text[start]?.toLowerCase();
      const previous = tokens[i - 1];
      const sentenceInitial = isSentenceInitial(text, start, previous);
      const vocative = isVocative(text, start, end);
      const inDialogue = isInDialogue(text, start);
      const honorific =
        previous !== undefined &&
        HONORIFICS.has(previous.lower.replace(/\.$/, '')) &&
        start - previous.end <= 2;
      // A shared alias names several characters; each is a candidate until the context decides.
      const characters = [...new Set(matched.map((alias) => alias.character))];
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
        acts: !inDialogue && ACTING.test(text.slice(end, end + 24)),
        candidates: characters,
        matched,
      });
      i += length - 1;
    }
  }
  return mentions;
}

function aliasMatchesAt(alias: KnownAlias, tokens: Token[], index: number, text: string): boolean {
  for (let w = 1; w < alias.words.length; w++) {
    const token = tokens[index + w];
    const previous = tokens[index + w - 1] as Token;
    if (!token || token.lower !== alias.words[w]) return false;
    // Words of one alias sit next to each other (a space, a period after `Mrs`), not across sentences.
    const gap = text.slice(previous.end, token.start);
    if (gap.length > 3 || /[,;:!?"“”\n]/.test(gap)) return false;
  }
  return true;
}

function isSentenceInitial(text: string, start: number, previous: Token | undefined): boolean {
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
    (ch === '—' && previous === undefined)
  )
    return true;
  return false;
}

// A verb right after a name in narration (`Willow found`, `Ron and Percy dug`, `George didn't`).
const ACTING_VERBS =
  'said|was|had|is|did|could|would|can|will|stood|sat|ran|went|came|took|made|found|knew|thought|felt|saw|told|got|kept|held|let|put|left|brought|began|fell|stayed|read|led|fought|caught|wrote|drew|threw|shook|woke|swore|spoke|sang|lay|hid|bit|hit|cut|shut|slid|spun|stuck|struck|swept|wept|won|wore|dug|knelt|hung|sent|built|grew|flew|drove|rode|rose|broke|chose|froze|stole|wound|gave|ate|drank|sank|swam|rang|bent|lent|meant|slept|crept|leapt|lit|met|paid|sold|taught|bought|sought|understood|forgot|forgave|tore|just|never|only|still';
const ACTING = new RegExp(
  `^(?:\\s+and\\s+\\p{Lu}[\\p{L}'-]+)?\\s+(?:[a-z]+ed|[a-z]{2,}s|(?:did|was|were|had|could|would|should|is|does|has)n['’]t|${ACTING_VERBS})\\b`,
  'u',
);

/** Inside quoted speech in its paragraph: an odd number of straight quotes, or an open curly one, before it. */
function isInDialogue(text: string, start: number): boolean {
  const paragraphStart = text.lastIndexOf('\n\n', start) + 1;
  let straight = 0;
  let curly = 0;
  for (let i = paragraphStart; i < start; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) straight++;
    else if (ch === 0x201c) curly++;
    else if (ch === 0x201d) curly--;
  }
  return straight % 2 === 1 || curly > 0;
}

/** A name used to address someone in dialogue: `"Will, wait!"`, `"Hey, Will."`, `"Thanks, Red?"`. */
function isVocative(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.charAt(end);
  const openedSpeech = /["“]$/.test(before) && /[,!?]/.test(after);
  const addressed = /, $/.test(before) && /[.!?,]/.test(after) && /["”]/.test(text.slice(end, end + 3));
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
 * Decide which mentions count. An unambiguous alias always counts. A title alias (`Buffy`) counts when
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
