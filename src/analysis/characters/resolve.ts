import type { KnownCharacter } from '../knowledge.ts';
import type { Mention } from './mentions.ts';

export interface CharacterCounts {
  character: KnownCharacter;
  total: number;
  perChapter: number[];
  mentions: Mention[];
}

/**
 * Whether every one of some people is mentioned at least `share` times as often as the most mentioned
 * character: the people a story is about, not a face in a crowded scene or someone remembered once.
 */
export function mentionedBeside(
  counts: ReadonlyMap<KnownCharacter, CharacterCounts>,
  share: number,
): (members: readonly KnownCharacter[]) => boolean {
  let most = 0;
  for (const entry of counts.values()) if (entry.total > most) most = entry.total;
  return (members) => members.every((member) => (counts.get(member)?.total ?? 0) >= most * share);
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
